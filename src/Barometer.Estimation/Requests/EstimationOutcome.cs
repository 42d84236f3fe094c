namespace Barometer.Estimation.Requests;

/// <summary>
/// One published number with its uncertainty: an estimate never travels without its standard error, interval,
/// degrees of freedom, sample size, coefficient of variation and design effect.
/// </summary>
/// <param name="EstimateId">The id of the <see cref="EstimateSpec"/> that produced the row.</param>
/// <param name="EstimateIndex">The position of that <see cref="EstimateSpec"/> in <see cref="EstimationRequest.Estimates"/>.</param>
/// <param name="Domain">A label for people: empty for the whole population; <c>var=value</c>, <c>var1=v1;var2=v2</c>, or <c>var=a - var=b</c> for a difference.</param>
/// <param name="DomainValues">
/// The domain as data: the value of every <c>by</c> variable, in the order of <see cref="EstimateSpec.By"/>. Empty for the
/// whole population and for a difference (whose two compared levels are the request's <see cref="EstimateSpec.Contrast"/>).
/// </param>
/// <param name="Category">The level of a proportion; empty otherwise.</param>
/// <param name="Value">The point estimate.</param>
/// <param name="StandardError">The design-based standard error.</param>
/// <param name="CiLow">The lower confidence limit.</param>
/// <param name="CiHigh">The upper confidence limit.</param>
/// <param name="DegreesOfFreedom">The design degrees of freedom used for the t quantile.</param>
/// <param name="N">The unweighted number of respondents used.</param>
/// <param name="Cv">The coefficient of variation, SE / |estimate| (NaN when the estimate is 0).</param>
/// <param name="DesignEffect">Variance relative to simple random sampling without replacement of the same size (Kish's deff as R's <c>deff=TRUE</c>).</param>
public sealed record EstimateRow(
    string EstimateId,
    int EstimateIndex,
    string Domain,
    IReadOnlyList<DomainValue> DomainValues,
    string Category,
    double Value,
    double StandardError,
    double CiLow,
    double CiHigh,
    double DegreesOfFreedom,
    int N,
    double Cv,
    double DesignEffect);

/// <summary>The value of one <c>by</c> variable that defines a domain.</summary>
/// <param name="Variable">The <c>by</c> variable (a column of the data).</param>
/// <param name="Code">Its value in the domain, as written in the data (numbers in round-trip form).</param>
public sealed record DomainValue(string Variable, string Code);

/// <summary>
/// Something in the request or the data that keeps the estimation from running: an unknown column, a value that is
/// not a number, a lonely PSU under <see cref="LonelyPsuRule.Fail"/>, calibration that does not converge.
/// </summary>
/// <param name="Key">Where the problem is: a request key path such as <c>calibration.margins[1].totals.3</c> or <c>design.weights</c>, or a column name.</param>
/// <param name="Row">The zero-based data row at fault, when one row is.</param>
/// <param name="Message">What was expected and what was found.</param>
/// <param name="EstimateIndex">
/// The position in <see cref="EstimationRequest.Estimates"/> of the estimate the problem concerns (its key then starts
/// with <c>estimates[i]</c>); <see langword="null"/> for a problem of the design, the calibration, the replicates or the data as a whole.
/// </param>
public sealed record EstimationProblem(string Key, int? Row, string Message, int? EstimateIndex);

/// <summary>The result of an estimation run: rows, or the problems that prevented them.</summary>
public sealed class EstimationOutcome
{
    private EstimationOutcome(IReadOnlyList<EstimateRow> rows, IReadOnlyList<EstimationProblem> problems)
    {
        Rows = rows;
        Problems = problems;
    }

    /// <summary>The estimates, in request order, then domain order, then category order.</summary>
    public IReadOnlyList<EstimateRow> Rows { get; }

    /// <summary>The problems; empty when <see cref="Succeeded"/>.</summary>
    public IReadOnlyList<EstimationProblem> Problems { get; }

    /// <summary>Whether the run produced its rows.</summary>
    public bool Succeeded => Problems.Count == 0;

    /// <summary>A successful outcome.</summary>
    public static EstimationOutcome Success(IReadOnlyList<EstimateRow> rows) => new(rows, []);

    /// <summary>A failed outcome with at least one problem.</summary>
    public static EstimationOutcome Failure(IReadOnlyList<EstimationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("A failure needs at least one problem.", nameof(problems));
        }

        return new(Array.Empty<EstimateRow>(), problems);
    }
}

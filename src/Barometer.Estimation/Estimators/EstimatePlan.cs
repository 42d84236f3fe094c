using System.Runtime.CompilerServices;
using Barometer.Estimation.Data;
using Barometer.Estimation.Domains;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Estimators;

/// <summary>
/// One requested estimate resolved against the data: which rows enter each domain (rows whose analysis variable is
/// missing are left out, R's <c>na.rm = TRUE</c>), how weighted sums become statistics, and each statistic's
/// influence values for linearization (Binder 1983):
/// <list type="bullet">
/// <item>total: zᵢ = wᵢ yᵢ</item>
/// <item>mean: zᵢ = wᵢ (yᵢ - ȳ) / N̂ (R's <c>svymean</c>)</item>
/// <item>proportion of level c: zᵢ = wᵢ (1[yᵢ = c] - p̂_c) / N̂</item>
/// <item>ratio: zᵢ = wᵢ (yᵢ - R̂ xᵢ) / X̂ (R's <c>svyratio</c>)</item>
/// <item>difference of two domain means: z_a - z_b, so the covariance of the two domains is included.</item>
/// </list>
/// Outside its domain a row's influence is zero: the full design is kept, as R's <c>svyby</c> and <c>subset</c> do.
/// </summary>
internal sealed class EstimatePlan
{
    private readonly int _width;
    private double[] _center = [];
    private double[] _inverse = [];

    private EstimatePlan(int specIndex, EstimateSpec spec, DomainIndex domains, int[] domainOfRow, string[] domainLabels, string[] categoryLabels, double[]? y, int[]? category, double[]? x)
    {
        SpecIndex = specIndex;
        Spec = spec;
        Domains = domains;
        DomainOfRow = domainOfRow;
        DomainLabels = domainLabels;
        CategoryLabels = categoryLabels;
        Y = y;
        Category = category;
        X = x;
        _width = 2 + CategoryCount;
    }

    public int SpecIndex { get; }

    public EstimateSpec Spec { get; }

    public EstimateType Kind => Spec.Type;

    /// <summary>The domains of the <c>by</c> variables (every row of a domain, whether or not its value is missing).</summary>
    public DomainIndex Domains { get; }

    /// <summary>The domain whose estimate each row enters, -1 when none (outside, or a missing value).</summary>
    public int[] DomainOfRow { get; }

    /// <summary>The output domains: those of <see cref="Domains"/>, or the two compared by a difference.</summary>
    public string[] DomainLabels { get; }

    public string[] CategoryLabels { get; }

    public int DomainCount => Kind == EstimateType.Difference ? 2 : DomainLabels.Length;

    public int CategoryCount => CategoryLabels.Length;

    /// <summary>Statistics (output rows) of this estimate.</summary>
    public int VisibleCount => Kind == EstimateType.Difference ? 1 : DomainLabels.Length * CategoryCount;

    /// <summary>
    /// Statistics whose variance is computed: the visible ones, followed (for logit intervals under linearization)
    /// by one companion per visible statistic, the proportion's influence centred at the logistic fit instead of
    /// at p̂ (what R's svyglm uses).
    /// </summary>
    public int StatisticCount => LogitCenters is null ? VisibleCount : 2 * VisibleCount;

    /// <summary>expit of R's logistic-fit coefficient per visible statistic, when companions are wanted.</summary>
    public double[]? LogitCenters { get; set; }

    /// <summary>The index of the first statistic among all statistics of the run.</summary>
    public int Offset { get; set; }

    /// <summary>
    /// The distance between the indices of consecutive statistics of this plan: 1, or the number of plans of an
    /// interleaved group (see <see cref="StatisticSet"/>).
    /// </summary>
    public int Stride { get; set; } = 1;

    /// <summary>The index among all statistics of the run of this plan's statistic <paramref name="local"/>.</summary>
    public int Index(int local) => Offset + (local * Stride);

    /// <summary>Whether the plan has one statistic per domain and no companions, so it can be interleaved.</summary>
    public bool Interleavable => Kind is EstimateType.Total or EstimateType.Mean or EstimateType.Ratio && LogitCenters is null;

    public double[]? Y { get; }

    public int[]? Category { get; }

    public double[]? X { get; }

    /// <summary>The length of the weighted sums this plan needs (see <see cref="Accumulate"/>).</summary>
    public int SumLength => DomainCount * _width;

    /// <summary>Respondents per domain.</summary>
    public int[] RespondentCount { get; private set; } = [];

    /// <summary>Estimates of the full-sample weights, one per statistic.</summary>
    public double[] Estimates { get; private set; } = [];

    /// <summary>Σ w (v - v̄)² per statistic, for the design effect.</summary>
    public double[] SumOfSquares { get; private set; } = [];

    /// <summary>N̂ = Σ w per domain.</summary>
    public double[] WeightTotals { get; private set; } = [];

    public static EstimatePlan? Build(int specIndex, EstimateSpec spec, ColumnResolver columns)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var log = columns.Log;
        var key = $"estimates[{specIndex}]";
        var ok = true;
        if (string.IsNullOrEmpty(spec.Variable))
        {
            log.Add(key + ".variable", "The estimate needs a variable.", specIndex);
            return null;
        }

        if (spec.Type == EstimateType.Difference)
        {
            if (spec.By.Count != 1)
            {
                log.Add(key + ".by", $"A difference compares two levels of one 'by' variable; found {spec.By.Count} by variables.", specIndex);
                ok = false;
            }

            if (spec.Contrast is not { Count: 2 })
            {
                log.Add(key + ".contrast", "A difference needs 'contrast' with exactly two levels: [first, second] for first minus second.", specIndex);
                ok = false;
            }
        }
        else if (spec.Contrast is { Count: > 0 })
        {
            log.Add(key + ".contrast", "'contrast' applies only to estimates of type difference.", specIndex);
            ok = false;
        }

        if (spec.Type == EstimateType.Ratio && string.IsNullOrEmpty(spec.Denominator))
        {
            log.Add(key + ".denominator", "A ratio needs a denominator variable.", specIndex);
            ok = false;
        }
        else if (spec.Type != EstimateType.Ratio && !string.IsNullOrEmpty(spec.Denominator))
        {
            log.Add(key + ".denominator", "'denominator' applies only to estimates of type ratio.", specIndex);
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        var domains = columns.Domains(spec.By, key, specIndex);
        double[]? y = null;
        double[]? x = null;
        CategoricalVariable? categorical = null;
        if (spec.Type == EstimateType.Proportion)
        {
            categorical = columns.Categorical(spec.Variable, key + ".variable", specIndex);
        }
        else
        {
            y = columns.Numeric(spec.Variable, key + ".variable", specIndex);
            if (spec.Type == EstimateType.Ratio)
            {
                x = columns.Numeric(spec.Denominator!, key + ".denominator", specIndex);
                ok &= x is not null;
            }

            ok &= y is not null;
        }

        if (domains is null || !ok || (spec.Type == EstimateType.Proportion && categorical is null))
        {
            return null;
        }

        if (spec.Interval != IntervalMethod.Wald && !IsProportion(spec.Type, y))
        {
            log.Add(key + ".ci", $"The {spec.Interval.ToString().ToLowerInvariant()} interval is for proportions: a proportion estimate, or a mean of a variable coded 0/1; '{spec.Variable}' is not.", specIndex);
            return null;
        }

        if (spec.Type == EstimateType.Difference && spec.Interval != IntervalMethod.Wald)
        {
            log.Add(key + ".ci", "A difference takes the Wald interval.", specIndex);
            return null;
        }

        var n = columns.RowCount;
        // Rows enter a domain unless their analysis value is missing; without missing values the domain index is
        // shared with the other estimates of the same `by` (read-only), which saves a row array per estimate.
        int[] domainOfRow;
        string[] domainLabels = domains.Labels;
        if (spec.Type == EstimateType.Difference)
        {
            var variable = domains.Variables[0];
            var a = variable.FindLevel(spec.Contrast![0]);
            var b = variable.FindLevel(spec.Contrast[1]);
            if (a < 0 || b < 0 || a == b)
            {
                var missing = a < 0 ? spec.Contrast[0] : spec.Contrast[1];
                log.Add(key + ".contrast", a == b && a >= 0
                    ? "The two contrast levels are the same."
                    : $"'{spec.By[0]}' has no level '{missing}' in the data; levels are {string.Join(", ", variable.Labels)}.", specIndex);
                return null;
            }

            domainOfRow = new int[n];
            for (var i = 0; i < n; i++)
            {
                var c = variable.Codes[i];
                domainOfRow[i] = c == a ? 0 : c == b ? 1 : -1;
            }

            domainLabels = [$"{spec.By[0]}={variable.Labels[a]} - {spec.By[0]}={variable.Labels[b]}"];
        }
        else
        {
            domainOfRow = domains.DomainOfRow;
        }

        var copied = spec.Type == EstimateType.Difference;
        for (var i = 0; i < n; i++)
        {
            if (domainOfRow[i] < 0)
            {
                continue;
            }

            var missing = categorical is not null ? categorical.Codes[i] < 0 : double.IsNaN(y![i]) || (x is not null && double.IsNaN(x[i]));
            if (missing)
            {
                if (!copied)
                {
                    domainOfRow = (int[])domainOfRow.Clone();
                    copied = true;
                }

                domainOfRow[i] = -1;
            }
        }

        var plan = new EstimatePlan(specIndex, spec, domains, domainOfRow, domainLabels, categorical?.Labels ?? [string.Empty], y, categorical?.Codes, x);
        return plan.CheckRespondents(columns.Log) ? plan : null;
    }

    /// <summary>Adds the weighted sums of every domain: per domain [Σw, Σw x, Σw u₀, ..., Σw u_{C-1}].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Accumulate(ReadOnlySpan<double> weights, Span<double> sums)
    {
        var dom = DomainOfRow;
        var width = _width;
        if (Category is { } cat)
        {
            for (var i = 0; i < dom.Length; i++)
            {
                var d = dom[i];
                if (d < 0)
                {
                    continue;
                }

                var w = weights[i];
                var at = d * width;
                sums[at] += w;
                sums[at + 2 + cat[i]] += w;
            }
        }
        else if (X is { } x)
        {
            var y = Y!;
            for (var i = 0; i < dom.Length; i++)
            {
                var d = dom[i];
                if (d < 0)
                {
                    continue;
                }

                var w = weights[i];
                var at = d * width;
                sums[at] += w;
                sums[at + 1] += w * x[i];
                sums[at + 2] += w * y[i];
            }
        }
        else
        {
            var y = Y!;
            for (var i = 0; i < dom.Length; i++)
            {
                var d = dom[i];
                if (d < 0)
                {
                    continue;
                }

                var w = weights[i];
                var at = d * width;
                sums[at] += w;
                sums[at + 2] += w * y[i];
            }
        }
    }

    /// <summary>The statistics from weighted sums (NaN where a denominator is zero).</summary>
    public void Statistics(ReadOnlySpan<double> sums, Span<double> theta)
    {
        var width = _width;
        switch (Kind)
        {
            case EstimateType.Total:
                for (var d = 0; d < DomainCount; d++)
                {
                    theta[d] = sums[(d * width) + 2];
                }

                break;
            case EstimateType.Mean:
                for (var d = 0; d < DomainCount; d++)
                {
                    theta[d] = sums[(d * width) + 2] / sums[d * width];
                }

                break;
            case EstimateType.Proportion:
                var categories = CategoryCount;
                for (var d = 0; d < DomainCount; d++)
                {
                    for (var c = 0; c < categories; c++)
                    {
                        theta[(d * categories) + c] = sums[(d * width) + 2 + c] / sums[d * width];
                    }
                }

                break;
            case EstimateType.Ratio:
                for (var d = 0; d < DomainCount; d++)
                {
                    theta[d] = sums[(d * width) + 2] / sums[(d * width) + 1];
                }

                break;
            case EstimateType.Difference:
                theta[0] = (sums[2] / sums[0]) - (sums[width + 2] / sums[width]);
                break;
            default:
                throw new InvalidOperationException("Unknown estimate type.");
        }
    }

    /// <summary>
    /// Computes the estimates with the final weights and prepares the influence coefficients; reports a domain
    /// whose denominator is zero. Returns false on a problem.
    /// </summary>
    public bool Prepare(double[] weights, ProblemLog log)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(log);
        var sums = new double[SumLength];
        Accumulate(weights, sums);
        Estimates = new double[VisibleCount];
        Statistics(sums, Estimates);
        var domains = DomainCount;
        WeightTotals = new double[domains];
        _center = new double[domains * CategoryCount];
        _inverse = new double[domains];
        for (var d = 0; d < domains; d++)
        {
            var at = d * _width;
            WeightTotals[d] = sums[at];
            var denominator = Kind == EstimateType.Ratio ? sums[at + 1] : Kind == EstimateType.Total ? 1.0 : sums[at];
            if (denominator == 0 || !double.IsFinite(denominator))
            {
                var what = Kind == EstimateType.Ratio ? $"the weighted total of '{Spec.Denominator}' is zero" : "the weights sum to zero";
                log.Add($"estimates[{SpecIndex}].by", $"In domain '{DomainName(d)}' {what}, so the {Kind.ToString().ToLowerInvariant()} is undefined.", SpecIndex);
                return false;
            }

            _inverse[d] = 1 / denominator;
            for (var c = 0; c < CategoryCount; c++)
            {
                _center[(d * CategoryCount) + c] = Kind switch
                {
                    EstimateType.Total => 0,
                    EstimateType.Ratio => sums[at + 2] / sums[at + 1],
                    _ => sums[at + 2 + c] / sums[at],
                };
            }
        }

        SumOfSquares = ComputeSumOfSquares(weights);
        return true;
    }

    /// <summary>Writes row <paramref name="row"/>'s non-zero influence values (statistic index, value) from position <paramref name="at0"/>; returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Emit(int row, double w, int[] ks, double[] zs, int at0)
    {
        var d = DomainOfRow[row];
        if (d < 0)
        {
            return 0;
        }

        switch (Kind)
        {
            case EstimateType.Total:
                ks[at0] = Offset + (d * Stride);
                zs[at0] = w * Y![row];
                return 1;
            case EstimateType.Mean:
                ks[at0] = Offset + (d * Stride);
                zs[at0] = w * (Y![row] - _center[d]) * _inverse[d];
                if (LogitCenters is { } logitMean)
                {
                    ks[at0 + 1] = Offset + VisibleCount + d;
                    zs[at0 + 1] = w * (Y![row] - logitMean[d]) * _inverse[d];
                    return 2;
                }

                return 1;
            case EstimateType.Ratio:
                ks[at0] = Offset + (d * Stride);
                zs[at0] = w * (Y![row] - (_center[d] * X![row])) * _inverse[d];
                return 1;
            case EstimateType.Proportion:
                var categories = CategoryCount;
                var own = Category![row];
                var scale = w * _inverse[d];
                var at = d * categories;
                for (var c = 0; c < categories; c++)
                {
                    ks[at0 + c] = Offset + at + c;
                    zs[at0 + c] = ((c == own ? 1.0 : 0.0) - _center[at + c]) * scale;
                }

                if (LogitCenters is { } logit)
                {
                    var companion = Offset + VisibleCount + at;
                    for (var c = 0; c < categories; c++)
                    {
                        ks[at0 + categories + c] = companion + c;
                        zs[at0 + categories + c] = ((c == own ? 1.0 : 0.0) - logit[at + c]) * scale;
                    }

                    return 2 * categories;
                }

                return categories;
            case EstimateType.Difference:
                ks[at0] = Offset;
                var z = w * (Y![row] - _center[d]) * _inverse[d];
                zs[at0] = d == 0 ? z : -z;
                return 1;
            default:
                throw new InvalidOperationException("Unknown estimate type.");
        }
    }

    /// <summary>The domain of a statistic as data; empty for a difference, whose domains are its contrast.</summary>
    public DomainValue[] DomainValuesOfStatistic(int k) => Kind == EstimateType.Difference ? [] : Domains.Values[k / CategoryCount];

    /// <summary>The domain label of a statistic.</summary>
    public string DomainOfStatistic(int k) => Kind == EstimateType.Difference ? DomainLabels[0] : DomainLabels[k / CategoryCount];

    /// <summary>The category label of a statistic.</summary>
    public string CategoryOfStatistic(int k) => Kind == EstimateType.Proportion ? CategoryLabels[k % CategoryCount] : string.Empty;

    /// <summary>Respondents behind a statistic.</summary>
    public int RespondentsOfStatistic(int k) => Kind == EstimateType.Difference ? RespondentCount[0] + RespondentCount[1] : RespondentCount[k / CategoryCount];

    /// <summary>The output domain index of a statistic (0 for a difference).</summary>
    public int DomainIndexOfStatistic(int k) => Kind == EstimateType.Difference ? 0 : k / CategoryCount;

    /// <summary>The 0/1 value of the variable behind visible statistic <paramref name="k"/> in row <paramref name="row"/>.</summary>
    public double Indicator(int row, int k) => Kind == EstimateType.Proportion ? (Category![row] == k % CategoryCount ? 1.0 : 0.0) : Y![row];

    private static bool IsProportion(EstimateType type, double[]? y)
    {
        if (type == EstimateType.Proportion)
        {
            return true;
        }

        if (type != EstimateType.Mean || y is null)
        {
            return false;
        }

        foreach (var v in y)
        {
            if (!double.IsNaN(v) && v != 0 && v != 1)
            {
                return false;
            }
        }

        return true;
    }

    private string DomainName(int d) => Kind == EstimateType.Difference
        ? $"{Spec.By[0]}={Spec.Contrast![d]}"
        : DomainLabels[d].Length == 0 ? "(whole population)" : DomainLabels[d];

    private bool CheckRespondents(ProblemLog log)
    {
        RespondentCount = new int[DomainCount];
        foreach (var d in DomainOfRow)
        {
            if (d >= 0)
            {
                RespondentCount[d]++;
            }
        }

        var ok = true;
        for (var d = 0; d < DomainCount; d++)
        {
            if (RespondentCount[d] == 0)
            {
                var values = Kind == EstimateType.Ratio ? $"values of both '{Spec.Variable}' and '{Spec.Denominator}'" : $"a value of '{Spec.Variable}'";
                log.Add($"estimates[{SpecIndex}].{(Spec.By.Count > 0 ? "by" : "variable")}", $"Domain '{DomainName(d)}' has no respondent with {values}, so the estimate is undefined (R gives NaN).", SpecIndex);
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>Σ w (v - v̄)² of the variable behind each statistic: y (mean, total), the indicator (proportion), y - R̂x scaled by 1/X̂ (ratio).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double[] ComputeSumOfSquares(double[] weights)
    {
        var result = new double[VisibleCount];
        if (Kind == EstimateType.Difference)
        {
            return result;
        }

        if (Kind == EstimateType.Proportion)
        {
            for (var d = 0; d < DomainCount; d++)
            {
                for (var c = 0; c < CategoryCount; c++)
                {
                    var p = _center[(d * CategoryCount) + c];
                    result[(d * CategoryCount) + c] = WeightTotals[d] * p * (1 - p);
                }
            }

            return result;
        }

        var y = Y!;
        var dom = DomainOfRow;
        var mean = new double[DomainCount];
        for (var d = 0; d < DomainCount; d++)
        {
            mean[d] = Kind == EstimateType.Ratio ? _center[d] : Estimates[d] / (Kind == EstimateType.Total ? WeightTotals[d] : 1.0);
        }

        for (var i = 0; i < dom.Length; i++)
        {
            var d = dom[i];
            if (d < 0)
            {
                continue;
            }

            var v = Kind == EstimateType.Ratio ? (y[i] - (mean[d] * X![i])) * _inverse[d] : y[i] - mean[d];
            result[d] += weights[i] * v * v;
        }

        if (Kind == EstimateType.Ratio)
        {
            // R's svyvar centres r = (y - R̂x)/X̂ at its weighted mean, which is zero up to rounding.
            var meanR = new double[DomainCount];
            for (var i = 0; i < dom.Length; i++)
            {
                var d = dom[i];
                if (d >= 0)
                {
                    meanR[d] += weights[i] * (y[i] - (mean[d] * X![i])) * _inverse[d];
                }
            }

            for (var d = 0; d < DomainCount; d++)
            {
                var m = meanR[d] / WeightTotals[d];
                result[d] -= WeightTotals[d] * m * m;
            }
        }

        return result;
    }
}

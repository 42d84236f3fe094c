namespace Barometer.Estimation.Requests;

/// <summary>
/// Everything one estimation run needs besides the data: the sampling design, optional calibration, optional
/// replicate weights, and the estimates to compute. It mirrors the design file of <c>barometer estimate</c>.
/// </summary>
/// <param name="Design">How the sample was drawn.</param>
/// <param name="Calibration">Calibration of the design weights to known totals, or <see langword="null"/>.</param>
/// <param name="Replicates">Replicate-weight variance instead of linearization, or <see langword="null"/>.</param>
/// <param name="Estimates">The estimates to compute, each with a unique id.</param>
/// <param name="Level">The confidence level of the intervals, in (0, 1).</param>
public sealed record EstimationRequest(
    DesignSpec Design,
    CalibrationSpec? Calibration,
    ReplicateSpec? Replicates,
    IReadOnlyList<EstimateSpec> Estimates,
    double Level = 0.95);

/// <summary>The sampling design, as R's <c>svydesign(ids, strata, fpc, weights)</c>.</summary>
/// <param name="Ids">Cluster id column per stage; empty for element sampling (R's <c>ids = ~1</c>).</param>
/// <param name="Strata">The stratum column of the first stage, or <see langword="null"/>.</param>
/// <param name="Fpc">Per stage: a column holding the population count, or the sampling fraction when every value is ≤ 1. Empty for no correction.</param>
/// <param name="Weights">The sampling-weight column; <see langword="null"/> to derive weights from <paramref name="Fpc"/>.</param>
/// <param name="LonelyPsu">What to do with a stratum that has a single PSU (R's <c>survey.lonely.psu</c>).</param>
public sealed record DesignSpec(
    IReadOnlyList<string> Ids,
    string? Strata,
    IReadOnlyList<string> Fpc,
    string? Weights,
    LonelyPsuRule LonelyPsu = LonelyPsuRule.Fail);

/// <summary>Options of R's <c>options(survey.lonely.psu=)</c>.</summary>
public enum LonelyPsuRule
{
    /// <summary>A stratum with one PSU is an error naming the stratum.</summary>
    Fail,

    /// <summary>The lonely PSU contributes nothing to the variance.</summary>
    Remove,

    /// <summary>The lonely PSU is centred at the grand mean instead of its stratum mean.</summary>
    Adjust,

    /// <summary>The stratum's variance contribution is the average of the other strata's.</summary>
    Average,

    /// <summary>The lonely PSU is taken with certainty and contributes nothing to the variance.</summary>
    Certainty,
}

/// <summary>Calibration of design weights to known population totals, as R's <c>calibrate()</c>.</summary>
/// <param name="Method">The distance function (R's <c>calfun</c>).</param>
/// <param name="Bounds">Bounds on the g-weights (ratio of calibrated to design weight), or <see langword="null"/>; required for logit.</param>
/// <param name="Margins">The control totals.</param>
/// <param name="MaxIterations">The iteration limit of the Newton iterations.</param>
/// <param name="Epsilon">The convergence tolerance, as R's <c>epsilon</c>: the largest relative difference from the totals.</param>
public sealed record CalibrationSpec(
    CalibrationMethod Method,
    GWeightBounds? Bounds,
    IReadOnlyList<CalibrationMargin> Margins,
    int MaxIterations = 50,
    double Epsilon = 1e-7);

/// <summary>The calibration distance function.</summary>
public enum CalibrationMethod
{
    /// <summary>Linear (chi-square) distance: the GREG estimator, R's <c>cal.linear</c>.</summary>
    Linear,

    /// <summary>Raking (multiplicative) distance, R's <c>cal.raking</c>.</summary>
    Raking,

    /// <summary>Logit distance with bounds, R's <c>cal.logit</c>.</summary>
    Logit,
}

/// <summary>Lower and upper bounds on the g-weights.</summary>
/// <param name="Lower">The smallest allowed g-weight, below 1.</param>
/// <param name="Upper">The largest allowed g-weight, above 1.</param>
public sealed record GWeightBounds(double Lower, double Upper);

/// <summary>A control total for calibration.</summary>
/// <param name="Variable">The column the total refers to.</param>
public abstract record CalibrationMargin(string Variable);

/// <summary>A categorical margin: a population count for every level of <paramref name="Variable"/>.</summary>
/// <param name="Variable">The categorical column.</param>
/// <param name="Totals">Population count by level (the level as written in the data).</param>
public sealed record CategoricalMargin(string Variable, IReadOnlyDictionary<string, double> Totals) : CalibrationMargin(Variable);

/// <summary>A numeric margin: the population total of <paramref name="Variable"/>.</summary>
/// <param name="Variable">The numeric column.</param>
/// <param name="Total">The population total.</param>
public sealed record NumericMargin(string Variable, double Total) : CalibrationMargin(Variable);

/// <summary>Replicate-weight variance.</summary>
/// <param name="Type">The replication method, which sets the variance scale as R's <c>svrepdesign</c> does.</param>
/// <param name="Columns">Supplied replicate-weight columns; <see langword="null"/> to generate JK1/JKn replicates from the design as R's <c>as.svrepdesign</c>.</param>
/// <param name="Rho">Fay's rho, for <see cref="ReplicateType.Fay"/> only.</param>
public sealed record ReplicateSpec(ReplicateType Type, IReadOnlyList<string>? Columns, double? Rho = null);

/// <summary>Replication methods.</summary>
public enum ReplicateType
{
    /// <summary>Delete-one-PSU jackknife for unstratified designs.</summary>
    Jk1,

    /// <summary>Stratified delete-one-PSU jackknife.</summary>
    Jkn,

    /// <summary>Bootstrap replicates.</summary>
    Bootstrap,

    /// <summary>Balanced repeated replication.</summary>
    Brr,

    /// <summary>Fay's modified BRR with factor rho.</summary>
    Fay,
}

/// <summary>The kind of statistic.</summary>
public enum EstimateType
{
    /// <summary>Population total of a numeric variable (R's <c>svytotal</c>).</summary>
    Total,

    /// <summary>Population mean of a numeric variable (R's <c>svymean</c>).</summary>
    Mean,

    /// <summary>Share of every category of a categorical variable (R's <c>svymean</c> of a factor).</summary>
    Proportion,

    /// <summary>Ratio of two totals (R's <c>svyratio</c>).</summary>
    Ratio,

    /// <summary>Difference of the means of two domains (R's <c>svycontrast</c> on <c>svyby</c>).</summary>
    Difference,
}

/// <summary>How confidence intervals are formed.</summary>
public enum IntervalMethod
{
    /// <summary>Estimate ± t quantile on the design degrees of freedom × SE.</summary>
    Wald,

    /// <summary>Wald interval on the logit scale, back-transformed (R's <c>svyciprop(method="logit")</c>); proportions only.</summary>
    Logit,

    /// <summary>Korn–Graubard beta interval (R's <c>svyciprop(method="beta")</c>); proportions only.</summary>
    Beta,
}

/// <summary>One requested estimate.</summary>
/// <param name="Id">A unique id, echoed in every output row.</param>
/// <param name="Type">The statistic.</param>
/// <param name="Variable">The analysis variable (numerator for ratios).</param>
/// <param name="By">Domain variables: one row per combination of their values; empty for the whole population.</param>
/// <param name="Denominator">The denominator variable of a ratio.</param>
/// <param name="Contrast">For a difference: the two levels of the single <paramref name="By"/> variable, first minus second.</param>
/// <param name="Interval">The interval method.</param>
public sealed record EstimateSpec(
    string Id,
    EstimateType Type,
    string Variable,
    IReadOnlyList<string> By,
    string? Denominator = null,
    IReadOnlyList<string>? Contrast = null,
    IntervalMethod Interval = IntervalMethod.Wald);

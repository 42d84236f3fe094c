using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Text;

namespace Barometer.Catalogue.Indicators;

/// <summary>Where an indicator's values come from.</summary>
public enum SourceKind
{
    /// <summary>The sample survey (questionnaire items, recodes and derived survey variables).</summary>
    Survey,

    /// <summary>Total registers.</summary>
    Register,
}

/// <summary>What is estimated over the population.</summary>
public enum StatisticKind
{
    /// <summary>Share of the base (population and denominator condition) for whom the numerator condition holds.</summary>
    Proportion,

    /// <summary>Mean of the numerator value over the population, among those with a value.</summary>
    Mean,

    /// <summary>Median of the numerator value over the population, among those with a value.</summary>
    Median,

    /// <summary>Ratio of totals: sum of the numerator value over sum of the denominator value.</summary>
    Ratio,
}

/// <summary>The direction that counts as better.</summary>
public enum Direction
{
    Higher,
    Lower,
    Neither,
}

/// <summary>How the gap between the compared groups is expressed.</summary>
public enum GapKind
{
    /// <summary>Focal minus reference (percentage points for proportions).</summary>
    Difference,

    /// <summary>Focal relative to reference, e.g. median income of foreign-born as a share of the native-born's.</summary>
    Ratio,
}

/// <summary>Who is in an indicator's population by country of birth.</summary>
public enum BirthScope
{
    Everyone,
    ForeignBorn,
    NativeBorn,
}

/// <summary>An inclusive age range in whole years at the reference date.</summary>
public sealed record AgeRange(int Min, int Max)
{
    public bool Contains(int age) => age >= Min && age <= Max;

    public override string ToString() => $"{Min}–{Max}";
}

/// <param name="Age">The age range, or null for all ages (for survey indicators: the survey's age range).</param>
/// <param name="Filter">A further condition, or null.</param>
public sealed record Population(AgeRange? Age, BirthScope Born, Formula? Filter, LocalizedText? Description);

/// <param name="Variables">The questionnaire items, recodes or derived survey variables (survey), or the register variables (register) the indicator measures.</param>
public sealed record IndicatorSource(SourceKind Kind, IReadOnlyList<string> Variables);

/// <summary>A model-based expected value to publish next to the actual one (as Skolverket's SALSA does).</summary>
public sealed record ExpectedValueModel(IReadOnlyList<string> Covariates, LocalizedText Description);

/// <summary>
/// Expected versus actual by area (indirect standardisation): each area's level for the focal group of the indicator's
/// first comparison against the level it would have if each of its persons had the national rate of their cell.
/// </summary>
/// <param name="Cells">The code variables whose combinations are the standardisation cells (e.g. age, sex, education).</param>
/// <param name="Areas">The area breakdowns (among the indicator's breakdowns) the comparison is published by.</param>
public sealed record ExpectedVersusActualModel(IReadOnlyList<string> Cells, IReadOnlyList<string> Areas);

/// <summary>One indicator of the barometer.</summary>
/// <param name="Numerator">Proportion: the condition counted; mean and median: the value; ratio: the numerator value.</param>
/// <param name="Denominator">Proportion: the condition defining the base within the population; ratio: the denominator value; otherwise null.</param>
/// <param name="Comparisons">Ids of the comparisons published (foreign- vs native-born by default).</param>
/// <param name="SeparateBySex">Every figure is also published for women and men (girls and boys) separately.</param>
/// <param name="Breakdowns">Code variables whose classifications the indicator is published by.</param>
/// <param name="StandardisedGap">Whether an age- and sex-standardised gap is published next to the raw one.</param>
/// <param name="ExpectedVersusActual">Register indicators: expected versus actual by area, or null.</param>
public sealed record Indicator(
    string Id,
    string SubGoal,
    LocalizedText Name,
    LocalizedText Definition,
    IndicatorSource Source,
    StatisticKind Statistic,
    Formula Numerator,
    Formula? Denominator,
    Population Population,
    string Unit,
    int Decimals,
    Direction Better,
    IReadOnlyList<string> Comparisons,
    bool SeparateBySex,
    IReadOnlyList<string> Breakdowns,
    bool StandardisedGap,
    GapKind Gap,
    ExpectedValueModel? Expected,
    ExpectedVersusActualModel? ExpectedVersusActual,
    SourceLocation Location)
{
    private static readonly string[] RegressionAreas = ["lan", "kommun"];

    /// <summary>
    /// The area breakdowns an expected level is published by: those of <see cref="ExpectedVersusActual"/>, or for a
    /// regression-based <see cref="Expected"/> value the indicator's county and municipality breakdowns; empty when it declares neither.
    /// </summary>
    public IReadOnlyList<string> ExpectedAreas => ExpectedVersusActual?.Areas
        ?? (Expected is null ? [] : [.. RegressionAreas.Where(a => Breakdowns.Contains(a, StringComparer.Ordinal))]);
}

/// <summary>A comparison between two groups, e.g. foreign-born (focal) against native-born (reference).</summary>
public sealed record Comparison(string Id, LocalizedText Name, ComparisonGroup Focal, ComparisonGroup Reference, SourceLocation Location);

public sealed record ComparisonGroup(LocalizedText Label, Formula Condition);

/// <summary>A unit an indicator is expressed in, e.g. percent or kronor.</summary>
public sealed record Unit(string Id, LocalizedText Name, LocalizedText Symbol, SourceLocation Location);

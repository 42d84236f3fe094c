namespace Barometer.Storage.Results;

/// <summary>
/// The codes of the store's <c>results.comparison_group</c> column and of the publication's <c>Grupp</c> dimension
/// (docs/architecture.md, "Results and releases"; docs/api.md):
/// <list type="bullet">
/// <item>levels: <c>all</c>, <c>{comparison}:focal</c>, <c>{comparison}:reference</c>;</item>
/// <item>gaps and standardised gaps: <c>{comparison}</c>;</item>
/// <item>changes: the level's group, or <c>gap:{comparison}</c> / <c>standardised_gap:{comparison}</c>;</item>
/// <item>expected levels and actual-minus-expected differences by area (register): <c>{comparison}</c>;</item>
/// <item>model-based (small-area) estimates of the focal group's level by area (survey): <c>{comparison}</c>.</item>
/// </list>
/// In <c>Grupp</c> a gap is <c>{comparison}:gap</c> and a standardised gap <c>{comparison}:standardised_gap</c>
/// (<see cref="GroupCode"/>). The one place these codes are built and taken apart.
/// </summary>
public static class ComparisonGroups
{
    /// <summary>The whole population (no comparison); also the elimination value of <c>Grupp</c>.</summary>
    public const string All = "all";

    /// <summary>The side of a comparison its focal group is on.</summary>
    public const string FocalSide = "focal";

    /// <summary>The side of a comparison its reference group is on.</summary>
    public const string ReferenceSide = "reference";

    /// <summary>The breakdown of the whole population (its cell is empty).</summary>
    public const string TotalBreakdown = "total";

    private const string Separator = ":";
    private const string GapSuffix = ":gap";
    private const string StandardisedGapSuffix = ":standardised_gap";
    private const string ExpectedSuffix = ":expected";
    private const string ExpectedDifferenceSuffix = ":expected_difference";
    private const string ModelEstimateSuffix = ":model_estimate";
    private const string GapChangePrefix = "gap:";
    private const string StandardisedGapChangePrefix = "standardised_gap:";

    /// <summary>A level's group on one side (<see cref="FocalSide"/> or <see cref="ReferenceSide"/>) of a comparison.</summary>
    public static string Of(string comparison, string side) => comparison + Separator + side;

    public static string Focal(string comparison) => Of(comparison, FocalSide);

    public static string Reference(string comparison) => Of(comparison, ReferenceSide);

    public static bool IsFocal(string group) => group.EndsWith(Separator + FocalSide, StringComparison.Ordinal);

    public static bool IsReference(string group) => group.EndsWith(Separator + ReferenceSide, StringComparison.Ordinal);

    /// <summary>Whether a <c>Grupp</c> code is a gap or a standardised gap of a comparison.</summary>
    public static bool IsGapCode(string group) =>
        group.EndsWith(GapSuffix, StringComparison.Ordinal) || group.EndsWith(StandardisedGapSuffix, StringComparison.Ordinal);

    /// <summary>The <c>comparison_group</c> of a change row: the level's group, or <c>gap:</c>/<c>standardised_gap:</c> + comparison.</summary>
    public static string ChangeOf(Measure measure, string group) => measure switch
    {
        Measure.Gap => GapChangePrefix + group,
        Measure.StandardisedGap => StandardisedGapChangePrefix + group,
        _ => group,
    };

    /// <summary>The <c>Grupp</c> code of a gap of a comparison: <c>{comparison}:gap</c>.</summary>
    public static string GapCode(string comparison) => comparison + GapSuffix;

    /// <summary>The <c>Grupp</c> code of a standardised gap of a comparison: <c>{comparison}:standardised_gap</c>.</summary>
    public static string StandardisedGapCode(string comparison) => comparison + StandardisedGapSuffix;

    /// <summary>The <c>Grupp</c> code of an area's expected level for a comparison's focal group: <c>{comparison}:expected</c>.</summary>
    public static string ExpectedCode(string comparison) => comparison + ExpectedSuffix;

    /// <summary>The <c>Grupp</c> code of an area's actual minus expected level: <c>{comparison}:expected_difference</c>.</summary>
    public static string ExpectedDifferenceCode(string comparison) => comparison + ExpectedDifferenceSuffix;

    /// <summary>The <c>Grupp</c> code of an area's model-based estimate of a comparison's focal group: <c>{comparison}:model_estimate</c>.</summary>
    public static string ModelEstimateCode(string comparison) => comparison + ModelEstimateSuffix;

    /// <summary>
    /// The <c>Grupp</c> code of a stored result (its measure and <c>comparison_group</c>): <c>all</c>,
    /// <c>{cmp}:focal</c>, <c>{cmp}:reference</c>, <c>{cmp}:gap</c> or <c>{cmp}:standardised_gap</c>; a change has the
    /// code of what it is the change of.
    /// </summary>
    public static string GroupCode(Measure measure, string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return measure switch
        {
            Measure.Level => group,
            Measure.Gap => GapCode(group),
            Measure.StandardisedGap => StandardisedGapCode(group),
            Measure.Change when group.StartsWith(GapChangePrefix, StringComparison.Ordinal) => GapCode(group[GapChangePrefix.Length..]),
            Measure.Change when group.StartsWith(StandardisedGapChangePrefix, StringComparison.Ordinal) => StandardisedGapCode(group[StandardisedGapChangePrefix.Length..]),
            Measure.Change => group,
            Measure.Expected => ExpectedCode(group),
            Measure.ExpectedDifference => ExpectedDifferenceCode(group),
            Measure.ModelEstimate => ModelEstimateCode(group),
            _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown measure"),
        };
    }
}

using Barometer.Storage.Results;

namespace Barometer.Publishing.Tables;

/// <summary>The stable codes of the publication tables (docs/api.md): dimensions, comparison groups, contents.</summary>
public static class TableCodes
{
    /// <summary>The comparison-group dimension.</summary>
    public const string Group = "Grupp";

    /// <summary>The time dimension: waves as years.</summary>
    public const string Time = "Tid";

    /// <summary>The contents dimension (PxWeb's conventional code).</summary>
    public const string Contents = "ContentsCode";

    /// <summary>The elimination value of a breakdown dimension.</summary>
    public const string Total = ComparisonGroups.TotalBreakdown;

    /// <summary>The elimination value of the comparison-group dimension: the whole population.</summary>
    public const string All = ComparisonGroups.All;

    public const string Estimate = "estimate";
    public const string Margin = "margin";
    public const string CiLower = "ci_lower";
    public const string CiUpper = "ci_upper";
    public const string Count = "count";
    public const string Change = "change";
    public const string ChangeMargin = "change_margin";

    /// <summary>Every contents code in publication order.</summary>
    public static IReadOnlyList<string> ContentsCodes { get; } = [Estimate, Margin, CiLower, CiUpper, Count, Change, ChangeMargin];

    public static string Focal(string comparison) => ComparisonGroups.Focal(comparison);

    public static string Reference(string comparison) => ComparisonGroups.Reference(comparison);

    public static string Gap(string comparison) => ComparisonGroups.GapCode(comparison);

    public static string StandardisedGap(string comparison) => ComparisonGroups.StandardisedGapCode(comparison);

    /// <summary>The <c>Grupp</c> code of an area's expected level for the comparison's focal group.</summary>
    public static string Expected(string comparison) => ComparisonGroups.ExpectedCode(comparison);

    /// <summary>The <c>Grupp</c> code of an area's actual minus expected level.</summary>
    public static string ExpectedDifference(string comparison) => ComparisonGroups.ExpectedDifferenceCode(comparison);

    /// <summary>The <c>Grupp</c> code of an area's model-based (small-area) estimate of a comparison's focal group, or of everyone (<c>all:model_estimate</c>).</summary>
    public static string ModelEstimate(string comparisonOrAll) => ComparisonGroups.ModelEstimateCode(comparisonOrAll);

    /// <summary>The <c>Grupp</c> value of a released result (<see cref="ComparisonGroups.GroupCode"/>).</summary>
    public static string GroupOf(Measure measure, string comparisonGroup) => ComparisonGroups.GroupCode(measure, comparisonGroup);

    /// <summary>The id of a table: <c>{indicator}</c> (no breakdown, or <see cref="Total"/>), or <c>{indicator}.{breakdown}</c>.</summary>
    public static string TableId(string indicator, string? breakdown) => breakdown is null or Total ? indicator : indicator + "." + breakdown;

    /// <summary>The id of the valueset codelist of a classification.</summary>
    public static string Valueset(string classification) => "vs_" + classification;

    /// <summary>The id of the aggregation codelist from one classification to another.</summary>
    public static string Aggregation(string from, string to) => "agg_" + from + "_" + to;
}

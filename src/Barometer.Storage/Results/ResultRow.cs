namespace Barometer.Storage.Results;

/// <summary>
/// One computed cell: an indicator for one breakdown cell and group, with everything published about it. A
/// suppressed cell keeps only its <see cref="SuppressionRule"/>: its numbers are never stored, so nothing downstream
/// can publish them by mistake. The row of the store's <c>results</c> table (<see cref="ResultTable"/>); the
/// publication side reads a released row as <c>PublishedResult</c>, which is this row with the wave and version that released it.
/// </summary>
/// <remarks>
/// Cell: The breakdown code, or empty for the total.<br/>
/// ComparisonGroup: see <see cref="ComparisonGroups"/>.<br/>
/// Source: <see cref="ResultSources.Survey"/> or <see cref="ResultSources.Register"/>.<br/>
/// Respondents: Survey: respondents behind the estimate; register: persons in the group.<br/>
/// Population: Survey: estimated population of the group; register: persons with the property.<br/>
/// </remarks>
public sealed record ResultRow(
    string Indicator,
    string Breakdown,
    string Cell,
    string ComparisonGroup,
    Measure Measure,
    string Source,
    double? Estimate,
    double? StandardError,
    double? CiLower,
    double? CiUpper,
    double? DegreesOfFreedom,
    long? Respondents,
    double? Population,
    double? RelativeMargin,
    bool? Significant,
    string? QualityFlag,
    string? SuppressionRule)
{
    public bool IsSuppressed => SuppressionRule is not null;

    public string Key => string.Join('\u001f', Indicator, Breakdown, Cell, ComparisonGroup, Measure.ToString());

    /// <summary>This row with its numbers removed and the rule that hid it.</summary>
    public ResultRow Suppress(string rule) => this with
    {
        Estimate = null,
        StandardError = null,
        CiLower = null,
        CiUpper = null,
        DegreesOfFreedom = null,
        Respondents = null,
        Population = null,
        RelativeMargin = null,
        Significant = null,
        QualityFlag = null,
        SuppressionRule = rule,
    };
}

/// <summary>Where a result comes from (<c>results.source</c>).</summary>
public static class ResultSources
{
    public const string Survey = "survey";
    public const string Register = "register";
}

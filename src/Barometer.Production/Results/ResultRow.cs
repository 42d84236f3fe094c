namespace Barometer.Production.Results;

/// <summary>What a result row measures.</summary>
public enum Measure
{
    /// <summary>The indicator's value in a group and cell.</summary>
    Level,

    /// <summary>Focal minus reference group (or focal / reference where the catalogue asks for a ratio gap).</summary>
    Gap,

    /// <summary>The gap after direct age/sex standardisation to the reference group's structure.</summary>
    StandardisedGap,

    /// <summary>This wave minus the previous wave (independent samples).</summary>
    Change,
}

/// <summary>
/// One computed cell: an indicator for one breakdown cell and group, with everything published about it. A
/// suppressed cell keeps only its <see cref="SuppressionRule"/>: its numbers are never stored, so nothing downstream
/// can publish them by mistake.
/// </summary>
/// <remarks>
/// Cell: The breakdown code, or empty for the total.<br/>
/// Group: <c>all</c>, <c>comparison:focal</c>, <c>comparison:reference</c>, or the comparison id for gaps.<br/>
/// Respondents: Survey: respondents behind the estimate; register: persons in the group.<br/>
/// Population: Survey: estimated population of the group; register: persons with the property.<br/>
/// </remarks>
public sealed record ResultRow(
    string Indicator,
    string Breakdown,
    string Cell,
    string Group,
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

    public string Key => string.Join('\u001f', Indicator, Breakdown, Cell, Group, Measure.ToString());

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

    public static string MeasureName(Measure measure) => measure switch
    {
        Measure.Level => "level",
        Measure.Gap => "gap",
        Measure.StandardisedGap => "standardised_gap",
        Measure.Change => "change",
        _ => throw new ArgumentOutOfRangeException(nameof(measure)),
    };

    public static Measure ParseMeasure(string text) => text switch
    {
        "level" => Measure.Level,
        "gap" => Measure.Gap,
        "standardised_gap" => Measure.StandardisedGap,
        "change" => Measure.Change,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "unknown measure"),
    };
}

/// <summary>The names of the rules that hide or flag cells (stored with every suppressed or flagged cell).</summary>
public static class Rules
{
    public const string SurveyMinRespondents = "survey.min_respondents";
    public const string SurveyGroupSuppressed = "survey.compared_group_suppressed";
    public const string SurveyNotEstimable = "survey.not_estimable";
    public const string SurveyComplementary = "survey.complementary";
    public const string StandardisationEmptyCell = "standardisation.empty_cell";
    public const string ChangePreviousUnavailable = "change.previous_unavailable";
    public const string RegisterGroupSize = "register.group_size";
    public const string RegisterWithProperty = "register.with_property";
    public const string RegisterWithoutProperty = "register.without_property";
    public const string RegisterComplementary = "register.complementary";
    public const string RegisterGroupSuppressed = "register.compared_group_suppressed";
    public const string FlagRelativeMargin = "survey.relative_margin";
}

namespace Barometer.Storage.Results;

/// <summary>
/// The codes of the rules that hide a cell (<c>results.suppression_rule</c>) or flag it (<c>results.quality_flag</c>),
/// stored with every suppressed or flagged cell (docs/methodology/disclosure-control.md). The one place they are
/// spelled.
/// </summary>
public static class SuppressionRules
{
    /// <summary>The prefix of every register disclosure rule.</summary>
    public const string RegisterPrefix = "register.";

    public const string SurveyMinRespondents = "survey.min_respondents";
    public const string SurveyGroupSuppressed = "survey.compared_group_suppressed";
    public const string SurveyNotEstimable = "survey.not_estimable";
    public const string SurveyComplementary = "survey.complementary";

    /// <summary>A model-based (small-area) estimate held back because a diagnostic of its model failed (docs/methodology/small-area.md).</summary>
    public const string SmallAreaHeldBack = "survey.small_area_held_back";
    public const string StandardisationEmptyCell = "standardisation.empty_cell";
    public const string ChangePreviousUnavailable = "change.previous_unavailable";
    public const string RegisterGroupSize = RegisterPrefix + "group_size";
    public const string RegisterWithProperty = RegisterPrefix + "with_property";
    public const string RegisterWithoutProperty = RegisterPrefix + "without_property";
    public const string RegisterComplementary = RegisterPrefix + "complementary";
    public const string RegisterGroupSuppressed = RegisterPrefix + "compared_group_suppressed";

    /// <summary>The quality flag of a survey level whose margin is large relative to the estimate (published, marked uncertain).</summary>
    public const string FlagRelativeMargin = "survey.relative_margin";

    /// <summary>The quality flag of every published model-based (small-area) estimate: shown with its own symbol and note.</summary>
    public const string FlagModelBased = "survey.model_based";

    public static bool IsRegisterRule(string rule) => rule.StartsWith(RegisterPrefix, StringComparison.Ordinal);
}

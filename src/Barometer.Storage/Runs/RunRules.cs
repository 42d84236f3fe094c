using System.Text.Json;
using System.Text.Json.Serialization;

namespace Barometer.Storage.Runs;

/// <summary>
/// The rules a run was computed under, as the run stores them (<c>runs.rules</c>, JSON) and every release copies into
/// its provenance (<c>provenance.rules</c>): survey quality thresholds, the register disclosure rule, the table
/// symbols, the calibration, the standardisation, what the changes were taken against, and the register input and
/// code the register results came from. Written by the production run and read back as this record, never by JSON
/// path: a renamed field fails to compile instead of when a report is printed. The JSON is the record's properties
/// in their declared order, under the names below, with System.Text.Json's default number formatting.
/// </summary>
public sealed record RunRules(
    [property: JsonPropertyName("survey")] SurveyRules Survey,
    [property: JsonPropertyName("register")] RegisterRules Register,
    [property: JsonPropertyName("symbols")] SymbolRules Symbols,
    [property: JsonPropertyName("calibration")] CalibrationRules Calibration,
    [property: JsonPropertyName("standardisation")] StandardisationRules Standardisation,
    [property: JsonPropertyName("changes")] ChangeRules Changes,
    [property: JsonPropertyName("register_sha256")] string? RegisterSha256,
    [property: JsonPropertyName("register_code")] string? RegisterCode)
{
    /// <summary>The rules as stored (<c>runs.rules</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Rules as stored by a run (or copied into a release's provenance); null for null or JSON null.</summary>
    public static RunRules? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<RunRules>(json);

    /// <summary>Rules from the <c>rules</c> element of a JSON document (a release's provenance), or null.</summary>
    public static RunRules? FromElement(JsonElement element) =>
        element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : element.Deserialize<RunRules>();
}

/// <param name="MinRespondents">Fewest respondents behind a published survey estimate.</param>
/// <param name="RelativeMarginFlag">Relative margin (margin / estimate) above which a level is flagged uncertain.</param>
/// <param name="ConfidenceLevel">The level of every published interval (0.95).</param>
public sealed record SurveyRules(
    [property: JsonPropertyName("min_respondents")] int MinRespondents,
    [property: JsonPropertyName("relative_margin_flag")] double RelativeMarginFlag,
    [property: JsonPropertyName("confidence_level")] double ConfidenceLevel);

/// <param name="GroupSizeMoreThan">A register cell is published only with more persons than this.</param>
/// <param name="WithPropertyMoreThan">… and more persons with (and without) the property than this.</param>
/// <param name="ComplementarySuppression">Whether complementary suppression protects the suppressed cells.</param>
public sealed record RegisterRules(
    [property: JsonPropertyName("group_size_more_than")] int GroupSizeMoreThan,
    [property: JsonPropertyName("with_property_more_than")] int WithPropertyMoreThan,
    [property: JsonPropertyName("complementary_suppression")] bool ComplementarySuppression);

/// <summary>The status symbols of the tables (suppressed, not applicable, uncertain).</summary>
public sealed record SymbolRules(
    [property: JsonPropertyName("suppressed")] string Suppressed,
    [property: JsonPropertyName("not_applicable")] string NotApplicable,
    [property: JsonPropertyName("uncertain")] string Uncertain);

/// <param name="Method">linear, raking or logit.</param>
/// <param name="Population">The age range of the totals: [min, max].</param>
/// <param name="Margins">Each margin the weights were calibrated to.</param>
public sealed record CalibrationRules(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("population")] IReadOnlyList<int> Population,
    [property: JsonPropertyName("margins")] IReadOnlyList<CalibrationMarginRule> Margins);

/// <param name="Variables">The crossed variables of the margin.</param>
/// <param name="Cells">How many cells it has.</param>
/// <param name="Total">The sum of its totals (the calibration population).</param>
/// <param name="Source"><c>register</c>, or <c>store set {id}</c> for a stored set of totals.</param>
public sealed record CalibrationMarginRule(
    [property: JsonPropertyName("variables")] IReadOnlyList<string> Variables,
    [property: JsonPropertyName("cells")] int Cells,
    [property: JsonPropertyName("total")] double Total,
    [property: JsonPropertyName("source")] string Source);

/// <param name="Variables">The variables of the direct standardisation (sex, age).</param>
/// <param name="Standard">The standard population.</param>
public sealed record StandardisationRules(
    [property: JsonPropertyName("variables")] IReadOnlyList<string> Variables,
    [property: JsonPropertyName("standard")] string Standard);

/// <summary>The previous wave and the release of it the changes were computed against (all null when none).</summary>
public sealed record ChangeRules(
    [property: JsonPropertyName("previous_wave")] int? PreviousWave,
    [property: JsonPropertyName("previous_version")] int? PreviousVersion,
    [property: JsonPropertyName("previous_run")] int? PreviousRun);

/// <summary>
/// Where the numbers of <see cref="RunRules"/> sit in a release's provenance (<c>provenance.rules</c>, the JSON names
/// above), so that a report citing a rule and the provenance name the same number. Defined here, beside the names, so
/// a renamed field is renamed once; <c>RunRulePathsTests</c> checks every path against serialised rules.
/// </summary>
public static class RunRulePaths
{
    /// <summary>The rules' element in a release's provenance.</summary>
    public const string Root = "rules";

    public const string SurveyMinRespondents = Root + ".survey.min_respondents";

    public const string SurveyRelativeMarginFlag = Root + ".survey.relative_margin_flag";

    public const string SurveyConfidenceLevel = Root + ".survey.confidence_level";

    public const string RegisterGroupSizeMoreThan = Root + ".register.group_size_more_than";

    public const string RegisterWithPropertyMoreThan = Root + ".register.with_property_more_than";

    /// <summary>The lower (0) or upper (1) age of the calibration population.</summary>
    public static string CalibrationPopulation(int index) => Root + ".calibration.population." + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The number of cells of the calibration margin at <paramref name="index"/>.</summary>
    public static string CalibrationMarginCells(int index) => Margin(index) + ".cells";

    /// <summary>The total of the calibration margin at <paramref name="index"/>.</summary>
    public static string CalibrationMarginTotal(int index) => Margin(index) + ".total";

    private static string Margin(int index) => Root + ".calibration.margins." + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

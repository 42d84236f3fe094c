using System.Text.Json.Nodes;
using Barometer.Catalogue.Quality;
using Barometer.Publishing.Tables;

namespace Barometer.Publishing.Texts;

/// <summary>
/// The rules a reader is told about — thresholds, interval level and status symbols — as one released run applied
/// them (its <c>rules</c>, recorded in the release's provenance) or, where no run is at hand, as the catalogue sets
/// them for every run (<c>catalogue/quality.yaml</c>). The texts of <see cref="PublicationTexts"/> are filled from it,
/// so the dashboard and the report state the same rules in the same words.
/// </summary>
/// <param name="MinRespondents">Fewer survey respondents than this: the estimate is not published.</param>
/// <param name="RelativeMarginFlag">A relative margin of error above this share marks an estimate as uncertain.</param>
/// <param name="ConfidenceLevel">The level of the published intervals (a share, e.g. 0.95).</param>
/// <param name="RegisterGroupSizeMoreThan">A register share is published only for a group of more persons than this…</param>
/// <param name="RegisterWithPropertyMoreThan">…and more than this many with (and without) the property.</param>
/// <param name="ComplementarySuppression">Whether further register cells are suppressed so that a hidden one cannot be recovered.</param>
/// <param name="TooUncertain">The symbol of a survey estimate too uncertain to publish (<c>..</c>).</param>
/// <param name="NotApplicable">The symbol of a cell that cannot occur (<c>.</c>).</param>
/// <param name="Uncertain">The flag of an uncertain estimate that is published (<c>*</c>).</param>
public sealed record PublicationRules(
    int MinRespondents,
    double RelativeMarginFlag,
    double ConfidenceLevel,
    int RegisterGroupSizeMoreThan,
    int RegisterWithPropertyMoreThan,
    bool ComplementarySuppression,
    string TooUncertain,
    string NotApplicable,
    string Uncertain)
{
    /// <summary>The symbol of a register cell suppressed for disclosure control; not a rule of the run.</summary>
    public string Disclosure { get; init; } = StatusSymbols.Disclosure;

    /// <summary>
    /// The symbol of a cell hidden by <paramref name="suppressionRule"/> (as <see cref="StatusSymbols.ForRule"/>, with
    /// these rules' symbols): none, or no previous wave, is <see cref="NotApplicable"/>; a register rule
    /// <see cref="Disclosure"/>; any other <see cref="TooUncertain"/>.
    /// </summary>
    public string SymbolFor(string? suppressionRule) =>
        suppressionRule is null || string.Equals(suppressionRule, "change.previous_unavailable", StringComparison.Ordinal) ? NotApplicable
        : suppressionRule.StartsWith("register.", StringComparison.Ordinal) ? Disclosure
        : TooUncertain;

    /// <summary>The rules as the catalogue sets them for every run.</summary>
    public static PublicationRules FromCatalogue(QualityRules quality)
    {
        ArgumentNullException.ThrowIfNull(quality);
        return new PublicationRules(
            quality.Survey.MinRespondents, quality.Survey.RelativeMarginFlag, quality.Survey.ConfidenceLevel,
            quality.Register.MinGroupSizeExclusive, quality.Register.MinWithPropertyExclusive, quality.Register.ComplementarySuppression,
            quality.Symbols.Suppressed, quality.Symbols.NotApplicable, quality.Symbols.Uncertain);
    }

    /// <summary>
    /// The rules a released run recorded (<c>survey</c>, <c>register</c>, <c>symbols</c> of its <c>rules</c> JSON); a
    /// number the run did not record is the catalogue's, a symbol it did not record the tables' own (<see cref="StatusSymbols"/>).
    /// </summary>
    public static PublicationRules FromRun(JsonObject? rules, QualityRules catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var survey = rules?["survey"];
        var register = rules?["register"];
        var symbols = rules?["symbols"];
        return new PublicationRules(
            survey?["min_respondents"]?.GetValue<int>() ?? catalogue.Survey.MinRespondents,
            survey?["relative_margin_flag"]?.GetValue<double>() ?? catalogue.Survey.RelativeMarginFlag,
            survey?["confidence_level"]?.GetValue<double>() ?? catalogue.Survey.ConfidenceLevel,
            register?["group_size_more_than"]?.GetValue<int>() ?? catalogue.Register.MinGroupSizeExclusive,
            register?["with_property_more_than"]?.GetValue<int>() ?? catalogue.Register.MinWithPropertyExclusive,
            register?["complementary_suppression"]?.GetValue<bool>() == true,
            symbols?["suppressed"]?.GetValue<string>() ?? StatusSymbols.TooUncertain,
            symbols?["not_applicable"]?.GetValue<string>() ?? StatusSymbols.NotApplicable,
            symbols?["uncertain"]?.GetValue<string>() ?? StatusSymbols.Uncertain);
    }
}

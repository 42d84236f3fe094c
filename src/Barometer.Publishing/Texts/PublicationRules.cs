using Barometer.Catalogue.Quality;
using Barometer.Publishing.Results;
using Barometer.Publishing.Tables;
using Barometer.Storage.Runs;

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

    /// <summary>The symbol of a model-based (small-area) estimate; not a rule of the run.</summary>
    public string ModelBased { get; init; } = StatusSymbols.ModelBased;

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
    /// The rules of the newest public release's run (<see cref="FromRun"/>), as the dashboard states them; the
    /// catalogue's where nothing is public or the release does not carry its run's rules.
    /// </summary>
    public static PublicationRules OfNewestRelease(PublicView view, QualityRules catalogue)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(catalogue);
        return view.Releases.MaxBy(r => r.Wave)?.Rules is { } rules ? FromRun(rules, catalogue) : FromCatalogue(catalogue);
    }

    /// <summary>
    /// The rules a released run recorded (<c>survey</c>, <c>register</c>, <c>symbols</c> of its <c>rules</c> JSON); a
    /// number the run did not record is the catalogue's, a symbol it did not record the tables' own (<see cref="StatusSymbols"/>).
    /// </summary>
    public static PublicationRules FromRun(RunRules? rules, QualityRules catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var survey = rules?.Survey;
        var register = rules?.Register;
        var symbols = rules?.Symbols;
        return new PublicationRules(
            survey?.MinRespondents ?? catalogue.Survey.MinRespondents,
            survey?.RelativeMarginFlag ?? catalogue.Survey.RelativeMarginFlag,
            survey?.ConfidenceLevel ?? catalogue.Survey.ConfidenceLevel,
            register?.GroupSizeMoreThan ?? catalogue.Register.MinGroupSizeExclusive,
            register?.WithPropertyMoreThan ?? catalogue.Register.MinWithPropertyExclusive,
            register?.ComplementarySuppression == true,
            symbols?.Suppressed ?? StatusSymbols.TooUncertain,
            symbols?.NotApplicable ?? StatusSymbols.NotApplicable,
            symbols?.Uncertain ?? StatusSymbols.Uncertain);
    }
}

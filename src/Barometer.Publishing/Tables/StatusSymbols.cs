using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;
using Barometer.Storage.Results;

namespace Barometer.Publishing.Tables;

/// <summary>
/// The status symbols of the publication tables (docs/api.md): which suppression rule or flag gives which symbol,
/// and what each means in Swedish and English.
/// </summary>
public static class StatusSymbols
{
    /// <summary>Too uncertain to publish (survey and standardisation rules).</summary>
    public const string TooUncertain = "..";

    /// <summary>Not applicable: no such result, or no previous wave to compare with.</summary>
    public const string NotApplicable = ".";

    /// <summary>Suppressed for disclosure control (register rules).</summary>
    public const string Disclosure = "x";

    /// <summary>Published, but with a large margin of error relative to the estimate (value kept).</summary>
    public const string Uncertain = "*";

    /// <summary>The quality flag that gives <see cref="Uncertain"/>.</summary>
    public const string RelativeMarginFlag = SuppressionRules.FlagRelativeMargin;

    /// <summary>A model-based (small-area) estimate, not a direct survey estimate (value kept).</summary>
    public const string ModelBased = "M";

    /// <summary>The quality flag that gives <see cref="ModelBased"/>.</summary>
    public const string ModelBasedFlag = SuppressionRules.FlagModelBased;

    public static IReadOnlyList<CubeSymbol> All { get; } =
    [
        new(TooUncertain, new LocalizedText(
            "För osäker för att redovisas: för få svarande eller för stor osäkerhet (även i en jämförd grupp), eller undertryckt så att en sådan skattning inte kan räknas fram ur andra uppgifter.",
            "Too uncertain to be published: too few respondents or too large an uncertainty (also in a compared group), or withheld so that such an estimate cannot be recalculated from other figures."), HidesValue: true),
        new(NotApplicable, new LocalizedText(
            "Uppgift kan inte förekomma: det finns inget sådant resultat, t.ex. ingen föregående mätning att jämföra med eller ingen felmarginal för en registeruppgift.",
            "Not applicable: there is no such result, e.g. no previous wave to compare with or no margin of error for a register figure."), HidesValue: true),
        new(Disclosure, new LocalizedText(
            "Röjandekontroll: uppgiften redovisas inte för att skydda enskilda personer.",
            "Suppressed for disclosure control: the figure is not published to protect individuals."), HidesValue: true),
        new(Uncertain, new LocalizedText(
            "Osäker skattning: felmarginalen är stor i förhållande till skattningen. Värdet redovisas men bör tolkas med försiktighet.",
            "Uncertain estimate: the margin of error is large relative to the estimate. The value is published but should be read with caution."), HidesValue: false),
        new(ModelBased, new LocalizedText(
            "Modellbaserad skattning: urvalet räcker inte för en direkt skattning, så värdet skattas med en modell som lånar styrka från registeruppgifter och andra län (småområdesskattning). Intervallet bygger på modellens medelkvadratfel.",
            "Model-based estimate: the sample is too small for a direct estimate, so the value is estimated with a model that borrows strength from register figures and other counties (small-area estimation). The interval rests on the model's mean squared error."), HidesValue: false),
    ];

    /// <summary>The symbol of a suppression rule: <c>survey.*</c> and <c>standardisation.*</c> → <c>..</c>, <c>register.*</c> → <c>x</c>, <c>change.previous_unavailable</c> → <c>.</c>.</summary>
    public static string ForRule(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (SuppressionRules.IsRegisterRule(rule))
        {
            return Disclosure;
        }

        if (string.Equals(rule, SuppressionRules.ChangePreviousUnavailable, StringComparison.Ordinal))
        {
            return NotApplicable;
        }

        // survey.*, standardisation.* and any rule not known here: withhold as too uncertain.
        return TooUncertain;
    }
}

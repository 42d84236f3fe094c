using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Production.Disclosure;
using Barometer.Storage.Results;

namespace Barometer.Production.Survey;

/// <summary>
/// Disclosure control of survey levels (catalogue/quality.yaml, docs/methodology/disclosure-control.md). Primary: an
/// estimate based on fewer than <c>min_respondents</c> respondents is not published. Complementary: a survey level is
/// a weighted mean, p = Σ w y / Σ w, and the weights are calibrated to register totals that are public, so the
/// estimated population N of every group and cell is known, and p_all N_all = Σ_g N_g p_g holds wherever register
/// cells add up: across a breakdown to its total, the codes of a finer breakdown to the coarser code that contains
/// them, the components of two breakdowns derived from the same variable, and all = focal + reference. A
/// cell hidden for too few respondents could be recomputed from its total and the other parts, so the same
/// relations as for register cells are made safe (<see cref="ComplementarySuppression"/>): the smallest other
/// published part by respondents (then code) is hidden too, with <see cref="SuppressionRules.SurveyComplementary"/>, and the
/// same respondents under two labels (the native-born, reference of two comparisons) are hidden together. Gaps and
/// changes of a hidden level are withheld by the estimation that follows.
/// </summary>
public static class SurveyDisclosure
{
    /// <summary>The levels with the primary and the complementary rule applied; <paramref name="levels"/> still carry their numbers.</summary>
    public static IReadOnlyList<ResultRow> Apply(IReadOnlyList<ResultRow> levels, IReadOnlyList<Indicator> indicators, IndicatorCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(catalogue);
        var rules = catalogue.Quality.Survey;
        var rows = levels.Select(r => r.IsSuppressed || r.Respondents >= rules.MinRespondents ? r : r.Suppress(SuppressionRules.SurveyMinRespondents)).ToList();
        var respondents = levels.Select(r => r.Respondents ?? 0).ToList();

        // all = focal + reference only where the two groups make up everyone (not for born outside Europe vs native-born).
        var splitting = catalogue.Comparisons.Where(ComplementarySuppression.SplitsEveryone).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        ComplementarySuppression.Apply(rows, respondents, ComplementarySuppression.SamePersons(levels), indicators, NestedBreakdowns.From(catalogue),
            SuppressionRules.SurveyComplementary, splitting);
        return rows;
    }
}

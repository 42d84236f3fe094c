using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Quality;
using Barometer.Production.Disclosure;
using Barometer.Storage.Results;

namespace Barometer.Production.Register;

/// <summary>
/// Disclosure control of register cells (catalogue/quality.yaml, docs/methodology/disclosure-control.md). Primary: a
/// cell is published only when its group has more than <c>group_size_more_than</c> persons and, for shares, more than
/// <c>with_property_more_than</c> have the property and as many do not have it (the rule is applied both ways, as
/// SCB does for proportions: 22 employed of 24 says as much about the 2 who are not as 2 of 24 would). Complementary
/// (when configured; <see cref="ComplementarySuppression"/>), repeated until nothing changes:
/// <list type="bullet">
/// <item>within a breakdown the parts add up to the total; the codes of a finer breakdown to the code of a coarser
/// one that contains them (kommuner to their län, whose cell is published too); two breakdowns derived from the same
/// variable (regions of birth in four groups and world regions; years-in-Sweden bands) have components with the same
/// persons (<see cref="NestedBreakdowns"/>): a lone suppressed cell among the members of such a relation could be
/// recomputed from the others, so the smallest other published part (by persons, then by code) is suppressed as
/// well, or the total when every part is hidden;</item>
/// <item>all = focal + reference: a lone suppressed one of the three could be recomputed from the other two, so the
/// other group's cell (or, when <c>all</c> is the hidden one, the smaller group) is suppressed as well;</item>
/// <item>suppression works on distinct cells, not on labelled rows: rows of one indicator with the same persons (the
/// native-born are the reference of two comparisons; a kommun where every foreign-born person was born outside Europe)
/// are one cell, recognised by identical counts and value, and are suppressed together. A copy published under
/// another label would otherwise give the hidden cell away. Rows that only happen to have the same numbers are
/// suppressed together too, which costs a little publication and never discloses.</item>
/// </list>
/// </summary>
public static class RegisterDisclosure
{
    public static IReadOnlyList<ResultRow> Apply(IReadOnlyList<ResultRow> levels, IReadOnlyList<Indicator> indicators, RegisterQualityRules rules, NestedBreakdowns nesting)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(nesting);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(rules);
        var statistic = indicators.ToDictionary(i => i.Id, i => i.Statistic, StringComparer.Ordinal);
        var rows = levels.Select(r =>
        {
            if (r.Respondents is not { } persons || persons <= rules.MinGroupSizeExclusive)
            {
                return r.Suppress(SuppressionRules.RegisterGroupSize);
            }

            if (statistic[r.Indicator] == StatisticKind.Proportion)
            {
                var with = (long)Math.Round(r.Population ?? 0);
                if (with <= rules.MinWithPropertyExclusive)
                {
                    return r.Suppress(SuppressionRules.RegisterWithProperty);
                }

                if (persons - with <= rules.MinWithPropertyExclusive)
                {
                    return r.Suppress(SuppressionRules.RegisterWithoutProperty);
                }
            }

            return r.Estimate is null ? r.Suppress(SuppressionRules.SurveyNotEstimable) : r;
        }).ToList();

        if (!rules.ComplementarySuppression)
        {
            return rows;
        }

        var persons = levels.Select(r => r.Respondents ?? 0).ToList();
        ComplementarySuppression.Apply(rows, persons, ComplementarySuppression.SamePersons(levels), indicators, nesting, SuppressionRules.RegisterComplementary);
        return rows;
    }
}

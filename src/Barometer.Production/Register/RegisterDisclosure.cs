using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Quality;
using Barometer.Production.Results;
using Barometer.Production.Variables;

namespace Barometer.Production.Register;

/// <summary>
/// Disclosure control of register cells (catalogue/quality.yaml). Primary: a cell is published only when its group
/// has more than <c>group_size_more_than</c> persons and, for shares, more than <c>with_property_more_than</c> have the
/// property. Complementary (when configured), repeated until nothing changes:
/// <list type="bullet">
/// <item>within a breakdown (and for kommun within each län, whose cell is published too), a lone suppressed cell
/// could be recomputed from the total, so the smallest other published cell (by persons, then by code) is suppressed
/// as well;</item>
/// <item>a suppressed focal (reference) group could be recomputed from <c>all</c> minus the other group, so the other
/// group's cell is suppressed as well while <c>all</c> is published.</item>
/// </list>
/// </summary>
public static class RegisterDisclosure
{
    public static IReadOnlyList<ResultRow> Apply(IReadOnlyList<ResultRow> levels, IReadOnlyList<Indicator> indicators, RegisterQualityRules rules)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(rules);
        var statistic = indicators.ToDictionary(i => i.Id, i => i.Statistic, StringComparer.Ordinal);
        var rows = levels.Select(r =>
        {
            if (r.Respondents is not { } persons || persons <= rules.MinGroupSizeExclusive)
            {
                return r.Suppress(Rules.RegisterGroupSize);
            }

            if (statistic[r.Indicator] == StatisticKind.Proportion && (r.Population ?? 0) <= rules.MinWithPropertyExclusive)
            {
                return r.Suppress(Rules.RegisterWithProperty);
            }

            return r.Estimate is null ? r.Suppress(Rules.SurveyNotEstimable) : r;
        }).ToList();

        if (!rules.ComplementarySuppression)
        {
            return rows;
        }

        var persons = levels.ToDictionary(r => r.Key, r => r.Respondents ?? 0, StringComparer.Ordinal);
        for (var pass = 0; pass < 20; pass++)
        {
            var changed = false;
            var partitions = Enumerable.Range(0, rows.Count)
                .Where(i => rows[i].Breakdown != Groups.TotalBreakdown)
                .GroupBy(i => (rows[i].Indicator, rows[i].Group, rows[i].Breakdown, Part: PartitionOf(rows[i])));
            foreach (var partition in partitions)
            {
                var members = partition.ToList();
                var suppressed = members.Count(i => rows[i].IsSuppressed);
                var open = members.Where(i => !rows[i].IsSuppressed).ToList();
                if (suppressed == 1 && open.Count > 0)
                {
                    // The smallest by persons; among equals the first by code, so the choice does not depend on row order.
                    var smallest = open.OrderBy(i => persons[rows[i].Key]).ThenBy(i => rows[i].Cell, StringComparer.Ordinal).First();
                    rows[smallest] = rows[smallest].Suppress(Rules.RegisterComplementary);
                    changed = true;
                }
            }

            var index = Enumerable.Range(0, rows.Count).ToDictionary(i => (rows[i].Indicator, rows[i].Breakdown, rows[i].Cell, rows[i].Group));
            foreach (var indicator in indicators)
            {
                foreach (var comparison in indicator.Comparisons)
                {
                    foreach (var i in index.Where(p => p.Key.Indicator == indicator.Id && p.Key.Group == Groups.Of(comparison, Groups.Focal)).Select(p => p.Value).ToList())
                    {
                        var row = rows[i];
                        if (!index.TryGetValue((row.Indicator, row.Breakdown, row.Cell, Groups.Of(comparison, Groups.Reference)), out var j)
                            || !index.TryGetValue((row.Indicator, row.Breakdown, row.Cell, Groups.All), out var all) || rows[all].IsSuppressed)
                        {
                            continue;
                        }

                        if (rows[i].IsSuppressed != rows[j].IsSuppressed)
                        {
                            var other = rows[i].IsSuppressed ? j : i;
                            rows[other] = rows[other].Suppress(Rules.RegisterComplementary);
                            changed = true;
                        }
                    }
                }
            }

            if (!changed)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>The cells that add up to a published total: kommuner within their län, otherwise the whole breakdown.</summary>
    private static string PartitionOf(ResultRow row) => row.Breakdown == "kommun" && row.Cell.Length >= 2 ? row.Cell[..2] : "";
}

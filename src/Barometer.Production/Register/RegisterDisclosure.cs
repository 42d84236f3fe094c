using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Quality;
using Barometer.Production.Results;
using Barometer.Production.Variables;

namespace Barometer.Production.Register;

/// <summary>
/// Disclosure control of register cells (catalogue/quality.yaml, docs/methodology/disclosure-control.md). Primary: a
/// cell is published only when its group has more than <c>group_size_more_than</c> persons and, for shares, more than
/// <c>with_property_more_than</c> have the property and as many do not have it (the rule is applied both ways, as
/// SCB does for proportions: 22 employed of 24 says as much about the 2 who are not as 2 of 24 would). Complementary
/// (when configured), repeated until nothing changes:
/// <list type="bullet">
/// <item>within a breakdown (and for kommun within each län, whose cell is published too) the parts add up to the
/// total (the län): a lone suppressed cell among the parts and their total could be recomputed from the others, so
/// the smallest other published part (by persons, then by code) is suppressed as well, or the total when every part
/// is hidden;</item>
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

            if (statistic[r.Indicator] == StatisticKind.Proportion)
            {
                var with = (long)Math.Round(r.Population ?? 0);
                if (with <= rules.MinWithPropertyExclusive)
                {
                    return r.Suppress(Rules.RegisterWithProperty);
                }

                if (persons - with <= rules.MinWithPropertyExclusive)
                {
                    return r.Suppress(Rules.RegisterWithoutProperty);
                }
            }

            return r.Estimate is null ? r.Suppress(Rules.SurveyNotEstimable) : r;
        }).ToList();

        if (!rules.ComplementarySuppression)
        {
            return rows;
        }

        var persons = levels.ToDictionary(r => r.Key, r => r.Respondents ?? 0, StringComparer.Ordinal);
        var twins = SamePersons(levels);
        var index = Enumerable.Range(0, rows.Count).ToDictionary(i => (rows[i].Indicator, rows[i].Breakdown, rows[i].Cell, rows[i].Group));

        // Each partition with the cell its parts add up to (the total; for kommuner their län), when published.
        var partitions = Enumerable.Range(0, rows.Count)
            .Where(i => rows[i].Breakdown != Groups.TotalBreakdown)
            .GroupBy(i => (rows[i].Indicator, rows[i].Group, rows[i].Breakdown, Part: PartitionOf(rows[i])))
            .Select(g => (Parts: g.ToList(), Parent: index.TryGetValue(g.Key.Part.Length == 0
                ? (g.Key.Indicator, Groups.TotalBreakdown, "", g.Key.Group)
                : (g.Key.Indicator, "lan", g.Key.Part, g.Key.Group), out var parent) ? parent : -1))
            .ToList();
        var pairs = new List<(int Focal, int Reference, int All)>();
        foreach (var indicator in indicators)
        {
            foreach (var comparison in indicator.Comparisons)
            {
                foreach (var i in index.Where(p => p.Key.Indicator == indicator.Id && p.Key.Group == Groups.Of(comparison, Groups.Focal)).Select(p => p.Value))
                {
                    var row = rows[i];
                    if (index.TryGetValue((row.Indicator, row.Breakdown, row.Cell, Groups.Of(comparison, Groups.Reference)), out var j)
                        && index.TryGetValue((row.Indicator, row.Breakdown, row.Cell, Groups.All), out var all))
                    {
                        pairs.Add((i, j, all));
                    }
                }
            }
        }

        pairs.Sort();
        bool changed;
        do
        {
            changed = false;

            // One cell under several labels: hidden under one, hidden under all.
            foreach (var twin in twins)
            {
                if (twin.Any(i => rows[i].IsSuppressed))
                {
                    foreach (var i in twin.Where(i => !rows[i].IsSuppressed))
                    {
                        rows[i] = rows[i].Suppress(Rules.RegisterComplementary);
                        changed = true;
                    }
                }
            }

            foreach (var (parts, parent) in partitions)
            {
                // Parent = Σ parts: a single hidden member (a part, or the parent itself) would follow from the others.
                var suppressed = parts.Count(i => rows[i].IsSuppressed) + (parent >= 0 && rows[parent].IsSuppressed ? 1 : 0);
                var open = parts.Where(i => !rows[i].IsSuppressed).ToList();
                if (suppressed != 1 || (open.Count == 0 && (parent < 0 || rows[parent].IsSuppressed)))
                {
                    continue;
                }

                // The smallest part by persons; among equals the first by code, so the choice does not depend on row
                // order. Only when every part is hidden already, the parent.
                var hide = open.Count > 0 ? open.OrderBy(i => persons[rows[i].Key]).ThenBy(i => rows[i].Cell, StringComparer.Ordinal).First() : parent;
                rows[hide] = rows[hide].Suppress(Rules.RegisterComplementary);
                changed = true;
            }

            foreach (var (focal, reference, all) in pairs)
            {
                // all = focal + reference where the comparison splits everyone: no single one of the three may be hidden.
                var hidden = (rows[focal].IsSuppressed ? 1 : 0) + (rows[reference].IsSuppressed ? 1 : 0) + (rows[all].IsSuppressed ? 1 : 0);
                if (hidden != 1)
                {
                    continue;
                }

                var other = rows[focal].IsSuppressed ? reference
                    : rows[reference].IsSuppressed ? focal
                    : persons[rows[focal].Key] <= persons[rows[reference].Key] ? focal : reference;
                rows[other] = rows[other].Suppress(Rules.RegisterComplementary);
                changed = true;
            }
        }
        while (changed);

        return rows;
    }

    /// <summary>
    /// Sets of rows (indexes, two or more) of one indicator that hold the same persons: the same persons in the base,
    /// with the property, and value. A group published under two labels always lands in one set.
    /// </summary>
    private static List<List<int>> SamePersons(IReadOnlyList<ResultRow> levels) =>
        [.. Enumerable.Range(0, levels.Count)
            .Where(i => levels[i].Respondents is > 0)
            .GroupBy(i => (levels[i].Indicator, levels[i].Respondents, levels[i].Population, levels[i].Estimate))
            .Where(g => g.Count() > 1)
            .Select(g => g.ToList())];

    /// <summary>The cells that add up to a published total: kommuner within their län, otherwise the whole breakdown.</summary>
    private static string PartitionOf(ResultRow row) => row.Breakdown == "kommun" && row.Cell.Length >= 2 ? row.Cell[..2] : "";
}

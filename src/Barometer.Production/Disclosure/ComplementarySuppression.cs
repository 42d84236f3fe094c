using Barometer.Catalogue.Indicators;
using Barometer.Storage.Results;

namespace Barometer.Production.Disclosure;

/// <summary>
/// Complementary suppression of the level cells of register or survey indicators
/// (docs/methodology/disclosure-control.md). Every relation a reader knows between the cells of one indicator and
/// group — a breakdown adds up to the total; the codes of a finer breakdown add up to the code of a coarser one that
/// contains them (the kommuner of a län; world regions within Europe) and, where two breakdowns are derived from the
/// same variable, their codes with the same persons add up alike (<see cref="NestedBreakdowns"/>); all = focal +
/// reference — must not keep exactly one hidden cell, or that cell could be recomputed from the others. Repeated until
/// nothing changes:
/// <list type="bullet">
/// <item>one cell under several labels (the same persons, <see cref="SamePersons"/>): hidden under one, hidden under all;</item>
/// <item>a relation with a single hidden cell: the smallest other published part (by size, then code, then
/// breakdown, so the choice does not depend on row order; a part with the same persons as a whole group, such as
/// Sverige under <c>all</c>, only when no other is left) is hidden too, or the cell the parts add up to when every
/// part is hidden;</item>
/// <item>all = focal + reference with a single hidden one: the other group, or, when <c>all</c> is the hidden one, the
/// smaller group.</item>
/// </list>
/// Each relation is made safe on its own; combinations across relations are what the disclosure audit checks.
/// </summary>
public static class ComplementarySuppression
{
    /// <summary>
    /// Hides further cells of <paramref name="rows"/> (levels after the primary rules) with <paramref name="rule"/>.
    /// <paramref name="size"/> is each row's size before suppression (persons; respondents), <paramref name="twins"/>
    /// sets of rows with the same persons, <paramref name="splitting"/> the comparisons whose two groups make up
    /// everyone (all = focal + reference; null: every comparison is treated as if it did, which hides more than needed
    /// where it does not).
    /// </summary>
    public static void Apply(List<ResultRow> rows, IReadOnlyList<long> size, IReadOnlyList<IReadOnlyList<int>> twins,
        IReadOnlyList<Indicator> indicators, NestedBreakdowns nesting, string rule, IReadOnlySet<string>? splitting = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(twins);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(nesting);
        var index = new Dictionary<(string Indicator, string Breakdown, string Cell, string Group), int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Measure == Measure.Level)
            {
                index.TryAdd((rows[i].Indicator, rows[i].Breakdown, rows[i].Cell, rows[i].ComparisonGroup), i);
            }
        }

        var relations = Relations(rows, index, indicators, nesting);

        // A part with the same persons as a whole group (Sverige under `all` is the native-born; a single band under a
        // group) would take that group, its copies and, through all = focal + reference, the other group with it:
        // such a part is chosen only when no other part is left.
        var wholeGroup = new bool[rows.Count];
        foreach (var twin in twins.Where(t => t.Any(i => rows[i].Breakdown == ComparisonGroups.TotalBreakdown)))
        {
            foreach (var i in twin)
            {
                wholeGroup[i] = rows[i].Breakdown != ComparisonGroups.TotalBreakdown;
            }
        }

        var triples = new List<(int Focal, int Reference, int All)>();
        foreach (var indicator in indicators)
        {
            foreach (var comparison in indicator.Comparisons.Where(c => splitting is null || splitting.Contains(c)))
            {
                foreach (var i in index.Where(p => p.Key.Indicator == indicator.Id && p.Key.Group == ComparisonGroups.Of(comparison, ComparisonGroups.FocalSide)).Select(p => p.Value))
                {
                    var row = rows[i];
                    if (index.TryGetValue((row.Indicator, row.Breakdown, row.Cell, ComparisonGroups.Of(comparison, ComparisonGroups.ReferenceSide)), out var j)
                        && index.TryGetValue((row.Indicator, row.Breakdown, row.Cell, ComparisonGroups.All), out var all))
                    {
                        triples.Add((i, j, all));
                    }
                }
            }
        }

        // In a fixed order of their cells, so that the choices do not depend on the order of the rows.
        triples = [.. triples.OrderBy(t => rows[t.All].Indicator, StringComparer.Ordinal).ThenBy(t => rows[t.All].Breakdown, StringComparer.Ordinal)
            .ThenBy(t => rows[t.All].Cell, StringComparer.Ordinal).ThenBy(t => rows[t.Focal].ComparisonGroup, StringComparer.Ordinal)];
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
                        rows[i] = rows[i].Suppress(rule);
                        changed = true;
                    }
                }
            }

            foreach (var (parts, parent) in relations)
            {
                // Parent = Σ parts: a single hidden member (a part, or the parent itself) would follow from the others.
                var suppressed = parts.Count(i => rows[i].IsSuppressed) + (parent >= 0 && rows[parent].IsSuppressed ? 1 : 0);
                var open = parts.Where(i => !rows[i].IsSuppressed).ToList();
                if (suppressed != 1 || (open.Count == 0 && (parent < 0 || rows[parent].IsSuppressed)))
                {
                    continue;
                }

                // The smallest part; among equals the first by code, so the choice does not depend on row order. Only
                // when every part is hidden already, the parent.
                var hide = open.Count > 0
                    ? open.OrderBy(i => wholeGroup[i]).ThenBy(i => size[i]).ThenBy(i => rows[i].Cell, StringComparer.Ordinal).ThenBy(i => rows[i].Breakdown, StringComparer.Ordinal).First()
                    : parent;
                rows[hide] = rows[hide].Suppress(rule);
                changed = true;
            }

            foreach (var (focal, reference, all) in triples)
            {
                // all = focal + reference where the comparison splits everyone: no single one of the three may be hidden.
                var hidden = (rows[focal].IsSuppressed ? 1 : 0) + (rows[reference].IsSuppressed ? 1 : 0) + (rows[all].IsSuppressed ? 1 : 0);
                if (hidden != 1)
                {
                    continue;
                }

                var other = rows[focal].IsSuppressed ? reference
                    : rows[reference].IsSuppressed ? focal
                    : size[focal] <= size[reference] ? focal : reference;
                rows[other] = rows[other].Suppress(rule);
                changed = true;
            }
        }
        while (changed);
    }

    /// <summary>
    /// Sets of rows (indexes, two or more) of one indicator with the same numbers — persons (respondents), persons with
    /// the property (estimated population) and value — which is what the same persons under two labels have. Rows that
    /// only happen to have the same numbers land in one set too, which costs a little publication and never discloses.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> SamePersons(IReadOnlyList<ResultRow> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        return [.. Enumerable.Range(0, levels.Count)
            .Where(i => levels[i].Measure == Measure.Level && levels[i].Respondents is > 0)
            .GroupBy(i => (levels[i].Indicator, levels[i].Respondents, levels[i].Population, levels[i].Estimate))
            .Where(g => g.Count() > 1)
            .Select(g => (IReadOnlyList<int>)[.. g])];
    }

    /// <summary>
    /// The relations (parts, and the row they add up to or −1) of each indicator and group: every breakdown to the
    /// total, unless it refines another breakdown of the indicator (kommun within län), in which case it adds up to
    /// the coarser codes; and the components of two breakdowns derived from the same variable.
    /// </summary>
    private static List<(List<int> Parts, int Parent)> Relations(List<ResultRow> rows, Dictionary<(string Indicator, string Breakdown, string Cell, string Group), int> index,
        IReadOnlyList<Indicator> indicators, NestedBreakdowns nesting)
    {
        var breakdownsOf = indicators.ToDictionary(i => i.Id, i => i.Breakdowns, StringComparer.Ordinal);
        var refines = new Dictionary<(string Indicator, string Breakdown), bool>();
        bool Refined(string indicator, string breakdown)
        {
            if (!refines.TryGetValue((indicator, breakdown), out var refined))
            {
                refined = breakdownsOf.TryGetValue(indicator, out var all) && all.Any(b => b != breakdown && nesting.Refines(breakdown, b));
                refines[(indicator, breakdown)] = refined;
            }

            return refined;
        }

        var relations = Enumerable.Range(0, rows.Count)
            .Where(i => rows[i].Measure == Measure.Level && rows[i].Breakdown != ComparisonGroups.TotalBreakdown && !Refined(rows[i].Indicator, rows[i].Breakdown))
            .GroupBy(i => (rows[i].Indicator, rows[i].ComparisonGroup, rows[i].Breakdown))
            .Select(g => (Parts: g.ToList(), Parent: index.TryGetValue((g.Key.Indicator, ComparisonGroups.TotalBreakdown, "", g.Key.ComparisonGroup), out var parent) ? parent : -1))
            .ToList();

        var groups = index.Keys.Select(k => (k.Indicator, k.Group)).Distinct().ToList();
        foreach (var (indicator, group) in groups)
        {
            if (!breakdownsOf.TryGetValue(indicator, out var breakdowns))
            {
                continue;
            }

            foreach (var relation in nesting.Among(breakdowns))
            {
                var a = relation.CodesA.Select(c => index.TryGetValue((indicator, relation.BreakdownA, c, group), out var i) ? i : -1).Where(i => i >= 0).ToList();
                var b = relation.CodesB.Select(c => index.TryGetValue((indicator, relation.BreakdownB, c, group), out var i) ? i : -1).Where(i => i >= 0).ToList();
                // A single coarse code is what the finer codes add up to, even when its row is missing (as the total is
                // for a breakdown); otherwise both sides are parts alike, and a side without any row was not computed.
                if (relation.CodesA.Count == 1 && b.Count > 0)
                {
                    relations.Add((b, a.Count == 1 ? a[0] : -1));
                }
                else if (relation.CodesB.Count == 1 && a.Count > 0)
                {
                    relations.Add((a, b.Count == 1 ? b[0] : -1));
                }
                else if (a.Count > 0 && b.Count > 0)
                {
                    relations.Add(([.. a, .. b], -1));
                }
            }
        }

        // In a fixed order of their cells (indicator, group, then the first breakdown and code among the members), so
        // that the greedy choices depend neither on the order of the rows nor on how the relations were found.
        return [.. relations
            .Select(r => (Relation: r, Row: rows[r.Parts.Count > 0 ? r.Parts[0] : r.Parent],
                Cells: r.Parts.Append(r.Parent).Where(i => i >= 0).Select(i => rows[i].Breakdown + "\u001f" + rows[i].Cell).Order(StringComparer.Ordinal).ToList()))
            .OrderBy(r => r.Row.Indicator, StringComparer.Ordinal).ThenBy(r => r.Row.ComparisonGroup, StringComparer.Ordinal)
            .ThenBy(r => r.Cells[0], StringComparer.Ordinal).ThenBy(r => r.Cells[^1], StringComparer.Ordinal)
            .Select(r => r.Relation)];
    }

    /// <summary>Whether a comparison's groups make up everyone: the reference condition is the negation of the focal one (or the other way).</summary>
    public static bool SplitsEveryone(Comparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var focal = Normalise(comparison.Focal.Condition.Text);
        var reference = Normalise(comparison.Reference.Condition.Text);
        return reference == "not " + focal || reference == "not (" + focal + ")" || focal == "not " + reference || focal == "not (" + reference + ")";
    }

    private static string Normalise(string condition) => string.Join(' ', condition.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

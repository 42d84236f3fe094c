using System.Diagnostics;
using System.Globalization;
using System.Text;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Production.Changes;
using Barometer.Production.Disclosure;
using Barometer.Storage.Results;

namespace Barometer.Production.Releases;

/// <summary>A suppressed (or unpublished) value that published figures give away, and how.</summary>
public sealed record DisclosureFinding(string Cell, string Attack)
{
    public override string ToString() => Cell + ": " + Attack;
}

/// <summary>What the audit looked at, what it found and how long it took.</summary>
public sealed record DisclosureAuditOutcome(int CellsChecked, int SuppressedCells, int Relations, IReadOnlyList<DisclosureFinding> Findings, TimeSpan Elapsed)
{
    public bool Passed => Findings.Count == 0;
}

/// <summary>
/// The disclosure audit every release must pass (docs/methodology/disclosure-control.md): it attacks the run's
/// results the way a reader who differences tables would.
/// <list type="bullet">
/// <item>Same persons, two labels: a group whose catalogue condition is the same under two labels (the native-born,
/// reference of two comparisons) is one cell; published under one label and suppressed under the other, it is
/// exposed.</item>
/// <item>Linear combinations: per register indicator, the persons and the persons with the property (or the summed
/// values) of the distinct cells satisfy linear relations that every reader knows — each breakdown adds up to the
/// total, the kommuner of a län to the län, and the two groups of a comparison that splits everyone (reference
/// condition <c>not</c> the focal one) to <c>all</c>. A suppressed cell is exposed when those relations determine it
/// uniquely from the published cells: the audit reduces the relations over the suppressed cells to row echelon
/// form and reports each suppressed cell whose row has no free cell left, with the published cells that give it.
/// All − group with the complement suppressed, a single suppressed part of a breakdown and a copy published under
/// another label are the simplest cases.</item>
/// <item>Changes: a published change must be taken against a published level of the previous wave's released
/// version (<c>rules.changes</c>): level − change is that level to rounding, or the change gives away a number that
/// is not public.</item>
/// <item>Expected versus actual: an area's expected level and difference are published only with its actual level
/// (expected + difference = actual).</item>
/// <item>Model-based (small-area) estimates: published only where the group's national level is, which they are
/// benchmarked to (their population-weighted mean gives it back).</item>
/// </list>
/// </summary>
public static class DisclosureAudit
{
    private const double Epsilon = 1e-9;
    private const int MaxFindingsPerIndicator = 20;

    public static DisclosureAuditOutcome Check(IReadOnlyList<ResultRow> rows, IndicatorCatalogue catalogue, IReadOnlyList<ResultRow>? changeBase)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(catalogue);
        var watch = Stopwatch.StartNew();
        var findings = new List<DisclosureFinding>();
        var relations = 0;
        var populations = PopulationKeys(catalogue);
        var nesting = NestedBreakdowns.From(catalogue);
        foreach (var group in rows.Where(r => r.Measure == Measure.Level).GroupBy(r => r.Indicator, StringComparer.Ordinal))
        {
            if (catalogue.FindIndicator(group.Key) is not { } indicator)
            {
                continue;
            }

            relations += Linear(indicator, [.. group], populations, catalogue, nesting, survey: group.First().Source == ResultSources.Survey, findings);
        }

        var checkedChanges = Changes(rows, changeBase, findings) + ExpectedVersusActual(rows, findings) + ModelEstimates(rows, findings);
        var levels = rows.Count(r => r.Measure == Measure.Level);
        return new DisclosureAuditOutcome(levels + checkedChanges, rows.Count(r => r.Measure == Measure.Level && r.IsSuppressed), relations, findings, watch.Elapsed);
    }

    /// <summary>The population a group label stands for: <c>all</c>, or the normalised condition of its comparison side.</summary>
    private static Dictionary<string, string> PopulationKeys(IndicatorCatalogue catalogue)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal) { [ComparisonGroups.All] = ComparisonGroups.All };
        foreach (var comparison in catalogue.Comparisons)
        {
            keys[ComparisonGroups.Of(comparison.Id, ComparisonGroups.FocalSide)] = "if " + Normalise(comparison.Focal.Condition.Text);
            keys[ComparisonGroups.Of(comparison.Id, ComparisonGroups.ReferenceSide)] = "if " + Normalise(comparison.Reference.Condition.Text);
        }

        return keys;
    }

    private static string Normalise(string condition) => string.Join(' ', condition.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private sealed class Cell(string breakdown, string code, string population)
    {
        public string Breakdown { get; } = breakdown;

        public string Code { get; } = code;

        public string Population { get; } = population;

        public List<ResultRow> Rows { get; } = [];

        public bool Known => Rows.Any(r => !r.IsSuppressed);

        public string Label(string indicator) =>
            $"{indicator}.{Breakdown} {(Code.Length == 0 ? ComparisonGroups.TotalBreakdown : Code)} {string.Join(" = ", Rows.Select(r => r.ComparisonGroup).Distinct(StringComparer.Ordinal))}";
    }

    private static int Linear(Indicator indicator, List<ResultRow> levels, Dictionary<string, string> populations, IndicatorCatalogue catalogue, NestedBreakdowns nesting, bool survey,
        List<DisclosureFinding> findings)
    {
        var cells = new Dictionary<(string Breakdown, string Code, string Population), Cell>();
        foreach (var row in levels)
        {
            var population = populations.GetValueOrDefault(row.ComparisonGroup, row.ComparisonGroup);
            if (!cells.TryGetValue((row.Breakdown, row.Cell, population), out var cell))
            {
                cells[(row.Breakdown, row.Cell, population)] = cell = new Cell(row.Breakdown, row.Cell, population);
            }

            cell.Rows.Add(row);
        }

        // The same persons under two labels, published under one.
        foreach (var cell in cells.Values.Where(c => c.Rows.Count > 1 && c.Known && c.Rows.Any(r => r.IsSuppressed)))
        {
            var open = cell.Rows.First(r => !r.IsSuppressed);
            foreach (var hidden in cell.Rows.Where(r => r.IsSuppressed))
            {
                findings.Add(new DisclosureFinding($"{indicator.Id}.{hidden.Breakdown} {(hidden.Cell.Length == 0 ? ComparisonGroups.TotalBreakdown : hidden.Cell)} {hidden.ComparisonGroup}",
                    $"suppressed ({hidden.SuppressionRule}) but the same persons are published as {open.ComparisonGroup}"));
            }
        }

        // Linear relations between distinct cells, each Σ coefficient × cell = 0.
        var relations = new List<List<(Cell Cell, double Coefficient)>>();
        var byPopulation = cells.Values.GroupBy(c => c.Population, StringComparer.Ordinal);
        foreach (var population in byPopulation)
        {
            var total = population.FirstOrDefault(c => c.Breakdown == ComparisonGroups.TotalBreakdown);
            foreach (var breakdown in population.Where(c => c.Breakdown != ComparisonGroups.TotalBreakdown).GroupBy(c => c.Breakdown, StringComparer.Ordinal))
            {
                if (total is not null)
                {
                    relations.Add([(total, 1.0), .. breakdown.Select(c => (c, -1.0))]);
                }

            }

            // Breakdowns derived from the same variable: the kommuner of a län add up to the län, regions of birth in
            // four groups to world regions, and so on (NestedBreakdowns). A code without a cell has no persons; a side
            // without any cell was not computed.
            var byCode = population.ToDictionary(c => (c.Breakdown, c.Code));
            foreach (var nested in nesting.Among(indicator.Breakdowns))
            {
                var a = nested.CodesA.Select(code => byCode.GetValueOrDefault((nested.BreakdownA, code))).OfType<Cell>().ToList();
                var b = nested.CodesB.Select(code => byCode.GetValueOrDefault((nested.BreakdownB, code))).OfType<Cell>().ToList();
                if (a.Count > 0 && b.Count > 0)
                {
                    relations.Add([.. a.Select(c => (c, 1.0)), .. b.Select(c => (c, -1.0))]);
                }
            }
        }

        foreach (var comparison in indicator.Comparisons.Select(catalogue.Comparison).Where(ComplementarySuppression.SplitsEveryone))
        {
            var focal = populations[ComparisonGroups.Of(comparison.Id, ComparisonGroups.FocalSide)];
            var reference = populations[ComparisonGroups.Of(comparison.Id, ComparisonGroups.ReferenceSide)];
            foreach (var all in cells.Values.Where(c => c.Population == ComparisonGroups.All))
            {
                // A group without a row has no persons in the cell (0); with neither, the comparison was not computed.
                var relation = new List<(Cell, double)> { (all, 1.0) };
                if (cells.TryGetValue((all.Breakdown, all.Code, focal), out var f))
                {
                    relation.Add((f, -1.0));
                }

                if (cells.TryGetValue((all.Breakdown, all.Code, reference), out var r))
                {
                    relation.Add((r, -1.0));
                }

                if (relation.Count > 1)
                {
                    relations.Add(relation);
                }
            }
        }

        // Only relations with a suppressed cell matter; suppressed cells linked by a relation are solved together.
        var unknown = cells.Values.Where(c => !c.Known).Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var parent = Enumerable.Range(0, unknown.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        var touching = relations.Where(r => r.Any(t => unknown.ContainsKey(t.Cell))).ToList();
        foreach (var relation in touching)
        {
            var ids = relation.Where(t => unknown.ContainsKey(t.Cell)).Select(t => unknown[t.Cell]).ToList();
            foreach (var id in ids.Skip(1))
            {
                parent[Root(id)] = Root(ids[0]);
            }
        }

        var found = 0;
        foreach (var component in touching.GroupBy(r => Root(unknown[r.First(t => unknown.ContainsKey(t.Cell)).Cell])))
        {
            found += Solve(indicator.Id, [.. component], unknown, survey, findings, MaxFindingsPerIndicator - found);
            if (found >= MaxFindingsPerIndicator)
            {
                break;
            }
        }

        return relations.Count;
    }

    /// <summary>
    /// Gauss–Jordan elimination of the relations over their suppressed cells; a pivot whose row has no other
    /// suppressed cell left is determined by published cells alone. Returns the number of findings added.
    /// </summary>
    private static int Solve(string indicator, List<List<(Cell Cell, double Coefficient)>> relations, Dictionary<Cell, int> unknownIndex, bool survey, List<DisclosureFinding> findings, int limit)
    {
        var columns = relations.SelectMany(r => r).Select(t => t.Cell).Where(unknownIndex.ContainsKey).Distinct().ToList();
        var column = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var n = columns.Count;
        var matrix = relations.Select(r =>
        {
            var a = new double[n];
            var known = new Dictionary<Cell, double>();
            foreach (var (cell, coefficient) in r)
            {
                if (column.TryGetValue(cell, out var j))
                {
                    a[j] += coefficient;
                }
                else
                {
                    known[cell] = known.GetValueOrDefault(cell) + coefficient;
                }
            }

            return (A: a, Known: known);
        }).ToList();

        var pivots = new List<(int Row, int Column)>();
        var next = 0;
        for (var j = 0; j < n && next < matrix.Count; j++)
        {
            var best = -1;
            for (var i = next; i < matrix.Count; i++)
            {
                if (Math.Abs(matrix[i].A[j]) > Epsilon && (best < 0 || Math.Abs(matrix[i].A[j]) > Math.Abs(matrix[best].A[j])))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                continue;
            }

            (matrix[next], matrix[best]) = (matrix[best], matrix[next]);
            var (pivotRow, pivotKnown) = matrix[next];
            var scale = pivotRow[j];
            for (var k = 0; k < n; k++)
            {
                pivotRow[k] /= scale;
            }

            foreach (var key in pivotKnown.Keys.ToList())
            {
                pivotKnown[key] /= scale;
            }

            for (var i = 0; i < matrix.Count; i++)
            {
                var factor = matrix[i].A[j];
                if (i == next || Math.Abs(factor) <= Epsilon)
                {
                    continue;
                }

                var row = matrix[i].A;
                for (var k = 0; k < n; k++)
                {
                    row[k] -= factor * pivotRow[k];
                }

                row[j] = 0;
                foreach (var (cell, value) in pivotKnown)
                {
                    matrix[i].Known[cell] = matrix[i].Known.GetValueOrDefault(cell) - (factor * value);
                }
            }

            pivots.Add((next, j));
            next++;
        }

        var added = 0;
        foreach (var (r, j) in pivots)
        {
            var (row, known) = matrix[r];
            if (Enumerable.Range(0, n).Any(k => k != j && Math.Abs(row[k]) > Epsilon))
            {
                continue;
            }

            // x_j + Σ known = 0, so x_j = −Σ known.
            var text = new StringBuilder("determined by published cells: ");
            var terms = known.Where(p => Math.Abs(p.Value) > Epsilon).OrderBy(p => p.Value > 0)
                .ThenBy(p => p.Key.Breakdown, StringComparer.Ordinal).ThenBy(p => p.Key.Code, StringComparer.Ordinal).ToList();
            for (var t = 0; t < terms.Count; t++)
            {
                var coefficient = -terms[t].Value;
                text.Append(t == 0 ? (coefficient < 0 ? "− " : "") : (coefficient < 0 ? " − " : " + "));
                if (Math.Abs(Math.Abs(coefficient) - 1) > Epsilon)
                {
                    text.Append(Math.Abs(coefficient).ToString("0.###", CultureInfo.InvariantCulture)).Append(" × ");
                }

                text.Append('[').Append(terms[t].Key.Label(indicator)).Append(']');
            }

            if (terms.Count == 0)
            {
                text.Append("0 (the cell is empty)");
            }

            var hidden = columns[j];
            findings.Add(new DisclosureFinding(hidden.Label(indicator), text.Append(survey ? " (estimated population × estimate, the weights being calibrated to public totals)" : " (persons and persons with the property alike)").ToString()));
            if (++added >= limit)
            {
                break;
            }
        }

        return added;
    }

    /// <summary>Every published change must be level − a published level of the previous wave's release. Returns the changes checked.</summary>
    private static int Changes(IReadOnlyList<ResultRow> rows, IReadOnlyList<ResultRow>? changeBase, List<DisclosureFinding> findings)
    {
        var current = rows.Where(HasChanges).ToDictionary(r => (r.Indicator, r.Breakdown, r.Cell, WaveChangeGroup(r)));
        var before = changeBase?.Where(HasChanges).ToDictionary(r => (r.Indicator, r.Breakdown, r.Cell, WaveChangeGroup(r)));
        var checkedChanges = 0;
        foreach (var change in rows.Where(r => r.Measure == Measure.Change))
        {
            checkedChanges++;
            if (change.IsSuppressed)
            {
                continue;
            }

            var cell = $"{change.Indicator}.{change.Breakdown} {(change.Cell.Length == 0 ? ComparisonGroups.TotalBreakdown : change.Cell)} change {change.ComparisonGroup}";
            if (before is null)
            {
                findings.Add(new DisclosureFinding(cell, "a change is published but the previous wave has no release to take it against: level − change gives an unpublished level"));
                continue;
            }

            var key = (change.Indicator, change.Breakdown, change.Cell, change.ComparisonGroup);
            if (!current.TryGetValue(key, out var level) || level.Estimate is not { } now
                || !before.TryGetValue(key, out var previous) || previous.Estimate is not { } then)
            {
                findings.Add(new DisclosureFinding(cell, "a change is published where this wave's or the previous release's figure is not: level − change gives an unpublished figure"));
                continue;
            }

            if (Math.Abs(now - change.Estimate!.Value - then) > 1e-9 * Math.Max(1, Math.Abs(then)))
            {
                findings.Add(new DisclosureFinding(cell, string.Create(CultureInfo.InvariantCulture,
                    $"level − change = {now - change.Estimate.Value:R}, not the previous release's published {then:R}: the change was taken against an unpublished figure")));
            }
        }

        return checkedChanges;
    }

    private static string WaveChangeGroup(ResultRow row) => WaveChange.ChangeGroup(row);

    /// <summary>The measures a wave change is taken of.</summary>
    private static bool HasChanges(ResultRow row) => row.Measure is Measure.Level or Measure.Gap or Measure.StandardisedGap;

    /// <summary>
    /// An area's expected level and its actual-minus-expected difference add up to the area's actual level: both may
    /// be published only where that level is (for the focal group of the comparison). Returns the rows checked.
    /// </summary>
    /// <summary>
    /// Model-based estimates by area are benchmarked to the group's national level, and with their populations they give
    /// it back: they may be published only where that level is. Returns the rows checked.
    /// </summary>
    private static int ModelEstimates(IReadOnlyList<ResultRow> rows, List<DisclosureFinding> findings)
    {
        var totals = rows.Where(r => r.Measure == Measure.Level && r.Breakdown == ComparisonGroups.TotalBreakdown).ToDictionary(r => (r.Indicator, r.ComparisonGroup));
        var checkedRows = 0;
        foreach (var row in rows.Where(r => r.Measure == Measure.ModelEstimate))
        {
            checkedRows++;
            if (row.IsSuppressed)
            {
                continue;
            }

            var group = row.ComparisonGroup == ComparisonGroups.All ? ComparisonGroups.All : ComparisonGroups.Focal(row.ComparisonGroup);
            if (!totals.TryGetValue((row.Indicator, group), out var level) || level.Estimate is null)
            {
                findings.Add(new DisclosureFinding($"{row.Indicator}.{row.Breakdown} {row.Cell} {MeasureCodes.Code(row.Measure)} {row.ComparisonGroup}",
                    "a model-based estimate is published where the group's national level, which the estimates are benchmarked to, is not"));
            }
        }

        return checkedRows;
    }

    private static int ExpectedVersusActual(IReadOnlyList<ResultRow> rows, List<DisclosureFinding> findings)
    {
        var levels = rows.Where(r => r.Measure == Measure.Level).ToDictionary(r => (r.Indicator, r.Breakdown, r.Cell, r.ComparisonGroup));
        var checkedRows = 0;
        foreach (var row in rows.Where(r => r.Measure is Measure.Expected or Measure.ExpectedDifference))
        {
            checkedRows++;
            if (row.IsSuppressed)
            {
                continue;
            }

            if (!levels.TryGetValue((row.Indicator, row.Breakdown, row.Cell, ComparisonGroups.Focal(row.ComparisonGroup)), out var level) || level.Estimate is null)
            {
                findings.Add(new DisclosureFinding($"{row.Indicator}.{row.Breakdown} {row.Cell} {MeasureCodes.Code(row.Measure)} {row.ComparisonGroup}",
                    "an expected level or an actual-minus-expected difference is published where the area's actual level is not: expected + difference gives it"));
            }
        }

        return checkedRows;
    }
}

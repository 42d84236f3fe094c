using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Variables;
using Barometer.Production.Register;
using Barometer.Production.Variables;
using Barometer.Storage;
using Barometer.Storage.Results;

namespace Barometer.Production.Tests.Register;

/// <summary>
/// The oracle for <see cref="RegisterIndicators"/>: the same register indicators computed person by person in .NET,
/// each person's catalogue variables evaluated with the catalogue's own evaluator (the production code's
/// implementation before the aggregation moved into DuckDB SQL). Slow, and independent of the SQL translation.
/// </summary>
internal static class EvaluatorRegisterIndicators
{
    private sealed class Cell
    {
        public long Persons;
        public long WithProperty;
        public double SumY;
        public double SumX;
        public List<double>? Values;
    }

    /// <summary>The level rows before disclosure control, in no particular order.</summary>
    public static IReadOnlyList<ResultRow> Levels(StoreSession session, IndicatorCatalogue catalogue, string registerTable, IReadOnlyList<Indicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(indicators);
        if (indicators.Count == 0)
        {
            return [];
        }

        var dependencies = new RawDependencies(catalogue);
        var comparisons = indicators.SelectMany(i => i.Comparisons).Distinct(StringComparer.Ordinal).Select(catalogue.Comparison).ToList();
        var breakdowns = indicators.SelectMany(i => i.Breakdowns).Distinct(StringComparer.Ordinal).ToList();
        var needed = new List<string> { "age", "foreign_born" };
        needed.AddRange(breakdowns);
        foreach (var indicator in indicators)
        {
            needed.AddRange(indicator.Numerator.Variables);
            needed.AddRange(indicator.Denominator?.Variables ?? []);
            needed.AddRange(indicator.Population.Filter?.Variables ?? []);
        }

        foreach (var comparison in comparisons)
        {
            needed.AddRange(comparison.Focal.Condition.Variables);
            needed.AddRange(comparison.Reference.Condition.Variables);
        }

        var present = session.ColumnsOf(registerTable).ToHashSet(StringComparer.Ordinal);
        var columns = dependencies.Of(needed).Where(present.Contains).ToList();
        var index = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);

        // Every formula is evaluated through a memo keyed on the raw columns it depends on (see RegisterRowMemo).
        var values = new Value[columns.Count];
        Func<string, Value> Lookup()
        {
            return catalogue.Evaluator.For(name => index.TryGetValue(name, out var at) ? values[at] : Value.Missing);
        }

        int[] Columns(IEnumerable<string> names) => dependencies.Of(names).Where(index.ContainsKey).Select(n => index[n]).ToArray();
        var populationNames = new[] { "age", "foreign_born" };
        var baseMemos = indicators.Select(i => new RegisterRowMemo<bool>(Columns(populationNames
            .Concat(i.Population.Filter?.Variables ?? []).Concat(i.Statistic == StatisticKind.Ratio ? [] : i.Denominator?.Variables ?? [])))).ToArray();
        var valueMemos = indicators.Select(i => new RegisterRowMemo<Measurement>(Columns(i.Numerator.Variables
            .Concat(i.Statistic == StatisticKind.Ratio ? i.Denominator?.Variables ?? [] : [])))).ToArray();
        var codeLists = breakdowns.Select(_ => new List<string>()).ToArray();
        var codeIndex = breakdowns.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var breakdownMemos = breakdowns.Select(b => new RegisterRowMemo<int>(Columns([b]))).ToArray();
        var comparisonMemos = comparisons.Select(c => new RegisterRowMemo<int>(Columns(c.Focal.Condition.Variables.Concat(c.Reference.Condition.Variables)))).ToArray();
        var sets = indicators.Select(i => i.Comparisons.Select(c => comparisons.FindIndex(x => x.Id == c)).ToArray()).ToArray();
        var breakdownIndex = indicators.Select(i => i.Breakdowns.Select(b => breakdowns.IndexOf(b)).ToArray()).ToArray();

        // cells[k][group][slot][code]: group 0 = all, 1 + 2c = focal of comparison c, 2 + 2c = reference; slot 0 = total, 1 + j = breakdown j.
        var cells = indicators.Select((i, k) => Enumerable.Range(0, 1 + (2 * comparisons.Count))
            .Select(_ => Enumerable.Range(0, 1 + i.Breakdowns.Count).Select(_ => new List<Cell?>()).ToArray()).ToArray()).ToArray();
        var codes = new int[breakdowns.Count];
        var sides = new int[comparisons.Count];
        var sql = $"SELECT {string.Join(", ", columns.Select(SqlText.Identifier))} FROM {SqlText.Identifier(registerTable)}";
        using (var command = session.Command(sql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                for (var c = 0; c < values.Length; c++)
                {
                    values[c] = StoredValues.ToValue(reader.IsDBNull(c) ? null : reader.GetValue(c));
                }

                var demographicsDone = false;
                for (var k = 0; k < indicators.Count; k++)
                {
                    var indicator = indicators[k];
                    if (!baseMemos[k].Get(values, () => IndicatorMeasurement.InBase(indicator, null, Lookup())))
                    {
                        continue;
                    }

                    var measured = valueMemos[k].Get(values, () => IndicatorMeasurement.Values(indicator, Lookup()));
                    if (!measured.InBase)
                    {
                        continue;
                    }

                    if (!demographicsDone)
                    {
                        for (var b = 0; b < breakdowns.Count; b++)
                        {
                            var at = b;
                            codes[b] = breakdownMemos[b].Get(values, () =>
                            {
                                var code = IndicatorMeasurement.Code(Lookup()(breakdowns[at]));
                                if (code is null)
                                {
                                    return -1;
                                }

                                if (!codeIndex[at].TryGetValue(code, out var i))
                                {
                                    i = codeLists[at].Count;
                                    codeIndex[at][code] = i;
                                    codeLists[at].Add(code);
                                }

                                return i;
                            });
                        }

                        for (var c = 0; c < comparisons.Count; c++)
                        {
                            var at = c;
                            sides[c] = comparisonMemos[c].Get(values, () => IndicatorMeasurement.GroupOf(comparisons[at], Lookup()) switch
                            {
                                ComparisonGroups.FocalSide => 1,
                                ComparisonGroups.ReferenceSide => 2,
                                _ => 0,
                            });
                        }

                        demographicsDone = true;
                    }

                    AddAll(cells[k][0], indicator, breakdownIndex[k], codes, measured);
                    foreach (var c in sets[k])
                    {
                        if (sides[c] > 0)
                        {
                            AddAll(cells[k][(2 * c) + sides[c]], indicator, breakdownIndex[k], codes, measured);
                        }
                    }
                }

            }
        }

        var rows = new List<ResultRow>();
        for (var k = 0; k < indicators.Count; k++)
        {
            var indicator = indicators[k];
            for (var g = 0; g < cells[k].Length; g++)
            {
                var group = g == 0 ? ComparisonGroups.All : ComparisonGroups.Of(comparisons[(g - 1) / 2].Id, (g - 1) % 2 == 0 ? ComparisonGroups.FocalSide : ComparisonGroups.ReferenceSide);
                if (g > 0 && !sets[k].Contains((g - 1) / 2))
                {
                    continue;
                }

                for (var slot = 0; slot < cells[k][g].Length; slot++)
                {
                    var b = slot == 0 ? -1 : breakdownIndex[k][slot - 1];
                    var list = cells[k][g][slot];
                    for (var code = 0; code < list.Count; code++)
                    {
                        if (list[code] is not { } cell)
                        {
                            continue;
                        }

                        rows.Add(new ResultRow(indicator.Id, b < 0 ? ComparisonGroups.TotalBreakdown : breakdowns[b], b < 0 ? "" : codeLists[b][code], group, Measure.Level, "register",
                            ValueOf(indicator, cell), null, null, null, null, cell.Persons, indicator.Statistic == StatisticKind.Proportion ? cell.WithProperty : null,
                            null, null, null, null));
                    }
                }
            }
        }

        return rows;
    }

    private static void AddAll(List<Cell?>[] slots, Indicator indicator, int[] breakdowns, int[] codes, Measurement m)
    {
        Add(slots[0], 0, indicator, m);
        for (var j = 0; j < breakdowns.Length; j++)
        {
            var code = codes[breakdowns[j]];
            if (code >= 0)
            {
                Add(slots[j + 1], code, indicator, m);
            }
        }
    }

    private static void Add(List<Cell?> list, int code, Indicator indicator, Measurement m)
    {
        while (list.Count <= code)
        {
            list.Add(null);
        }

        var cell = list[code] ??= new Cell { Values = indicator.Statistic == StatisticKind.Median ? [] : null };
        cell.Persons++;
        cell.SumY += m.Y;
        cell.SumX += m.X;
        if (indicator.Statistic == StatisticKind.Proportion && m.Y > 0)
        {
            cell.WithProperty++;
        }

        cell.Values?.Add(m.Y);
    }

    private static double? ValueOf(Indicator indicator, Cell cell)
    {
        switch (indicator.Statistic)
        {
            case StatisticKind.Proportion:
                return (double)cell.WithProperty / cell.Persons;
            case StatisticKind.Ratio:
                return cell.SumX == 0 ? null : cell.SumY / cell.SumX;
            case StatisticKind.Median:
                var values = cell.Values!;
                values.Sort();
                var n = values.Count;
                return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
            default:
                return cell.SumY / cell.Persons;
        }
    }
}

using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Production.Inputs;
using Barometer.Production.Results;
using Barometer.Production.Variables;

namespace Barometer.Production.Register;

/// <summary>
/// Register indicators over the whole register (no sampling error): one pass over the stored register, each person's
/// catalogue variables evaluated with the catalogue's own evaluator, and per indicator × group × breakdown cell the
/// persons in the base, the persons with the property and the sums (or the values, for medians).
/// </summary>
public static class RegisterIndicators
{
    private sealed class Cell
    {
        public long Persons;
        public long WithProperty;
        public double SumY;
        public double SumX;
        public List<double>? Values;
    }

    public static IReadOnlyList<ResultRow> Compute(StoreSession session, IndicatorCatalogue catalogue, string registerTable, IReadOnlyList<Indicator> indicators, Action<long, long>? progress = null)
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
        var total = Convert.ToInt64(session.Scalar($"SELECT count(*) FROM {StoreSession.QuoteIdentifier(registerTable)}"), System.Globalization.CultureInfo.InvariantCulture);

        var cells = new Dictionary<(int Indicator, string Group, int Breakdown, string Code), Cell>();
        var sets = indicators.Select(i => i.Comparisons.Select(c => comparisons.FindIndex(x => x.Id == c)).ToArray()).ToArray();
        var breakdownIndex = indicators.Select(i => i.Breakdowns.Select(b => breakdowns.IndexOf(b)).ToArray()).ToArray();
        var codes = new string?[breakdowns.Count];
        var membership = new string?[comparisons.Count];
        var values = new Value[columns.Count];
        var read = 0L;
        var sql = $"SELECT {string.Join(", ", columns.Select(StoreSession.QuoteIdentifier))} FROM {StoreSession.QuoteIdentifier(registerTable)}";
        using (var command = session.Command(sql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                for (var c = 0; c < values.Length; c++)
                {
                    values[c] = StoreSession.ToValue(reader.IsDBNull(c) ? null : reader.GetValue(c));
                }

                var get = catalogue.Evaluator.For(name => index.TryGetValue(name, out var at) ? values[at] : Value.Missing);
                var measured = new Measurement[indicators.Count];
                var any = false;
                for (var k = 0; k < indicators.Count; k++)
                {
                    measured[k] = IndicatorMeasurement.Measure(indicators[k], null, get);
                    any |= measured[k].InBase;
                }

                if (any)
                {
                    for (var b = 0; b < breakdowns.Count; b++)
                    {
                        codes[b] = IndicatorMeasurement.Code(get(breakdowns[b]));
                    }

                    for (var c = 0; c < comparisons.Count; c++)
                    {
                        membership[c] = IndicatorMeasurement.GroupOf(comparisons[c], get);
                    }

                    for (var k = 0; k < indicators.Count; k++)
                    {
                        if (!measured[k].InBase)
                        {
                            continue;
                        }

                        var indicator = indicators[k];
                        Add(cells, indicator, k, Groups.All, -1, "", measured[k]);
                        foreach (var b in breakdownIndex[k])
                        {
                            if (codes[b] is { } code)
                            {
                                Add(cells, indicator, k, Groups.All, b, code, measured[k]);
                            }
                        }

                        foreach (var c in sets[k])
                        {
                            if (membership[c] is not { } side)
                            {
                                continue;
                            }

                            var group = Groups.Of(comparisons[c].Id, side);
                            Add(cells, indicator, k, group, -1, "", measured[k]);
                            foreach (var b in breakdownIndex[k])
                            {
                                if (codes[b] is { } code)
                                {
                                    Add(cells, indicator, k, group, b, code, measured[k]);
                                }
                            }
                        }
                    }
                }

                if (++read % 100_000 == 0)
                {
                    progress?.Invoke(read, total);
                }
            }
        }

        progress?.Invoke(read, total);
        var rows = new List<ResultRow>();
        foreach (var ((k, group, b, code), cell) in cells.OrderBy(p => p.Key.Indicator).ThenBy(p => p.Key.Group, StringComparer.Ordinal).ThenBy(p => p.Key.Breakdown).ThenBy(p => p.Key.Code, StringComparer.Ordinal))
        {
            var indicator = indicators[k];
            rows.Add(new ResultRow(indicator.Id, b < 0 ? Groups.TotalBreakdown : breakdowns[b], code, group, Measure.Level, "register",
                ValueOf(indicator, cell), null, null, null, null, cell.Persons, indicator.Statistic == StatisticKind.Proportion ? cell.WithProperty : null,
                null, null, null, null));
        }

        var disclosed = RegisterDisclosure.Apply(rows, indicators, catalogue.Quality.Register);
        return [.. disclosed, .. Gaps(disclosed, indicators)];
    }

    private static void Add(Dictionary<(int, string, int, string), Cell> cells, Indicator indicator, int k, string group, int b, string code, Measurement m)
    {
        if (!cells.TryGetValue((k, group, b, code), out var cell))
        {
            cell = new Cell { Values = indicator.Statistic == StatisticKind.Median ? [] : null };
            cells[(k, group, b, code)] = cell;
        }

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

    private static IEnumerable<ResultRow> Gaps(IReadOnlyList<ResultRow> levels, IReadOnlyList<Indicator> indicators)
    {
        var byKey = levels.ToDictionary(r => (r.Indicator, r.Breakdown, r.Cell, r.Group));
        foreach (var indicator in indicators)
        {
            foreach (var comparison in indicator.Comparisons)
            {
                var cells = levels.Where(r => r.Indicator == indicator.Id && r.Group.StartsWith(comparison + ":", StringComparison.Ordinal))
                    .Select(r => (r.Breakdown, r.Cell)).Distinct().ToList();
                foreach (var (breakdown, cell) in cells)
                {
                    byKey.TryGetValue((indicator.Id, breakdown, cell, Groups.Of(comparison, Groups.Focal)), out var focal);
                    byKey.TryGetValue((indicator.Id, breakdown, cell, Groups.Of(comparison, Groups.Reference)), out var reference);
                    var gap = new ResultRow(indicator.Id, breakdown, cell, comparison, Measure.Gap, "register",
                        null, null, null, null, null, null, null, null, null, null, null);
                    if (focal?.Estimate is not { } f || reference?.Estimate is not { } r)
                    {
                        yield return gap.Suppress(Rules.RegisterGroupSuppressed);
                        continue;
                    }

                    var value = indicator.Gap == GapKind.Ratio ? (r == 0 ? (double?)null : f / r) : f - r;
                    yield return value is null ? gap.Suppress(Rules.SurveyNotEstimable) : gap with { Estimate = value, Respondents = focal.Respondents + reference.Respondents };
                }
            }
        }
    }
}

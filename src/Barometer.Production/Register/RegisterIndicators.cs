using System.Globalization;
using System.Text;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Quality;
using Barometer.Production.Disclosure;
using Barometer.Production.Variables;
using Barometer.Storage;
using Barometer.Storage.Results;

namespace Barometer.Production.Register;

/// <summary>
/// Register indicators over the whole register (no sampling error), aggregated by DuckDB: the catalogue's
/// definitions are translated into SQL (<see cref="RegisterSql"/>), and one <c>GROUP BY GROUPING SETS</c> query per
/// batch of indicators with the same breakdowns and comparisons counts, per indicator × group × breakdown cell, the
/// persons in the base and those with the property and sums the values (or takes the median). Only persons in the
/// base of an indicator of the batch are read; shares, means and ratios are first summed by every combination of
/// codes, and the grouping sets add those partial sums up. Disclosure control and the gaps then work on these
/// levels (<see cref="Finish"/>).
/// </summary>
public static class RegisterIndicators
{
    /// <summary>The register rows of a run: levels after disclosure control, and gaps. <paramref name="progress"/> gets indicators done and their number.</summary>
    public static IReadOnlyList<ResultRow> Compute(StoreSession session, IndicatorCatalogue catalogue, string registerTable, IReadOnlyList<Indicator> indicators, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return Finish(Levels(session, catalogue, registerTable, indicators, progress), indicators, catalogue.Quality.Register, NestedBreakdowns.From(catalogue));
    }

    /// <summary>
    /// The level of every indicator in every cell that has at least one person in the indicator's base, before
    /// disclosure control; ordered by indicator, group (all, then each comparison's focal and reference group),
    /// breakdown (total first, in the catalogue's order) and code.
    /// </summary>
    public static IReadOnlyList<ResultRow> Levels(StoreSession session, IndicatorCatalogue catalogue, string registerTable, IReadOnlyList<Indicator> indicators, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(registerTable);
        ArgumentNullException.ThrowIfNull(indicators);
        if (indicators.Count == 0)
        {
            return [];
        }

        using var sql = new RegisterSql(session, catalogue, registerTable);
        var rows = new List<ResultRow>();
        var done = 0L;
        progress?.Invoke(0, indicators.Count);
        var batches = indicators
            .GroupBy(i => string.Join('\u001f', i.Breakdowns) + '\u001e' + string.Join('\u001f', i.Comparisons) + '\u001e' + (i.Statistic == StatisticKind.Median), StringComparer.Ordinal)
            .Select(g => g.ToList()).ToList();
        foreach (var batch in batches)
        {
            rows.AddRange(Batch(session, catalogue, sql, batch));
            done += batch.Count;
            progress?.Invoke(done, indicators.Count);
        }

        // Sort keys computed once: indicator, group (all, then each comparison's focal and reference), breakdown, code.
        var order = indicators.Select((i, k) => (i.Id, k)).ToDictionary(p => p.Id, p => p.k, StringComparer.Ordinal);
        var groupRank = indicators.SelectMany(i => i.Comparisons
                .SelectMany(c => new[] { ComparisonGroups.Of(c, ComparisonGroups.FocalSide), ComparisonGroups.Of(c, ComparisonGroups.ReferenceSide) })
                .Prepend(ComparisonGroups.All).Select((g, rank) => (Key: (i.Id, g), rank)))
            .ToDictionary(p => p.Key, p => p.rank);
        var breakdownRank = indicators.SelectMany(i => i.Breakdowns.Prepend(ComparisonGroups.TotalBreakdown).Select((b, rank) => (Key: (i.Id, b), rank)))
            .ToDictionary(p => p.Key, p => p.rank);
        return [.. rows
            .OrderBy(r => order[r.Indicator])
            .ThenBy(r => groupRank[(r.Indicator, r.ComparisonGroup)])
            .ThenBy(r => breakdownRank[(r.Indicator, r.Breakdown)])
            .ThenBy(r => r.Cell, StringComparer.Ordinal)];
    }

    /// <summary>Disclosure control (<see cref="RegisterDisclosure"/>) of the levels, followed by the gaps between the published groups.</summary>
    public static IReadOnlyList<ResultRow> Finish(IReadOnlyList<ResultRow> levels, IReadOnlyList<Indicator> indicators, RegisterQualityRules rules, NestedBreakdowns nesting)
    {
        var disclosed = RegisterDisclosure.Apply(levels, indicators, rules, nesting);
        return [.. disclosed, .. Gaps(disclosed, indicators)];
    }

    /// <summary>One query for indicators with the same breakdowns and comparisons.</summary>
    private static List<ResultRow> Batch(StoreSession session, IndicatorCatalogue catalogue, RegisterSql sql, List<Indicator> batch)
    {
        var breakdowns = batch[0].Breakdowns;
        var comparisons = batch[0].Comparisons.Select(catalogue.Comparison).ToList();
        var select = new List<string>();
        for (var j = 0; j < breakdowns.Count; j++)
        {
            select.Add($"{sql.Code(breakdowns[j])} AS b{j}");
        }

        for (var c = 0; c < comparisons.Count; c++)
        {
            select.Add($"CASE WHEN {sql.Holds(comparisons[c].Focal.Condition)} THEN 1 WHEN {sql.Holds(comparisons[c].Reference.Condition)} THEN 2 END AS s{c}");
        }

        // Shares, means and ratios are first summed by every combination of codes and sides (far fewer rows than
        // persons), and the grouping sets add those partial counts and sums up; medians need every value.
        var median = batch[0].Statistic == StatisticKind.Median;
        var partials = new List<string>();
        var aggregates = new List<string>();
        for (var k = 0; k < batch.Count; k++)
        {
            var (y, x) = Measured(sql, batch[k]);
            select.Add($"{y} AS y{k}");
            if (x is not null)
            {
                select.Add($"{x} AS x{k}");
            }

            if (median)
            {
                aggregates.AddRange([$"count(y{k})", $"count(*) FILTER (WHERE y{k} > 0)", $"median(y{k})", "NULL"]);
                continue;
            }

            partials.AddRange([$"count(y{k}) AS n{k}", $"count(*) FILTER (WHERE y{k} > 0) AS w{k}", $"fsum(y{k}) AS sy{k}", x is null ? $"NULL AS sx{k}" : $"fsum(x{k}) AS sx{k}"]);
            aggregates.AddRange([$"CAST(sum(n{k}) AS BIGINT)", $"CAST(sum(w{k}) AS BIGINT)", $"fsum(sy{k})", x is null ? "NULL" : $"fsum(sx{k})"]);
        }

        var sides = Enumerable.Range(0, comparisons.Count).Select(c => "s" + c.ToString(CultureInfo.InvariantCulture)).ToList();
        var codes = Enumerable.Range(0, breakdowns.Count).Select(j => "b" + j.ToString(CultureInfo.InvariantCulture)).ToList();
        var sets = new List<string>();
        foreach (var side in sides.Prepend(null))
        {
            foreach (var code in codes.Prepend(null))
            {
                sets.Add("(" + string.Join(", ", new[] { side, code }.Where(s => s is not null)) + ")");
            }
        }

        var keys = sides.Concat(codes).ToList();
        // Only persons in the base of at least one indicator of the batch count.
        var columns = string.Join(", ", select);
        var anyone = string.Join(" OR ", Enumerable.Range(0, batch.Count).Select(k => $"y{k} IS NOT NULL"));
        var text = new StringBuilder().Append("WITH p AS (SELECT * FROM (SELECT ").Append(columns).Append(" FROM ").Append(sql.FromFor(columns))
            .Append(") WHERE ").Append(anyone).Append(") ");
        if (!median)
        {
            text.Append(", f AS (SELECT ").AppendJoin(", ", keys.Concat(partials)).Append(" FROM p").Append(keys.Count == 0 ? "" : " GROUP BY ALL").Append(") ");
        }

        text.Append("SELECT ").AppendJoin(", ", keys.Select(k => $"GROUPING({k})").Concat(keys).Concat(aggregates))
            .Append(median ? " FROM p" : " FROM f").Append(" GROUP BY GROUPING SETS (").AppendJoin(", ", sets).Append(')');

        var rows = new List<ResultRow>();
        using var command = session.Command(text.ToString());
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            // Which comparison side and which breakdown this grouping set is by (none: all, total).
            var group = ComparisonGroups.All;
            var breakdown = ComparisonGroups.TotalBreakdown;
            var cell = "";
            var skip = false;
            for (var c = 0; c < comparisons.Count; c++)
            {
                if (Convert.ToInt32(reader.GetValue(c), CultureInfo.InvariantCulture) == 0)
                {
                    var at = keys.Count + c;
                    if (reader.IsDBNull(at))
                    {
                        skip = true; // in neither group of the comparison
                        break;
                    }

                    group = ComparisonGroups.Of(comparisons[c].Id, Convert.ToInt32(reader.GetValue(at), CultureInfo.InvariantCulture) == 1 ? ComparisonGroups.FocalSide : ComparisonGroups.ReferenceSide);
                }
            }

            for (var j = 0; j < breakdowns.Count && !skip; j++)
            {
                if (Convert.ToInt32(reader.GetValue(comparisons.Count + j), CultureInfo.InvariantCulture) == 0)
                {
                    var at = keys.Count + comparisons.Count + j;
                    if (reader.IsDBNull(at))
                    {
                        skip = true; // no code for this breakdown
                        break;
                    }

                    breakdown = breakdowns[j];
                    cell = reader.GetString(at);
                }
            }

            if (skip)
            {
                continue;
            }

            for (var k = 0; k < batch.Count; k++)
            {
                var at = (2 * keys.Count) + (4 * k);
                var persons = Convert.ToInt64(reader.GetValue(at), CultureInfo.InvariantCulture);
                if (persons == 0)
                {
                    continue;
                }

                var indicator = batch[k];
                var withProperty = Convert.ToInt64(reader.GetValue(at + 1), CultureInfo.InvariantCulture);
                double? first = reader.IsDBNull(at + 2) ? null : Convert.ToDouble(reader.GetValue(at + 2), CultureInfo.InvariantCulture);
                double? second = reader.IsDBNull(at + 3) ? null : Convert.ToDouble(reader.GetValue(at + 3), CultureInfo.InvariantCulture);
                var value = indicator.Statistic switch
                {
                    StatisticKind.Proportion => (double)withProperty / persons,
                    StatisticKind.Ratio => second is null or 0 ? null : first / second,
                    StatisticKind.Median => first,
                    _ => first / persons,
                };
                rows.Add(new ResultRow(indicator.Id, breakdown, cell, group, Measure.Level, ResultSources.Register, value, null, null, null, null, persons,
                    indicator.Statistic == StatisticKind.Proportion ? withProperty : null, null, null, null, null));
            }
        }

        return rows;
    }

    /// <summary>
    /// What a person contributes, as SQL (NULL outside the base), the way <see cref="IndicatorMeasurement"/> measures
    /// it: the value summed (y) and, for ratios, the denominator (x).
    /// </summary>
    internal static (string Y, string? X) Measured(RegisterSql sql, Indicator indicator)
    {
        var conditions = new List<string>();
        if (indicator.Population.Age is { } age)
        {
            var years = sql.Variable("age");
            conditions.Add(years.Kind == SqlKind.Number
                ? string.Create(CultureInfo.InvariantCulture, $"(trunc({years.Text}) BETWEEN {age.Min} AND {age.Max})")
                : "false");
        }

        switch (indicator.Population.Born)
        {
            case BirthScope.ForeignBorn:
                conditions.Add($"({sql.Variable("foreign_born").Text}) IS TRUE");
                break;
            case BirthScope.NativeBorn:
                conditions.Add($"({sql.Variable("foreign_born").Text}) IS FALSE");
                break;
        }

        if (indicator.Population.Filter is { } filter)
        {
            conditions.Add(sql.Holds(filter));
        }

        if (indicator.Statistic != StatisticKind.Ratio && indicator.Denominator is { } denominator)
        {
            conditions.Add(sql.Holds(denominator));
        }

        var numerator = sql.Translate(indicator.Numerator);
        var y = indicator.Statistic == StatisticKind.Proportion
            ? numerator.Kind == SqlKind.Boolean ? $"(CASE {numerator.Text} WHEN true THEN 1.0 WHEN false THEN 0.0 END)" : "CAST(NULL AS DOUBLE)"
            : Number(numerator);
        string? x = null;
        if (indicator.Statistic == StatisticKind.Ratio)
        {
            x = indicator.Denominator is null ? "CAST(NULL AS DOUBLE)" : Number(sql.Translate(indicator.Denominator));
            conditions.Add($"{y} IS NOT NULL AND {x} IS NOT NULL");
        }

        var inBase = conditions.Count == 0 ? "true" : string.Join(" AND ", conditions.Select(c => "(" + c + ")"));
        return ($"(CASE WHEN {inBase} THEN {y} END)", x is null ? null : $"(CASE WHEN {inBase} THEN {x} END)");
    }

    /// <summary>A number as a measurement reads it: truth values count 1 and 0, text is no number.</summary>
    private static string Number(SqlExpression expression) => expression.Kind switch
    {
        SqlKind.Number => expression.Text,
        SqlKind.Boolean => $"(CASE {expression.Text} WHEN true THEN 1.0 WHEN false THEN 0.0 END)",
        _ => "CAST(NULL AS DOUBLE)",
    };

    private static IEnumerable<ResultRow> Gaps(IReadOnlyList<ResultRow> levels, IReadOnlyList<Indicator> indicators)
    {
        var byKey = levels.ToDictionary(r => (r.Indicator, r.Breakdown, r.Cell, r.ComparisonGroup));
        foreach (var indicator in indicators)
        {
            foreach (var comparison in indicator.Comparisons)
            {
                var cells = levels.Where(r => r.Indicator == indicator.Id && r.ComparisonGroup.StartsWith(comparison + ":", StringComparison.Ordinal))
                    .Select(r => (r.Breakdown, r.Cell)).Distinct().ToList();
                foreach (var (breakdown, cell) in cells)
                {
                    byKey.TryGetValue((indicator.Id, breakdown, cell, ComparisonGroups.Of(comparison, ComparisonGroups.FocalSide)), out var focal);
                    byKey.TryGetValue((indicator.Id, breakdown, cell, ComparisonGroups.Of(comparison, ComparisonGroups.ReferenceSide)), out var reference);
                    var gap = new ResultRow(indicator.Id, breakdown, cell, comparison, Measure.Gap, ResultSources.Register,
                        null, null, null, null, null, null, null, null, null, null, null);
                    if (focal?.Estimate is not { } f || reference?.Estimate is not { } r)
                    {
                        yield return gap.Suppress(SuppressionRules.RegisterGroupSuppressed);
                        continue;
                    }

                    var value = indicator.Gap == GapKind.Ratio ? (r == 0 ? (double?)null : f / r) : f - r;
                    yield return value is null ? gap.Suppress(SuppressionRules.SurveyNotEstimable) : gap with { Estimate = value, Respondents = focal.Respondents + reference.Respondents };
                }
            }
        }
    }
}

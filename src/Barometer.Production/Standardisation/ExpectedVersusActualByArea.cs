using System.Globalization;
using System.Text;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Quality;
using Barometer.Estimation.Standardisation;
using Barometer.Production.Register;
using Barometer.Storage;
using Barometer.Storage.Results;

namespace Barometer.Production.Standardisation;

/// <summary>
/// Expected versus actual by county and municipality for the register indicators whose catalogue entry declares
/// <c>expected_vs_actual</c> (issue 20; docs/methodology/expected-versus-actual.md): for the focal group of the
/// indicator's first comparison, each area's actual level against the level it would have if each of its persons had
/// the national rate of their cell (the declared cell variables), with the interval of chance variation of a
/// population of that size and composition (<see cref="IndirectStandardisation"/>).
/// <para>
/// DuckDB computes, over the focal group's persons in the indicator's base, the national mean and population variance
/// of the value per cell and, per area, the persons, Σ y, Σ m_c(i) and Σ v_c(i); a person whose cell variable is
/// missing forms a cell of its own with the others missing the same variables. A cell with no more persons nationally
/// than the register's group-size rule (<see cref="RegisterQualityRules.MinGroupSizeExclusive"/>) takes the whole
/// group's mean and variance instead of its own: a national rate of a handful of persons would otherwise enter an
/// area's expected level as the values of those persons.
/// </para>
/// <para>
/// Published only for areas with at least <see cref="RegisterQualityRules.ExpectedVersusActualMinPersons"/> persons,
/// and only where the area's actual level (the focal group's level row of the same area) is published: an expected
/// level and a difference together give the actual one, so when that is suppressed both are stored suppressed with
/// the level's rule (<see cref="SuppressionRules.RegisterGroupSuppressed"/>).
/// </para>
/// </summary>
public static class ExpectedVersusActualByArea
{
    /// <summary>
    /// The expected and expected-difference rows of every declared indicator, given the run's disclosed register
    /// rows <paramref name="published"/> (levels after disclosure control).
    /// </summary>
    public static IReadOnlyList<ResultRow> Compute(StoreSession session, IndicatorCatalogue catalogue, string registerTable, IReadOnlyList<Indicator> indicators,
        IReadOnlyList<ResultRow> published, double level)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(published);
        var declared = indicators.Where(i => (i.ExpectedVersusActual is not null || i.Expected is not null) && i.Comparisons.Count > 0
            && i.Statistic is StatisticKind.Proportion or StatisticKind.Mean).ToList();
        if (declared.Count == 0)
        {
            return [];
        }

        var levels = published.Where(r => r.Measure == Measure.Level).ToDictionary(r => (r.Indicator, r.Breakdown, r.Cell, r.ComparisonGroup));
        var minimum = catalogue.Quality.Register.ExpectedVersusActualMinPersons;
        var rows = new List<ResultRow>();
        using var sql = new RegisterSql(session, catalogue, registerTable);
        foreach (var indicator in declared)
        {
            var comparison = catalogue.Comparison(indicator.Comparisons[0]);
            var areas = indicator.ExpectedVersusActual is { } model
                ? Areas(session, sql, indicator, comparison, model, catalogue.Quality.Register.MinGroupSizeExclusive)
                : RegressionAreas(session, sql, indicator, comparison, indicator.Expected!);
            foreach (var area in areas)
            {
                if (area.Persons < minimum)
                {
                    continue;
                }

                var focal = ComparisonGroups.Focal(comparison.Id);
                var expected = new ResultRow(indicator.Id, area.Breakdown, area.Code, comparison.Id, Measure.Expected, ResultSources.Register,
                    null, null, null, null, null, null, null, null, null, null, null);
                var difference = expected with { Measure = Measure.ExpectedDifference };
                if (!levels.TryGetValue((indicator.Id, area.Breakdown, area.Code, focal), out var actual) || actual.Estimate is null)
                {
                    rows.Add(expected.Suppress(SuppressionRules.RegisterGroupSuppressed));
                    rows.Add(difference.Suppress(SuppressionRules.RegisterGroupSuppressed));
                    continue;
                }

                var result = IndirectStandardisation.FromTotals(area.Persons, area.Observed, area.Expected, area.Variance, level);
                rows.Add(expected with { Estimate = result.Expected, Respondents = result.Persons });
                rows.Add(difference with
                {
                    Estimate = result.Difference,
                    StandardError = result.StandardError,
                    CiLower = result.Lower,
                    CiUpper = result.Upper,
                    Respondents = result.Persons,
                    Significant = result.Significant,
                });
            }
        }

        return rows;
    }

    /// <summary>
    /// The areas' totals under the catalogue's regression model (<c>expected:</c>, e.g. the merit value, as Skolverket's
    /// SALSA): the value regressed on the main effects of the declared covariates over everyone in the indicator's base
    /// (<see cref="CellRegression"/>; a missing covariate is a level of its own), each focal person's expected value the
    /// fitted value of their cell, and the variance of a person's value about it the residual variance σ̂².
    /// </summary>
    internal static IReadOnlyList<AreaTotals> RegressionAreas(StoreSession session, RegisterSql sql, Indicator indicator, Comparison comparison, ExpectedValueModel model)
    {
        var (y, _) = RegisterIndicators.Measured(sql, indicator);
        var areas = indicator.ExpectedAreas;
        var covariates = model.Covariates.Select((c, i) => $"coalesce({sql.Code(c)}, '∅') AS c{i.ToString(CultureInfo.InvariantCulture)}").ToList();
        var cellColumns = Enumerable.Range(0, model.Covariates.Count).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var focal = sql.Holds(comparison.Focal.Condition);
        var select = covariates.Concat(areas.Select((a, i) => $"{sql.Code(a)} AS a{i.ToString(CultureInfo.InvariantCulture)}")).Append($"{y} AS y").Append($"({focal}) AS f").ToList();
        var columns = string.Join(", ", select);
        var from = $"WITH p AS (SELECT {columns} FROM {sql.FromFor(columns)}), q AS (SELECT * FROM p WHERE y IS NOT NULL) ";

        // The regression over every person in the base, by cell.
        var cells = session.Query($"{from}SELECT {string.Join(", ", cellColumns)}, count(*), fsum(y), fsum(y * y) FROM q GROUP BY ALL ORDER BY ALL",
            r => new RegressionCell(Enumerable.Range(0, cellColumns.Count).Select(r.GetString).ToArray(), Convert.ToInt64(r.GetValue(cellColumns.Count), CultureInfo.InvariantCulture),
                Convert.ToDouble(r.GetValue(cellColumns.Count + 1), CultureInfo.InvariantCulture), Convert.ToDouble(r.GetValue(cellColumns.Count + 2), CultureInfo.InvariantCulture)));
        if (cells.Count == 0)
        {
            return [];
        }

        var fit = CellRegression.Fit(cells);
        var fitted = cells.Select((c, i) => (Key: string.Join('\u001f', c.Levels), Value: fit.Fitted[i])).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        // The focal group's persons by area and cell.
        var result = new List<AreaTotals>();
        for (var a = 0; a < areas.Count; a++)
        {
            var area = "a" + a.ToString(CultureInfo.InvariantCulture);
            var byArea = new Dictionary<string, (long Persons, double Observed, double Expected)>(StringComparer.Ordinal);
            foreach (var (code, key, persons, sum) in session.Query($"{from}SELECT {area}, {string.Join(", ", cellColumns)}, count(*), fsum(y) FROM q WHERE f AND {area} IS NOT NULL GROUP BY ALL",
                r => (r.GetString(0), string.Join('\u001f', Enumerable.Range(1, cellColumns.Count).Select(r.GetString)), Convert.ToInt64(r.GetValue(cellColumns.Count + 1), CultureInfo.InvariantCulture),
                    Convert.ToDouble(r.GetValue(cellColumns.Count + 2), CultureInfo.InvariantCulture))))
            {
                var known = byArea.GetValueOrDefault(code);
                byArea[code] = (known.Persons + persons, known.Observed + sum, known.Expected + (persons * fitted[key]));
            }

            result.AddRange(byArea.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new AreaTotals(areas[a], p.Key, p.Value.Persons, p.Value.Observed, p.Value.Expected, p.Value.Persons * fit.ResidualVariance)));
        }

        return result;
    }

    /// <summary>One area's totals over the focal group's persons in the base.</summary>
    internal sealed record AreaTotals(string Breakdown, string Code, long Persons, double Observed, double Expected, double Variance);

    internal static IReadOnlyList<AreaTotals> Areas(StoreSession session, RegisterSql sql, Indicator indicator, Comparison comparison, ExpectedVersusActualModel model, int smallCell)
    {
        var (y, _) = RegisterIndicators.Measured(sql, indicator);
        var select = new List<string>();
        for (var c = 0; c < model.Cells.Count; c++)
        {
            select.Add($"{sql.Code(model.Cells[c])} AS c{c}");
        }

        for (var a = 0; a < model.Areas.Count; a++)
        {
            select.Add($"{sql.Code(model.Areas[a])} AS a{a}");
        }

        select.Add($"{y} AS y");
        var columns = string.Join(", ", select) + " " + sql.Holds(comparison.Focal.Condition);
        var cells = Enumerable.Range(0, model.Cells.Count).Select(c => "c" + c.ToString(CultureInfo.InvariantCulture)).ToList();
        var areas = Enumerable.Range(0, model.Areas.Count).Select(a => "a" + a.ToString(CultureInfo.InvariantCulture)).ToList();
        var text = new StringBuilder()
            .Append("WITH p AS (SELECT ").AppendJoin(", ", select).Append(" FROM ").Append(sql.FromFor(columns))
            .Append(" WHERE ").Append(sql.Holds(comparison.Focal.Condition)).Append("), ")
            .Append("q AS (SELECT * FROM p WHERE y IS NOT NULL), ")
            .Append("g AS (SELECT avg(y) AS m, var_pop(y) AS v FROM q), ")
            .Append("n AS (SELECT ").AppendJoin(", ", cells.Select(c => "c." + c))
            .Append(", CASE WHEN c.k > ").Append(smallCell.ToString(CultureInfo.InvariantCulture)).Append(" THEN c.m ELSE g.m END AS m")
            .Append(", CASE WHEN c.k > ").Append(smallCell.ToString(CultureInfo.InvariantCulture)).Append(" THEN c.v ELSE g.v END AS v")
            .Append(" FROM (SELECT ").AppendJoin(", ", cells).Append(", count(*) AS k, avg(y) AS m, var_pop(y) AS v FROM q GROUP BY ALL) c, g) ")
            .Append("SELECT ").AppendJoin(", ", areas.Select(a => $"GROUPING({a})")).Append(", ").AppendJoin(", ", areas.Select(a => "q." + a))
            .Append(", count(*), fsum(q.y), fsum(n.m), fsum(n.v) FROM q JOIN n ON ")
            .AppendJoin(" AND ", cells.Select(c => $"q.{c} IS NOT DISTINCT FROM n.{c}"))
            .Append(" GROUP BY GROUPING SETS (").AppendJoin(", ", areas.Select(a => "(q." + a + ")")).Append(')');
        var result = new List<AreaTotals>();
        using var command = session.Command(text.ToString());
        using var reader = command.ExecuteReader();
        var k = model.Areas.Count;
        while (reader.Read())
        {
            for (var a = 0; a < k; a++)
            {
                if (Convert.ToInt32(reader.GetValue(a), CultureInfo.InvariantCulture) != 0 || reader.IsDBNull(k + a))
                {
                    continue;
                }

                result.Add(new AreaTotals(model.Areas[a], reader.GetString(k + a), Convert.ToInt64(reader.GetValue(2 * k), CultureInfo.InvariantCulture),
                    Convert.ToDouble(reader.GetValue((2 * k) + 1), CultureInfo.InvariantCulture), Convert.ToDouble(reader.GetValue((2 * k) + 2), CultureInfo.InvariantCulture),
                    Convert.ToDouble(reader.GetValue((2 * k) + 3), CultureInfo.InvariantCulture)));
            }
        }

        var rank = model.Areas.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        return [.. result.OrderBy(r => rank[r.Breakdown]).ThenBy(r => r.Code, StringComparer.Ordinal)];
    }
}

using System.Globalization;
using Barometer.Estimation.Standardisation;
using Barometer.Production.Register;
using Barometer.Production.Standardisation;
using Barometer.Storage;
using Barometer.Storage.Results;

namespace Barometer.Production.Tests.Standardisation;

/// <summary>
/// Expected versus actual by area (<see cref="ExpectedVersusActualByArea"/>) on synthetic Sweden: DuckDB's totals
/// against the same persons standardised cell by cell in .NET, the actual level against the run's published level,
/// and the size threshold and suppression.
/// </summary>
[Collection(ProducedStoreGroup.Name)]
public sealed class ExpectedVersusActualByAreaTests(ProducedStore produced)
{
    [Fact]
    public void AreaTotals_EqualTheCellByCellStandardisationOfThePersons()
    {
        var indicator = produced.Catalogue.Indicator("employment_rate");
        var model = indicator.ExpectedVersusActual!;
        var comparison = produced.Catalogue.Comparison(indicator.Comparisons[0]);
        using var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System);
        store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            var table = RegisterGroups.Table(session)!;
            using var sql = new RegisterSql(session, produced.Catalogue, table);
            var small = produced.Catalogue.Quality.Register.MinGroupSizeExclusive;
            var areas = ExpectedVersusActualByArea.Areas(session, sql, indicator, comparison, model, small);

            // The persons, one row each: their cell, their areas and their value, standardised here in .NET.
            var (y, _) = RegisterIndicators.Measured(sql, indicator);
            var columns = string.Join(", ", model.Cells.Select(sql.Code).Concat(model.Areas.Select(sql.Code)).Append(y));
            var persons = session.Query($"SELECT {columns} FROM {sql.FromFor(columns + sql.Holds(comparison.Focal.Condition))} WHERE {sql.Holds(comparison.Focal.Condition)} AND {y} IS NOT NULL",
                r => (Cell: string.Join('|', Enumerable.Range(0, model.Cells.Count).Select(c => r.IsDBNull(c) ? "∅" : r.GetString(c))),
                    Areas: Enumerable.Range(0, model.Areas.Count).Select(a => r.IsDBNull(model.Cells.Count + a) ? null : r.GetString(model.Cells.Count + a)).ToArray(),
                    Y: Convert.ToDouble(r.GetValue(model.Cells.Count + model.Areas.Count), CultureInfo.InvariantCulture)));
            Assert.True(persons.Count > 2000, $"only {persons.Count} persons");
            // A cell of no more persons than the group-size rule takes the whole group's mean and variance.
            var groupMean = persons.Average(p => p.Y);
            var whole = (Mean: groupMean, Variance: persons.Average(p => (p.Y - groupMean) * (p.Y - groupMean)));
            var reference = persons.GroupBy(p => p.Cell).ToDictionary(g => g.Key, g =>
            {
                var mean = g.Average(p => p.Y);
                return g.Count() > small ? (Mean: mean, Variance: g.Average(p => (p.Y - mean) * (p.Y - mean))) : whole;
            });
            Assert.Contains(persons.GroupBy(p => p.Cell), g => g.Count() <= small);
            Assert.Contains(persons.GroupBy(p => p.Cell), g => g.Count() > small);

            var expected = new List<(string Breakdown, string Code, ExpectedVersusActual Result)>();
            for (var a = 0; a < model.Areas.Count; a++)
            {
                foreach (var area in persons.Where(p => p.Areas[a] is not null).GroupBy(p => p.Areas[a]!))
                {
                    var cells = area.GroupBy(p => p.Cell).Select(g => new StandardisationCell(g.LongCount(), g.Sum(p => p.Y), reference[g.Key].Mean, reference[g.Key].Variance));
                    expected.Add((model.Areas[a], area.Key, IndirectStandardisation.FromCells(cells, 0.95)));
                }
            }

            Assert.Equal(expected.Count, areas.Count);
            Assert.Contains(areas, r => r.Breakdown == "kommun");
            Assert.Contains(areas, r => r.Breakdown == "lan");
            foreach (var (breakdown, code, result) in expected)
            {
                var t = Assert.Single(areas, r => r.Breakdown == breakdown && r.Code == code);
                var ours = IndirectStandardisation.FromTotals(t.Persons, t.Observed, t.Expected, t.Variance, 0.95);
                Assert.Equal(result.Persons, ours.Persons);
                Assert.Equal(result.Actual, ours.Actual, 1e-12);
                Assert.Equal(result.Expected, ours.Expected, 1e-12);
                Assert.Equal(result.StandardError, ours.StandardError, 1e-12);
            }

            return 0;
        });
    }

    [Fact]
    public void RegressionAreaTotals_EqualTheRegressionOfThePersonsByCell()
    {
        // merit_value declares `expected:` (a regression on sex, age at arrival, parents' education, region of birth).
        var indicator = produced.Catalogue.Indicator("merit_value");
        var model = indicator.Expected!;
        var comparison = produced.Catalogue.Comparison(indicator.Comparisons[0]);
        Assert.Equal(["lan", "kommun"], indicator.ExpectedAreas);
        using var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System);
        store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            using var sql = new RegisterSql(session, produced.Catalogue, RegisterGroups.Table(session)!);
            var areas = ExpectedVersusActualByArea.RegressionAreas(session, sql, indicator, comparison, model);

            // The persons in the base, one row each, with their covariates, areas, value and group.
            var (y, _) = RegisterIndicators.Measured(sql, indicator);
            var columns = string.Join(", ", model.Covariates.Select(sql.Code).Concat(indicator.ExpectedAreas.Select(sql.Code)).Append(y).Append(sql.Holds(comparison.Focal.Condition)));
            var k = model.Covariates.Count;
            var persons = session.Query($"SELECT {columns} FROM {sql.FromFor(columns)} WHERE {y} IS NOT NULL",
                r => (Cell: Enumerable.Range(0, k).Select(c => r.IsDBNull(c) ? "∅" : r.GetString(c)).ToArray(),
                    Areas: Enumerable.Range(k, 2).Select(a => r.IsDBNull(a) ? null : r.GetString(a)).ToArray(),
                    Y: Convert.ToDouble(r.GetValue(k + 2), CultureInfo.InvariantCulture), Focal: r.GetBoolean(k + 3)));
            Assert.True(persons.Count > 300, $"only {persons.Count} pupils");
            var groups = persons.GroupBy(p => string.Join('|', p.Cell)).ToList();
            var fit = CellRegression.Fit([.. groups.Select(g => new RegressionCell(g.First().Cell, g.LongCount(), g.Sum(p => p.Y), g.Sum(p => p.Y * p.Y)))]);
            var fitted = groups.Select((g, i) => (g.Key, fit.Fitted[i])).ToDictionary(p => p.Key, p => p.Item2);
            var expected = new List<(string Breakdown, string Code, long Persons, double Observed, double Expected)>();
            for (var a = 0; a < 2; a++)
            {
                foreach (var area in persons.Where(p => p.Focal && p.Areas[a] is not null).GroupBy(p => p.Areas[a]!))
                {
                    expected.Add((indicator.ExpectedAreas[a], area.Key, area.LongCount(), area.Sum(p => p.Y), area.Sum(p => fitted[string.Join('|', p.Cell)])));
                }
            }

            Assert.Equal(expected.Count, areas.Count);
            foreach (var e in expected)
            {
                var t = Assert.Single(areas, r => r.Breakdown == e.Breakdown && r.Code == e.Code);
                Assert.Equal(e.Persons, t.Persons);
                Assert.Equal(e.Observed, t.Observed, 1e-9);
                Assert.Equal(e.Expected, t.Expected, 1e-9);
                Assert.Equal(e.Persons * fit.ResidualVariance, t.Variance, 1e-6);
            }

            return 0;
        });
    }

    [Fact]
    public void TheRun_PublishesExpectedAndDifference_WhoseSumIsTheAreasPublishedLevel()
    {
        using var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System);
        var rows = store.InTransaction(transaction => ResultTable.Read(new StoreSession(transaction), produced.Second.RunId));
        var levels = rows.Where(r => r.Measure == Measure.Level).ToDictionary(r => (r.Indicator, r.Breakdown, r.Cell, r.ComparisonGroup));
        var differences = rows.Where(r => r.Measure == Measure.ExpectedDifference).ToList();
        var expectedRows = rows.Where(r => r.Measure == Measure.Expected).ToDictionary(r => (r.Indicator, r.Breakdown, r.Cell));
        Assert.NotEmpty(differences);
        Assert.Equal(differences.Count, expectedRows.Count);
        var minimum = produced.Catalogue.Quality.Register.ExpectedVersusActualMinPersons;
        foreach (var difference in differences)
        {
            Assert.Equal(ResultSources.Register, difference.Source);
            var expected = expectedRows[(difference.Indicator, difference.Breakdown, difference.Cell)];
            var level = levels[(difference.Indicator, difference.Breakdown, difference.Cell, ComparisonGroups.Focal(difference.ComparisonGroup))];
            if (difference.IsSuppressed)
            {
                Assert.True(expected.IsSuppressed);
                Assert.Null(level.Estimate);
                continue;
            }

            Assert.True(difference.Respondents >= minimum, $"{difference.Key}: {difference.Respondents} persons, below the minimum {minimum}");
            Assert.Equal(level.Respondents, difference.Respondents);
            Assert.Equal(level.Estimate!.Value, expected.Estimate!.Value + difference.Estimate!.Value, 1e-12);
            Assert.Equal(difference.Significant, difference.CiLower > 0 || difference.CiUpper < 0);
        }
    }

    [Fact]
    public void AnAreaWhoseLevelIsSuppressed_GetsBothRowsSuppressed_AndSmallAreasNone()
    {
        var indicator = produced.Catalogue.Indicator("employment_rate");
        using var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System);
        store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            var table = RegisterGroups.Table(session)!;
            var published = ResultTable.Read(session, produced.Second.RunId).Where(r => r.Source == ResultSources.Register && r.Measure == Measure.Level).ToList();
            var all = ExpectedVersusActualByArea.Compute(session, produced.Catalogue, table, [indicator], published, 0.95);
            var some = all.First(r => !r.IsSuppressed);
            var focal = ComparisonGroups.Focal(some.ComparisonGroup);
            var hidden = published.Select(r => r.Indicator == some.Indicator && r.Breakdown == some.Breakdown && r.Cell == some.Cell && r.ComparisonGroup == focal
                ? r.Suppress(SuppressionRules.RegisterGroupSize) : r).ToList();

            var again = ExpectedVersusActualByArea.Compute(session, produced.Catalogue, table, [indicator], hidden, 0.95);

            var pair = again.Where(r => r.Breakdown == some.Breakdown && r.Cell == some.Cell).ToList();
            Assert.Equal(2, pair.Count);
            Assert.All(pair, r => Assert.Equal(SuppressionRules.RegisterGroupSuppressed, r.SuppressionRule));
            Assert.All(pair, r => Assert.Null(r.Estimate));
            Assert.Equal(all.Count, again.Count);

            // Every area of at least the minimum size has its rows, no smaller one has any.
            using var sql = new RegisterSql(session, produced.Catalogue, table);
            var areas = ExpectedVersusActualByArea.Areas(session, sql, indicator, produced.Catalogue.Comparison(indicator.Comparisons[0]), indicator.ExpectedVersusActual!,
                produced.Catalogue.Quality.Register.MinGroupSizeExclusive);
            var minimum = produced.Catalogue.Quality.Register.ExpectedVersusActualMinPersons;
            Assert.Equal(areas.Count(a => a.Persons >= minimum) * 2, all.Count);
            Assert.Contains(areas, a => a.Persons < minimum);
            return 0;
        });
    }
}

using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Variables;
using Barometer.Estimation.SmallArea;
using Barometer.Production.Register;
using Barometer.Production.SmallArea;
using Barometer.Production.Survey;
using Barometer.Production.Variables;
using Barometer.Storage;
using Barometer.Storage.Results;
using Barometer.Storage.SmallArea;

namespace Barometer.Production.Tests.SmallArea;

/// <summary>
/// The small-area estimates by county (<see cref="SmallAreaByArea"/>) on synthetic Sweden: the register covariates
/// against the catalogue's evaluator person by person; the model-based rows against <see cref="SmallAreaEstimator"/>
/// on the same inputs, benchmarked to the published national level; and holding back.
/// </summary>
[Collection(ProducedStoreGroup.Name)]
public sealed class SmallAreaByAreaTests(ProducedStore produced)
{
    [Fact]
    public void Covariates_EqualTheSharesEvaluatedPersonByPerson()
    {
        var catalogue = produced.Catalogue;
        var rules = catalogue.Quality.SmallArea!;
        var comparison = catalogue.Comparison("foreign_vs_native");
        using var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System);
        store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            var table = RegisterGroups.Table(session)!;
            using var sql = new RegisterSql(session, catalogue, table);
            var covariates = SmallAreaByArea.Covariates(session, sql, catalogue, rules, comparison);

            // The oracle: every person's variables by the catalogue's evaluator.
            var dependencies = new RawDependencies(catalogue);
            var names = new List<string> { "age", rules.Area };
            names.AddRange(comparison.Focal.Condition.Variables);
            foreach (var c in rules.Covariates)
            {
                names.AddRange(c.Share.Variables);
                names.AddRange(c.Among?.Variables ?? []);
            }

            var present = session.ColumnsOf(table).ToHashSet(StringComparer.Ordinal);
            var columns = dependencies.Of(names).Where(present.Contains).ToList();
            var index = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
            var values = new Value[columns.Count];
            var population = catalogue.Questionnaire.Population;
            var sums = new Dictionary<string, (double[] Yes, double[] All)>(StringComparer.Ordinal);
            using (var command = session.Command($"SELECT {string.Join(", ", columns.Select(SqlText.Identifier))} FROM {SqlText.Identifier(table)}"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    for (var c = 0; c < values.Length; c++)
                    {
                        values[c] = StoredValues.ToValue(reader.IsDBNull(c) ? null : reader.GetValue(c));
                    }

                    // A fresh lookup per person: the evaluator memoises derived variables within one.
                    var lookup = catalogue.Evaluator.For(name => index.TryGetValue(name, out var at) ? values[at] : Value.Missing);
                    var age = lookup("age");
                    if (age.Kind != ValueKind.Number || Math.Truncate(age.Number) < population.Min || Math.Truncate(age.Number) > population.Max
                        || !comparison.Focal.Condition.Holds(lookup) || IndicatorMeasurement.Code(lookup(rules.Area)) is not { } area)
                    {
                        continue;
                    }

                    if (!sums.TryGetValue(area, out var s))
                    {
                        s = sums[area] = (new double[rules.Covariates.Count], new double[rules.Covariates.Count]);
                    }

                    for (var c = 0; c < rules.Covariates.Count; c++)
                    {
                        var covariate = rules.Covariates[c];
                        if (covariate.Among is { } among && !among.Holds(lookup))
                        {
                            continue;
                        }

                        var share = covariate.Share.Evaluate(lookup);
                        if (share.Kind == ValueKind.Boolean)
                        {
                            s.All[c]++;
                            s.Yes[c] += share.Boolean ? 1 : 0;
                        }
                    }
                }
            }

            Assert.Equal(sums.Keys.Order(StringComparer.Ordinal), covariates.Keys.Order(StringComparer.Ordinal));
            Assert.True(sums.Count >= 20, $"only {sums.Count} counties");
            foreach (var (area, s) in sums)
            {
                for (var c = 0; c < rules.Covariates.Count; c++)
                {
                    if (s.All[c] == 0)
                    {
                        Assert.Null(covariates[area][c]);
                    }
                    else
                    {
                        Assert.Equal(s.Yes[c] / s.All[c], covariates[area][c]!.Value, 1e-12);
                    }
                }
            }

            // The shares are not degenerate: they differ between counties.
            for (var c = 0; c < rules.Covariates.Count; c++)
            {
                var shares = covariates.Values.Select(v => v[c]).OfType<double>().ToList();
                Assert.True(shares.Max() - shares.Min() > 0.01, $"covariate {rules.Covariates[c].Name} is flat over the counties");
            }

            return 0;
        });
    }

    [Fact]
    public void ModelRows_AreTheBenchmarkedEblups_WhoseWeightedMeanIsTheNationalLevel()
    {
        var catalogue = produced.Catalogue;
        var indicator = catalogue.Indicator("belonging");
        var (direct, national, covariates, counties) = Inputs(indicator);
        using var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System);
        var (rows, fits) = store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            return SmallAreaByArea.Compute(session, catalogue, RegisterGroups.Table(session)!, [indicator],
                new Dictionary<string, List<AreaDirect>> { [indicator.Id] = direct }, [national]);
        });

        var fit = Assert.Single(fits);
        Assert.True(fit.Published, string.Join("; ", fit.Checks.Select(c => $"{c.Check} {c.Passed} {c.Value}")));
        Assert.Equal(counties.Count, fit.Areas);
        Assert.Equal(["convergence", "model_variance_above_zero", "residuals", "aggregate"], fit.Checks.Select(c => c.Check));
        Assert.Equal(counties.Count, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(Measure.ModelEstimate, r.Measure);
            Assert.Equal("lan", r.Breakdown);
            Assert.Equal("foreign_vs_native", r.ComparisonGroup);
            Assert.Equal(SuppressionRules.FlagModelBased, r.QualityFlag);
            Assert.Null(r.SuppressionRule);
        });

        // The same inputs straight into the estimator.
        var psi = SamplingVarianceSmoothing.Pooled([.. direct.Select(d => d.StandardError * d.StandardError)], [.. direct.Select(d => (double)d.Respondents)]);
        var data = new FayHerriotData([.. direct.Select(d => d.Value)], psi, [.. counties.Select(c => (IReadOnlyList<double>)[1.0, .. covariates[c].Select(v => v!.Value)])]);
        var expected = SmallAreaEstimator.Estimate(data, [.. direct.Select(d => d.Size)], national.Estimate!.Value, new SmallAreaOptions(0.95, 0.01, 0.01));
        Assert.Equal(expected.Fit.ModelVariance, fit.ModelVariance!.Value, 1e-15);
        for (var i = 0; i < counties.Count; i++)
        {
            var row = Assert.Single(rows, r => r.Cell == counties[i]);
            Assert.Equal(expected.Areas[i].Estimate, row.Estimate!.Value, 1e-15);
            Assert.Equal(Math.Sqrt(expected.Areas[i].Mse), row.StandardError!.Value, 1e-15);
            Assert.Equal(expected.Areas[i].Low, row.CiLower!.Value, 1e-15);
            Assert.Equal(direct[i].Respondents, row.Respondents);
        }

        // Benchmarked: the counties weighted by their estimated sizes give the national level back.
        var weighted = rows.Sum(r => r.Estimate!.Value * r.Population!.Value) / rows.Sum(r => r.Population!.Value);
        Assert.Equal(national.Estimate!.Value, weighted, 1e-12);
    }

    [Fact]
    public void WithoutAPublishedNationalLevel_OrWithACountyWithoutRespondents_EveryCountyIsHeldBack()
    {
        var catalogue = produced.Catalogue;
        var indicator = catalogue.Indicator("belonging");
        var (direct, national, _, counties) = Inputs(indicator);
        using var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System);
        store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            var table = RegisterGroups.Table(session)!;
            var areas = new Dictionary<string, List<AreaDirect>> { [indicator.Id] = direct };
            var (hidden, hiddenFits) = SmallAreaByArea.Compute(session, catalogue, table, [indicator], areas, [national.Suppress(SuppressionRules.SurveyMinRespondents)]);
            Assert.Equal(counties.Count, hidden.Count);
            Assert.All(hidden, r => Assert.Equal(SuppressionRules.SmallAreaHeldBack, r.SuppressionRule));
            Assert.Equal(SmallAreaByArea.NationalLevelCheck, Assert.Single(Assert.Single(hiddenFits).Checks).Check);

            var missing = new Dictionary<string, List<AreaDirect>> { [indicator.Id] = [.. direct.Skip(1)] };
            var (gone, goneFits) = SmallAreaByArea.Compute(session, catalogue, table, [indicator], missing, [national]);
            Assert.Equal(counties.Count, gone.Count);
            Assert.All(gone, r => Assert.Null(r.Estimate));
            var check = Assert.Single(Assert.Single(goneFits).Checks);
            Assert.Equal(SmallAreaByArea.MissingAreasCheck, check.Check);
            Assert.Equal(counties.Count - 1, check.Value);
            return 0;
        });
    }

    [Fact]
    public void TheRun_StoresAFitForEverySurveyMeanOrProportion_AndARowPerCounty()
    {
        using var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System);
        var (rows, fits) = store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            return (ResultTable.Read(session, produced.Second.RunId), SmallAreaFitTable.Read(session, produced.Second.RunId));
        });

        var surveyIndicators = produced.Catalogue.Indicators.Where(i => i.Source.Kind == Catalogue.Indicators.SourceKind.Survey && SurveyIndicatorEstimation.HasSmallArea(i)).ToList();
        Assert.Equal(surveyIndicators.Select(i => i.Id).Order(StringComparer.Ordinal), fits.Select(f => f.Indicator).Order(StringComparer.Ordinal));
        var counties = produced.Catalogue.Classification("lan").Codes.Count;
        foreach (var fit in fits)
        {
            var mine = rows.Where(r => r.Measure == Measure.ModelEstimate && r.Indicator == fit.Indicator).ToList();
            Assert.Equal(counties, mine.Count);
            Assert.Equal(fit.Published, mine.All(r => !r.IsSuppressed));
            Assert.True(fit.Published || mine.All(r => r.SuppressionRule == SuppressionRules.SmallAreaHeldBack));
        }
    }

    /// <summary>
    /// Direct county estimates drawn from a known Fay–Herriot model over the store's real covariates (θ_i = x_i'β + u_i,
    /// y_i = θ_i + e_i), with sizes and respondents per county, and the national level their sizes weight them to.
    /// </summary>
    private (List<AreaDirect> Direct, ResultRow National, Dictionary<string, double?[]> Covariates, List<string> Counties) Inputs(Catalogue.Indicators.Indicator indicator)
    {
        var catalogue = produced.Catalogue;
        using var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System);
        var covariates = store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            using var sql = new RegisterSql(session, catalogue, RegisterGroups.Table(session)!);
            return SmallAreaByArea.Covariates(session, sql, catalogue, catalogue.Quality.SmallArea!, catalogue.Comparison("foreign_vs_native"));
        });
        var counties = catalogue.Classification("lan").Codes.Select(c => c.Code).ToList();
        var random = new Random(20261207);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var direct = new List<AreaDirect>();
        for (var i = 0; i < counties.Count; i++)
        {
            var x = covariates[counties[i]];
            var theta = 0.55 - (0.2 * x[0]!.Value) + (0.1 * x[2]!.Value) + (0.05 * Normal());
            var n = 30 + random.Next(400);
            var se = Math.Sqrt(0.25 / n);
            direct.Add(new AreaDirect(counties[i], theta + (se * Normal()), se, n, 1000 + random.Next(100000)));
        }

        var level = direct.Sum(d => d.Value * d.Size) / direct.Sum(d => d.Size);
        var national = new ResultRow(indicator.Id, ComparisonGroups.TotalBreakdown, "", ComparisonGroups.Focal("foreign_vs_native"), Measure.Level, ResultSources.Survey,
            level, 0.01, level - 0.02, level + 0.02, 100, direct.Sum(d => d.Respondents), null, null, null, null, null);
        return (direct, national, covariates, counties);
    }
}

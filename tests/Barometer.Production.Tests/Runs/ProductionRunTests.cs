using System.Globalization;
using Barometer.Estimation;
using Barometer.Estimation.Requests;
using Barometer.Production.Calibration;
using Barometer.Production.Changes;
using Barometer.Production.Register;
using Barometer.Production.Releases;
using Barometer.Production.Runs;
using Barometer.Production.Survey;
using Barometer.Storage;
using Barometer.Storage.Results;

namespace Barometer.Production.Tests.Runs;

/// <summary>End to end on a small synthetic Sweden: synth → ingest → run (two waves) → release. Slow (about a minute).</summary>
[Collection(ProducedStoreGroup.Name)]
[Trait("Category", "Slow")]
public sealed class ProductionRunTests(ProducedStore produced)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_RegisterResults_ReusedOnlyFromARunOfTheSameBuild(bool otherBuild)
    {
        var copy = produced.CopyStore();
        var stored = ProducedStore.Query(copy, "SELECT json_extract_string(rules, '$.register_code') FROM runs ORDER BY run_id", r => r.GetString(0));
        Assert.Equal(2, stored.Count);
        Assert.All(stored, code => Assert.Equal(ProductionRun.RegisterCode, code));
        using var store = BarometerStore.Open(copy, TimeProvider.System);
        if (otherBuild)
        {
            store.InTransaction(t =>
            {
                using var command = t.Connection!.CreateCommand();
                command.Transaction = t;
                command.CommandText = "UPDATE runs SET rules = json_merge_patch(rules, '{\"register_code\": \"an-older-build\"}')";
                return command.ExecuteNonQuery();
            });
        }

        var phases = new PhaseLog();
        new ProductionRun(store, produced.Catalogue).Run(2026, phases);

        Assert.Equal(!otherBuild, phases.Names.Any(p => p.StartsWith("register indicators (from run", StringComparison.Ordinal)));
        Assert.Equal(otherBuild, phases.Names.Contains("register indicators"));
    }

    private sealed class PhaseLog : IRunProgress
    {
        public HashSet<string> Names { get; } = [];

        public void Report(string phase, long done, long total) => Names.Add(phase);
    }

    [Fact]
    public void Run_PublishedSurveyLevels_EqualASingleEngineRunWithTheSameDataAndDesign()
    {
        var published = ProducedStore.Query(produced.StorePath,
            $"SELECT indicator, breakdown, cell, comparison_group, estimate, standard_error, ci_lower, ci_upper, respondents FROM results " +
            $"WHERE run_id = {produced.Second.RunId} AND source = 'survey' AND measure = 'level' AND suppression_rule IS NULL ORDER BY hash(indicator || breakdown || cell || comparison_group) LIMIT 12",
            r => (Indicator: r.GetString(0), Breakdown: r.GetString(1), Cell: r.GetString(2), Group: r.GetString(3),
                Estimate: r.GetDouble(4), Se: r.GetDouble(5), Low: r.GetDouble(6), High: r.GetDouble(7), N: r.GetInt64(8)));
        Assert.Equal(12, published.Count);

        var copy = produced.CopyStore();
        using var store = BarometerStore.Open(copy, TimeProvider.System);
        store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            var margins = CalibrationMargins.FromRegister(session, produced.Catalogue, RegisterGroups.Table(session)!);
            var wave = SurveyWave.Read(session, 2026, out _)!;
            var indicators = produced.Catalogue.Indicators.Where(i => i.Source.Kind == Catalogue.Indicators.SourceKind.Survey).ToList();
            var frame = SurveyFrame.Build(produced.Catalogue, wave, margins, indicators);
            foreach (var cell in published)
            {
                var indicator = produced.Catalogue.Indicator(cell.Indicator);
                var set = cell.Group == "all" ? SurveyFrame.AllSet : cell.Group.Split(':')[0];
                var side = cell.Group == "all" ? "all" : cell.Group.Split(':')[1];
                IReadOnlyList<string> by = cell.Breakdown == "total"
                    ? [SurveyFrame.Group(indicator, set)]
                    : [SurveyFrame.Group(indicator, set), SurveyFrame.Breakdown(cell.Breakdown)];
                var spec = new EstimateSpec("one", EstimateType.Mean, SurveyFrame.Y(indicator), by);
                var outcome = SurveyEstimation.Run(frame.Data, WaveDesignRequest.Build(margins, [spec], 0.95, produced.Catalogue.Calibration));
                Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => p.Message)));
                var domain = cell.Breakdown == "total"
                    ? $"{by[0]}={side}"
                    : $"{by[0]}={side};{by[1]}={cell.Cell}";
                var row = Assert.Single(outcome.Rows, r => r.Domain == domain);
                Assert.Equal(row.Value, cell.Estimate, 12);
                Assert.Equal(row.StandardError, cell.Se, 12);
                Assert.Equal(row.CiLow, cell.Low, 12);
                Assert.Equal(row.CiHigh, cell.High, 12);
                Assert.Equal(row.N, cell.N);
            }

            return 0;
        });
    }

    [Fact]
    public void Run_PublishedSurveyLevels_CoverTheTruthAtRoughlyTheNominalRate()
    {
        var rows = ProducedStore.Query(produced.StorePath,
            $"SELECT r.ci_lower <= t.value AND t.value <= r.ci_upper FROM results r JOIN read_parquet('{produced.TruthPath}') t " +
            $"ON t.wave = 2026 AND t.indicator = r.indicator AND t.breakdown = r.breakdown AND t.code = r.cell AND t.\"group\" = r.comparison_group AND t.sex = '' " +
            $"WHERE r.run_id = {produced.Second.RunId} AND r.source = 'survey' AND r.measure = 'level' AND r.suppression_rule IS NULL AND t.value IS NOT NULL",
            r => r.GetBoolean(0));
        Assert.True(rows.Count > 500, $"only {rows.Count} published survey levels matched the truth file");
        var coverage = rows.Count(c => c) / (double)rows.Count;
        // 95 % intervals; estimates of one wave are correlated, so allow a wide band, but a broken estimator misses it.
        Assert.InRange(coverage, 0.85, 0.995);
    }

    [Fact]
    public void Run_PublishedRegisterLevels_EqualTheTruthExactly()
    {
        var rows = ProducedStore.Query(produced.StorePath,
            $"SELECT r.indicator, r.breakdown, r.cell, r.comparison_group, r.estimate, t.value FROM results r JOIN read_parquet('{produced.TruthPath}') t " +
            $"ON t.indicator = r.indicator AND t.breakdown = r.breakdown AND t.code = r.cell AND t.\"group\" = r.comparison_group AND t.sex = '' " +
            $"WHERE r.run_id = {produced.Second.RunId} AND r.source = 'register' AND r.measure = 'level' AND r.suppression_rule IS NULL",
            r => (Key: $"{r.GetString(0)}/{r.GetString(1)}={r.GetString(2)}/{r.GetString(3)}", Estimate: r.GetDouble(4), Truth: r.IsDBNull(5) ? double.NaN : r.GetDouble(5)));
        Assert.True(rows.Count > 1000, $"only {rows.Count} published register levels matched the truth file");
        var wrong = rows.Where(r => !(Math.Abs(r.Estimate - r.Truth) <= 1e-9 * Math.Max(1, Math.Abs(r.Truth)))).Take(5).ToList();
        Assert.True(wrong.Count == 0, "register levels differ from the truth: " + string.Join("; ", wrong.Select(w => $"{w.Key}: {w.Estimate} vs {w.Truth}")));
    }

    [Fact]
    public void Run_SuppressedAndPublishedCells_FollowTheConfiguredRules()
    {
        var rules = produced.Catalogue.Quality;
        var rows = ProducedStore.Query(produced.StorePath,
            $"SELECT indicator, breakdown, cell, comparison_group, measure, source, estimate, respondents, population, suppression_rule, quality_flag, relative_margin FROM results WHERE run_id = {produced.Second.RunId}",
            r => (Indicator: r.GetString(0), Breakdown: r.GetString(1), Cell: r.GetString(2), Group: r.GetString(3), Measure: r.GetString(4), Source: r.GetString(5),
                Estimate: r.IsDBNull(6) ? (double?)null : r.GetDouble(6), N: r.IsDBNull(7) ? (long?)null : r.GetInt64(7), WithProperty: r.IsDBNull(8) ? (double?)null : r.GetDouble(8),
                Rule: r.IsDBNull(9) ? null : r.GetString(9), Flag: r.IsDBNull(10) ? null : r.GetString(10), Relative: r.IsDBNull(11) ? (double?)null : r.GetDouble(11)));
        var known = typeof(SuppressionRules).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();

        // Every suppressed cell says which rule hid it, and carries no number.
        Assert.All(rows.Where(r => r.Rule is not null), r => Assert.Contains(r.Rule!, known));
        Assert.All(rows.Where(r => r.Rule is not null), r => Assert.Null(r.Estimate));
        Assert.Contains(rows, r => r.Rule == SuppressionRules.SurveyMinRespondents);
        Assert.Contains(rows, r => r.Rule == SuppressionRules.RegisterGroupSize);
        Assert.Contains(rows, r => r.Rule == SuppressionRules.RegisterComplementary);

        // Published survey levels have enough respondents; flags mark a relative margin above the limit, or an
        // undefined one (an estimate of exactly 0).
        var surveyLevels = rows.Where(r => r.Source == "survey" && r.Measure == "level" && r.Rule is null).ToList();
        Assert.All(surveyLevels, r => Assert.True(r.N >= rules.Survey.MinRespondents));
        Assert.All(surveyLevels, r => Assert.Equal(r.Relative is null || r.Relative > rules.Survey.RelativeMarginFlag, r.Flag == SuppressionRules.FlagRelativeMargin));
        Assert.All(surveyLevels.Where(r => r.Relative is null), r => Assert.Equal(0, r.Estimate));

        // Published register shares: group > 20 persons and > 5 with the property.
        var proportions = produced.Catalogue.Indicators.Where(i => i.Statistic == Catalogue.Indicators.StatisticKind.Proportion).Select(i => i.Id).ToHashSet();
        var registerLevels = rows.Where(r => r.Source == "register" && r.Measure == "level").ToList();
        Assert.All(registerLevels.Where(r => r.Rule is null), r => Assert.True(r.N > rules.Register.MinGroupSizeExclusive));
        Assert.All(registerLevels.Where(r => r.Rule is null && proportions.Contains(r.Indicator)), r => Assert.True(r.WithProperty > rules.Register.MinWithPropertyExclusive));

        // Complementary suppression: no breakdown (kommuner: within a län) whose sum is published has exactly one
        // hidden cell — its sum minus the published parts would give it. (A breakdown whose sum is hidden too may have
        // one hidden part; whether the relations across groups and breakdowns then determine it is the disclosure
        // audit's question, which the release of this run passes: DisclosureAuditReleaseTests.)
        var published = registerLevels.Where(r => r.Rule is null).Select(r => (r.Indicator, r.Group, r.Breakdown, r.Cell)).ToHashSet();
        var lonely = registerLevels.Where(r => r.Breakdown != "total")
            .GroupBy(r => (r.Indicator, r.Group, r.Breakdown, Part: r.Breakdown == "kommun" ? r.Cell[..2] : ""))
            .Where(g => g.Key.Breakdown == "kommun"
                ? published.Contains((g.Key.Indicator, g.Key.Group, "lan", g.Key.Part))
                : published.Contains((g.Key.Indicator, g.Key.Group, "total", "")))
            .Where(g => g.Count(r => r.Rule is not null) == 1 && g.Any(r => r.Rule is null))
            .Select(g => g.Key).ToList();
        Assert.Empty(lonely);
    }

    [Fact]
    public void Run_SurveyLevels_KeepNoLoneHiddenCellAndWithholdTheGapsOfHiddenGroups()
    {
        var rows = ProducedStore.Query(produced.StorePath,
            $"SELECT indicator, breakdown, cell, comparison_group, measure, suppression_rule FROM results WHERE run_id = {produced.Second.RunId} AND source = 'survey'",
            r => (Indicator: r.GetString(0), Breakdown: r.GetString(1), Cell: r.GetString(2), Group: r.GetString(3), Measure: r.GetString(4), Rule: r.IsDBNull(5) ? null : r.GetString(5)));
        var levels = rows.Where(r => r.Measure == "level").ToList();
        Assert.Contains(levels, r => r.Rule == SuppressionRules.SurveyMinRespondents);
        Assert.Contains(levels, r => r.Rule == SuppressionRules.SurveyComplementary);

        // Weighted means over calibrated weights add up like counts: no breakdown whose total is published may keep
        // exactly one hidden cell, nor all = focal + reference of a comparison whose groups make up everyone.
        var published = levels.Where(r => r.Rule is null).Select(r => (r.Indicator, r.Group, r.Breakdown, r.Cell)).ToHashSet();
        var lonely = levels.Where(r => r.Breakdown != "total")
            .GroupBy(r => (r.Indicator, r.Group, r.Breakdown))
            .Where(g => published.Contains((g.Key.Indicator, g.Key.Group, "total", "")) && g.Count(r => r.Rule is not null) == 1)
            .Select(g => g.Key).ToList();
        Assert.Empty(lonely);
        var byKey = levels.ToDictionary(r => (r.Indicator, r.Breakdown, r.Cell, r.Group));
        var splitting = produced.Catalogue.Comparisons.Where(Production.Disclosure.ComplementarySuppression.SplitsEveryone).Select(c => c.Id).ToHashSet();
        Assert.Contains("foreign_vs_native", splitting);
        foreach (var focal in levels.Where(r => r.Group.EndsWith(":focal", StringComparison.Ordinal) && splitting.Contains(r.Group[..r.Group.IndexOf(':', StringComparison.Ordinal)])))
        {
            var comparison = focal.Group[..focal.Group.IndexOf(':', StringComparison.Ordinal)];
            if (byKey.TryGetValue((focal.Indicator, focal.Breakdown, focal.Cell, comparison + ":reference"), out var reference)
                && byKey.TryGetValue((focal.Indicator, focal.Breakdown, focal.Cell, "all"), out var all))
            {
                Assert.NotEqual(1, new[] { focal, reference, all }.Count(r => r.Rule is not null));
            }
        }

        // A gap is published only where both compared groups are.
        foreach (var gap in rows.Where(r => r.Measure == "gap" && r.Rule is null))
        {
            Assert.Contains((gap.Indicator, gap.Group + ":focal", gap.Breakdown, gap.Cell), published);
            Assert.Contains((gap.Indicator, gap.Group + ":reference", gap.Breakdown, gap.Cell), published);
        }
    }

    [Fact]
    public void Run_SecondWave_PublishesChangesAndStandardisedGaps()
    {
        // Changes are taken against the previous wave's release only: release 2025 (never released in the fixture)
        // on a copy, run 2025 again without releasing it, and run 2026.
        var copy = produced.CopyStore();
        int rerun;
        RunOutcome second;
        using (var store = BarometerStore.Open(copy, TimeProvider.System))
        {
            var released = new ReleaseManager(store).Release(2025, ProducedStore.ReleaseTime.AddYears(-1), null);
            Assert.Equal(produced.First.RunId, released.RunId);
            var run = new ProductionRun(store, produced.Catalogue);
            rerun = run.Run(2025).RunId;
            second = run.Run(2026);
        }

        Assert.Equal(2025, second.PreviousWave);
        Assert.Equal(new ChangeBase(2025, 1, produced.First.RunId), second.ChangesAgainst);
        Assert.NotEqual(rerun, second.ChangesAgainst!.RunId);
        Assert.Equal(produced.First.RunId.ToString(CultureInfo.InvariantCulture), ProducedStore.Query(copy,
            $"SELECT json_extract_string(rules, '$.changes.previous_run') FROM runs WHERE run_id = {second.RunId}", r => r.GetString(0)).Single());
        var changes = ProducedStore.Query(copy,
            $"SELECT count(*) FILTER (WHERE suppression_rule IS NULL), count(*) FILTER (WHERE suppression_rule IS NULL AND ci_lower <= estimate AND estimate <= ci_upper AND standard_error > 0) FROM results WHERE run_id = {second.RunId} AND measure = 'change'",
            r => (Published: r.GetInt64(0), Sane: r.GetInt64(1))).Single();
        Assert.True(changes.Published > 100);
        Assert.Equal(changes.Published, changes.Sane);

        // Level − change is exactly the released level of 2025, nothing else.
        var off = ProducedStore.Query(copy,
            $"SELECT count(*), count(*) FILTER (WHERE p.estimate IS NULL OR abs((l.estimate - c.estimate) - p.estimate) > 1e-12) FROM results c " +
            $"JOIN results l ON l.run_id = c.run_id AND l.measure = 'level' AND l.indicator = c.indicator AND l.breakdown = c.breakdown AND l.cell = c.cell AND l.comparison_group = c.comparison_group " +
            $"LEFT JOIN results p ON p.run_id = {produced.First.RunId} AND p.measure = 'level' AND p.indicator = c.indicator AND p.breakdown = c.breakdown AND p.cell = c.cell AND p.comparison_group = c.comparison_group AND p.suppression_rule IS NULL " +
            $"WHERE c.run_id = {second.RunId} AND c.measure = 'change' AND c.suppression_rule IS NULL",
            r => (Checked: r.GetInt64(0), Off: r.GetInt64(1))).Single();
        Assert.True(off.Checked > 100);
        Assert.Equal(0, off.Off);

        var standardised = ProducedStore.Query(produced.StorePath,
            $"SELECT count(*) FROM results WHERE run_id = {produced.Second.RunId} AND measure = 'standardised_gap' AND suppression_rule IS NULL AND standard_error > 0",
            r => r.GetInt64(0)).Single();
        Assert.True(standardised > 0);
    }

    [Fact]
    public void Run_PreviousWaveNeverReleased_PublishesNoChange()
    {
        // In the fixture 2025 is run but never released: estimate − change would give its unreleased levels.
        Assert.Equal(2025, produced.Second.PreviousWave);
        Assert.Null(produced.Second.ChangesAgainst);
        var changes = ProducedStore.Query(produced.StorePath,
            $"SELECT count(*), count(*) FILTER (WHERE estimate IS NOT NULL OR standard_error IS NOT NULL OR ci_lower IS NOT NULL OR respondents IS NOT NULL), " +
            $"count(*) FILTER (WHERE suppression_rule IS NULL) FROM results WHERE run_id = {produced.Second.RunId} AND measure = 'change'",
            r => (All: r.GetInt64(0), WithNumbers: r.GetInt64(1), Published: r.GetInt64(2))).Single();
        Assert.True(changes.All > 100);
        Assert.Equal(0, changes.WithNumbers);
        Assert.Equal(0, changes.Published);
    }

    [Fact]
    public void Run_AbortedBeforeCommit_LeavesTheStoreUnchanged()
    {
        var copy = produced.CopyStore();
        string Snapshot() => string.Join("|", ProducedStore.Query(copy,
            "SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM results), (SELECT coalesce(sum(hash(run_id, indicator, breakdown, cell, comparison_group, measure, estimate)), 0) FROM results)",
            r => string.Create(CultureInfo.InvariantCulture, $"{r.GetValue(0)}|{r.GetValue(1)}|{r.GetValue(2)}")));
        var before = Snapshot();
        using (var store = BarometerStore.Open(copy, TimeProvider.System))
        {
            var run = new ProductionRun(store, produced.Catalogue) { BeforeCommit = () => throw new OperationCanceledException("aborted by the test") };
            Assert.Throws<OperationCanceledException>(() => run.Run(2026));
        }

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Run_StoredTotalsForTheWave_CalibrateToThemInsteadOfTheRegister()
    {
        var copy = produced.CopyStore();
        using var store = BarometerStore.Open(copy, TimeProvider.System);
        var margins = store.InTransaction(t =>
        {
            var session = new StoreSession(t);
            var fromRegister = CalibrationMargins.FromRegister(session, produced.Catalogue, RegisterGroups.Table(session)!);
            foreach (var margin in fromRegister)
            {
                foreach (var (cell, total) in margin.Totals)
                {
                    session.Execute("INSERT INTO calibration_totals VALUES ('population_test', 2025, $margin, $cell, $total, 'test', NULL)",
                        ("margin", string.Join(';', margin.Variables)), ("cell", cell), ("total", total * 1.1));
                }
            }

            return fromRegister;
        });

        var outcome = new ProductionRun(store, produced.Catalogue).Run(2025);
        var rules = store.InTransaction(t => (string)new StoreSession(t).Scalar("SELECT CAST(rules AS VARCHAR) FROM runs WHERE run_id = $r", ("r", outcome.RunId))!);
        Assert.Contains("store set population_test", rules, StringComparison.Ordinal);
        var expected = (margins[0].Totals.Values.Sum() * 1.1).ToString("R", CultureInfo.InvariantCulture);
        Assert.Contains(expected[..6], rules, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WaveNotIngested_SaysSoAndWritesNothing()
    {
        var copy = produced.CopyStore();
        using var store = BarometerStore.Open(copy, TimeProvider.System);
        var ex = Assert.Throws<ProductionException>(() => new ProductionRun(store, produced.Catalogue).Run(2019));
        Assert.Contains("no survey wave 2019", ex.Message, StringComparison.Ordinal);
    }
}

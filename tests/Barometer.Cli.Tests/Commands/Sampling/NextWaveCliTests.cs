using System.Globalization;
using Barometer.Catalogue.Loading;
using DuckDB.NET.Data;
using Xunit.Abstractions;

namespace Barometer.Cli.Tests.Commands.Sampling;

/// <summary>A tiny synthetic Sweden with wave 2026 ingested and run once; each test works on its own copy of the store.</summary>
public sealed class RunStoreFixture : IDisposable
{
    public RunStoreFixture()
    {
        Directory.CreateDirectory(Root);
        var (code, output, err) = CliRunner.Run("synth", "--out", Data, "--scale", Scale, "--waves", "2026");
        Assert.True(code == 0, err + output);
        (code, output, err) = CliRunner.Run("ingest", "--register", Path.Combine(Data, "register"), "--store", NoRun);
        Assert.True(code == 0, err + output);
        (code, output, err) = CliRunner.Run("ingest", "--survey", Path.Combine(Data, "survey", "2026"), "--wave", "2026", "--store", NoRun);
        Assert.True(code == 0, err + output);
        File.Copy(NoRun, Store);
        (code, output, err) = CliRunner.Run("run", "--wave", "2026", "--store", Store);
        Assert.True(code == 0, err + output);
    }

    public const string Scale = "0.02";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "barometer-next-wave-tests-" + Guid.NewGuid().ToString("N"));

    public string Data => Path.Combine(Root, "data");

    /// <summary>Register and wave 2026 ingested, wave 2026 run.</summary>
    public string Store => Path.Combine(Root, "store.duckdb");

    /// <summary>Register and wave 2026 ingested, no run.</summary>
    public string NoRun => Path.Combine(Root, "no-run.duckdb");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>
/// Issue 18, the next wave from the last one: Neyman allocation for a named indicator, the design effect of
/// weighting from the last run, and the synthetic world fielding the drawn sample (plan → draw → synth --respond →
/// ingest → run → release), with the refusals of each path. Slow (a synth, an ingest and a run).
/// </summary>
[Trait("Category", "Slow")]
public sealed class NextWaveCliTests(RunStoreFixture fixture, ITestOutputHelper output) : IClassFixture<RunStoreFixture>, IDisposable
{
    private readonly string _dir = Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"));

    private string Store => Path.Combine(_dir, "store.duckdb");

    private string Prepare(bool withRun = true)
    {
        Directory.CreateDirectory(_dir);
        File.Copy(withRun ? fixture.Store : fixture.NoRun, Store);
        return Store;
    }

    private string In(string name) => Path.Combine(_dir, name);

    private (int Code, string Out, string Err) Plan(string file, params string[] extra) =>
        CliRunner.Run(["plan", "--wave", "2027", "--out", In(file), "--store", Store, .. extra]);

    private static List<string[]> Csv(string path) => [.. File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))];

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Every table of the store with its row count, and the runs, draws and PRNs: what a refused command must leave as it was.</summary>
    private string Snapshot()
    {
        using var connection = new DuckDBConnection($"Data Source={Store};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT string_agg(table_name || ':' || estimated_size, ',' ORDER BY table_name) FROM duckdb_tables() WHERE schema_name = 'main'";
        var tables = (string)command.ExecuteScalar()!;
        command.CommandText = "SELECT (SELECT count(*) FROM runs) || '/' || (SELECT count(*) FROM results) || '/' || (SELECT count(*) FROM releases) || '/' || " +
            "(SELECT count(*) FROM ingested_files) || '/' || (SELECT count(*) FROM person_prn) || '/' || (SELECT count(*) FROM sample_draws) || '/' || (SELECT count(*) FROM sample_persons)";
        return tables + "|" + (string)command.ExecuteScalar()!;
    }

    private long Count(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Store};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Plan_Neyman_EqualsTheClosedForm_NetShareProportionalToNhSh()
    {
        Prepare();
        var (code, stdout, err) = Plan("neyman.csv", "--method", "neyman", "--indicator", "trust_parliament", "--net-size", "3000");
        Assert.True(code == 0, err + stdout);
        Assert.Contains("Neyman allocation for 'trust_parliament': S_h from", stdout, StringComparison.Ordinal);
        var header = File.ReadLines(In("neyman.csv")).First().Split(',');
        Assert.Equal("deviation", header[^1]);
        var rows = Csv(In("neyman.csv")).Select(r => (Stratum: r[0], N: Number(r[1]), Rate: Number(r[2]), Gross: int.Parse(r[4], CultureInfo.InvariantCulture), S: Number(r[6]))).ToList();
        // S_h of a share is at most ½·√(m/(m − 1)) (the sample-variance correction), m ≥ 10 respondents where a stratum's own is used.
        Assert.All(rows, r => Assert.True(r.S > 0 && r.S <= (0.5 * Math.Sqrt(10.0 / 9)) + 1e-12, $"{r.Stratum}: S_h {r.S} of a share"));

        // Strata held at a bound (min 30 or max 20,000 gross, capped at N_h) take their bound; the rest share the
        // remaining expected net sample in proportion to N_h S_h: n'_h = (3000 − Σ_fixed n'_h) N_h S_h / Σ_free N_h S_h.
        bool AtBound((string Stratum, double N, double Rate, int Gross, double S) r) => r.Gross == (int)Math.Min(30, r.N) || r.Gross == (int)Math.Min(20000, r.N);
        var free = rows.Where(r => !AtBound(r)).ToList();
        var fixedNet = rows.Where(AtBound).Sum(r => r.Gross * r.Rate);
        var sum = free.Sum(r => r.N * r.S);
        Assert.True(free.Count >= 10, $"{free.Count} strata away from their bounds");
        foreach (var r in free)
        {
            var closed = (3000 - fixedNet) * r.N * r.S / sum / r.Rate;
            output.WriteLine($"{r.Stratum}: N_h {r.N}, S_h {r.S:F4}, r_h {r.Rate:F3}: gross {r.Gross}, closed form {closed:F2}");
            // Gross sizes are whole persons (largest remainders), and the bounded strata's net is itself rounded: within 1.5 persons.
            Assert.True(Math.Abs(r.Gross - closed) <= 1.5, $"{r.Stratum}: gross {r.Gross} against the closed form {closed:F3}");
        }

        Assert.Equal(3000, rows.Sum(r => r.Gross * r.Rate), 0);
    }

    [Fact]
    public void Plan_DesignEffectFromTheLastRun_ScalesEveryMarginBySqrtDeff_AndIsOneWithANoteWithoutARun()
    {
        Prepare(withRun: false);
        var (code, stdout, err) = Plan("a.csv", "--method", "proportional", "--net-size", "3000");
        Assert.True(code == 0, err + stdout);
        Assert.Contains("No completed run of an earlier wave in the store: the design effect of weighting is taken as 1", stdout, StringComparison.Ordinal);
        var without = Csv(In("a.targets.csv")).Select(Target).ToList();
        Assert.All(without, t => Assert.Equal(1.0, t.Deff));

        File.Copy(fixture.Store, Store, overwrite: true);
        (code, stdout, err) = Plan("b.csv", "--method", "proportional", "--net-size", "3000");
        Assert.True(code == 0, err + stdout);
        Assert.Contains("Design effect of weighting from run 1 (wave 2026)", stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(In("a.csv")), File.ReadAllText(In("b.csv")));
        var with = Csv(In("b.targets.csv")).Select(Target).ToList();
        foreach (var (a, b) in without.Zip(with))
        {
            output.WriteLine($"{b.Name}: deff {b.Deff:F4}; margin {a.Margin:F6} → {b.Margin:F6}");
            // Calibration adjusts the weights, so the adjustment factors vary: Kish's 1 + CV² is above 1.
            Assert.True(b.Deff is > 1 and < 3, b.Name);
            // The file writes margins to 6 decimals and deff to 4: |difference| ≤ 1e-5 (an absolute bound; rounding both to
            // 4 decimals failed when a value sat on a rounding boundary, 0.0463499 against 0.04635, while allowing 1e-4).
            Assert.Equal(a.Margin * Math.Sqrt(b.Deff), b.Margin, 1e-5);
        }
    }

    [Fact]
    public void Plan_WeightsStoredWithTheRun_GiveTheDesignEffectsOfRecomputingThem()
    {
        Prepare();
        // Without the sums kept per stratum cell (a store from before migration 0009): plan reads the stored weights.
        Execute(DropKeptSums);
        Assert.True(Count("SELECT count(*) FROM run_respondents WHERE run_id = 1") > 0, "the run stores its respondents' weights");
        Assert.Equal(Count("SELECT count(*) FROM run_respondents WHERE run_id = 1"), Count("SELECT count(DISTINCT position) FROM run_respondents WHERE run_id = 1"));
        var (code, stdout, err) = Plan("stored.csv", "--method", "proportional", "--net-size", "3000");
        Assert.True(code == 0, err + stdout);
        Assert.Contains("last run's stored weights and strata", stdout, StringComparison.Ordinal);

        // A run without stored weights (made before migration 0005): plan reads the wave and recomputes the calibration.
        using (var connection = new DuckDBConnection($"Data Source={Store}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM run_respondents";
            command.ExecuteNonQuery();
        }

        (code, stdout, err) = Plan("recomputed.csv", "--method", "proportional", "--net-size", "3000");
        Assert.True(code == 0, err + stdout);
        Assert.Contains("calibrated weights", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("stored weights", stdout, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(In("recomputed.csv")), File.ReadAllText(In("stored.csv")));
        foreach (var (a, b) in Csv(In("stored.targets.csv")).Select(Target).Zip(Csv(In("recomputed.targets.csv")).Select(Target)))
        {
            output.WriteLine($"{a.Name}: deff stored {a.Deff:R}, recomputed {b.Deff:R}");
            Assert.Equal(b.Deff, a.Deff, 12);
            Assert.Equal(b.Margin, a.Margin, 12);
        }
    }

    /// <summary>Persons of wave 2026's gross sample found in the store's register extract by person id.</summary>
    private long GrossInRegister()
    {
        using var connection = new DuckDBConnection($"Data Source={Store};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM ingested_files WHERE scope = 'register' AND kind = 'register' ORDER BY table_name LIMIT 1";
        var table = (string)command.ExecuteScalar()!;
        return Count($"SELECT count(*) FROM survey_2026_gross_sample g JOIN \"{table}\" r ON r.person_id = TRY_CAST(g.person_id AS BIGINT)");
    }

    private const string DropKeptSums = "DROP TABLE plan_response_cells; DROP TABLE plan_weight_cells; DROP TABLE plan_indicator_cells;";

    [Theory]
    [InlineData("optimal")]
    [InlineData("neyman")]
    public void Plan_FromTheSumsKeptByIngestAndRun_EqualsThePlanFromThePersons(string method)
    {
        Prepare();
        string[] args = method == "neyman" ? ["--method", "neyman", "--indicator", "trust_parliament", "--net-size", "3000"] : ["--method", "optimal"];
        Assert.True(Count("SELECT count(*) FROM plan_response_cells WHERE wave = 2026") > 0, "the wave's ingest keeps its response per cell");
        Assert.True(Count("SELECT count(*) FROM plan_weight_cells WHERE run_id = 1") > 0, "the run keeps its weights' sums per cell");
        Assert.True(Count("SELECT count(*) FROM plan_indicator_cells WHERE run_id = 1 AND indicator = 'trust_parliament'") > 0, "the run keeps the indicators' sums per cell");
        Assert.Equal(GrossInRegister(),
            Count("SELECT CAST(sum(gross) AS BIGINT) FROM plan_response_cells WHERE wave = 2026"));
        var (code, stdout, err) = Plan("kept.csv", args);
        Assert.True(code == 0, err + stdout);
        Assert.Contains("last run's kept sums", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("stored weights", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("calibrated weights ", stdout, StringComparison.Ordinal);

        // The same plan from the persons: the gross samples and the register by person id, the respondents' weights
        // and, for Neyman, the wave read again and calibrated again.
        Execute(DropKeptSums);
        (code, stdout, err) = Plan("persons.csv", args);
        Assert.True(code == 0, err + stdout);
        Assert.DoesNotContain("last run's kept sums", stdout, StringComparison.Ordinal);
        var kept = Csv(In("kept.csv"));
        var persons = Csv(In("persons.csv"));
        Assert.Equal(persons.Count, kept.Count);
        foreach (var (a, b) in kept.Zip(persons))
        {
            Assert.Equal(b[..6], a[..6]);
            for (var c = 6; c < a.Length; c++)
            {
                Assert.Equal(Number(b[c]), Number(a[c]), 1e-9);
            }
        }

        foreach (var (a, b) in Csv(In("kept.targets.csv")).Select(Target).Zip(Csv(In("persons.targets.csv")).Select(Target)))
        {
            output.WriteLine($"{a.Name}: margin {a.Margin:R} / {b.Margin:R}, deff {a.Deff:R} / {b.Deff:R}");
            Assert.Equal(b.Deff, a.Deff, 12);
            Assert.Equal(b.Margin, a.Margin, 12);
        }
    }

    [Fact]
    public void Plan_AfterARegisterReingest_RebuildsTheResponseAndWeightSums_AndRecomputesNeyman()
    {
        Prepare();
        var before = Count("SELECT CAST(sum(gross) AS BIGINT) FROM plan_response_cells");
        var other = Path.Combine(_dir, "other");
        var (code, stdout, err) = CliRunner.Run("synth", "--out", other, "--scale", RunStoreFixture.Scale, "--waves", "2026", "--seed", "7");
        Assert.True(code == 0, err + stdout);
        (code, stdout, err) = CliRunner.Run("ingest", "--register", Path.Combine(other, "register"), "--store", Store);
        Assert.True(code == 0, err + stdout);
        // The wave's persons counted in the new extract's cells; the run's weights again from run_respondents.
        Assert.Equal(GrossInRegister(),
            Count("SELECT CAST(coalesce(sum(gross), 0) AS BIGINT) FROM plan_response_cells WHERE wave = 2026"));
        output.WriteLine($"gross sample persons in the register's cells: {before} before, {Count("SELECT CAST(sum(gross) AS BIGINT) FROM plan_response_cells")} after");
        Assert.True(Count("SELECT count(*) FROM plan_weight_cells WHERE run_id = 1") > 0);
        Assert.Equal(0, Count("SELECT count(*) FROM plan_indicator_cells"));
        Assert.Equal(0, Count("SELECT count(*) FROM plan_indicator_runs"));
        (code, stdout, err) = Plan("neyman.csv", "--method", "neyman", "--indicator", "trust_parliament", "--net-size", "3000");
        Assert.True(code == 0, err + stdout);
        Assert.Contains("calibrated weights", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("from the sums the run kept", stdout, StringComparison.Ordinal);
        (code, stdout, err) = Plan("optimal.csv");
        Assert.True(code == 0, err + stdout);
        Assert.Contains("last run's kept sums", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_OnAStoreWithoutTheKeptSums_KeepsThemForPlan()
    {
        // A store whose register was ingested before migration 0009: frame cells, but none of plan's other sums.
        Prepare();
        Execute(DropKeptSums + " DELETE FROM plan_indicator_runs;");
        var (code, stdout, err) = CliRunner.Run("run", "--wave", "2026", "--store", Store);
        Assert.True(code == 0, err + stdout);
        Assert.Equal(GrossInRegister(), Count("SELECT CAST(sum(gross) AS BIGINT) FROM plan_response_cells WHERE wave = 2026"));
        // Both runs' weights, each once (the same wave, the same respondents), and the new run's indicator sums.
        Assert.True(Count("SELECT count(*) FROM plan_weight_cells WHERE run_id = 1") > 0, "the earlier run's weights, from run_respondents");
        Assert.Equal(Count("SELECT CAST(sum(respondents) AS BIGINT) FROM plan_weight_cells WHERE run_id = 1"), Count("SELECT CAST(sum(respondents) AS BIGINT) FROM plan_weight_cells WHERE run_id = 2"));
        Assert.Equal(1, Count("SELECT count(*) FROM plan_indicator_runs WHERE run_id = 2"));
        Assert.Equal(0, Count("SELECT count(*) FROM plan_indicator_cells WHERE run_id = 1"));
        (code, stdout, err) = Plan("neyman.csv", "--method", "neyman", "--indicator", "trust_parliament", "--net-size", "3000");
        Assert.True(code == 0, err + stdout);
        Assert.Contains("last run's kept sums", stdout, StringComparison.Ordinal);
        Assert.Contains("from the sums the run kept", stdout, StringComparison.Ordinal);
    }

    private static (string Name, double Margin, double Deff) Target(string[] fields) => (fields[0], Number(fields[^3]), Number(fields[^1]));

    private void Execute(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Store}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static Dictionary<string, (long N, double Rate)> Strata(string allocation) =>
        Csv(allocation).ToDictionary(r => r[0], r => (long.Parse(r[1], CultureInfo.InvariantCulture), Number(r[2])), StringComparer.Ordinal);

    /// <summary>Persons of the store's register extract aged 16–84 (the design's frame), counted directly.</summary>
    private long FramePersons()
    {
        using var connection = new DuckDBConnection($"Data Source={Store};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM ingested_files WHERE scope = 'register' AND kind = 'register' ORDER BY table_name LIMIT 1";
        var table = (string)command.ExecuteScalar()!;
        return Count($"SELECT count(*) FROM \"{table}\" WHERE age BETWEEN 16 AND 84");
    }

    [Fact]
    public void Plan_FrameSizesKeptAtIngest_EqualADirectCount_AndFollowARegisterReingest()
    {
        Prepare(withRun: false);
        var (code, stdout, err) = Plan("kept.csv", "--method", "proportional", "--net-size", "3000");
        Assert.True(code == 0, err + stdout);
        Assert.DoesNotContain("N_h counted over the register extract", stdout, StringComparison.Ordinal);
        var kept = Strata(In("kept.csv"));
        Assert.Equal(FramePersons(), kept.Values.Sum(s => s.N));
        Assert.Equal(FramePersons(), Count("SELECT persons FROM frame_cell_sets"));

        // Without the kept counts plan counts the register itself: the same N_h, stratum by stratum.
        Execute("DROP TABLE frame_cells; DELETE FROM frame_cell_sets;");
        (code, stdout, err) = Plan("counted.csv", "--method", "proportional", "--net-size", "3000");
        Assert.True(code == 0, err + stdout);
        Assert.Contains("N_h counted over the register extract", stdout, StringComparison.Ordinal);
        Assert.Equal(kept.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => (k.Key, k.Value.N)), Strata(In("counted.csv")).OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => (k.Key, k.Value.N)));

        // A new register extract replaces the counts in its own ingest: plan's N_h follow it.
        var other = Path.Combine(_dir, "other");
        (code, stdout, err) = CliRunner.Run("synth", "--out", other, "--scale", RunStoreFixture.Scale, "--waves", "2026", "--seed", "7");
        Assert.True(code == 0, err + stdout);
        (code, stdout, err) = CliRunner.Run("ingest", "--register", Path.Combine(other, "register"), "--store", Store);
        Assert.True(code == 0, err + stdout);
        Assert.Contains("Frame sizes kept for `barometer plan`: persons aged 16–84 per combination of birth_country, kommun, years_in_sweden", stdout, StringComparison.Ordinal);
        (code, stdout, err) = Plan("new.csv", "--method", "proportional", "--net-size", "3000");
        Assert.True(code == 0, err + stdout);
        Assert.DoesNotContain("N_h counted over the register extract", stdout, StringComparison.Ordinal);
        var renewed = Strata(In("new.csv"));
        Assert.Equal(FramePersons(), renewed.Values.Sum(s => s.N));
        Assert.NotEqual(kept.Select(k => (k.Key, k.Value.N)), renewed.Select(k => (k.Key, k.Value.N)));
        Execute("DROP TABLE frame_cells; DELETE FROM frame_cell_sets;");
        (code, stdout, err) = Plan("new-counted.csv", "--method", "proportional", "--net-size", "3000");
        Assert.True(code == 0, err + stdout);
        Assert.Equal(renewed.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => (k.Key, k.Value.N)), Strata(In("new-counted.csv")).OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => (k.Key, k.Value.N)));
    }

    [Fact]
    public void Plan_ResponseRates_FromTheGeneratorsWaveByPersonId_ShrunkTowardTheGroupRate()
    {
        Prepare(withRun: false);
        var (code, stdout, err) = Plan("rates.csv", "--method", "proportional", "--net-size", "3000");
        Assert.True(code == 0, err + stdout);
        Assert.Contains("Expected response rates from the gross samples of wave(s) 2026", stdout, StringComparison.Ordinal);
        var planned = Strata(In("rates.csv"));

        // The generator's gross sample writes its own strata (e.g. F5-2-A), none of which is a stratum of the design.
        var generatorStrata = Count("SELECT count(DISTINCT stratum) FROM survey_2026_gross_sample WHERE stratum IN (" + string.Join(", ", planned.Keys.Select(k => "'" + k + "'")) + ")");
        Assert.Equal(0, generatorStrata);

        // Each person of wave 2026's gross sample in the design's stratum (by person id through the register), then
        // r_h = (responded_h + k r_g) / (gross_h + k), r_g the pooled rate of the region-of-birth group, k = 50.
        var catalogue = Barometer.Catalogue.IndicatorCatalogue.LoadDefault();
        var design = Barometer.Production.Sampling.SampleDesignFile.Read(Path.Combine(CatalogueLocator.Locate(), "sample-design.yaml"), catalogue);
        Dictionary<long, bool> responded;
        IReadOnlyDictionary<long, string> stratumOf;
        using (var store = Barometer.Storage.BarometerStore.OpenExisting(Store, TimeProvider.System))
        {
            stratumOf = store.InTransaction(tx => Barometer.Storage.Sampling.SampleStore.StrataOfWave(store, tx, design.Strata, 2026));
            using var command = store.Connection.CreateCommand();
            command.CommandText = "SELECT person_id, responded FROM survey_2026_gross_sample";
            using var reader = command.ExecuteReader();
            responded = [];
            while (reader.Read())
            {
                responded[Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)] = reader.GetBoolean(1);
            }
        }

        var counts = responded.Where(p => stratumOf.ContainsKey(p.Key)).GroupBy(p => stratumOf[p.Key], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Gross: g.Count(), Responded: g.Count(p => p.Value)), StringComparer.Ordinal);
        Assert.True(counts.Values.Sum(c => c.Gross) > 0.95 * responded.Count, "nearly every person of the gross sample is in the register");
        string Group(string stratum) => stratum.Split('-')[0];
        var groups = counts.GroupBy(c => Group(c.Key), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (double)g.Sum(c => c.Value.Responded) / g.Sum(c => c.Value.Gross), StringComparer.Ordinal);
        var fromWaves = 0;
        foreach (var (stratum, (_, rate)) in planned)
        {
            var group = groups.TryGetValue(Group(stratum), out var g) ? g : design.Response.For(design.Codes(stratum));
            var (gross, yes) = counts.GetValueOrDefault(stratum);
            var expected = Math.Clamp((yes + (design.Shrinkage * group)) / (gross + design.Shrinkage), 0.01, 1.0);
            output.WriteLine($"{stratum}: {yes}/{gross} responded in 2026, group {group:F4} → {expected:F4} (plan {rate:F4})");
            Assert.Equal(expected, rate, 12);
            if (gross > 0)
            {
                fromWaves++;
                // Shrunk: between the stratum's own rate and its group's.
                var own = (double)yes / gross;
                Assert.InRange(rate, Math.Min(own, group) - 1e-12, Math.Max(own, group) + 1e-12);
            }
        }

        Assert.True(fromWaves >= planned.Count / 2, $"{fromWaves} of {planned.Count} strata have persons of the 2026 gross sample");
        Assert.Contains(planned, p => Math.Abs(p.Value.Rate - design.Response.For(design.Codes(p.Key))) > 0.01);
    }

    [Fact]
    public void Plan_BadNeymanAndDesignInput_ClearErrorNothingWrittenStoreUnchanged()
    {
        Prepare();
        var before = Snapshot();
        (string[] Args, string Message)[] cases =
        [
            (["--method", "neyman", "--net-size", "3000"], "--indicator: Neyman allocation needs the survey indicator"),
            (["--method", "neyman", "--indicator", "no_such_indicator", "--net-size", "3000"], "--indicator: 'no_such_indicator' is not an indicator of the catalogue."),
            (["--method", "neyman", "--indicator", "employment_rate", "--net-size", "3000"], "--indicator: 'employment_rate' is a register indicator"),
            (["--method", "neyman", "--indicator", "trust_parliament"], "--net-size: the neyman allocation needs the expected net sample size"),
            (["--method", "proportional", "--indicator", "trust_parliament", "--net-size", "3000"], "--indicator: only Neyman allocation (--method neyman) uses an indicator."),
        ];
        foreach (var (args, message) in cases)
        {
            var (code, _, err) = Plan("x.csv", args);
            Assert.Equal(1, code);
            Assert.Contains(message, err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
            Assert.False(File.Exists(In("x.csv")), string.Join(' ', args));
        }

        var design = In("design.yaml");
        File.WriteAllText(design, File.ReadAllText(Path.Combine(CatalogueLocator.Locate(), "sample-design.yaml")) + "design_effect: 1.3\n");
        var (c, _, e) = Plan("x.csv", "--design", design);
        Assert.Equal(1, c);
        Assert.Contains("design_effect: no longer a setting of the design file", e, StringComparison.Ordinal);
        Assert.False(File.Exists(In("x.csv")));
        Assert.Equal(before, Snapshot());

        // Neyman without a run to take the deviations from.
        File.Copy(fixture.NoRun, Store, overwrite: true);
        before = Snapshot();
        (c, _, e) = Plan("x.csv", "--method", "neyman", "--indicator", "trust_parliament", "--net-size", "3000");
        Assert.Equal(1, c);
        Assert.Contains("the store holds no completed run of a wave before 2027, so there are no respondents to estimate the stratum standard deviations of 'trust_parliament' from", e, StringComparison.Ordinal);
        Assert.False(File.Exists(In("x.csv")));
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void PlanDrawRespondIngestRunRelease_EndToEnd_Reproducible()
    {
        Prepare();
        var (code, stdout, err) = Plan("alloc.csv", "--method", "neyman", "--indicator", "trust_parliament", "--net-size", "2500");
        Assert.True(code == 0, err + stdout);
        (code, stdout, err) = CliRunner.Run("draw", "--wave", "2027", "--allocation", In("alloc.csv"), "--seed", "18", "--out", In("drawn"), "--store", Store);
        Assert.True(code == 0, err + stdout);
        var drawn = Csv(In(Path.Combine("drawn", "sample.csv")));
        (code, stdout, err) = CliRunner.Run("synth", "--respond", In(Path.Combine("drawn", "sample.csv")), "--wave", "2027", "--scale", RunStoreFixture.Scale, "--format", "csv", "--out", In("field"));
        Assert.True(code == 0, err + stdout);

        // The drawn persons, strata, N_h and n_h are kept; responded is filled, and only respondents answer.
        var sample = Csv(In(Path.Combine("field", "survey", "2027", "sample.csv")));
        Assert.Equal(drawn.Select(r => (r[0], r[2], r[3], r[4])).Order(), sample.Select(r => (r[0], r[2], r[3], r[4])).Order());
        var responded = sample.Count(r => r[7] == "true");
        Assert.Equal(sample.Count, responded + sample.Count(r => r[7] == "false"));
        var responses = Csv(In(Path.Combine("field", "survey", "2027", "responses.csv")));
        Assert.Equal(responded, responses.Count);
        var rate = (double)responded / sample.Count;
        output.WriteLine($"{sample.Count} drawn, {responded} responded ({rate:P1})");
        Assert.InRange(rate, 0.40, 0.50); // the response model's intercept gives 45 % expected over the gross sample

        // Lower response among the foreign-born, as the response model says.
        var native = sample.Where(r => r[2].StartsWith("1-", StringComparison.Ordinal)).ToList();
        var foreign = sample.Where(r => !r[2].StartsWith("1-", StringComparison.Ordinal)).ToList();
        Assert.True((double)native.Count(r => r[7] == "true") / native.Count > (double)foreign.Count(r => r[7] == "true") / foreign.Count);

        // The same sample, seed and scale give the same files.
        (code, stdout, err) = CliRunner.Run("synth", "--respond", In(Path.Combine("drawn", "sample.csv")), "--wave", "2027", "--scale", RunStoreFixture.Scale, "--format", "csv", "--out", In("field2"));
        Assert.True(code == 0, err + stdout);
        foreach (var file in new[] { "sample.csv", "responses.csv" })
        {
            Assert.Equal(File.ReadAllText(In(Path.Combine("field", "survey", "2027", file))), File.ReadAllText(In(Path.Combine("field2", "survey", "2027", file))));
        }

        (code, stdout, err) = CliRunner.Run("ingest", "--survey", In(Path.Combine("field", "survey", "2027")), "--wave", "2027", "--store", Store);
        Assert.True(code == 0, err + stdout);
        (code, stdout, err) = CliRunner.Run("release", "--wave", "2026", "--at", "2026-06-18T08:00:00+02:00", "--store", Store);
        Assert.True(code == 0, err + stdout);
        (code, stdout, err) = CliRunner.Run("run", "--wave", "2027", "--store", Store);
        Assert.True(code == 0, err + stdout);
        Assert.Contains("change since 2026", stdout, StringComparison.Ordinal);
        (code, stdout, err) = CliRunner.Run("release", "--wave", "2027", "--at", "2027-06-18T08:00:00+02:00", "--store", Store);
        Assert.True(code == 0, err + stdout);
        Assert.Equal(1, Count("SELECT count(*) FROM releases WHERE wave = 2027"));
        Assert.Equal(responded, Count("SELECT count(*) FROM survey_2027_gross_sample WHERE responded"));
        Assert.True(Count("SELECT count(*) FROM results r JOIN releases l ON l.run_id = r.run_id WHERE l.wave = 2027 AND r.source = 'survey' AND r.measure = 'level' AND r.estimate IS NOT NULL") > 100);
    }

    [Fact]
    public void SynthRespond_TheGeneratorsOwnSample_SameResponseAndSameAnswers()
    {
        // Fielding the generator's own gross sample again must reproduce its response flags and every answer: the
        // same person, wave and seed meet the same response model, latent traits and item nonresponse.
        Directory.CreateDirectory(_dir);
        var (code, stdout, err) = CliRunner.Run("synth", "--out", In("gen"), "--scale", RunStoreFixture.Scale, "--waves", "2026", "--format", "csv");
        Assert.True(code == 0, err + stdout);
        var own = In(Path.Combine("gen", "survey", "2026", "sample.csv"));
        (code, stdout, err) = CliRunner.Run("synth", "--respond", own, "--wave", "2026", "--scale", RunStoreFixture.Scale, "--format", "csv", "--out", In("field"));
        Assert.True(code == 0, err + stdout);
        var fielded = In(Path.Combine("field", "survey", "2026"));
        Assert.Equal(File.ReadAllText(In(Path.Combine("gen", "survey", "2026", "responses.csv"))), File.ReadAllText(Path.Combine(fielded, "responses.csv")));
        static IEnumerable<string> Design(string path) => File.ReadLines(path).Select(l => string.Join(',', l.Split(',').Take(8)));
        Assert.Equal(Design(own), Design(Path.Combine(fielded, "sample.csv")));
    }

    [Fact]
    public void SynthRespond_BadInput_ClearErrorNothingWritten()
    {
        Prepare();
        Assert.Equal(0, Plan("alloc.csv", "--method", "proportional", "--net-size", "600").Code);
        Assert.Equal(0, CliRunner.Run("draw", "--wave", "2027", "--allocation", In("alloc.csv"), "--seed", "18", "--out", In("drawn"), "--store", Store).ExitCode);
        var before = Snapshot();
        var good = In(Path.Combine("drawn", "sample.csv"));
        var lines = File.ReadAllLines(good);
        string Edited(string name, Func<string[], string[]> edit)
        {
            var path = In(name);
            File.WriteAllLines(path, edit([.. lines]));
            return path;
        }

        string Field(string line, int column, string value)
        {
            var f = line.Split(',');
            f[column] = value;
            return string.Join(',', f);
        }

        var badId = Edited("bad-id.csv", l => [l[0], Field(l[1], 0, "12x"), .. l[2..]]);
        var unknown = Edited("unknown.csv", l => [l[0], Field(l[1], 0, "99999999"), .. l[2..]]);
        var noStratum = Edited("no-stratum.csv", l => [.. l.Select(x => string.Join(',', x.Split(',').Where((_, c) => c != 2)))]);
        var partial = Edited("partial.csv", l => l[..^1]);
        var extra = Edited("extra.csv", l => [l[0], l[1], l[2] + ",surplus", .. l[3..]]);
        var badQuote = Edited("bad-quote.csv", l => [l[0], l[1], Field(l[2], 2, "\"4-2\"A"), .. l[3..]]);
        var columns = lines[0].Split(',').Length;
        var sexIndex = Array.IndexOf(lines[0].Split(','), "sex");
        var otherSex = lines[1].Split(',')[sexIndex] == "1" ? "2" : "1";
        var otherWorld = Edited("other-world.csv", l => [l[0], Field(l[1], sexIndex, otherSex), .. l[2..]]);
        (string[] Args, string Message)[] cases =
        [
            (["--respond", In("missing.csv"), "--wave", "2027"], "the file '" + In("missing.csv") + "' does not exist"),
            (["--respond", good], "--respond: give the wave the sample was drawn for with --wave YEAR."),
            (["--respond", good, "--wave", "2028"], "row 2, column wave: the sample is for wave 2027, not --wave 2028."),
            (["--respond", good, "--wave", "2027", "--waves", "2027"], "--waves: not used with --respond"),
            (["--respond", good, "--wave", "2099"], "wave 2099 is not supported"),
            (["--wave", "2027"], "--wave: only used with --respond"),
            (["--respond", badId, "--wave", "2027"], "bad-id.csv: row 2, column person_id: expected a whole number ≥ 0, got '12x'."),
            (["--respond", noStratum, "--wave", "2027"], "no-stratum.csv: row 1: expected a column 'stratum'"),
            (["--respond", partial, "--wave", "2027"], "persons, but stratum_sample_size says"),
            (["--respond", extra, "--wave", "2027"], $"extra.csv: row 3: expected {columns} fields like the header, got {columns + 1}."),
            (["--respond", badQuote, "--wave", "2027"], "bad-quote.csv: row 3: malformed CSV near"),
            (["--respond", unknown, "--wave", "2027"], "row 2, column person_id: person 99999999 is not in the synthetic world of seed 20241231 and scale 0.02"),
            (["--respond", otherWorld, "--wave", "2027"], "row 2, column sex: person " + lines[1].Split(',')[0] + " has '" + otherSex + "' in the sample"),
            (["--respond", good, "--wave", "2027", "--scale", "0.03"], "the sample was drawn from another register"),
        ];
        foreach (var (args, message) in cases)
        {
            var target = In("out-" + Guid.NewGuid().ToString("N"));
            string[] scale = args.Contains("--scale") ? [] : ["--scale", RunStoreFixture.Scale];
            var (code, _, err) = CliRunner.Run(["synth", .. args, .. scale, "--out", target]);
            output.WriteLine($"{string.Join(' ', args)} → {err.Trim()}");
            Assert.Equal(1, code);
            Assert.Contains(message, err, StringComparison.Ordinal);
            Assert.Contains("Nothing was written.", err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
            Assert.False(Directory.Exists(target), string.Join(' ', args));
            Assert.Empty(Directory.GetDirectories(_dir, ".out-*"));
        }

        Assert.Equal(before, Snapshot());
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}

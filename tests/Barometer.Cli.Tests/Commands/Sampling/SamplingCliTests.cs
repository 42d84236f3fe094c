using System.Globalization;
using Barometer.Catalogue.Loading;
using DuckDB.NET.Data;
using Xunit.Abstractions;

namespace Barometer.Cli.Tests.Commands.Sampling;

/// <summary>A tiny synthetic Sweden ingested once; each test works on its own copy of the store.</summary>
public sealed class SamplingStoreFixture : IDisposable
{
    public SamplingStoreFixture()
    {
        Directory.CreateDirectory(Root);
        var data = Path.Combine(Root, "data");
        var (code, output, err) = CliRunner.Run("synth", "--out", data, "--scale", "0.02", "--waves", "2026");
        Assert.True(code == 0, err + output);
        (code, output, err) = CliRunner.Run("ingest", "--register", Path.Combine(data, "register"), "--survey", Path.Combine(data, "survey", "2026"), "--wave", "2026", "--store", Store);
        Assert.True(code == 0, err + output);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "barometer-sampling-tests-" + Guid.NewGuid().ToString("N"));

    public string Store => Path.Combine(Root, "store.duckdb");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary><c>barometer plan</c> and <c>draw</c> end to end, with the refusals of issue 18. Slow (a synth and an ingest).</summary>
[Trait("Category", "Slow")]
public sealed class SamplingCliTests(SamplingStoreFixture fixture, ITestOutputHelper output) : IClassFixture<SamplingStoreFixture>, IDisposable
{
    private readonly string _dir = Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"));

    private string Store => Path.Combine(_dir, "store.duckdb");

    private string Prepare()
    {
        Directory.CreateDirectory(_dir);
        File.Copy(fixture.Store, Store);
        return Store;
    }

    private (int Code, string Out, string Err) Plan(params string[] extra) =>
        CliRunner.Run(["plan", "--wave", "2027", "--out", Path.Combine(_dir, "alloc.csv"), "--store", Store, .. extra]);

    private (int Code, string Out, string Err) Draw(int wave, string outDir, params string[] extra) =>
        CliRunner.Run(["draw", "--wave", wave.ToString(CultureInfo.InvariantCulture), "--allocation", Path.Combine(_dir, "alloc.csv"), "--seed", "18",
            "--out", Path.Combine(_dir, outDir), "--store", Store, .. extra]);

    /// <summary>
    /// The PRNs, draws and drawn persons in one string. The PRNs enter as an exact integer sum of hashes: a
    /// floating-point sum(prn) depends on DuckDB's parallel summation order and differed between two reads of an
    /// unchanged store.
    /// </summary>
    private string Snapshot()
    {
        using var connection = new DuckDBConnection($"Data Source={Store};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) || ':' || coalesce(sum(CAST(hash(person_id, prn) AS HUGEINT)), 0) FROM person_prn) || '/' || (SELECT count(*) FROM sample_draws) || '/' || (SELECT count(*) FROM sample_persons)";
        return (string)command.ExecuteScalar()!;
    }

    private string Design(Func<string, string> edit)
    {
        var path = Path.Combine(_dir, "design.yaml");
        File.WriteAllText(path, edit(File.ReadAllText(Path.Combine(CatalogueLocator.Locate(), "sample-design.yaml"))));
        return path;
    }

    private static List<string[]> Csv(string path) => [.. File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))];

    [Fact]
    public void Plan_Optimal_EveryTargetMetOnTheExpectedDesign()
    {
        Prepare();
        var (code, stdout, err) = Plan();
        Assert.True(code == 0, err + stdout);
        foreach (var t in File.ReadAllLines(Path.Combine(_dir, "alloc.targets.csv")).Skip(1))
        {
            var quoted = t.LastIndexOf('"');
            var fields = t[(quoted + 2)..].Split(',');
            var target = double.Parse(fields[0], CultureInfo.InvariantCulture);
            var expected = double.Parse(fields[1], CultureInfo.InvariantCulture);
            output.WriteLine($"{t[..(quoted + 1)]}: target ±{target:P1}, expected ±{expected:P2}");
            Assert.True(expected <= target, t);
        }
    }

    [Fact]
    public void Plan_InfeasibleTarget_NamesItAndWritesNothing()
    {
        Prepare();
        var design = Design(d => d.Replace("{name: born in EU/EFTA, when: {region: \"3\"}, margin: 0.04}", "{name: born in EU/EFTA, when: {region: \"3\"}, margin: 0.001}", StringComparison.Ordinal));
        var (code, stdout, err) = Plan("--design", design);
        Assert.Equal(1, code);
        Assert.Contains("'born in EU/EFTA' cannot be met", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "alloc.csv")), stdout);
    }

    [Fact]
    public void Plan_UnknownStrataColumn_NamesIt()
    {
        Prepare();
        var design = Design(d => d.Replace("column: years_in_sweden", "column: years_in_swedenx", StringComparison.Ordinal));
        var (code, _, err) = Plan("--design", design);
        Assert.Equal(1, code);
        Assert.Contains("'years' reads the register column 'years_in_swedenx'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Draw_AllocationAboveStratumSize_RefusedStoreUnchanged()
    {
        Prepare();
        Assert.Equal(0, Plan().Code);
        var path = Path.Combine(_dir, "alloc.csv");
        var lines = File.ReadAllLines(path);
        var f = lines[1].Split(',');
        f[4] = (long.Parse(f[1], CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        lines[1] = string.Join(',', f);
        File.WriteAllLines(path, lines);
        var before = Snapshot();
        var (code, _, err) = Draw(2027, "s");
        Assert.Equal(1, code);
        Assert.Contains($"stratum '{f[0]}', column gross: {f[4]} is more than the stratum's {f[1]} persons", err, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
        Assert.False(File.Exists(Path.Combine(_dir, "s", "sample.csv")));
    }

    [Fact]
    public void Draw_WaveAlreadyDrawnOrIngested_RefusedStoreUnchanged()
    {
        Prepare();
        Assert.Equal(0, Plan().Code);
        var (code, stdout, err) = Draw(2027, "a");
        Assert.True(code == 0, err + stdout);
        var before = Snapshot();
        (code, _, err) = Draw(2027, "b");
        Assert.Equal(1, code);
        Assert.Contains("wave 2027 already has a sample (drawn)", err, StringComparison.Ordinal);
        (code, _, err) = Draw(2026, "c");
        Assert.Equal(1, code);
        Assert.Contains("wave 2026 already has a sample (ingested)", err, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
        Assert.False(Directory.Exists(Path.Combine(_dir, "b")) && File.Exists(Path.Combine(_dir, "b", "sample.csv")));
    }

    [Fact]
    public void Draw_CoordinatedWithoutPrns_RefusedStoreUnchanged()
    {
        Prepare();
        Assert.Equal(0, Plan().Code);
        var before = Snapshot();
        var (code, _, err) = Draw(2027, "a", "--coordination", "negative");
        Assert.Equal(1, code);
        Assert.Contains("the frame has no permanent random numbers", err, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Draw_SameSeedOnTwoCopies_SameSample_AndGrossSampleColumns()
    {
        Prepare();
        Assert.Equal(0, Plan().Code);
        Assert.Equal(0, Draw(2027, "a").Code);
        File.Copy(fixture.Store, Store, overwrite: true);
        Assert.Equal(0, Draw(2027, "b").Code);
        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "a", "sample.csv")), File.ReadAllText(Path.Combine(_dir, "b", "sample.csv")));
        var header = File.ReadLines(Path.Combine(_dir, "a", "sample.csv")).First();
        Assert.StartsWith("person_id,wave,stratum,stratum_population,stratum_sample_size,inclusion_probability,design_weight,responded,", header, StringComparison.Ordinal);
        var rows = Csv(Path.Combine(_dir, "a", "sample.csv"));
        var alloc = Csv(Path.Combine(_dir, "alloc.csv")).ToDictionary(r => r[0], r => int.Parse(r[4], CultureInfo.InvariantCulture));
        foreach (var g in rows.GroupBy(r => r[2]))
        {
            Assert.Equal(alloc[g.Key], g.Count());
            var n = double.Parse(g.First()[4], CultureInfo.InvariantCulture);
            var bigN = double.Parse(g.First()[3], CultureInfo.InvariantCulture);
            Assert.Equal(n / bigN, double.Parse(g.First()[5], CultureInfo.InvariantCulture), 12);
        }
    }

    [Fact]
    public void Draw_NegativeThenPanel_ZeroOverlapWhereFeasible_HalfPanel()
    {
        Prepare();
        Assert.Equal(0, Plan("--method", "proportional", "--net-size", "400").Code);
        Assert.Equal(0, Draw(2027, "w1").Code);
        var (code, stdout, err) = Draw(2028, "w2", "--coordination", "negative");
        Assert.True(code == 0, err + stdout);
        var negative = Csv(Path.Combine(_dir, "w2", "overlap.csv"));
        var feasible = negative.Where(r => r[0] != "total" && r[6] == "true").ToList();
        var total = negative.Single(r => r[0] == "total");
        output.WriteLine($"negative coordination: overlap {feasible.Sum(r => int.Parse(r[4], CultureInfo.InvariantCulture))} in the {feasible.Count} feasible strata, {total[4]} in all; expected under independent draws {total[5]}");
        Assert.All(feasible, r => Assert.Equal("0", r[4]));
        Assert.True(double.Parse(total[5], CultureInfo.InvariantCulture) > 0);

        (code, stdout, err) = Draw(2029, "w3", "--coordination", "panel", "--panel-share", "0.5");
        Assert.True(code == 0, err + stdout);
        var panel = Csv(Path.Combine(_dir, "w3", "overlap.csv")).Where(r => r[0] != "total" && r[6] == "true").ToList();
        var reinvited = panel.Sum(r => int.Parse(r[4], CultureInfo.InvariantCulture));
        var wanted = panel.Sum(r => (int)Math.Round(0.5 * int.Parse(r[2], CultureInfo.InvariantCulture), MidpointRounding.AwayFromZero));
        output.WriteLine($"panel 0.5: {reinvited} of {panel.Sum(r => int.Parse(r[2], CultureInfo.InvariantCulture))} re-invited in the {panel.Count} strata where feasible (round(0.5 n_h) summed: {wanted})");
        Assert.Equal(wanted, reinvited);
        Assert.All(panel, r => Assert.Equal((int)Math.Round(0.5 * int.Parse(r[2], CultureInfo.InvariantCulture), MidpointRounding.AwayFromZero), int.Parse(r[4], CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// A survey folder for wave 2027 as an operator would assemble it after fieldwork: the drawn sample.csv (with
    /// <paramref name="responded"/> deciding each person's flag; null leaves the column as draw wrote it, empty), a
    /// responses.csv with one answer per respondent, and a codebook whose entries are the synthetic 2026 ones with
    /// the paths, format and row counts changed. Returns the folder and the number of respondents.
    /// </summary>
    private (string Folder, int Respondents) Fieldwork(string sampleFile, Func<int, bool>? responded)
    {
        var root = Path.Combine(_dir, "fieldwork");
        var folder = Path.Combine(root, "survey", "2027");
        Directory.CreateDirectory(folder);
        var lines = File.ReadAllLines(sampleFile);
        var answers = new List<string> { "person_id,wave,q_employed_now" };
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            Assert.Equal("", f[7]);
            if (responded is null)
            {
                continue;
            }

            f[7] = responded(i) ? "true" : "false";
            lines[i] = string.Join(',', f);
            if (responded(i))
            {
                answers.Add($"{f[0]},2027,{1 + (i % 2)}");
            }
        }

        File.WriteAllLines(Path.Combine(folder, "sample.csv"), lines);
        File.WriteAllLines(Path.Combine(folder, "responses.csv"), answers);
        var codebook = File.ReadAllLines(Path.Combine(fixture.Root, "data", "codebook.yaml"));
        var sample = Array.FindIndex(codebook, l => l.StartsWith("  - path: \"survey/2026/sample.parquet\"", StringComparison.Ordinal));
        var responses = Array.FindIndex(codebook, l => l.StartsWith("  - path: \"survey/2026/responses.parquet\"", StringComparison.Ordinal));
        var second = Array.FindIndex(codebook, responses, l => l.Trim() == "- name: q_swedish_speak");
        Assert.True(sample > 0 && responses > sample && second > responses, "the synthetic codebook's survey entries");
        IEnumerable<string> Entry(int from, int to, string path, int rows) =>
            codebook[from..to].Select((l, k) => k == 0 ? $"  - path: \"{path}\""
                : l.StartsWith("    rows: ", StringComparison.Ordinal) ? $"    rows: {rows.ToString(CultureInfo.InvariantCulture)}" : l);
        var head = codebook.TakeWhile(l => l != "files:").Select(l => l switch
        {
            "waves: [2026]" => "waves: [2027]",
            "format: parquet" => "format: csv",
            _ => l,
        });
        File.WriteAllLines(Path.Combine(root, "codebook.yaml"),
            [.. head, "files:", .. Entry(sample, responses, "survey/2027/sample.csv", lines.Length - 1), .. Entry(responses, second, "survey/2027/responses.csv", answers.Count - 1)]);
        return (folder, answers.Count - 1);
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
    public void Draw_ThenFieldwork_IngestAcceptsTheDrawnGrossSampleWithRespondedFilled()
    {
        Prepare();
        Assert.Equal(0, Plan().Code);
        var (code, stdout, err) = Draw(2027, "a");
        Assert.True(code == 0, err + stdout);
        var drawn = Path.Combine(_dir, "a", "sample.csv");
        var persons = File.ReadAllLines(drawn).Length - 1;

        // Before fieldwork the flag is empty, and the codebook says it may not be: refused, store unchanged.
        var (folder, _) = Fieldwork(drawn, null);
        var before = Snapshot();
        (code, _, err) = CliRunner.Run("ingest", "--survey", folder, "--wave", "2027", "--store", Store);
        Assert.Equal(1, code);
        Assert.Contains("responded", err, StringComparison.Ordinal);
        Assert.Contains("the column is not nullable", err, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());

        // After fieldwork (every third person responded) the drawn file is ingested as it is.
        Directory.Delete(Path.Combine(_dir, "fieldwork"), recursive: true);
        int respondents;
        (folder, respondents) = Fieldwork(drawn, i => i % 3 == 0);
        (code, stdout, err) = CliRunner.Run("ingest", "--survey", folder, "--wave", "2027", "--store", Store);
        Assert.True(code == 0, err + stdout);
        Assert.Equal(persons, Count("SELECT count(*) FROM survey_2027_gross_sample"));
        Assert.Equal(respondents, Count("SELECT count(*) FROM survey_2027_gross_sample WHERE responded"));
        Assert.Equal(respondents, Count("SELECT count(*) FROM survey_2027_responses"));
        Assert.Equal(persons, Count("SELECT count(*) FROM survey_2027_gross_sample g JOIN sample_persons p ON p.wave = 2027 AND CAST(p.person_id AS VARCHAR) = CAST(g.person_id AS VARCHAR)"));
        Assert.Equal(0, Count("SELECT count(*) FROM survey_2027_gross_sample WHERE length(kommun) <> 4"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}

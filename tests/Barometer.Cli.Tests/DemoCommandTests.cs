using DuckDB.NET.Data;

namespace Barometer.Cli.Tests;

/// <summary>The demo through the CLI code paths: synth → ingest → run → release at a tiny scale. Slow (about a minute).</summary>
[Trait("Category", "Slow")]
[Collection(ServeCommandTests.WebDirVariable)]
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "barometer-demo-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Demo_NoServe_RunsEveryStageThenReusesThemAndServeLooksForTheWebHost()
    {
        Directory.CreateDirectory(_root);
        var store = Path.Combine(_root, "demo.duckdb");

        var (code, output, err) = CliRunner.Run("demo", "--scale", "0.002", "--store", store, "--no-serve");
        Assert.True(code == 0, err + output);
        Assert.Contains("Released wave 2026 version 1", output, StringComparison.Ordinal);
        // Every release of the demo passed the disclosure audit before it was written.
        Assert.Equal(5, output.Split('\n').Count(l => l.StartsWith("Released wave ", StringComparison.Ordinal) && l.Contains("; disclosure audit passed (", StringComparison.Ordinal)));
        var counts = Counts(store);
        Assert.Equal((5L, 5L, 5L), (counts.Runs, counts.Releases, counts.ReleasedWaves));
        Assert.True(counts.Results > 10_000);

        // Again: everything is reused, nothing new is run or released.
        (code, output, err) = CliRunner.Run("demo", "--scale", "0.002", "--store", store, "--no-serve");
        Assert.True(code == 0, err + output);
        Assert.Contains("Reusing", output, StringComparison.Ordinal);
        Assert.Contains("already released; reused", output, StringComparison.Ordinal);
        Assert.Equal(counts, Counts(store));

        // Without --no-serve the demo hands the store to `serve`; with no web host built where serve looks, it says so.
        var previous = Environment.GetEnvironmentVariable(ServeCommandTests.WebDirVariable);
        try
        {
            Environment.SetEnvironmentVariable(ServeCommandTests.WebDirVariable, Path.Combine(_root, "no-web-host"));
            (code, _, err) = CliRunner.Run("demo", "--scale", "0.002", "--store", store);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ServeCommandTests.WebDirVariable, previous);
        }

        Assert.Equal(1, code);
        Assert.Contains("the web host is not built", err, StringComparison.Ordinal);
        Assert.Equal(counts, Counts(store));

        // Status shows every release with its seal intact; a result changed behind barometer's back breaks it.
        (code, output, err) = CliRunner.Run("status", "--store", store);
        Assert.True(code == 0, err + output);
        Assert.Equal(5, output.Split("intact ").Length - 1);
        using (var connection = new DuckDBConnection($"Data Source={store}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE results SET suppression_rule = NULL WHERE run_id = (SELECT run_id FROM releases WHERE wave = 2024) AND suppression_rule IS NOT NULL";
            Assert.True(command.ExecuteNonQuery() > 0);
        }

        (code, output, err) = CliRunner.Run("status", "--store", store);
        Assert.Equal(1, code);
        Assert.Contains("CHANGED since release", output, StringComparison.Ordinal);
        Assert.Equal(4, output.Split("intact ").Length - 1);
        Assert.Contains("no longer match their seal (wave 2024 version 1)", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_BadScale_SaysSoAndWritesNothing()
    {
        Directory.CreateDirectory(_root);
        var store = Path.Combine(_root, "demo.duckdb");
        var (code, _, err) = CliRunner.Run("demo", "--scale", "7", "--store", store, "--no-serve");
        Assert.Equal(1, code);
        Assert.Contains("--scale", err, StringComparison.Ordinal);
        Assert.False(File.Exists(store));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static (long Runs, long Releases, long ReleasedWaves, long Results) Counts(string store)
    {
        using var connection = new DuckDBConnection($"Data Source={store};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM releases), (SELECT count(*) FROM waves WHERE status = 'released'), (SELECT count(*) FROM results)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

}

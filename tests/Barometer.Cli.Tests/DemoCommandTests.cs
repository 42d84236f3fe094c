using DuckDB.NET.Data;

namespace Barometer.Cli.Tests;

/// <summary>The demo through the CLI code paths: synth → ingest → run → release at a tiny scale. Slow (about a minute).</summary>
[Trait("Category", "Slow")]
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "barometer-demo-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Demo_NoServe_RunsEveryStageThenReusesThemAndSaysServingIsNotAvailable()
    {
        Directory.CreateDirectory(_root);
        var store = Path.Combine(_root, "demo.duckdb");

        var (code, output, err) = CliRunner.Run("demo", "--scale", "0.002", "--store", store, "--no-serve");
        Assert.True(code == 0, err + output);
        Assert.Contains("Released wave 2026 version 1", output, StringComparison.Ordinal);
        var counts = Counts(store);
        Assert.Equal((5L, 5L, 5L), (counts.Runs, counts.Releases, counts.ReleasedWaves));
        Assert.True(counts.Results > 10_000);

        // Again: everything is reused, nothing new is run or released.
        (code, output, err) = CliRunner.Run("demo", "--scale", "0.002", "--store", store, "--no-serve");
        Assert.True(code == 0, err + output);
        Assert.Contains("Reusing", output, StringComparison.Ordinal);
        Assert.Contains("already released; reused", output, StringComparison.Ordinal);
        Assert.Equal(counts, Counts(store));

        // Without --no-serve: there is no server yet, and the demo says so plainly instead of pretending.
        (code, _, err) = CliRunner.Run("demo", "--scale", "0.002", "--store", store);
        Assert.Equal(1, code);
        Assert.Contains("serving is not available yet", err, StringComparison.Ordinal);
        Assert.Equal(counts, Counts(store));
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

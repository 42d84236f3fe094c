using System.Diagnostics;
using Barometer.Cli.Commands.Run;
using DuckDB.NET.Data;

namespace Barometer.Cli.Tests.Commands.Run;

/// <summary><c>barometer run</c> and <c>release</c> through the CLI on a tiny synthetic Sweden (one wave). Slow.</summary>
[Trait("Category", "Slow")]
public sealed class RunCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "barometer-run-tests-" + Guid.NewGuid().ToString("N"));

    private string Store => Path.Combine(_root, "store.duckdb");

    [Fact]
    public void Run_ProcessKilledWithTransactionOpen_StoreAsBefore()
    {
        Prepare();
        var before = Snapshot();
        var marker = Path.Combine(_root, "holding");
        var log = Path.Combine(_root, "child.log");
        var start = new ProcessStartInfo("bash") { Environment = { [RunCommand.HoldBeforeCommitVariable] = marker, ["LOG"] = log } };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$@\" > \"$LOG\" 2>&1");
        start.ArgumentList.Add("child");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "barometer.dll"));
        foreach (var arg in new[] { "run", "--wave", "2026", "--store", Store })
        {
            start.ArgumentList.Add(arg);
        }

        using (var child = Process.Start(start)!)
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(marker) && !child.HasExited && clock.Elapsed < TimeSpan.FromSeconds(120))
            {
                Thread.Sleep(50);
            }

            var reached = File.Exists(marker);
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            Assert.True(reached, "the child never reached the commit: " + File.ReadAllText(log));
        }

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void RunThenRelease_PrintsSummaryAndFreezesAVersion()
    {
        Prepare();
        var (code, output, err) = CliRunner.Run("run", "--wave", "2026", "--store", Store);
        Assert.True(code == 0, err + output);
        Assert.Contains("suppressed", output, StringComparison.Ordinal);
        Assert.Contains("standardised_gap", output, StringComparison.Ordinal);
        Assert.Contains("Run 1 of wave 2026", output, StringComparison.Ordinal);

        (code, output, err) = CliRunner.Run("release", "--wave", "2026", "--at", "2026-06-18T08:00:00+02:00", "--store", Store);
        Assert.True(code == 0, err + output);
        Assert.Contains("version 1", output, StringComparison.Ordinal);
        Assert.Contains("2026-06-18 06:00:00 UTC", output, StringComparison.Ordinal);

        (code, _, err) = CliRunner.Run("release", "--wave", "2026", "--at", "2026-06-19T08:00:00+02:00", "--store", Store);
        Assert.Equal(1, code);
        Assert.Contains("already released", err, StringComparison.Ordinal);

        (code, _, err) = CliRunner.Run("release", "--wave", "2026", "--at", "2026-06-18 08:00", "--store", Store);
        Assert.Equal(1, code);
        Assert.Contains("--at", err, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private void Prepare()
    {
        Directory.CreateDirectory(_root);
        var data = Path.Combine(_root, "data");
        var (code, output, err) = CliRunner.Run("synth", "--out", data, "--scale", "0.002", "--waves", "2026");
        Assert.True(code == 0, err + output);
        (code, output, err) = CliRunner.Run("ingest", "--register", Path.Combine(data, "register"), "--survey", Path.Combine(data, "survey", "2026"), "--wave", "2026", "--store", Store);
        Assert.True(code == 0, err + output);
    }

    private string Snapshot()
    {
        using var connection = new DuckDBConnection($"Data Source={Store};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM runs) || '/' || (SELECT count(*) FROM results) || '/' || (SELECT count(*) FROM releases)";
        return (string)command.ExecuteScalar()!;
    }
}

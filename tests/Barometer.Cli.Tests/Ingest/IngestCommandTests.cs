using System.Diagnostics;

namespace Barometer.Cli.Tests.Ingest;

public class IngestCommandTests
{
    [Fact]
    public void Ingest_ValidFiles_ExitsZeroAndListsStoredFiles()
    {
        using var fixture = new IngestCliFixture();

        var (code, output, err) = CliRunner.Run(fixture.IngestArgs());

        Assert.True(code == 0, err);
        Assert.Contains("the register extract ingested: 1 file(s), 4 rows.", output, StringComparison.Ordinal);
        Assert.Contains("survey wave 2026 ingested: 2 file(s), 5 rows.", output, StringComparison.Ordinal);
        Assert.Contains("survey_2026_responses", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_SameFilesAgain_SaysUnchangedAndChangesNothing()
    {
        using var fixture = new IngestCliFixture();
        Assert.Equal(0, CliRunner.Run(fixture.IngestArgs()).ExitCode);
        var before = fixture.Snapshot();

        var (code, output, _) = CliRunner.Run(fixture.IngestArgs());

        Assert.Equal(0, code);
        Assert.Contains("unchanged: the same files (same SHA-256) were ingested before; nothing was done.", output, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Snapshot());
    }

    [Fact]
    public void Ingest_BadInput_ExitsOneWithProblemTableAndStoreUnchanged()
    {
        using var fixture = new IngestCliFixture();
        Assert.Equal(0, CliRunner.Run(fixture.IngestArgs()).ExitCode);
        var before = fixture.Snapshot();
        fixture.Write("register/register.csv", "person_id,sex,county\n1,1,01\n2,2,99\n3,1,25\n3,2,01");
        fixture.Write("survey/2026/responses.csv", "person_id,q1\n1,2\n3,");

        var (code, _, err) = CliRunner.Run(fixture.IngestArgs());

        Assert.Equal(1, code);
        Assert.Contains("ingest rejected: 3 problem(s)", err, StringComparison.Ordinal);
        Assert.Contains("Nothing was written; the store is as it was.", err, StringComparison.Ordinal);
        Assert.Contains("a code of classification 'lan'", err, StringComparison.Ordinal);
        Assert.Contains("'99'", err, StringComparison.Ordinal);
        Assert.Contains("a unique person_id", err, StringComparison.Ordinal);
        Assert.Contains("a person of the gross sample", err, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Snapshot());
    }

    [Fact]
    public void Ingest_SurveyWithoutWave_IsUserError()
    {
        using var fixture = new IngestCliFixture();

        var (code, _, err) = CliRunner.Run("ingest", "--survey", fixture.Survey, "--store", fixture.Store, "--catalogue", IngestCliFixture.Catalogue);

        Assert.Equal(1, code);
        Assert.Contains("--survey needs --wave", err, StringComparison.Ordinal);
        Assert.False(File.Exists(fixture.Store));
    }

    [Fact]
    public void Ingest_ProcessKilledWithTransactionOpen_StoreAsBefore()
    {
        using var fixture = new IngestCliFixture();
        Assert.Equal(0, CliRunner.Run(fixture.IngestArgs()).ExitCode);
        var before = fixture.Snapshot();
        fixture.Write("register/register.csv", "person_id,sex,county\n1,2,01\n2,2,03\n3,1,25\n4,2,01");
        var marker = Path.Combine(fixture.Root, "holding");
        var log = Path.Combine(fixture.Root, "child.log");
        var start = new ProcessStartInfo("bash")
        {
            Environment = { ["BAROMETER_TEST_HOLD_BEFORE_COMMIT"] = marker },
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$@\" > \"$LOG\" 2>&1");
        start.ArgumentList.Add("child");
        start.Environment["LOG"] = log;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "barometer.dll"));
        foreach (var arg in fixture.IngestArgs())
        {
            start.ArgumentList.Add(arg);
        }

        using (var child = Process.Start(start)!)
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(marker) && !child.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(50);
            }

            var reached = File.Exists(marker);
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            Assert.True(reached, "the child never reached the commit: " + File.ReadAllText(log));
        }

        Assert.Equal(before, fixture.Snapshot());
    }
}

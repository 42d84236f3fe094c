namespace Barometer.Cli.Tests.Ingest;

public class StatusCommandTests
{
    [Fact]
    public void Status_AfterIngest_ShowsWaveAndFiles()
    {
        using var fixture = new IngestCliFixture();
        Assert.Equal(0, CliRunner.Run(fixture.IngestArgs()).ExitCode);

        var (code, output, err) = CliRunner.Run("status", "--store", fixture.Store);

        Assert.True(code == 0, err);
        Assert.Contains($"schema version {Barometer.Storage.Schema.SchemaMigrator.LatestVersion})", output, StringComparison.Ordinal);
        Assert.Contains("2026", output, StringComparison.Ordinal);
        Assert.Contains("unreleased", output, StringComparison.Ordinal);
        Assert.Contains("register/register.csv", output, StringComparison.Ordinal);
        Assert.Contains("survey/2026/sample.csv", output, StringComparison.Ordinal);
        Assert.Contains("Calibration totals: no sets yet.", output, StringComparison.Ordinal);
        Assert.Contains("Runs: no runs yet.", output, StringComparison.Ordinal);
        Assert.Contains("Releases: no releases yet.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_NoStore_IsUserError()
    {
        using var fixture = new IngestCliFixture();

        var (code, _, err) = CliRunner.Run("status", "--store", fixture.Store);

        Assert.Equal(1, code);
        Assert.Contains("there is no store", err, StringComparison.Ordinal);
    }
}

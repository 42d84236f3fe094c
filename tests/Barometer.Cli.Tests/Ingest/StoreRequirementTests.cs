namespace Barometer.Cli.Tests.Ingest;

/// <summary>Commands that need an existing store neither create one nor mistake another file for one; release times are plausible.</summary>
public class StoreRequirementTests
{
    [Theory]
    [InlineData("run", "--wave", "2026")]
    [InlineData("release", "--wave", "2026", "--at", "2026-06-18T08:00:00+02:00")]
    [InlineData("design", "--wave", "2026", "--out", "out")]
    public void Command_MissingStore_RefusedAndNoStoreCreated(params string[] args)
    {
        using var fixture = new IngestCliFixture();

        string[] full = args[0] == "release" ? [.. args, "--store", fixture.Store] : [.. args, "--store", fixture.Store, "--catalogue", IngestCliFixture.Catalogue];

        var (code, _, err) = CliRunner.Run(full);

        Assert.Equal(1, code);
        Assert.Contains("there is no store at", err, StringComparison.Ordinal);
        Assert.False(File.Exists(fixture.Store));
    }

    [Fact]
    public void Run_StoreThatIsACsv_SaysNotABarometerStoreAndLeavesItAlone()
    {
        using var fixture = new IngestCliFixture();
        var csv = Path.Combine(fixture.Register, "register.csv");
        var before = File.ReadAllBytes(csv);

        var (code, _, err) = CliRunner.Run("run", "--wave", "2026", "--store", csv, "--catalogue", IngestCliFixture.Catalogue);

        Assert.Equal(1, code);
        Assert.Contains("is not a barometer store", err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(csv));
    }

    [Fact]
    public void Run_DuckDbFileWithoutSchema_SaysNotABarometerStoreAndLeavesItAlone()
    {
        using var fixture = new IngestCliFixture();
        var other = Path.Combine(fixture.Root, "other.duckdb");
        using (var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={other}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t AS SELECT 1 AS x";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(other);

        var (code, _, err) = CliRunner.Run("run", "--wave", "2026", "--store", other, "--catalogue", IngestCliFixture.Catalogue);

        Assert.Equal(1, code);
        Assert.Contains("is not a barometer store", err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(other));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1999-12-31T23:00:00Z")]
    [InlineData("2025-12-31T23:59:59Z")]
    public void Release_TimeBeforeTheWavesYear_Refused(string at)
    {
        using var fixture = new IngestCliFixture();
        Assert.Equal(0, CliRunner.Run(fixture.IngestArgs()).ExitCode);

        var (code, _, err) = CliRunner.Run("release", "--wave", "2026", "--at", at, "--store", fixture.Store);

        Assert.Equal(1, code);
        Assert.Contains("is before 2026-01-01 UTC", err, StringComparison.Ordinal);
        Assert.Contains("Nothing was released.", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_PartialWaveFolder_RefusedUnlessAllowDropping()
    {
        using var fixture = new IngestCliFixture();
        Assert.Equal(0, CliRunner.Run(fixture.IngestArgs()).ExitCode);
        var before = fixture.Snapshot();
        File.Delete(Path.Combine(fixture.Survey, "responses.csv"));
        string[] args = ["ingest", "--survey", fixture.Survey, "--wave", "2026", "--store", fixture.Store, "--catalogue", IngestCliFixture.Catalogue];

        var (code, _, err) = CliRunner.Run(args);

        Assert.Equal(1, code);
        Assert.Contains("survey/2026/responses.csv", err, StringComparison.Ordinal);
        Assert.Contains("--allow-dropping", err, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Snapshot());

        (code, var output, err) = CliRunner.Run([.. args, "--allow-dropping"]);

        Assert.True(code == 0, err);
        Assert.Contains("responses.csv (gone)", output, StringComparison.Ordinal);
    }
}

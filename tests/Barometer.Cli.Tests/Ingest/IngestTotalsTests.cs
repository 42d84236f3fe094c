using DuckDB.NET.Data;

namespace Barometer.Cli.Tests.Ingest;

public class IngestTotalsTests
{
    private const string Px = """
        CHARSET="ANSI";
        CODEPAGE="utf-8";
        LANGUAGE="sv";
        DECIMALS=0;
        MATRIX="BE0101N1";
        SUBJECT-CODE="BE";
        SUBJECT-AREA="Befolkning";
        TITLE="Folkmängd efter region, kön och år";
        CONTENTS="Folkmängd";
        UNITS="antal";
        STUB="region","kön";
        HEADING="år";
        VARIABLECODE("region")="Region";
        VARIABLECODE("kön")="Kon";
        VARIABLECODE("år")="Tid";
        VALUES("region")="Stockholms län","Uppsala län";
        CODES("region")="01","03";
        VALUES("kön")="män","kvinnor";
        CODES("kön")="1","2";
        VALUES("år")="2025";
        DATA=
        1218000
        1230000
        202000
        {0}
        ;
        """;

    [Fact]
    public void IngestTotals_Px_ImportsEveryCellWithCodes()
    {
        using var fixture = new IngestCliFixture();
        fixture.Write("totals/bef.px", Px.Replace("{0}", "205000", StringComparison.Ordinal));

        var (code, output, err) = CliRunner.Run("ingest", "--totals", Path.Combine(fixture.Root, "totals/bef.px"), "--wave", "2026", "--store", fixture.Store);

        Assert.True(code == 0, err);
        Assert.Contains("calibration totals 'bef' for wave 2026 imported: 4 cells in 1 margin(s) from bef.px.", output, StringComparison.Ordinal);
        Assert.Equal(205000, Total(fixture, "Region=03;Kon=2;Tid=2025"));
        var status = CliRunner.Run("status", "--store", fixture.Store);
        Assert.Contains("Calibration totals", status.Out, StringComparison.Ordinal);
        Assert.Contains("bef.px", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestTotals_PxWithDotSymbol_RejectedAndNothingStored()
    {
        using var fixture = new IngestCliFixture();
        fixture.Write("totals/bef.px", Px.Replace("{0}", "\"..\"", StringComparison.Ordinal));

        var (code, _, err) = CliRunner.Run("ingest", "--totals", Path.Combine(fixture.Root, "totals/bef.px"), "--wave", "2026", "--store", fixture.Store);

        Assert.Equal(1, code);
        Assert.Contains("Region=03;Kon=2;Tid=2025", err, StringComparison.Ordinal);
        Assert.Contains("a calibration total cannot be missing", err, StringComparison.Ordinal);
        Assert.False(File.Exists(fixture.Store));
    }

    [Fact]
    public void IngestTotals_MalformedPx_UserErrorWithLine()
    {
        using var fixture = new IngestCliFixture();
        fixture.Write("totals/bef.px", Px.Replace("{0}", "205000", StringComparison.Ordinal).Replace("CODES(\"kön\")=\"1\",\"2\";", "CODES(\"kön\")=\"1\";", StringComparison.Ordinal));

        var (code, _, err) = CliRunner.Run("ingest", "--totals", Path.Combine(fixture.Root, "totals/bef.px"), "--wave", "2026", "--store", fixture.Store);

        Assert.Equal(1, code);
        Assert.Contains("PX line 19, keyword CODES(\"kön\"): 1 codes but 2 values", err, StringComparison.Ordinal);
    }

    [Fact]
    public void IngestTotals_JsonStatThenSameAgain_ImportedThenUnchanged()
    {
        using var fixture = new IngestCliFixture();
        fixture.Write("totals/bef.json", """
            {"version":"2.0","class":"dataset","id":["Kon","Tid"],"size":[2,1],
             "dimension":{"Kon":{"category":{"index":["1","2"]}},"Tid":{"category":{"index":["2025"]}}},
             "value":[5324785,5262925]}
            """);
        string[] args = ["ingest", "--totals", Path.Combine(fixture.Root, "totals/bef.json"), "--totals-set", "population", "--wave", "2026", "--store", fixture.Store];

        var first = CliRunner.Run(args);
        var second = CliRunner.Run(args);

        Assert.True(first.ExitCode == 0, first.Err);
        Assert.Contains("calibration totals 'population' for wave 2026 imported: 2 cells", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("unchanged", second.Out, StringComparison.Ordinal);
        Assert.Equal(5262925, Total(fixture, "Kon=2;Tid=2025"));
    }

    [Fact]
    public void IngestTotals_WithRegister_IsUserError()
    {
        using var fixture = new IngestCliFixture();

        var (code, _, err) = CliRunner.Run("ingest", "--totals", "x.px", "--register", fixture.Register, "--wave", "2026", "--store", fixture.Store);

        Assert.Equal(1, code);
        Assert.Contains("--totals is imported on its own", err, StringComparison.Ordinal);
    }

    private static double Total(IngestCliFixture fixture, string cell)
    {
        using var connection = new DuckDBConnection($"Data Source={fixture.Store}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT total FROM calibration_totals WHERE cell = '{cell}'";
        return Convert.ToDouble(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

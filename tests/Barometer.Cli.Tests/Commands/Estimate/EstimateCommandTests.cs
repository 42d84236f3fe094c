using System.Globalization;
using Barometer.Catalogue.Loading;

namespace Barometer.Cli.Tests.Commands.Estimate;

/// <summary>
/// <c>barometer estimate</c> end to end, in process: good input gives the contract's CSV; every kind of bad input
/// exits 1 with one message naming the file, the row or key, and what was expected, never a stack trace.
/// </summary>
public class EstimateCommandTests
{
    private const string StratifiedData = """
        stratum,psu,w,N,y,x,sex,answer
        a,1,10,30,5,2,1,yes
        a,1,10,30,6,3,2,no
        a,2,10,30,7,2,1,yes
        a,2,10,30,4,1,2,no
        b,3,20,40,3,4,1,yes
        b,3,20,40,8,2,2,yes
        b,4,20,40,6,3,1,no
        b,4,20,40,5,2,2,no
        """;

    private const string StratifiedDesign = """
        design:
          ids: [psu]
          strata: stratum
          fpc: [N]
          weights: w
        estimates:
          - {id: m, type: mean, variable: y}
        """;

    [Fact]
    public void Estimate_ElementSampleMean_WritesContractCsvWithWeightedMeanAndSe()
    {
        using var folder = new TempFolder();
        double[] w = [1.5, 2, 3, 1, 2.5];
        double[] y = [4, 7, 1, 3, 10];
        var data = folder.Write("data.csv", "w,y\n" + string.Join("\n", w.Zip(y, (a, b) => FormattableString.Invariant($"{a},{b}"))) + "\n");
        var design = folder.Write("design.yaml", "design: {weights: w}\nestimates:\n  - {id: m, type: mean, variable: y}\n");

        var (code, output, error) = CliRunner.Run("estimate", "--data", data, "--design", design);

        Assert.True(code == 0, error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("estimate_id,domain,category,estimate,se,ci_low,ci_high,df,n", lines[0]);
        Assert.Equal(2, lines.Length);
        var fields = lines[1].Split(',');
        Assert.Equal(["m", "", ""], fields[..3]);
        // Weighted mean, and the with-replacement linearization SE of svymean for ids = ~1: n/(n-1) Σ (w(y-ȳ)/W)².
        var total = w.Sum();
        var mean = w.Zip(y, (a, b) => a * b).Sum() / total;
        var n = w.Length;
        var se = Math.Sqrt(n / (n - 1.0) * w.Zip(y, (a, b) => Math.Pow(a * (b - mean) / total, 2)).Sum());
        var estimate = Parse(fields[3]);
        Assert.Equal(mean, estimate, mean * 1e-12);
        Assert.Equal(se, Parse(fields[4]), se * 1e-10);
        Assert.Equal(estimate, (Parse(fields[5]) + Parse(fields[6])) / 2, mean * 1e-12);
        Assert.Equal("4", fields[7]);
        Assert.Equal("5", fields[8]);
    }

    [Fact]
    public void Estimate_WithOut_WritesTheFileAndNothingToStandardOutput()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.csv", StratifiedData);
        var design = folder.Write("design.yaml", StratifiedDesign);
        var target = folder.File("result.csv");

        var (code, output, error) = CliRunner.Run("estimate", "--data", data, "--design", design, "--out", target);

        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("estimate_id,domain,category,estimate,se,ci_low,ci_high,df,n\nm,,,", File.ReadAllText(target), StringComparison.Ordinal);
        Assert.Equal(["data.csv", "design.yaml", "result.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Estimate_BadInput_LeavesAnExistingOutFileUntouched()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.csv", StratifiedData);
        var design = folder.Write("design.yaml", StratifiedDesign.Replace("variable: y", "variable: nope", StringComparison.Ordinal));
        var target = folder.Write("result.csv", "previous\n");

        var (code, _, _) = CliRunner.Run("estimate", "--data", data, "--design", design, "--out", target);

        Assert.Equal(1, code);
        Assert.Equal("previous\n", File.ReadAllText(target));
    }

    [Fact]
    public void Estimate_UnknownColumn_NamesDesignKeyLineAndDataColumns()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.csv", StratifiedData);
        var design = folder.Write("design.yaml", StratifiedDesign.Replace("variable: y", "variable: income", StringComparison.Ordinal));

        var result = CliRunner.Run("estimate", "--data", data, "--design", design);

        AssertUserError(result, "design.yaml", "line 7", "'estimates[0].variable'", "'income'", "data.csv", "stratum, psu, w, N, y, x, sex, answer");
    }

    [Fact]
    public void Estimate_NonNumericValue_NamesDataLineColumnAndExpectation()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.csv", StratifiedData.Replace("a,2,10,30,7,2,1,yes", "a,2,10,30,n/a,2,1,yes", StringComparison.Ordinal));
        var design = folder.Write("design.yaml", StratifiedDesign);

        var result = CliRunner.Run("estimate", "--data", data, "--design", design);

        AssertUserError(result, "data.csv", "line 4", "column 'y'", "expected a number", "'n/a'", "estimates[0].variable");
    }

    [Theory]
    [InlineData("-10")]
    [InlineData("0")]
    public void Estimate_NonPositiveWeight_NamesDataLineAndWeightColumn(string weight)
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.csv", StratifiedData.Replace("a,1,10,30,6,3,2,no", $"a,1,{weight},30,6,3,2,no", StringComparison.Ordinal));
        var design = folder.Write("design.yaml", StratifiedDesign);

        var result = CliRunner.Run("estimate", "--data", data, "--design", design);

        AssertUserError(result, "data.csv", "line 3", "column 'w'", "positive");
    }

    [Fact]
    public void Estimate_FpcSmallerThanSample_NamesDataLineColumnAndStratum()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.csv", StratifiedData.Replace(",20,40,", ",20,1,", StringComparison.Ordinal));
        var design = folder.Write("design.yaml", StratifiedDesign);

        var result = CliRunner.Run("estimate", "--data", data, "--design", design);

        AssertUserError(result, "data.csv", "line 6", "column 'N'", "'b'");
    }

    [Fact]
    public void Estimate_LonelyPsuUnderFail_NamesDesignKeyAndStratum()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.csv", StratifiedData + "\nc,5,15,12,4,2,1,yes\nc,5,15,12,6,1,2,no\n");
        var design = folder.Write("design.yaml", StratifiedDesign);

        var result = CliRunner.Run("estimate", "--data", data, "--design", design);

        AssertUserError(result, "design.yaml", "'design.lonely_psu'", "'c'");
    }

    [Fact]
    public void Estimate_TotalForLevelWithoutRespondents_NamesDesignLineAndKey()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.csv", StratifiedData);
        var design = folder.Write("design.yaml", StratifiedDesign + """

            calibration:
              method: linear
              margins:
                - variable: sex
                  totals:
                    "1": 35
                    "2": 35
                    "3": 5
            """);

        var result = CliRunner.Run("estimate", "--data", data, "--design", design);

        AssertUserError(result, "design.yaml", "line 15", "'calibration.margins[0].totals.3'");
    }

    [Fact]
    public void Estimate_YamlTypo_NamesDesignLineKeyAndAllowedKeys()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.csv", StratifiedData);
        var design = folder.Write("design.yaml", StratifiedDesign.Replace("strata:", "stata:", StringComparison.Ordinal));

        var result = CliRunner.Run("estimate", "--data", data, "--design", design);

        AssertUserError(result, "design.yaml", "line 3", "'design.stata'", "ids, strata, fpc, weights, lonely_psu");
    }

    [Fact]
    public void Estimate_MissingDataFile_NamesTheFile()
    {
        using var folder = new TempFolder();
        var design = folder.Write("design.yaml", StratifiedDesign);

        var result = CliRunner.Run("estimate", "--data", folder.File("missing.csv"), "--design", design);

        AssertUserError(result, "missing.csv", "does not exist", "--data");
    }

    [Fact]
    public void Estimate_MissingDesignFile_NamesTheFile()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.csv", StratifiedData);

        var result = CliRunner.Run("estimate", "--data", data, "--design", folder.File("missing.yaml"));

        AssertUserError(result, "missing.yaml", "does not exist", "--design");
    }

    [Fact]
    public void Estimate_OutInMissingFolder_NamesThePath()
    {
        using var folder = new TempFolder();
        var data = folder.Write("data.csv", StratifiedData);
        var design = folder.Write("design.yaml", StratifiedDesign);

        var result = CliRunner.Run("estimate", "--data", data, "--design", design, "--out", folder.File("no/such/result.csv"));

        AssertUserError(result, "--out", "result.csv", "does not exist");
    }

    [Fact]
    public void Estimate_WithoutDesignOption_IsUserError()
    {
        var (code, _, error) = CliRunner.Run("estimate", "--data", "x.csv");

        Assert.Equal(1, code);
        Assert.Contains("--design", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsEstimate()
    {
        var (code, output, _) = CliRunner.Run("--help");

        Assert.Equal(0, code);
        Assert.Contains("estimate", output, StringComparison.Ordinal);
    }

    private static void AssertUserError((int ExitCode, string Out, string Err) result, params string[] fragments)
    {
        Assert.True(result.ExitCode == 1, $"expected exit code 1, got {result.ExitCode}; stderr: {result.Err}");
        Assert.Equal(string.Empty, result.Out);
        Assert.StartsWith("error: ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", result.Err, StringComparison.Ordinal);
        foreach (var fragment in fragments)
        {
            Assert.True(result.Err.Contains(fragment, StringComparison.Ordinal), $"expected the message to contain \"{fragment}\"; it was: {result.Err}");
        }
    }

    [Fact]
    public void Estimate_CodesWithLeadingZeros_KeepTheirCodesInDomainsAndCalibration()
    {
        // Kommun codes look like numbers but are codes: 0180 and 180 must not merge, and totals are keyed by the code.
        using var folder = new TempFolder();
        var data = folder.Write("data.csv", "kommun,w,y\n0180,10,1\n0180,10,3\n0114,20,2\n0114,20,4\n180,5,10\n180,5,20\n");
        var design = folder.Write("design.yaml", """
            design: {weights: w}
            calibration:
              method: raking
              margins:
                - {variable: kommun, totals: {"0180": 40, "0114": 80, "180": 20}}
            estimates:
              - {id: m, type: mean, variable: y, by: [kommun]}
              - {id: t, type: total, variable: y, by: [kommun]}
            """);

        var (code, output, error) = CliRunner.Run("estimate", "--data", data, "--design", design);

        Assert.True(code == 0, error);
        var rows = output.TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["kommun=0114", "kommun=0180", "kommun=180"], rows.Where(r => r[0] == "m").Select(r => r[1]).Order(StringComparer.Ordinal));
        Assert.Equal(2, Parse(rows.Single(r => r[0] == "m" && r[1] == "kommun=0180")[3]), 12);
        Assert.Equal(15, Parse(rows.Single(r => r[0] == "m" && r[1] == "kommun=180")[3]), 12);
        // Calibrated to 40 persons in 0180: the total of y there is 40 × 2.
        Assert.Equal(80, Parse(rows.Single(r => r[0] == "t" && r[1] == "kommun=0180")[3]), 9);
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Estimate_AReferenceCaseRRefuses_ExitsOneWithOneMessageNamingTheFile()
    {
        // The reference suite (tests/Barometer.Estimation.Tests/Reference) checks the library refuses what R refuses;
        // this checks the command turns that refusal into exit 1 and one message.
        var folder = Path.Combine(CatalogueLocator.Locate(), "..", "tests", "Reference", "cases", "lonely_fail");

        var (code, _, error) = CliRunner.Run("estimate", "--data", Path.Combine(folder, "data.csv"), "--design", Path.Combine(folder, "design.yaml"));

        Assert.Equal(1, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.True(error.Contains("design.yaml", StringComparison.Ordinal) || error.Contains("data.csv", StringComparison.Ordinal), error);
    }
}

using Barometer.Cli.Commands.Estimate;
using Barometer.Estimation.Requests;

namespace Barometer.Cli.Tests.Commands.Estimate.Reference;

/// <summary>
/// The differential cases of tests/Reference/cases: each folder holds data.csv and design.yaml, and either R's
/// expected.csv or, where R itself refuses the input, expected_error.txt.
/// </summary>
internal static class ReferenceCases
{
    /// <summary>Relative agreement required without iterative calibration.</summary>
    public const double ClosedFormTolerance = 1e-8;

    /// <summary>Relative agreement required when R calibrates iteratively (raking, logit): R stops at its epsilon 1e-7.</summary>
    public const double IterativeTolerance = 1e-6;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ReferenceFolder => Path.Combine(RepositoryRoot, "tests", "Reference");

    public static string CasesFolder => Path.Combine(ReferenceFolder, "cases");

    public static string ScriptsFolder => Path.Combine(ReferenceFolder, "r");

    public static IReadOnlyList<string> Names(string casesFolder) =>
        [.. Directory.GetDirectories(casesFolder)
            .Where(d => File.Exists(Path.Combine(d, "design.yaml")))
            .Select(d => Path.GetFileName(d))
            .Order(StringComparer.Ordinal)];

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names(CasesFolder))
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>The tolerance of a case, decided by its design file (not by the golden file): see the README.</summary>
    public static double ToleranceOf(string caseFolder)
    {
        var design = DesignFileReader.Read(Path.Combine(caseFolder, "design.yaml"));
        return design.Calibration?.Method is CalibrationMethod.Raking or CalibrationMethod.Logit
            ? IterativeTolerance
            : ClosedFormTolerance;
    }

    /// <summary>Runs <c>barometer estimate</c> in process on a case, exactly as the command line would.</summary>
    public static (int ExitCode, string Out, string Err) RunEngine(string caseFolder) =>
        CliRunner.Run("estimate", "--data", Path.Combine(caseFolder, "data.csv"), "--design", Path.Combine(caseFolder, "design.yaml"));

    /// <summary>
    /// Checks the engine's run of a case against R's verdict in <paramref name="expectedFolder"/> (the committed
    /// case, or a fresh run of R); returns the comparison for reporting, or null for a case R refuses.
    /// </summary>
    public static ReferenceComparison? CheckEngine(string caseName, string caseFolder, string expectedFolder)
    {
        var (code, output, error) = RunEngine(caseFolder);
        var errorFile = Path.Combine(expectedFolder, "expected_error.txt");
        if (File.Exists(errorFile))
        {
            var rMessage = File.ReadAllText(errorFile).Trim();
            Assert.True(code == 1, $"case {caseName}: R refuses it ({rMessage}), so the engine must exit 1 with a message; it exited {code}. stderr: {error}");
            Assert.StartsWith("error: ", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            Assert.True(error.Contains("design.yaml", StringComparison.Ordinal) || error.Contains("data.csv", StringComparison.Ordinal),
                $"case {caseName}: the message must name the file at fault; it was: {error}");
            return null;
        }

        Assert.True(code == 0, $"case {caseName}: R computes it, but the engine exited {code}: {error}");
        var actual = ResultTable.Parse(output, $"{caseName}: barometer estimate output");
        var expected = ResultTable.Parse(File.ReadAllText(Path.Combine(expectedFolder, "expected.csv")), $"{caseName}/expected.csv");
        var comparison = ReferenceComparison.Compare(actual, expected, ToleranceOf(caseFolder));
        Assert.True(comparison.Passed, comparison.Describe(caseName));
        return comparison;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Barometer.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Barometer.slnx above {AppContext.BaseDirectory}: the reference cases are found relative to the repository root.");
    }
}

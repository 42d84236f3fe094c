using Barometer.Estimation.DesignFiles;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests.Reference;

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

    /// <summary>
    /// Runs a case exactly as <c>barometer estimate</c> does (<see cref="DesignFileEstimation"/>): the result CSV, or
    /// the message of the design-file error that the command would print.
    /// </summary>
    public static (string? Out, string? Error) RunEngine(string caseFolder)
    {
        try
        {
            return (DesignFileEstimation.Run(Path.Combine(caseFolder, "data.csv"), Path.Combine(caseFolder, "design.yaml")), null);
        }
        catch (DesignFileException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>
    /// Checks the engine's run of a case against R's verdict in <paramref name="expectedFolder"/> (the committed
    /// case, or a fresh run of R); returns the comparison for reporting, or null for a case R refuses.
    /// </summary>
    public static ReferenceComparison? CheckEngine(string caseName, string caseFolder, string expectedFolder)
    {
        var (output, error) = RunEngine(caseFolder);
        var errorFile = Path.Combine(expectedFolder, "expected_error.txt");
        if (File.Exists(errorFile))
        {
            var rMessage = File.ReadAllText(errorFile).Trim();
            Assert.True(error is not null, $"case {caseName}: R refuses it ({rMessage}), so the engine must refuse it with a message; it computed it.");
            Assert.True(error.Contains("design.yaml", StringComparison.Ordinal) || error.Contains("data.csv", StringComparison.Ordinal),
                $"case {caseName}: the message must name the file at fault; it was: {error}");
            return null;
        }

        Assert.True(output is not null, $"case {caseName}: R computes it, but the engine refused it: {error}");
        var actual = ResultTable.Parse(output, $"{caseName}: barometer estimate output");
        var expected = ResultTable.Parse(File.ReadAllText(Path.Combine(expectedFolder, "expected.csv")), $"{caseName}/expected.csv");
        var (scaleAtLeastOurs, designEffect) = ChecksOf(caseFolder);
        var comparison = scaleAtLeastOurs || designEffect
            ? ReferenceComparison.Compare(actual, expected, ToleranceOf(caseFolder), EngineRows(caseFolder), scaleAtLeastOurs, designEffect)
            : ReferenceComparison.Compare(actual, expected, ToleranceOf(caseFolder));
        Assert.True(comparison.Passed, comparison.Describe(caseName));
        return comparison;
    }

    /// <summary>
    /// What a case is checked on beyond the suite's rules, from its <c>compare.yaml</c> (absent: nothing more):
    /// <c>scale_at_least_ours</c> and <c>design_effect</c> (see the README).
    /// </summary>
    public static (bool ScaleAtLeastOurs, bool DesignEffect) ChecksOf(string caseFolder)
    {
        var path = Path.Combine(caseFolder, "compare.yaml");
        if (!File.Exists(path))
        {
            return (false, false);
        }

        var settings = File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim(), p => p.Length == 2 ? p[1].Trim() : string.Empty, StringComparer.Ordinal);
        var unknown = settings.Keys.Where(k => k is not ("scale_at_least_ours" or "design_effect")).ToList();
        if (unknown.Count > 0 || settings.Values.Any(v => v is not ("true" or "false")))
        {
            throw new InvalidDataException($"{path}: only scale_at_least_ours and design_effect, each true or false, are known.");
        }

        return (settings.GetValueOrDefault("scale_at_least_ours") == "true", settings.GetValueOrDefault("design_effect") == "true");
    }

    /// <summary>The engine's own rows of a case (with the design effect), read and bound exactly as <c>barometer estimate</c> does.</summary>
    public static ResultTable EngineRows(string caseFolder)
    {
        var design = DesignFileReader.Read(Path.Combine(caseFolder, "design.yaml"));
        var table = SurveyCsvReader.Read(Path.Combine(caseFolder, "data.csv"));
        var (request, data) = DesignDataBinder.Bind(design, table);
        var outcome = SurveyEstimation.Run(data, request);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => p.Message)));
        return ResultTable.FromRows(outcome.Rows);
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

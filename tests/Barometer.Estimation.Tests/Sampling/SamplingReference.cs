using System.Diagnostics;
using System.Globalization;

namespace Barometer.Estimation.Tests.Sampling;

/// <summary>
/// The golden files in Sampling/Reference and the live run of their R scripts. <c>BAROMETER_REQUIRE_R=1</c> (set by
/// .ci/run) turns a missing R, or an R without the sampling package, from a skip into a failure.
/// </summary>
internal static class SamplingReference
{
    private static readonly Lazy<string?> Problem = new(FindProblem);

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Sampling", "Reference");

    public static bool Required => Environment.GetEnvironmentVariable("BAROMETER_REQUIRE_R") == "1";

    public static string? Unavailable => Problem.Value;

    public static List<string[]> ReadCsv(string file) =>
        [.. File.ReadAllLines(Path.Combine(Folder, file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Runs Rscript in the reference folder and returns its standard output; fails the test when it does not exit 0.</summary>
    public static string Run(params string[] arguments)
    {
        if (Unavailable is { } problem)
        {
            Assert.Fail($"{problem} BAROMETER_REQUIRE_R=1 asks for the live comparison with R, so this is a failure, not a skip.");
        }

        var (code, output, error) = Execute(arguments);
        Assert.True(code == 0, $"Rscript {string.Join(' ', arguments)} exited {code}.\n{output}\n{error}");
        return output;
    }

    private static (int Code, string Out, string Err) Execute(params string[] arguments)
    {
        var start = new ProcessStartInfo("Rscript")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Rscript did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, output.Result, "timed out; " + error.Result);
            }

            process.WaitForExit();
            return (process.ExitCode, output.Result, error.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, "", ex.Message);
        }
    }

    private static string? FindProblem()
    {
        var (code, _, error) = Execute("-e", "suppressMessages(library(sampling))");
        return code == 0 ? null : $"Rscript with the sampling package (Debian r-cran-sampling) is not available: {error.Trim()}";
    }
}

/// <summary>A test that needs R with the sampling package: skipped when missing unless BAROMETER_REQUIRE_R=1.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRSamplingFactAttribute : FactAttribute
{
    public RequiresRSamplingFactAttribute()
    {
        if (!SamplingReference.Required && SamplingReference.Unavailable is { } problem)
        {
            Skip = $"{problem} The live comparison with R is skipped; set BAROMETER_REQUIRE_R=1 to make this a failure (.ci/run does).";
        }
    }
}

using System.Diagnostics;

namespace Barometer.Estimation.Tests.Reference;

/// <summary>
/// Finds and runs R's Rscript for the live comparison. <c>BAROMETER_REQUIRE_R=1</c> (set by .ci/run) turns a missing
/// R, or an R without the survey and yaml packages, from a skip into a failure.
/// </summary>
internal static class Rscript
{
    private static readonly Lazy<string?> Problem = new(FindProblem);

    public static bool Required => Environment.GetEnvironmentVariable("BAROMETER_REQUIRE_R") == "1";

    /// <summary>Why R cannot run the reference scripts here, or null when it can.</summary>
    public static string? Unavailable => Problem.Value;

    public static string? Path { get; } = FindOnPath();

    /// <summary>Runs Rscript with the arguments; fails the test with R's output when it does not exit 0.</summary>
    public static string Run(TimeSpan timeout, params string[] arguments)
    {
        if (Unavailable is { } problem)
        {
            Assert.Fail($"{problem} BAROMETER_REQUIRE_R=1 asks for the live comparison with R, so this is a failure, not a skip.");
        }

        var (code, output, error) = Execute(timeout, arguments);
        Assert.True(code == 0, $"Rscript {string.Join(' ', arguments)} exited {code}.\n{output}\n{error}");
        return output;
    }

    /// <summary>As <see cref="Run"/>, in <paramref name="folder"/> as the working directory.</summary>
    public static string RunIn(string folder, TimeSpan timeout, params string[] arguments)
    {
        if (Unavailable is { } problem)
        {
            Assert.Fail($"{problem} BAROMETER_REQUIRE_R=1 asks for the live comparison with R, so this is a failure, not a skip.");
        }

        var (code, output, error) = Execute(timeout, arguments, folder);
        Assert.True(code == 0, $"Rscript {string.Join(' ', arguments)} exited {code}.\n{output}\n{error}");
        return output;
    }

    /// <summary>Why R cannot load <paramref name="package"/> (Debian r-cran-…) here, or null when it can; asked once per package.</summary>
    public static string? PackageMissing(string package) => Packages.GetOrAdd(package, p =>
    {
        if (Unavailable is { } problem)
        {
            return problem;
        }

        var (code, _, error) = Execute(TimeSpan.FromMinutes(2), ["-e", $"suppressMessages(library({p}))"]);
        return code == 0 ? null : $"Rscript at {Path} cannot load the {p} package (Debian r-cran-{p}): {error.Trim()}";
    });

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> Packages = new(StringComparer.Ordinal);

    private static (int Code, string Out, string Err) Execute(TimeSpan timeout, string[] arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Rscript did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output.Result, $"timed out after {timeout}; {error.Result}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    private static string? FindProblem()
    {
        if (Path is null)
        {
            return "Rscript is not on PATH (install r-base-core, r-cran-survey and r-cran-yaml, as scripts/install-system-deps.sh does).";
        }

        var (code, _, error) = Execute(TimeSpan.FromMinutes(2), ["-e", "suppressMessages({library(survey); library(yaml)})"]);
        return code == 0 ? null : $"Rscript at {Path} cannot load the survey and yaml packages: {error.Trim()}";
    }

    private static string? FindOnPath()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(folder, OperatingSystem.IsWindows() ? "Rscript.exe" : "Rscript");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>
/// A test that needs R: skipped with the reason when R is missing, unless BAROMETER_REQUIRE_R=1, when it runs and
/// fails on the missing R.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRFactAttribute : FactAttribute
{
    public RequiresRFactAttribute()
    {
        if (!Rscript.Required && Rscript.Unavailable is { } problem)
        {
            Skip = $"{problem} The live comparison with R is skipped; set BAROMETER_REQUIRE_R=1 to make this a failure (.ci/run does).";
        }
    }
}

using System.Globalization;
using Barometer.Estimation.Tests.Reference;

namespace Barometer.Estimation.Tests.Sampling;

/// <summary>
/// The golden files in Sampling/Reference and the live run of their R scripts. <c>BAROMETER_REQUIRE_R=1</c> (set by
/// .ci/run) turns a missing R, or an R without the sampling package, from a skip into a failure.
/// </summary>
internal static class SamplingReference
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Sampling", "Reference");

    public static bool Required => Rscript.Required;

    /// <summary>Why R with the sampling package cannot run here, or null when it can.</summary>
    public static string? Unavailable => Rscript.PackageMissing("sampling");

    public static List<string[]> ReadCsv(string file) =>
        [.. File.ReadAllLines(Path.Combine(Folder, file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Runs Rscript in the reference folder and returns its standard output; fails the test when it does not exit 0 or the sampling package is missing.</summary>
    public static string Run(params string[] arguments)
    {
        if (Unavailable is { } problem)
        {
            Assert.Fail($"{problem} BAROMETER_REQUIRE_R=1 asks for the live comparison with R, so this is a failure, not a skip.");
        }

        return Rscript.RunIn(Folder, TimeSpan.FromMinutes(3), arguments);
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

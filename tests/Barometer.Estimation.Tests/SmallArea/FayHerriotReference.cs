using System.Globalization;
using Barometer.Estimation.Tests.Reference;

namespace Barometer.Estimation.Tests.SmallArea;

/// <summary>
/// The golden files in SmallArea/Reference (R's metafor) and the live run of their R scripts. <c>BAROMETER_REQUIRE_R=1</c>
/// (set by .ci/run) turns a missing R, or an R without metafor, from a skip into a failure.
/// </summary>
internal static class FayHerriotReference
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "SmallArea", "Reference");

    public static bool Required => Rscript.Required;

    /// <summary>Why R with metafor cannot run here (Rscript, survey and yaml missing, or metafor), or null when it can.</summary>
    public static string? Unavailable => Rscript.PackageMissing("metafor");

    /// <summary>Every case of fh-data.csv text: its direct estimates, variances, shares and covariates (intercept first).</summary>
    public static Dictionary<string, Case> Cases(string csv)
    {
        var cases = new Dictionary<string, Case>(StringComparer.Ordinal);
        foreach (var line in csv.Split('\n').Skip(1).Where(l => l.Length > 0))
        {
            var f = line.TrimEnd('\r').Split(',');
            if (!cases.TryGetValue(f[0], out var c))
            {
                c = new Case(f[0], [], [], [], []);
                cases.Add(f[0], c);
            }

            c.Y.Add(Number(f[2]));
            c.Psi.Add(Number(f[3]));
            c.Share.Add(Number(f[4]));
            c.X.Add([1.0, .. f.Skip(5).Where(v => v.Length > 0).Select(Number)]);
        }

        return cases;
    }

    /// <summary>R's values of fh.expected.csv text by (case, quantity), each a list indexed from 0.</summary>
    public static Dictionary<(string Case, string Quantity), List<double>> Expected(string csv)
    {
        var expected = new Dictionary<(string, string), List<double>>();
        foreach (var line in csv.Split('\n').Skip(1).Where(l => l.Length > 0))
        {
            var f = line.TrimEnd('\r').Split(',');
            var key = (f[0], f[1]);
            if (!expected.TryGetValue(key, out var values))
            {
                values = [];
                expected.Add(key, values);
            }

            Assert.Equal(values.Count + 1, int.Parse(f[2], CultureInfo.InvariantCulture));
            values.Add(Number(f[3]));
        }

        return expected;
    }

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Runs Rscript in the reference folder and returns its standard output; fails the test when it does not exit 0 or metafor is missing.</summary>
    public static string Run(params string[] arguments)
    {
        if (Unavailable is { } problem)
        {
            Assert.Fail($"{problem} BAROMETER_REQUIRE_R=1 asks for the live comparison with R, so this is a failure, not a skip.");
        }

        return Rscript.RunIn(Folder, TimeSpan.FromMinutes(3), arguments);
    }

    /// <summary>One reference case.</summary>
    public sealed record Case(string Name, List<double> Y, List<double> Psi, List<double> Share, List<double[]> X);
}

/// <summary>A test that needs R with metafor: skipped when missing unless BAROMETER_REQUIRE_R=1.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRMetaforFactAttribute : FactAttribute
{
    public RequiresRMetaforFactAttribute()
    {
        if (!FayHerriotReference.Required && FayHerriotReference.Unavailable is { } problem)
        {
            Skip = $"{problem} The live comparison with R is skipped; set BAROMETER_REQUIRE_R=1 to make this a failure (.ci/run does).";
        }
    }
}

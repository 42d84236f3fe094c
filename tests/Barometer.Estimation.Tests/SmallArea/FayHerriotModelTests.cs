using Barometer.Estimation.SmallArea;
using Xunit.Abstractions;

namespace Barometer.Estimation.Tests.SmallArea;

/// <summary>
/// The Fay–Herriot model against R's metafor (golden files in SmallArea/Reference, see its README): σ²_u, β and the
/// EBLUPs against <c>rma(method = "REML")</c> and <c>blup()</c>; g1 + g2 against blup's se²; g1, g2, g3, the
/// Prasad–Rao MSE and the benchmark variance g4 against the formulas evaluated in base R. Every value within a
/// relative 1e-6 of R's (|ours − R| ≤ 1e-6 |R|); where R's value is exactly 0, ours must be exactly 0.
/// </summary>
public sealed class FayHerriotModelTests(ITestOutputHelper output)
{
    private const double Relative = 1e-6;

    public static TheoryData<string> CaseNames => ["gen_m10_p2", "gen_m30_p3", "gen_m60_p4", "boundary_m15", "counties_21", "wide_psi_21"];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Fit_AgreesWithMetafor(string name)
    {
        var data = File.ReadAllText(Path.Combine(FayHerriotReference.Folder, "fh-data.csv"));
        var expected = File.ReadAllText(Path.Combine(FayHerriotReference.Folder, "fh.expected.csv"));
        var differences = Compare(data, expected, name);
        foreach (var (quantity, difference) in differences)
        {
            output.WriteLine($"{name} {quantity}: largest relative difference {difference:E2}");
        }
    }

    [Fact]
    public void Boundary_ModelVarianceIsExactlyZero_AndTheEblupIsSynthetic()
    {
        var c = FayHerriotReference.Cases(File.ReadAllText(Path.Combine(FayHerriotReference.Folder, "fh-data.csv")))["boundary_m15"];
        var fit = FayHerriotModel.Fit(Data(c));
        Assert.True(fit.Converged);
        Assert.True(fit.AtZero);
        Assert.Equal(0, fit.ModelVariance);
        Assert.All(fit.Shrinkage, g => Assert.Equal(0, g));
        Assert.Equal(fit.Synthetic, fit.Eblup);
    }

    [RequiresRMetaforFact]
    public void RScripts_Rerun_ReproduceTheGoldenFiles_AndTheModelAgreesWithLiveR()
    {
        var data = FayHerriotReference.Run("make_fh_data.R");
        Assert.Equal(File.ReadAllText(Path.Combine(FayHerriotReference.Folder, "fh-data.csv")), data);
        var expected = FayHerriotReference.Run("fh_reference.R");
        Assert.Equal(File.ReadAllText(Path.Combine(FayHerriotReference.Folder, "fh.expected.csv")), expected);
        foreach (var name in FayHerriotReference.Cases(data).Keys)
        {
            Compare(data, expected, name);
        }
    }

    internal static FayHerriotData Data(FayHerriotReference.Case c) => new(c.Y, c.Psi, c.X.Select(r => (IReadOnlyList<double>)r).ToList());

    /// <summary>metafor's REML log-likelihood carries + ½ log|X'X| (constant in σ²_u); ours does not.</summary>
    private static double XtXLogDeterminant(FayHerriotData data)
    {
        var x = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(data.Areas, data.Columns, (i, j) => data.Covariates[i][j]);
        return x.TransposeThisAndMultiply(x).Cholesky().DeterminantLn;
    }

    private static List<(string Quantity, double Difference)> Compare(string dataCsv, string expectedCsv, string name)
    {
        var c = FayHerriotReference.Cases(dataCsv)[name];
        var r = FayHerriotReference.Expected(expectedCsv);
        var data = Data(c);
        var fit = FayHerriotModel.Fit(data);
        Assert.True(fit.Converged, fit.Failure);
        var shares = c.Share.ToArray();
        var benchmark = DifferenceBenchmark.Apply(fit, data, shares, Enumerable.Range(0, data.Areas).Sum(i => shares[i] * c.Y[i]));
        var ours = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["sigma2u"] = [fit.ModelVariance],
            ["beta"] = fit.Coefficients,
            ["eblup"] = fit.Eblup,
            ["blup_var"] = [.. fit.Mse.Select(e => e.G1 + e.G2)],
            ["g1"] = [.. fit.Mse.Select(e => e.G1)],
            ["g2"] = [.. fit.Mse.Select(e => e.G2)],
            ["g3"] = [.. fit.Mse.Select(e => e.G3)],
            ["mse"] = [.. fit.Mse.Select(e => e.Mse)],
            ["g4"] = [benchmark.G4],
            ["loglik_reml"] = [fit.RestrictedLogLikelihood + (0.5 * XtXLogDeterminant(data))],
        };
        var differences = new List<(string, double)>();
        var failures = new List<string>();
        foreach (var (quantity, values) in ours)
        {
            var expected = r[(name, quantity)];
            Assert.Equal(expected.Count, values.Length);
            var largest = 0.0;
            for (var i = 0; i < values.Length; i++)
            {
                if (expected[i] == 0)
                {
                    if (values[i] != 0)
                    {
                        failures.Add($"{quantity}[{i + 1}]: R gives exactly 0, ours {values[i]:R}");
                    }

                    continue;
                }

                var relative = Math.Abs(values[i] - expected[i]) / Math.Abs(expected[i]);
                largest = Math.Max(largest, relative);
                if (!(relative <= Relative))
                {
                    failures.Add($"{quantity}[{i + 1}]: R {expected[i]:R}, ours {values[i]:R} (relative difference {relative:E2})");
                }
            }

            differences.Add((quantity, largest));
        }

        Assert.True(failures.Count == 0, $"{name}: " + string.Join("; ", failures));
        return differences;
    }
}

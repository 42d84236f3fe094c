using System.Globalization;
using Barometer.Estimation.Sampling;
using Xunit.Abstractions;

namespace Barometer.Estimation.Tests.Sampling;

public class AllocationTests(ITestOutputHelper output)
{
    private static readonly double Z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.975);

    /// <summary>The problem of Reference/allocation-problem.csv and allocation-targets.csv, built as the planner builds it.</summary>
    private static (string[] Strata, double[] N, double[] R, double[] Cost, double[] Lower, double[] Upper, List<(PrecisionConstraint C, bool[] In, double Deff, double Margin)> Targets) Problem()
    {
        var strata = SamplingReference.ReadCsv("allocation-problem.csv");
        var header = File.ReadLines(Path.Combine(SamplingReference.Folder, "allocation-problem.csv")).First().Split(',');
        var n = strata.Select(r => SamplingReference.Number(r[4])).ToArray();
        var r = strata.Select(x => SamplingReference.Number(x[5])).ToArray();
        var targets = new List<(PrecisionConstraint, bool[], double, double)>();
        foreach (var t in SamplingReference.ReadCsv("allocation-targets.csv"))
        {
            var column = Array.IndexOf(header, t[1]);
            var inside = strata.Select(s => s[column] == t[2]).ToArray();
            var deff = SamplingReference.Number(t[5]);
            var margin = SamplingReference.Number(t[4]);
            var (a, b) = DomainPrecision.Constraint(n, inside, r, SamplingReference.Number(t[3]), deff, margin, Z);
            targets.Add((new PrecisionConstraint(t[0], a, b), inside, deff, margin));
        }

        return ([.. strata.Select(s => s[0])], n, r, [.. strata.Select(s => SamplingReference.Number(s[6]))],
            [.. strata.Select(s => SamplingReference.Number(s[7]))], [.. strata.Select(s => SamplingReference.Number(s[8]))], targets);
    }

    [Fact]
    public void Optimal_ReferenceProblem_CostWithinOneTenthPercentOfRConstrOptim_AndEveryTargetMet()
    {
        var p = Problem();
        var result = OptimalAllocation.Solve(p.Cost, p.Lower, p.Upper, [.. p.Targets.Select(t => t.C)]);
        var expected = SamplingReference.ReadCsv("allocation.expected.csv");
        var rCost = SamplingReference.Number(expected.Single(e => e[0] == "cost")[1]);
        var relative = (result.Cost - rCost) / rCost;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"optimal cost: solver {result.Cost:F4}, R constrOptim {rCost:F4}, relative difference {relative:E2}; {result.Sweeps} sweeps"));
        for (var h = 0; h < p.Strata.Length; h++)
        {
            var rn = SamplingReference.Number(expected[h][1]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Strata[h],-5} n = {result.Sizes[h],10:F3}  R {rn,10:F3}"));
            Assert.Equal(p.Strata[h], expected[h][0]);
        }

        // Every target met on the expected design (continuous, and after rounding up to whole persons).
        var whole = result.Sizes.Select(Math.Ceiling).ToArray();
        foreach (var (c, inside, deff, margin) in p.Targets)
        {
            var m = DomainPrecision.Margin(p.N, inside, p.R, result.Sizes, 0.5, deff, Z);
            var mWhole = DomainPrecision.Margin(p.N, inside, p.R, whole, 0.5, deff, Z);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Name,-12} target ±{margin:P1}: expected ±{m:P3} (whole persons ±{mWhole:P3})"));
            Assert.True(m <= margin * (1 + 1e-9), $"{c.Name}: {m} > {margin}");
            Assert.True(mWhole <= margin, $"{c.Name}: {mWhole} > {margin}");
        }

        Assert.True(Math.Abs(relative) < 1e-3, $"cost {result.Cost} against R's {rCost}");
        for (var h = 0; h < p.Strata.Length; h++)
        {
            var rn = SamplingReference.Number(expected[h][1]);
            Assert.True(Math.Abs(result.Sizes[h] - rn) <= 1e-3 * Math.Max(rn, 100), $"{p.Strata[h]}: {result.Sizes[h]} against R's {rn}");
        }
    }

    [Fact]
    public void Optimal_TargetOutOfReach_NamesIt()
    {
        var p = Problem();
        var targets = p.Targets.Select(t => t.C).ToList();
        var (a, b) = DomainPrecision.Constraint(p.N, p.Targets[2].In, p.R, 0.5, 1.4, 0.002, Z);
        targets.Add(new PrecisionConstraint("region F2 ±0.2 pp", a, b));
        var ex = Assert.Throws<InfeasibleAllocationException>(() => OptimalAllocation.Solve(p.Cost, p.Lower, p.Upper, targets));
        Assert.Equal("region F2 ±0.2 pp", ex.Target);
        Assert.Contains("cannot be met", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimal_SingleConstraintNoBounds_IsTheClosedForm()
    {
        // min Σ c n s.t. Σ a/n ≤ b: n_h = √(a_h / c_h) · Σ √(a c) / b (Cochran 1977, 5.24).
        double[] c = [1, 2, 4];
        double[] a = [3, 5, 7];
        const double b = 0.05;
        var result = OptimalAllocation.Solve(c, [1e-6, 1e-6, 1e-6], [1e9, 1e9, 1e9], [new PrecisionConstraint("one", a, b)]);
        var k = a.Select((x, h) => Math.Sqrt(x * c[h])).Sum() / b;
        for (var h = 0; h < 3; h++)
        {
            Assert.Equal(Math.Sqrt(a[h] / c[h]) * k, result.Sizes[h], 1e-6);
        }
    }

    [Fact]
    public void Neyman_WithinBounds_IsNhShOverSum()
    {
        double[] n = [1000, 4000, 2500, 700];
        double[] s = [0.5, 0.3, 0.45, 0.2];
        var result = StratumAllocation.Neyman(n, s, 600, [0, 0, 0, 0], n);
        var sum = n.Select((x, h) => x * s[h]).Sum();
        for (var h = 0; h < n.Length; h++)
        {
            Assert.Equal(600 * n[h] * s[h] / sum, result[h], 10);
        }
    }

    [Fact]
    public void Power_WithinBounds_IsShNhPowerQOverSum()
    {
        double[] n = [1000, 4000, 2500, 700];
        double[] s = [0.5, 0.3, 0.45, 0.2];
        foreach (var q in new[] { 0.0, 0.35, 0.5, 1.0 })
        {
            var result = StratumAllocation.Power(n, s, q, 600, [0, 0, 0, 0], n);
            var sum = n.Select((x, h) => s[h] * Math.Pow(x, q)).Sum();
            for (var h = 0; h < n.Length; h++)
            {
                Assert.Equal(600 * s[h] * Math.Pow(n[h], q) / sum, result[h], 10);
            }
        }
    }

    [Fact]
    public void Neyman_AboveStratumSize_CappedAndRestShared()
    {
        double[] n = [100, 4000, 2500];
        double[] s = [5, 0.3, 0.3];
        var result = StratumAllocation.Neyman(n, s, 600, [0, 0, 0], n);
        Assert.Equal(100, result[0], 10);
        Assert.Equal(500 * 4000 / 6500.0, result[1], 10);
        Assert.Equal(500 * 2500 / 6500.0, result[2], 10);
    }

    [Fact]
    public void Proportional_IsNhOverN_AndRoundingKeepsTheTotal()
    {
        double[] n = [1000, 4000, 2500, 700];
        var result = StratumAllocation.Proportional(n, 500, [0, 0, 0, 0], n);
        Assert.Equal(500 * 1000 / 8200.0, result[0], 10);
        var whole = StratumAllocation.Round(result, n);
        Assert.Equal(500, whole.Sum());
        Assert.All(whole.Select((x, h) => Math.Abs(x - result[h])), d => Assert.True(d < 1));
    }
}

using Barometer.Estimation.SmallArea;

namespace Barometer.Estimation.Tests.SmallArea;

public sealed class SmallAreaEstimatorTests
{
    private static FayHerriotReference.Case Counties() =>
        FayHerriotReference.Cases(File.ReadAllText(Path.Combine(FayHerriotReference.Folder, "fh-data.csv")))["counties_21"];

    private static double National(FayHerriotReference.Case c) => Enumerable.Range(0, c.Y.Count).Sum(i => c.Share[i] * c.Y[i]);

    [Fact]
    public void Estimate_Counties_PublishedAndBenchmarkedToTheNationalDirect()
    {
        var c = Counties();
        var result = SmallAreaEstimator.Estimate(FayHerriotModelTests.Data(c), c.Share, National(c));
        Assert.True(result.Published, string.Join("; ", result.Diagnostics.Select(d => d.Detail)));
        Assert.Empty(result.HeldBackBy);
        var weighted = Enumerable.Range(0, c.Y.Count).Sum(i => c.Share[i] * result.Areas[i].Estimate);
        Assert.Equal(National(c), weighted, 12);
        Assert.All(result.Areas, a =>
        {
            Assert.InRange(a.Shrinkage, 0, 1);
            Assert.True(a.Mse >= a.Components.Mse && a.Components.Mse >= a.Components.G1);
            Assert.Equal(a.Estimate - (1.959963984540054 * Math.Sqrt(a.Mse)), a.Low, 12);
            Assert.Equal(a.Estimate + (1.959963984540054 * Math.Sqrt(a.Mse)), a.High, 12);
        });
    }

    [Fact]
    public void Estimate_RowOrder_DoesNotChangeAnyArea()
    {
        var c = Counties();
        var order = Enumerable.Range(0, c.Y.Count).Reverse().ToArray();
        var data = FayHerriotModelTests.Data(c);
        var shuffled = new FayHerriotData([.. order.Select(i => c.Y[i])], [.. order.Select(i => c.Psi[i])], [.. order.Select(i => (IReadOnlyList<double>)c.X[i])]);
        var a = SmallAreaEstimator.Estimate(data, c.Share, National(c));
        var b = SmallAreaEstimator.Estimate(shuffled, [.. order.Select(i => c.Share[i])], National(c));
        for (var k = 0; k < order.Length; k++)
        {
            Assert.Equal(a.Areas[order[k]].Estimate, b.Areas[k].Estimate, 10);
            Assert.Equal(a.Areas[order[k]].Mse, b.Areas[k].Mse, 12);
        }
    }

    [Fact]
    public void Estimate_OneAreaFarOffTheModel_HeldBackByTheResiduals()
    {
        var c = Counties();
        var y = c.Y.ToList();
        y[4] += 40 * Math.Sqrt(c.Psi[4] + 0.0008);
        var data = new FayHerriotData(y, c.Psi, [.. c.X.Select(r => (IReadOnlyList<double>)r)]);
        var national = Enumerable.Range(0, y.Count).Sum(i => c.Share[i] * y[i]);
        var result = SmallAreaEstimator.Estimate(data, c.Share, national);
        Assert.False(result.Published);
        Assert.Contains(SmallAreaCheck.Residuals, result.HeldBackBy);
        Assert.Contains("area 5", result.Diagnostics.Single(d => d.Check == SmallAreaCheck.Residuals).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_SharesOnAreasTheModelUnderestimates_HeldBackByTheAggregateCheck()
    {
        // Twenty areas with ψ = 1.5 and an intercept: half at +1, half at −1, so σ̂²_u = 0 and every EBLUP is the mean 0.
        // All the population lives in the +1 areas: Σ w (θ̂ − y) = −1 with variance
        // g4 = 10 · 0.1² · 1.5 − 1² · 1.5 / 20 = 0.075, 3.65 standard errors, while every standardised residual is ±0.82.
        var y = Enumerable.Range(0, 20).Select(i => i < 10 ? 1.0 : -1.0).ToArray();
        var data = new FayHerriotData(y, Enumerable.Repeat(1.5, 20).ToArray(), [.. Enumerable.Range(0, 20).Select(_ => (IReadOnlyList<double>)[1.0])]);
        var shares = Enumerable.Range(0, 20).Select(i => i < 10 ? 1.0 : 0.0).ToArray();
        var result = SmallAreaEstimator.Estimate(data, shares, 1.0, new SmallAreaOptions(HoldBackAtZero: false));
        Assert.False(result.Published);
        Assert.Equal([SmallAreaCheck.Aggregate], result.HeldBackBy);
        Assert.True(result.Fit.AtZero);
        Assert.Equal(0.075, result.Benchmark!.G4, 12);
        Assert.Equal(1 / Math.Sqrt(0.075), result.Diagnostics.Single(d => d.Check == SmallAreaCheck.Aggregate).Value, 10);
    }

    [Fact]
    public void Estimate_ModelVarianceAtZero_HeldBackUnlessTheOptionsAllowIt()
    {
        var c = FayHerriotReference.Cases(File.ReadAllText(Path.Combine(FayHerriotReference.Folder, "fh-data.csv")))["boundary_m15"];
        var data = FayHerriotModelTests.Data(c);
        var national = National(c);
        var strict = SmallAreaEstimator.Estimate(data, c.Share, national);
        Assert.False(strict.Published);
        Assert.Equal([SmallAreaCheck.ModelVarianceAboveZero], strict.HeldBackBy);
        var lenient = SmallAreaEstimator.Estimate(data, c.Share, national, new SmallAreaOptions(HoldBackAtZero: false));
        var zero = lenient.Diagnostics.Single(d => d.Check == SmallAreaCheck.ModelVarianceAboveZero);
        Assert.False(zero.Passed);
        Assert.False(zero.HoldsBack);
        Assert.True(lenient.Published);
    }

    [Fact]
    public void Fit_BadInput_NamesTheAreaAndWhatWasExpected()
    {
        IReadOnlyList<double>[] x = [[1, 0.1], [1, 0.2], [1, 0.4], [1, 0.3]];
        var negative = Assert.Throws<ArgumentException>(() => FayHerriotModel.Fit(new FayHerriotData([1, 2, 3, 4], [1, 1, -1, 1], x)));
        Assert.Contains("area 3", negative.Message, StringComparison.Ordinal);
        var aliased = Assert.Throws<ArgumentException>(() => FayHerriotModel.Fit(new FayHerriotData([1, 2, 3, 4], [1, 1, 1, 1], [[1, 2], [1, 2], [1, 2], [1, 2]])));
        Assert.Contains("linearly dependent", aliased.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FayHerriotModel.Fit(new FayHerriotData([1, 2], [1, 1], [[1, 0], [1, 1]])));
    }
}

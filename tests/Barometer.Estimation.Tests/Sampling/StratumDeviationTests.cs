using Barometer.Estimation.Sampling;

namespace Barometer.Estimation.Tests.Sampling;

public sealed class StratumDeviationTests
{
    [Fact]
    public void Estimate_EqualWeights_IsTheSampleStandardDeviation_AndSkipsValuesOutsideTheBase()
    {
        // Stratum 0: 1, 2, 3, 4 (s² = 5/3); stratum 1: 0, 0, 1, 1, 1 (s² = 0.3); NaN and unmapped rows are skipped.
        int[] stratumOf = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, -1];
        double[] y = [1, 2, 3, 4, 0, 0, 1, 1, 1, double.NaN, 7];
        var (deviation, m) = StratumDeviation.Estimate(3, stratumOf, y, [.. y.Select(_ => 2.5)]);
        Assert.Equal(Math.Sqrt(5.0 / 3), deviation[0], 12);
        Assert.Equal(Math.Sqrt(0.3), deviation[1], 12);
        Assert.True(double.IsNaN(deviation[2]));
        Assert.Equal([4, 5, 0], m);
    }

    [Fact]
    public void Estimate_Weights_WeightedVarianceWithTheSampleSizeCorrection()
    {
        // y = 0 with weight 1, y = 1 with weight 3: ȳ = 0.75, Σw(y − ȳ)²/Σw = (0.5625 + 3·0.0625)/4 = 0.1875, times m/(m − 1) = 2.
        var (deviation, _) = StratumDeviation.Estimate(1, [0, 0], [0.0, 1.0], [1.0, 3.0]);
        Assert.Equal(Math.Sqrt(0.375), deviation[0], 12);
    }

    [Fact]
    public void KishWeightingEffect_IsOnePlusCvSquared()
    {
        // g = 1, 1, 2, 4: mean 2, population variance 1.5, CV² = 0.375; m Σg²/(Σg)² = 4 · 22 / 64 = 1.375.
        Assert.Equal(1.375, KishWeightingEffect.Of([1.0, 1.0, 2.0, 4.0]), 12);
        Assert.Equal(1.0, KishWeightingEffect.Of([3.0, 3.0, 3.0]), 12);
        Assert.True(double.IsNaN(KishWeightingEffect.Of([double.NaN, 0.0])));
    }

    [Fact]
    public void FromSums_EqualsTheEstimateFromTheValues_OnRandomWeightedData()
    {
        // plan reads sums kept per cell (Σw, Σwy, Σwy², m), not values: the same S_h and deff to rounding.
        var random = new Random(18);
        for (var trial = 0; trial < 50; trial++)
        {
            var n = random.Next(2, 400);
            var y = Enumerable.Range(0, n).Select(_ => trial % 2 == 0 ? random.Next(2) : 50 + (10 * random.NextDouble())).ToArray();
            var w = Enumerable.Range(0, n).Select(_ => 50 + (900 * random.NextDouble())).ToArray();
            var (deviation, _) = StratumDeviation.Estimate(1, new int[n], y, w);
            var sums = StratumDeviation.FromSums(n, w.Sum(), w.Zip(y).Sum(p => p.First * p.Second), w.Zip(y).Sum(p => p.First * p.Second * p.Second));
            Assert.Equal(deviation[0], sums, 1e-9 * Math.Max(1, deviation[0]));
            var g = w.Select(x => x / 300).ToArray();
            Assert.Equal(KishWeightingEffect.Of(g), KishWeightingEffect.FromSums(n, g.Sum(), g.Sum(x => x * x)), 12);
        }

        Assert.True(double.IsNaN(StratumDeviation.FromSums(1, 2, 1, 1)));
        Assert.True(double.IsNaN(KishWeightingEffect.FromSums(0, 0, 0)));
    }
}

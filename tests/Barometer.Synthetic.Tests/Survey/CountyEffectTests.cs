using Barometer.Synthetic.Survey;

namespace Barometer.Synthetic.Tests.Survey;

public class CountyEffectTests
{
    [Fact]
    public void CountyShifts_21Counties_DeterministicScaledAndTiedToTheOutsideEuropeShare()
    {
        var register = SyntheticWorld.CreateRegister(TestOptions.Small(), TestCatalogue.Instance, SilentGenerationProgress.Instance);
        var (counties, shifts) = AnswerModel.CountyShifts(7, register, 0.25);
        var (_, again) = AnswerModel.CountyShifts(7, register, 0.25);
        var (_, otherSeed) = AnswerModel.CountyShifts(8, register, 0.25);
        Assert.Equal(21, counties.Length);
        Assert.Equal(shifts.SelectMany(s => s), again.SelectMany(s => s));
        Assert.NotEqual(shifts.SelectMany(s => s), otherSeed.SelectMany(s => s));
        const int generic = (int)Dimension.Generic;
        Assert.All(shifts, s => Assert.Equal(0, s[generic]));

        // The part tied to the register, 0.6 ζ_c, is common to every dimension: the shift's mean over the latent
        // dimensions (all but the generic one) correlates with ζ_c (the county's standardised share born outside
        // Europe) and the two seeds agree on it.
        static double[] Latent(double[] s) => [.. s.Where((_, d) => d != generic)];
        var common = shifts.Select(s => Latent(s).Average()).ToArray();
        var commonOther = otherSeed.Select(s => Latent(s).Average()).ToArray();
        Assert.True(Correlation(common, commonOther) > 0.5, "the register-tied part should be shared across seeds");
        var all = shifts.SelectMany(Latent).ToArray();
        var sd = Math.Sqrt(all.Select(v => v * v).Average());
        Assert.InRange(sd, 0.15, 0.35);
    }

    [Fact]
    public void SynthOptions_CountyEffectOutOfRange_IsAProblem()
    {
        Assert.Empty(TestOptions.Small().Validate());
        Assert.Contains((TestOptions.Small() with { CountyEffect = -0.1 }).Validate(), p => p.Contains("county effect", StringComparison.Ordinal));
        Assert.Contains((TestOptions.Small() with { CountyEffect = 3 }).Validate(), p => p.Contains("county effect", StringComparison.Ordinal));
    }

    private static double Correlation(double[] a, double[] b)
    {
        var ma = a.Average();
        var mb = b.Average();
        var cov = a.Zip(b).Sum(p => (p.First - ma) * (p.Second - mb));
        return cov / Math.Sqrt(a.Sum(x => (x - ma) * (x - ma)) * b.Sum(x => (x - mb) * (x - mb)));
    }
}

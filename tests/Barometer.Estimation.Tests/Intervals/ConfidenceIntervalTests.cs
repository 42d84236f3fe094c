using Barometer.Estimation.Intervals;

namespace Barometer.Estimation.Tests.Intervals;

public class ConfidenceIntervalTests
{
    [Fact]
    public void Wald_Quantile_IsSymmetricAroundEstimate()
    {
        var (low, high) = ConfidenceInterval.Wald(10, 2, 1.96);

        Assert.Equal(10 - 3.92, low, 12);
        Assert.Equal(10 + 3.92, high, 12);
    }

    [Fact]
    public void Beta_ProportionZero_DegeneratesToPoint()
    {
        Assert.Equal((0.0, 0.0), ConfidenceInterval.Beta(0, 0, 100, 10, 0.95));
    }

    [Fact]
    public void Beta_SimpleRandomSample_IsClopperPearson()
    {
        // With n* = n (design df = n - 1, variance p(1-p)/n) Korn-Graubard reduces to Clopper-Pearson:
        // R: binom.test(12, 40)$conf.int = 0.16562720439324 0.46531628525412.
        var (low, high) = ConfidenceInterval.Beta(0.3, 0.3 * 0.7 / 40, 40, 39, 0.95);

        Assert.Equal(0.16562720439324, low, 12);
        Assert.Equal(0.46531628525412, high, 12);
    }
}

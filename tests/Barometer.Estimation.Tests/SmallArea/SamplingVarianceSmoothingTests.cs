using Barometer.Estimation.SmallArea;

namespace Barometer.Estimation.Tests.SmallArea;

public sealed class SamplingVarianceSmoothingTests
{
    [Fact]
    public void Pooled_IsTheRespondentWeightedUnitVarianceOverN()
    {
        // n ψ̂ = 2, 4, 3 with n = 10, 20, 30: φ̂ = (10·2 + 20·4 + 30·3) / 60 = 190 / 60.
        var smoothed = SamplingVarianceSmoothing.Pooled([0.2, 0.2, 0.1], [10, 20, 30]);
        var phi = 190.0 / 60;
        Assert.Equal([phi / 10, phi / 20, phi / 30], smoothed, (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void Pooled_EqualUnitVariances_ReturnsTheInputAndAcceptsAZeroVariance()
    {
        Assert.Equal([0.5, 0.25], SamplingVarianceSmoothing.Pooled([0.5, 0.25], [2, 4]), (a, b) => Math.Abs(a - b) < 1e-15);
        var withZero = SamplingVarianceSmoothing.Pooled([0.0, 0.25], [1, 4]);
        Assert.True(withZero[0] > 0);
    }

    [Fact]
    public void Pooled_BadInput_NamesTheArea()
    {
        var error = Assert.Throws<ArgumentException>(() => SamplingVarianceSmoothing.Pooled([0.1, 0.2], [3, 0]));
        Assert.Contains("area 2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SamplingVarianceSmoothing.Pooled([0.0, 0.0], [3, 4]));
    }
}

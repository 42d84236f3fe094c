using Barometer.Estimation.Intervals;

namespace Barometer.Estimation.Tests.Intervals;

public class QuantilesTests
{
    // Expected values: R 4.2.2, qt(p, df) and qbeta(p, a, b) printed with sprintf("%.17g").
    [Theory]
    [InlineData(0.975, 8, 2.3060041352041658)]
    [InlineData(0.975, 197, 1.972079033778501)]
    [InlineData(0.025, 37.5, -2.0252809411943362)]
    [InlineData(0.995, 2, 9.9248432009182892)]
    public void StudentT_Quantile_MatchesR(double p, double df, double expected)
    {
        Assert.Equal(expected, Quantiles.StudentT(p, df), Math.Abs(expected) * 1e-12);
    }

    [Theory]
    [InlineData(0.025, 12.3, 45.6, 0.11806049616686821)]
    [InlineData(0.975, 0.5, 10, 0.2269483864734505)]
    [InlineData(0.025, 0.01, 5000, 7.0460695437689391e-165)]
    [InlineData(0.025, 1, 2500, 1.0127071914576966e-05)]
    public void Beta_Quantile_MatchesR(double p, double a, double b, double expected)
    {
        // The requirement is 1e-8; a relative error ε of the incomplete beta becomes ε/a in the quantile, so tiny
        // shapes (a = 0.01) are where the margin is smallest (about 1e-10 here).
        var actual = Quantiles.Beta(p, a, b);
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * expected, $"qbeta({p}, {a}, {b}): R {expected:R}, engine {actual:R}");
    }

    [Fact]
    public void Beta_ZeroShape_IsZeroAsInR()
    {
        Assert.Equal(0.0, Quantiles.Beta(0.025, 0, 10));
    }
}

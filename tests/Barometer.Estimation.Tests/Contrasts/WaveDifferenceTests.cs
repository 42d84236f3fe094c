using Barometer.Estimation.Contrasts;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests.Contrasts;

public class WaveDifferenceTests
{
    private static EstimateRow Row(double value, double se, double df, int n) => new("m", 3, "sex=1", [new DomainValue("sex", "1")], string.Empty, value, se, 0, 0, df, n, 0, 1);

    [Fact]
    public void Between_IndependentWaves_VariancesAdd()
    {
        var difference = WaveDifference.Between(Row(0.55, 0.03, 40, 900), Row(0.50, 0.04, 60, 1000));

        Assert.Equal(0.05, difference.Value, 14);
        Assert.Equal(0.05, difference.StandardError, 14);
        Assert.Equal(1900, difference.N);
    }

    [Fact]
    public void Between_WelchSatterthwaite_BetweenSmallerAndSumOfDegrees()
    {
        var difference = WaveDifference.Between(Row(1, 0.03, 40, 900), Row(0, 0.04, 60, 1000));

        // (v1 + v2)^2 / (v1^2/40 + v2^2/60) with v1 = 9e-4, v2 = 1.6e-3.
        var expected = Math.Pow(9e-4 + 1.6e-3, 2) / ((9e-4 * 9e-4 / 40) + (1.6e-3 * 1.6e-3 / 60));
        Assert.Equal(expected, difference.DegreesOfFreedom, 10);
        Assert.InRange(difference.DegreesOfFreedom, 40, 100);
    }

    [Fact]
    public void Between_Interval_IsWaldOnSatterthwaiteDegrees()
    {
        var difference = WaveDifference.Between(Row(1, 0.3, 10, 50), Row(0, 0.3, 10, 50));

        // Equal variances and df: ν = 20; R: qt(0.975, 20) = 2.0859634472658648.
        Assert.Equal(20, difference.DegreesOfFreedom, 10);
        Assert.Equal(1 - (2.0859634472658648 * Math.Sqrt(0.18)), difference.CiLow, 10);
    }

    [Fact]
    public void Between_DifferentStatistics_Throws()
    {
        var other = Row(0.5, 0.04, 60, 1000) with { Domain = "sex=2" };
        Assert.Throws<ArgumentException>(() => WaveDifference.Between(Row(0.55, 0.03, 40, 900), other));
    }
}

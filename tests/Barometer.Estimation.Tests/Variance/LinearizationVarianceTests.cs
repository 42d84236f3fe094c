using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests.Variance;

public class LinearizationVarianceTests
{
    private static readonly double[] Y = [4, 7, 1, 9, 3, 6, 5, 8, 2, 10];

    [Fact]
    public void Run_SimpleRandomSampleWithFpc_IsTextbookVarianceOfTheMean()
    {
        const double population = 50;
        var data = new SurveyData([new NumericColumn("y", Y), new NumericColumn("N", Enumerable.Repeat(population, Y.Length).ToArray())]);
        var request = new EstimationRequest(new DesignSpec([], null, ["N"], null), null, null, [new EstimateSpec("m", EstimateType.Mean, "y", [])]);

        var row = Assert.Single(SurveyEstimation.Run(data, request).Rows);

        var n = Y.Length;
        var mean = Y.Average();
        var s2 = Y.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        Assert.Equal(Math.Sqrt((1 - (n / population)) * s2 / n), row.StandardError, 12);
        Assert.Equal(n - 1, row.DegreesOfFreedom);
    }

    [Fact]
    public void Run_JackknifeOnEqualWeights_EqualsLinearizationForTheMean()
    {
        var data = new SurveyData([new NumericColumn("y", Y)]);
        var estimates = new[] { new EstimateSpec("m", EstimateType.Mean, "y", []) };
        var linear = Assert.Single(SurveyEstimation.Run(data, new EstimationRequest(new DesignSpec([], null, [], null), null, null, estimates)).Rows);
        var jackknife = Assert.Single(SurveyEstimation.Run(data, new EstimationRequest(new DesignSpec([], null, [], null), null, new ReplicateSpec(ReplicateType.Jk1, null), estimates)).Rows);

        Assert.Equal(linear.StandardError, jackknife.StandardError, 12);
        Assert.Equal(linear.DegreesOfFreedom, jackknife.DegreesOfFreedom);
    }

    [Fact]
    public void Run_DomainMean_KeepsFullDesignDegreesOfFreedom()
    {
        var data = new SurveyData([new NumericColumn("y", Y), new TextColumn("g", ["a", "a", "a", "b", "b", "b", "b", "b", "b", "b"])]);
        var request = new EstimationRequest(new DesignSpec([], null, [], null), null, null, [new EstimateSpec("m", EstimateType.Mean, "y", ["g"])]);

        var rows = SurveyEstimation.Run(data, request).Rows;

        Assert.All(rows, r => Assert.Equal(9, r.DegreesOfFreedom));
        Assert.Equal([3, 7], rows.Select(r => r.N));
    }
}

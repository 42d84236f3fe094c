using Barometer.Estimation.Intervals;

namespace Barometer.Estimation.Tests.Intervals;

public class LogitFitTests
{
    [Fact]
    public void FullSample_ConvergesToLogitOfWeightedProportion()
    {
        double[] w = [1, 2, 3, 4, 5, 6];
        double[] y = [1, 0, 1, 1, 0, 0];
        var p = (1.0 + 3 + 4) / 21;

        var beta = LogitFit.FullSample(w, y, w.Average());

        // glm stops on the deviance, so the coefficient is close to, not exactly, logit(p).
        Assert.Equal(Math.Log(p / (1 - p)), beta, 6);
    }

    [Fact]
    public void Replicate_StartingNearby_ConvergesToLogitOfReplicateProportion()
    {
        var beta = LogitFit.Replicate(0.3, Math.Log(0.35 / 0.65));

        Assert.Equal(Math.Log(0.3 / 0.7), beta, 6);
    }

    [Fact]
    public void Replicate_NaNProportion_IsNaN()
    {
        Assert.True(double.IsNaN(LogitFit.Replicate(double.NaN, 0)));
    }
}

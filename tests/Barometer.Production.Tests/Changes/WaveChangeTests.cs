using Barometer.Production.Changes;
using Barometer.Storage.Results;

namespace Barometer.Production.Tests.Changes;

public sealed class WaveChangeTests
{
    private static ResultRow Level(double estimate, double se, long n, string? rule = null)
    {
        var row = new ResultRow("trust", "total", "", "all", Measure.Level, "survey", estimate, se, estimate - (2 * se), estimate + (2 * se), 100, n, null, null, null, null, null);
        return rule is null ? row : row.Suppress(rule);
    }

    [Fact]
    public void Compute_BothWavesPublished_DifferenceWithSummedVariances()
    {
        var change = Assert.Single(WaveChange.Compute([Level(0.60, 0.03, 500)], [Level(0.50, 0.04, 400)], 2025, 0.95));
        Assert.Equal(Measure.Change, change.Measure);
        Assert.Equal(0.10, change.Estimate!.Value, 12);
        Assert.Equal(0.05, change.StandardError!.Value, 12);
        Assert.True(change.CiLower < 0.10 && change.CiUpper > 0.10);
        Assert.Equal(change.CiLower > 0, change.Significant);
        Assert.Equal(900, change.Respondents);
    }

    [Fact]
    public void Compute_WavesSharingRespondents_SubtractTwiceTheCovariance()
    {
        var change = Assert.Single(WaveChange.Compute([Level(0.60, 0.03, 500)], [Level(0.50, 0.04, 400)], 2025, 0.95, _ => 3e-4));

        Assert.Equal(Math.Sqrt(9e-4 + 1.6e-3 - 6e-4), change.StandardError!.Value, 12);
        Assert.Equal(0.10, change.Estimate!.Value, 12);
    }

    [Fact]
    public void Compute_NoCovarianceForARow_IndependentFormula()
    {
        var change = Assert.Single(WaveChange.Compute([Level(0.60, 0.03, 500)], [Level(0.50, 0.04, 400)], 2025, 0.95, _ => null));

        Assert.Equal(0.05, change.StandardError!.Value, 12);
    }

    [Fact]
    public void Compute_PreviousWaveSuppressed_ChangeHiddenWithRule()
    {
        var change = Assert.Single(WaveChange.Compute([Level(0.60, 0.03, 500)], [Level(0, 0, 10, SuppressionRules.SurveyMinRespondents)], 2025, 0.95));
        Assert.Equal(SuppressionRules.ChangePreviousUnavailable, change.SuppressionRule);
        Assert.Null(change.Estimate);
    }

    [Fact]
    public void Compute_NoPreviousWave_ChangeHiddenWithRule()
    {
        var change = Assert.Single(WaveChange.Compute([Level(0.60, 0.03, 500)], null, null, 0.95));
        Assert.Equal(SuppressionRules.ChangePreviousUnavailable, change.SuppressionRule);
    }

    [Fact]
    public void Compute_CurrentSuppressed_ChangeKeepsTheSameRule()
    {
        var change = Assert.Single(WaveChange.Compute([Level(0, 0, 10, SuppressionRules.SurveyMinRespondents)], [Level(0.5, 0.04, 400)], 2025, 0.95));
        Assert.Equal(SuppressionRules.SurveyMinRespondents, change.SuppressionRule);
    }
}

using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests.Variance;

public class ReplicateDesignTests
{
    private static SurveyData Data() => new(
    [
        new NumericColumn("st", [1, 1, 2, 2]),
        new NumericColumn("w", [1, 1, 1, 1]),
        new NumericColumn("y", [1, 3, 5, 11]),
        new NumericColumn("r1", [2, 0, 1, 1]),
        new NumericColumn("r2", [0, 2, 1, 1]),
        new NumericColumn("r3", [1, 1, 2, 0]),
        new NumericColumn("r4", [1, 1, 0, 2]),
    ]);

    private static EstimationOutcome Run(ReplicateType type, double? rho = null) => SurveyEstimation.Run(Data(), new EstimationRequest(
        new DesignSpec([], "st", [], "w"),
        null,
        new ReplicateSpec(type, ["r1", "r2", "r3", "r4"], rho),
        [new EstimateSpec("t", EstimateType.Total, "y", [])]));

    [Fact]
    public void Run_SuppliedBootstrap_ScaleIsOneOverRMinusOne()
    {
        var row = Assert.Single(Run(ReplicateType.Bootstrap).Rows);

        // Replicate totals 18, 22, 14, 26 (mean 20): Σ(θ - θ̄)² = 4 + 4 + 36 + 36 = 80, scale 1/3.
        Assert.Equal(Math.Sqrt(80.0 / 3), row.StandardError, 12);
    }

    [Fact]
    public void Run_SuppliedBrr_ScaleIsOneOverR()
    {
        Assert.Equal(Math.Sqrt(80.0 / 4), Assert.Single(Run(ReplicateType.Brr).Rows).StandardError, 12);
    }

    [Fact]
    public void Run_SuppliedJkn_RscaleIsInverseOfLargestFactor()
    {
        // Each replicate deletes one of the two PSUs of its stratum and doubles the other: rscale 1/2, scale 1.
        Assert.Equal(Math.Sqrt(80.0 / 2), Assert.Single(Run(ReplicateType.Jkn).Rows).StandardError, 12);
    }

    [Fact]
    public void Run_FayWithoutRho_ReportsRho()
    {
        Assert.Equal("replicates.rho", Assert.Single(Run(ReplicateType.Fay).Problems).Key);
    }

    [Fact]
    public void Run_Fay_ScaleUsesRho()
    {
        Assert.Equal(Math.Sqrt(80.0 / (4 * 0.5 * 0.5)), Assert.Single(Run(ReplicateType.Fay, 0.5).Rows).StandardError, 12);
    }

    [Fact]
    public void Run_GeneratedJk1OnStratifiedDesign_Reports()
    {
        var outcome = SurveyEstimation.Run(Data(), new EstimationRequest(new DesignSpec([], "st", [], "w"), null, new ReplicateSpec(ReplicateType.Jk1, null), [new EstimateSpec("t", EstimateType.Total, "y", [])]));

        Assert.Equal("replicates.type", Assert.Single(outcome.Problems).Key);
    }
}

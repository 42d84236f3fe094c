using Barometer.Estimation.Requests;
using Barometer.Estimation.Tests.SyntheticSurveys;

namespace Barometer.Estimation.Tests.Properties;

/// <summary>Invariants that must hold for every design: seeded random surveys, each case a different seed.</summary>
public class InvarianceTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Run_WeightsScaledByConstant_MeansUnchangedTotalsScaled(int seed)
    {
        var survey = RandomSurvey.Generate(seed);
        var request = new EstimationRequest(RandomSurvey.ClusterDesign(fpc: false), null, null, RandomSurvey.Estimates());
        const double c = 3.7;

        var baseline = Succeed(SurveyEstimation.Run(survey.Data(), request));
        var scaled = Succeed(SurveyEstimation.Run(survey.Data(c), request));

        for (var i = 0; i < baseline.Count; i++)
        {
            var factor = baseline[i].EstimateId == "total" ? c : 1.0;
            AssertRelative(baseline[i].Value * factor, scaled[i].Value, 1e-12);
            AssertRelative(baseline[i].StandardError * factor, scaled[i].StandardError, 1e-10);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Run_RowsPermuted_SameResults(int seed)
    {
        var survey = RandomSurvey.Generate(seed);
        var order = Enumerable.Range(0, survey.Rows).OrderBy(_ => new Random(seed * 31).Next()).ToArray();
        new Random(seed).Shuffle(order);
        var calibration = new CalibrationSpec(CalibrationMethod.Raking, null, survey.Margins(seed), Epsilon: 1e-12);
        foreach (var request in new[]
        {
            new EstimationRequest(RandomSurvey.ClusterDesign(), null, null, RandomSurvey.Estimates()),
            new EstimationRequest(RandomSurvey.ClusterDesign(), calibration, null, RandomSurvey.Estimates()),
            new EstimationRequest(RandomSurvey.ClusterDesign(fpc: false), null, new ReplicateSpec(ReplicateType.Jkn, null), RandomSurvey.Estimates()),
        })
        {
            var natural = Succeed(SurveyEstimation.Run(survey.Data(), request));
            var permuted = Succeed(SurveyEstimation.Run(survey.Data(order: order), request));
            Assert.Equal(natural.Count, permuted.Count);
            for (var i = 0; i < natural.Count; i++)
            {
                Assert.Equal((natural[i].EstimateId, natural[i].Domain, natural[i].Category, natural[i].N), (permuted[i].EstimateId, permuted[i].Domain, permuted[i].Category, permuted[i].N));
                AssertRelative(natural[i].Value, permuted[i].Value, 1e-9);
                AssertRelative(natural[i].StandardError, permuted[i].StandardError, 1e-8);
                AssertRelative(natural[i].CiLow, permuted[i].CiLow, 1e-8);
                AssertRelative(natural[i].CiHigh, permuted[i].CiHigh, 1e-8);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Run_AnyDesign_VariancesFiniteAndNonNegative(int seed)
    {
        var survey = RandomSurvey.Generate(seed);
        var calibration = new CalibrationSpec(CalibrationMethod.Linear, null, survey.Margins(seed));
        foreach (var request in new[]
        {
            new EstimationRequest(RandomSurvey.ClusterDesign(), null, null, RandomSurvey.Estimates()),
            new EstimationRequest(new DesignSpec(["psu"], "st", [], "w", LonelyPsuRule.Adjust), calibration, null, RandomSurvey.Estimates()),
            new EstimationRequest(new DesignSpec([], null, [], "w"), null, new ReplicateSpec(ReplicateType.Jk1, null), RandomSurvey.Estimates()),
        })
        {
            foreach (var row in Succeed(SurveyEstimation.Run(survey.Data(), request)))
            {
                Assert.True(row.StandardError >= 0 && double.IsFinite(row.StandardError), $"{row.EstimateId} {row.Domain}: SE {row.StandardError}");
                Assert.True(row.CiLow <= row.CiHigh, $"{row.EstimateId} {row.Domain}: [{row.CiLow}, {row.CiHigh}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Run_EstimatesTogether_SameAsEachAlone(int seed)
    {
        // Estimates over the same domains share one pass (numbered domain-major, with missing values padded);
        // each must come out exactly as when it is the only estimate.
        var survey = RandomSurvey.Generate(seed);
        var calibration = new CalibrationSpec(CalibrationMethod.Raking, null, survey.Margins(seed));
        EstimateSpec[] estimates =
        [
            new("a", EstimateType.Mean, "y", ["region"]),
            new("b", EstimateType.Mean, "bin", ["region"]),
            new("c", EstimateType.Total, "x", ["region"]),
            new("d", EstimateType.Ratio, "y", ["region"], Denominator: "x"),
            new("e", EstimateType.Proportion, "cat", ["region"]),
            new("f", EstimateType.Mean, "y", ["sex"]),
        ];
        foreach (var design in new[] { new DesignSpec([], "st", [], "w"), RandomSurvey.ClusterDesign() })
        {
            var together = Succeed(SurveyEstimation.Run(survey.Data(), new EstimationRequest(design, calibration, null, estimates)));
            var alone = estimates.SelectMany(e => Succeed(SurveyEstimation.Run(survey.Data(), new EstimationRequest(design, calibration, null, [e])))).ToList();

            Assert.Equal(alone.Count, together.Count);
            for (var i = 0; i < alone.Count; i++)
            {
                Assert.Equal((alone[i].EstimateId, alone[i].Domain, alone[i].Category), (together[i].EstimateId, together[i].Domain, together[i].Category));
                AssertRelative(alone[i].Value, together[i].Value, 1e-13);
                AssertRelative(alone[i].StandardError, together[i].StandardError, 1e-11);
            }
        }
    }

    internal static IReadOnlyList<EstimateRow> Succeed(EstimationOutcome outcome)
    {
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => $"{p.Key}: {p.Message}")));
        return outcome.Rows;
    }

    internal static void AssertRelative(double expected, double actual, double tolerance)
    {
        var scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale, $"expected {expected:R}, got {actual:R}");
    }
}

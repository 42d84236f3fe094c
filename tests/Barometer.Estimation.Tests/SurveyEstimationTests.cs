using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests;

public class SurveyEstimationTests
{
    private static SurveyData Data() => new(
    [
        new NumericColumn("st", [1, 1, 1, 1, 2, 2, 2, 2]),
        new NumericColumn("w", [10, 12, 9, 11, 20, 18, 22, 19]),
        new NumericColumn("y", [3, double.NaN, 5, 2, 7, 6, 8, 4]),
        new NumericColumn("bin", [1, 0, 0, 1, 1, 1, 0, 1]),
        new NumericColumn("grp", [1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0]),
        new TextColumn("cat", ["b", "a", "b", "a", null, "c", "a", "b"]),
    ]);

    private static DesignSpec Design => new([], "st", [], "w");

    private static EstimationOutcome Run(params EstimateSpec[] estimates) =>
        SurveyEstimation.Run(Data(), new EstimationRequest(Design, null, null, estimates));

    [Fact]
    public void Run_Rows_InRequestThenDomainThenCategoryOrder()
    {
        var outcome = Run(
            new EstimateSpec("p", EstimateType.Proportion, "cat", ["grp"]),
            new EstimateSpec("m", EstimateType.Mean, "y", []));

        Assert.True(outcome.Succeeded);
        Assert.Equal(
            [("p", "grp=1", "a"), ("p", "grp=1", "b"), ("p", "grp=1", "c"), ("p", "grp=2", "a"), ("p", "grp=2", "b"), ("p", "grp=2", "c"), ("m", string.Empty, string.Empty)],
            outcome.Rows.Select(r => (r.EstimateId, r.Domain, r.Category)));
    }

    [Fact]
    public void Run_Rows_CarryTheirRequestIndexAndDomainValues()
    {
        var outcome = Run(
            new EstimateSpec("p", EstimateType.Proportion, "cat", ["grp"]),
            new EstimateSpec("m", EstimateType.Mean, "y", []),
            new EstimateSpec("b", EstimateType.Mean, "bin", ["cat", "grp"]));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => p.Message)));
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2], outcome.Rows.Select(r => r.EstimateIndex));
        Assert.Equal([new DomainValue("grp", "1")], outcome.Rows[0].DomainValues);
        Assert.Equal([new DomainValue("grp", "2")], outcome.Rows[5].DomainValues);
        Assert.Empty(outcome.Rows[6].DomainValues);
        Assert.Equal([new DomainValue("cat", "a"), new DomainValue("grp", "1")], outcome.Rows[7].DomainValues);
        Assert.All(outcome.Rows, r => Assert.Equal(r.Domain, string.Join(';', r.DomainValues.Select(v => v.Variable + "=" + v.Code))));
    }

    [Fact]
    public void Run_DomainValues_KeepCodesThatLookLikeLabelSyntax()
    {
        var data = new SurveyData([new NumericColumn("w", [1, 1, 1, 1]), new NumericColumn("y", [1, 2, 3, 4]), new TextColumn("g", ["a=1;b", "a=1;b", "x - y", "x - y"])]);
        var outcome = SurveyEstimation.Run(data, new EstimationRequest(new DesignSpec([], null, [], "w"), null, null, [new EstimateSpec("m", EstimateType.Mean, "y", ["g"])]));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => p.Message)));
        Assert.Equal(["a=1;b", "x - y"], outcome.Rows.Select(r => Assert.Single(r.DomainValues).Code));
    }

    [Fact]
    public void Run_Difference_HasNoDomainValuesAndItsRequestIndex()
    {
        var outcome = Run(new EstimateSpec("m", EstimateType.Mean, "y", []), new EstimateSpec("d", EstimateType.Difference, "bin", ["grp"], Contrast: ["2", "1"]));

        var row = outcome.Rows[1];
        Assert.Equal(("d", 1), (row.EstimateId, row.EstimateIndex));
        Assert.Empty(row.DomainValues);
    }

    [Fact]
    public void Run_ProblemsOfAnEstimate_CarryItsIndex()
    {
        var data = new SurveyData([new NumericColumn("w", [1, 1, 1, 1]), new NumericColumn("y", [1, 2, double.NaN, double.NaN]), new TextColumn("g", ["a", "a", "b", "b"])]);
        var outcome = SurveyEstimation.Run(data, new EstimationRequest(new DesignSpec([], null, [], "w"), null, null,
        [
            new EstimateSpec("ok", EstimateType.Mean, "y", []),
            new EstimateSpec("m", EstimateType.Mean, "y", ["g"]),
            new EstimateSpec("ok", EstimateType.Total, "y", []),
            new EstimateSpec("v", EstimateType.Total, "nope", []),
            new EstimateSpec("by", EstimateType.Total, "y", ["unknown"]),
            new EstimateSpec("r", EstimateType.Ratio, "y", [], Denominator: "missing"),
        ]));

        Assert.Equal(
            [("estimates[1].by", 1), ("estimates[2].id", 2), ("estimates[3].variable", 3), ("estimates[4].by[0]", 4), ("estimates[5].denominator", 5)],
            outcome.Problems.Select(p => (p.Key, p.EstimateIndex ?? -1)).Order());
    }

    [Fact]
    public void Run_ProblemsOfTheDesign_CarryNoEstimateIndex()
    {
        var data = new SurveyData([new NumericColumn("w", [1, -1, 1, 1]), new NumericColumn("y", [1, 2, 3, 4])]);
        var outcome = SurveyEstimation.Run(data, new EstimationRequest(new DesignSpec([], "nope", [], "w"), null, null, [new EstimateSpec("m", EstimateType.Mean, "y", [])], Level: 2));

        Assert.NotEmpty(outcome.Problems);
        Assert.Contains(outcome.Problems, p => p.Key == "level");
        Assert.Contains(outcome.Problems, p => p.Row == 1);
        Assert.All(outcome.Problems, p => Assert.Null(p.EstimateIndex));
    }

    [Fact]
    public void Run_MissingAnalysisValue_LeftOutOfThatEstimateOnly()
    {
        var outcome = Run(new EstimateSpec("m", EstimateType.Mean, "y", []), new EstimateSpec("b", EstimateType.Mean, "bin", []));

        Assert.Equal([7, 8], outcome.Rows.Select(r => r.N));
        var expected = ((10 * 3) + (9 * 5) + (11 * 2) + (20 * 7) + (18 * 6) + (22 * 8) + (19 * 4)) / (10.0 + 9 + 11 + 20 + 18 + 22 + 19);
        Assert.Equal(expected, outcome.Rows[0].Value, 12);
    }

    [Fact]
    public void Run_Difference_LabelsBothDomainsAndCountsBoth()
    {
        var outcome = Run(new EstimateSpec("d", EstimateType.Difference, "bin", ["grp"], Contrast: ["2", "1"]));

        var row = Assert.Single(outcome.Rows);
        Assert.Equal("grp=2 - grp=1", row.Domain);
        Assert.Equal(8, row.N);
    }

    [Fact]
    public void Run_LogitOnNonProportion_ReportsTheInterval()
    {
        var outcome = Run(new EstimateSpec("m", EstimateType.Mean, "y", [], Interval: IntervalMethod.Logit));

        Assert.Equal("estimates[0].ci", Assert.Single(outcome.Problems).Key);
    }

    [Fact]
    public void Run_LogitOnZeroOneMean_IsAllowed()
    {
        var outcome = Run(new EstimateSpec("m", EstimateType.Mean, "bin", ["grp"], Interval: IntervalMethod.Beta));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => p.Message)));
        Assert.All(outcome.Rows, r => Assert.InRange(r.Value, r.CiLow, r.CiHigh));
    }

    [Fact]
    public void Run_ContrastLevelMissing_ReportsContrast()
    {
        var outcome = Run(new EstimateSpec("d", EstimateType.Difference, "y", ["grp"], Contrast: ["1", "3"]));

        var problem = Assert.Single(outcome.Problems);
        Assert.Equal("estimates[0].contrast", problem.Key);
        Assert.Contains("'3'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DomainWithoutRespondents_ReportsDomainInsteadOfNaN()
    {
        var data = new SurveyData([new NumericColumn("w", [1, 1, 1, 1]), new NumericColumn("y", [1, 2, double.NaN, double.NaN]), new TextColumn("g", ["a", "a", "b", "b"])]);
        var outcome = SurveyEstimation.Run(data, new EstimationRequest(new DesignSpec([], null, [], "w"), null, null, [new EstimateSpec("m", EstimateType.Mean, "y", ["g"])]));

        var problem = Assert.Single(outcome.Problems);
        Assert.Equal("estimates[0].by", problem.Key);
        Assert.Contains("'g=b'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DuplicateIdAndUnknownVariable_ReportsBoth()
    {
        var outcome = Run(new EstimateSpec("m", EstimateType.Mean, "y", []), new EstimateSpec("m", EstimateType.Total, "nope", []));

        Assert.Contains(outcome.Problems, p => p.Key == "estimates[1].id");
        Assert.Contains(outcome.Problems, p => p.Key == "estimates[1].variable");
    }

    [Fact]
    public void Run_CalibratedTotalOfCalibrationVariable_HasNoVariance()
    {
        var margins = new CalibrationMargin[] { new CategoricalMargin("grp", new Dictionary<string, double> { ["1"] = 80, ["2"] = 70 }), new NumericMargin("bin", 95) };
        var request = new EstimationRequest(Design, new CalibrationSpec(CalibrationMethod.Raking, null, margins), null, [new EstimateSpec("t", EstimateType.Total, "bin", [])]);

        var row = Assert.Single(SurveyEstimation.Run(Data(), request).Rows);

        Assert.Equal(95, row.Value, 6);
        Assert.True(row.StandardError < 1e-9 * row.Value, $"SE {row.StandardError}");
    }
}

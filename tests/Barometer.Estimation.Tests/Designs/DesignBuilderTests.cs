using Barometer.Estimation.Data;
using Barometer.Estimation.Designs;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests.Designs;

public class DesignBuilderTests
{
    private static SurveyData Data(params SurveyColumn[] extra) => new(
    [
        new NumericColumn("st", [1, 1, 1, 2, 2, 2]),
        new NumericColumn("psu", [1, 1, 2, 3, 4, 5]),
        new NumericColumn("w", [2, 2, 3, 4, 4, 5]),
        .. extra,
    ]);

    private static (SurveyDesign? Design, ProblemLog Log) Build(DesignSpec spec, SurveyData data)
    {
        var log = new ProblemLog();
        return (DesignBuilder.Build(spec, new ColumnResolver(data, log), replicateVariance: false), log);
    }

    [Fact]
    public void Build_StratifiedClusters_DegreesOfFreedomArePsusMinusStrata()
    {
        var (design, log) = Build(new DesignSpec(["psu"], "st", [], "w"), Data());

        Assert.False(log.HasProblems);
        Assert.Equal(5 - 2, design!.DegreesOfFreedom);
        Assert.Equal([2, 3], design.FirstStage.SampledUnits);
    }

    [Fact]
    public void Build_NoWeightColumn_WeightsAreNOverN()
    {
        var (design, _) = Build(new DesignSpec(["psu"], "st", ["N"], null), Data(new NumericColumn("N", [10, 10, 10, 30, 30, 30])));

        Assert.Equal([5, 5, 5, 10, 10, 10], design!.Weights);
    }

    [Fact]
    public void Build_FpcAsFraction_SameAsPopulationCount()
    {
        var (byCount, _) = Build(new DesignSpec(["psu"], "st", ["N"], "w"), Data(new NumericColumn("N", [10, 10, 10, 30, 30, 30])));
        var (byFraction, _) = Build(new DesignSpec(["psu"], "st", ["f"], "w"), Data(new NumericColumn("f", [0.2, 0.2, 0.2, 0.1, 0.1, 0.1])));

        Assert.Equal(byCount!.FirstStage.Scale[0], byFraction!.FirstStage.Scale[0], 14);
        Assert.Equal(byCount.FirstStage.Scale[1], byFraction.FirstStage.Scale[1], 14);
    }

    [Fact]
    public void Build_FpcBelowSampledUnits_ReportsStratumAndRow()
    {
        var (design, log) = Build(new DesignSpec(["psu"], "st", ["N"], "w"), Data(new NumericColumn("N", [10, 10, 10, 2, 2, 2])));

        Assert.Null(design);
        var problem = Assert.Single(log.Problems);
        Assert.Equal(("N", (int?)3), (problem.Key, problem.Row));
        Assert.Contains("fewer than the 3 sampled", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FpcVaryingWithinStratum_Reports()
    {
        var (design, log) = Build(new DesignSpec(["psu"], "st", ["N"], "w"), Data(new NumericColumn("N", [10, 11, 10, 30, 30, 30])));

        Assert.Null(design);
        Assert.Equal(1, Assert.Single(log.Problems).Row);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    public void Build_NonPositiveOrMissingWeight_ReportsRow(double weight)
    {
        var data = new SurveyData([new NumericColumn("w", [1, weight, 1])]);
        var (design, log) = Build(new DesignSpec([], null, [], "w"), data);

        Assert.Null(design);
        Assert.Equal(("w", (int?)1), (Assert.Single(log.Problems).Key, Assert.Single(log.Problems).Row));
    }

    [Fact]
    public void Build_TextInWeightColumn_ReportsValueAndRow()
    {
        var data = new SurveyData([new TextColumn("w", ["1", "two", "3"])]);
        var (_, log) = Build(new DesignSpec([], null, [], "w"), data);

        var problem = Assert.Single(log.Problems);
        Assert.Equal(("w", (int?)1), (problem.Key, problem.Row));
        Assert.Contains("'two'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnknownColumn_ReportsRequestKey()
    {
        var (_, log) = Build(new DesignSpec(["cluster"], "st", [], "w"), Data());

        Assert.Equal("design.ids[0]", Assert.Single(log.Problems).Key);
    }

    [Fact]
    public void Build_LonelyPsuUnderFail_NamesTheStratum()
    {
        var data = new SurveyData([new TextColumn("st", ["a", "a", "b"]), new NumericColumn("psu", [1, 2, 3]), new NumericColumn("w", [1, 1, 1])]);
        var (design, log) = Build(new DesignSpec(["psu"], "st", [], "w", LonelyPsuRule.Fail), data);

        Assert.Null(design);
        var problem = Assert.Single(log.Problems);
        Assert.Equal("design.lonely_psu", problem.Key);
        Assert.Contains("Stratum 'b'", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LonelyPsuRule.Remove, "Zero")]
    [InlineData(LonelyPsuRule.Certainty, "Zero")]
    [InlineData(LonelyPsuRule.Adjust, "Uncentered")]
    [InlineData(LonelyPsuRule.Average, "Missing")]
    public void Build_LonelyPsu_FollowsRule(LonelyPsuRule rule, string mode)
    {
        var expected = Enum.Parse<GroupMode>(mode);
        var data = new SurveyData([new TextColumn("st", ["a", "a", "b"]), new NumericColumn("psu", [1, 2, 3]), new NumericColumn("w", [1, 1, 1])]);
        var (design, _) = Build(new DesignSpec(["psu"], "st", [], "w", rule), data);

        Assert.Equal([GroupMode.Centered, expected], design!.FirstStage.Mode);
    }

    [Fact]
    public void Build_PsuIdsRepeatedAcrossStrata_AreNestedInStrata()
    {
        var data = new SurveyData([new NumericColumn("st", [1, 1, 2, 2]), new NumericColumn("psu", [1, 2, 1, 2]), new NumericColumn("w", [1, 1, 1, 1])]);
        var (design, _) = Build(new DesignSpec(["psu"], "st", [], "w"), data);

        Assert.Equal(4, design!.FirstStage.UnitCount);
    }
}

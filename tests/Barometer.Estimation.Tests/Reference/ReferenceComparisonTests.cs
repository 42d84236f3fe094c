namespace Barometer.Estimation.Tests.Reference;

public class ReferenceComparisonTests
{
    private const string Golden = """
        estimate_id,domain,category,estimate,se,ci_low,ci_high,df,n
        t,,,1000,10,980,1020,39,200
        d,x=a - x=b,,0.001,0.5,-0.999,1.001,39,150
        p,,yes,0,0,0,0,39,200
        p,,no,1,0.1,0.8,1.2,39,200
        """;

    [Fact]
    public void Compare_Identical_PassesWithZeroDifference()
    {
        var table = ResultTable.Parse(Golden, "golden");

        var comparison = ReferenceComparison.Compare(table, table, 1e-8);

        Assert.True(comparison.Passed);
        Assert.Equal(0, comparison.MaxScaledDifference);
        Assert.Equal(4, comparison.ComparedRows);
    }

    [Fact]
    public void Compare_EstimateOffByMoreThanTolerance_Fails()
    {
        var comparison = Compare(Golden.Replace("t,,,1000,", "t,,,1000.00002,", StringComparison.Ordinal), 1e-8);

        Assert.False(comparison.Passed);
        Assert.Equal(2e-8, comparison.MaxScaledDifference, 1e-12);
        Assert.Contains("t [] [] estimate", comparison.Describe("x"), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_EstimateOffWithinTolerance_Passes()
    {
        var comparison = Compare(Golden.Replace("t,,,1000,", "t,,,1000.000005,", StringComparison.Ordinal), 1e-8);

        Assert.True(comparison.Passed);
    }

    [Fact]
    public void Compare_DifferenceNearZero_IsJudgedOnTheIntervalWidth()
    {
        // 0.001 vs 0.00100001: 1e-5 relative to the estimate, but 5e-9 of the interval's width 2.
        var comparison = Compare(Golden.Replace("d,x=a - x=b,,0.001,", "d,x=a - x=b,,0.00100001,", StringComparison.Ordinal), 1e-8);

        Assert.True(comparison.Passed);
    }

    [Fact]
    public void Compare_SeIsJudgedOnItself()
    {
        var comparison = Compare(Golden.Replace("d,x=a - x=b,,0.001,0.5,", "d,x=a - x=b,,0.001,0.50000002,", StringComparison.Ordinal), 1e-8);

        Assert.False(comparison.Passed);
    }

    [Fact]
    public void Compare_ExactZeroExpected_UsesTheEstimateColumnScale()
    {
        var tiny = Compare(Golden.Replace("p,,yes,0,0,0,0,", "p,,yes,1e-17,0,0,0,", StringComparison.Ordinal), 1e-8);
        var large = Compare(Golden.Replace("p,,yes,0,0,0,0,", "p,,yes,1e-6,0,0,0,", StringComparison.Ordinal), 1e-8);

        Assert.True(tiny.Passed);
        Assert.False(large.Passed);
    }

    [Fact]
    public void Compare_SeZeroInExactArithmetic_IsJudgedOnTheEstimate()
    {
        const string calibrated = "estimate_id,domain,category,estimate,se,ci_low,ci_high,df,n\nc,,yes,0.8,1.1e-16,0.8,0.8,14,183\n";
        var expected = ResultTable.Parse(calibrated, "R");

        var noise = ReferenceComparison.Compare(ResultTable.Parse(calibrated.Replace("1.1e-16", "2.3e-16", StringComparison.Ordinal), "ours"), expected, 1e-8);
        var real = ReferenceComparison.Compare(ResultTable.Parse(calibrated.Replace("1.1e-16", "1e-6", StringComparison.Ordinal), "ours"), expected, 1e-8);

        Assert.True(noise.Passed);
        Assert.False(real.Passed);
    }

    [Theory]
    [InlineData("t,,,1000,10,980,1020,39,200", "t,,,1000,10,980,1020,38,200")]
    [InlineData("t,,,1000,10,980,1020,39,200", "t,,,1000,10,980,1020,39,199")]
    [InlineData("p,,yes,0,0,0,0,39,200\n", "")]
    [InlineData("p,,yes,", "p,,maybe,")]
    public void Compare_DifferentDfNOrRows_Fails(string from, string to)
    {
        var comparison = Compare(Golden.Replace(from, to, StringComparison.Ordinal), 1e-8);

        Assert.False(comparison.Passed);
    }

    [Fact]
    public void Parse_WrongHeader_Throws()
    {
        Assert.Throws<InvalidDataException>(() => ResultTable.Parse("id,estimate\nt,1\n", "bad"));
    }

    [Fact]
    public void Parse_NaN_Throws()
    {
        Assert.Throws<InvalidDataException>(() => ResultTable.Parse(Golden.Replace("1000,10,", "NaN,10,", StringComparison.Ordinal), "bad"));
    }

    private static ReferenceComparison Compare(string actual, double tolerance) =>
        ReferenceComparison.Compare(ResultTable.Parse(actual, "actual"), ResultTable.Parse(Golden, "golden"), tolerance);

    private const string GoldenWithDesignEffect = """
        estimate_id,domain,category,estimate,se,ci_low,ci_high,df,n,deff
        t,,,1000,10,980,1020,39,200,1.5
        d,x=a - x=b,,0.001,0.5,-0.999,1.001,39,150,
        """;

    [Fact]
    public void Compare_DesignEffectOffByMoreThanTolerance_FailsWhenTheCaseAsksForIt()
    {
        var expected = ResultTable.Parse(GoldenWithDesignEffect, "golden");
        var engine = ResultTable.Parse(GoldenWithDesignEffect.Replace(",200,1.5", ",200,1.50001", StringComparison.Ordinal), "engine");

        Assert.True(ReferenceComparison.Compare(expected, expected, 1e-8, engine, scaleAtLeastOurs: false, designEffect: false).Passed);
        var comparison = ReferenceComparison.Compare(expected, expected, 1e-8, engine, scaleAtLeastOurs: false, designEffect: true);
        Assert.False(comparison.Passed);
        Assert.Contains("t [] [] deff", comparison.Describe("x"), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_DifferenceNearZero_PassesOnTheIntervalWidthButFailsOnTheLargerMagnitude()
    {
        var expected = ResultTable.Parse(GoldenWithDesignEffect, "golden");
        var engine = ResultTable.Parse(GoldenWithDesignEffect.Replace("d,x=a - x=b,,0.001,", "d,x=a - x=b,,0.0010000001,", StringComparison.Ordinal), "engine");

        Assert.True(ReferenceComparison.Compare(engine, expected, 1e-8).Passed);
        var comparison = ReferenceComparison.Compare(engine, expected, 1e-8, engine, scaleAtLeastOurs: true, designEffect: false);
        Assert.False(comparison.Passed);
        Assert.Contains("estimate (scale max(|R|, |ours|))", comparison.Describe("x"), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_EngineRowsInAnotherOrder_FailsWhenTheCaseIsCheckedStrictly()
    {
        var expected = ResultTable.Parse(GoldenWithDesignEffect, "golden");
        var lines = GoldenWithDesignEffect.Split('\n');
        var engine = ResultTable.Parse(string.Join('\n', lines[0], lines[2], lines[1]), "engine");

        var comparison = ReferenceComparison.Compare(expected, expected, 1e-8, engine, scaleAtLeastOurs: true, designEffect: true);

        Assert.False(comparison.Passed);
        Assert.Contains("R's order", comparison.Describe("x"), StringComparison.Ordinal);
    }
}

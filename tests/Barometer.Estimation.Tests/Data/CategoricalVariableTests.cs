using Barometer.Estimation.Data;

namespace Barometer.Estimation.Tests.Data;

public class CategoricalVariableTests
{
    [Fact]
    public void From_NumericColumn_SortsNumericallyWithRoundTripLabels()
    {
        var variable = CategoricalVariable.From(new NumericColumn("v", [10, 2, 1.0, double.NaN, 2.5]));

        Assert.Equal(["1", "2", "2.5", "10"], variable.Labels);
        Assert.Equal([3, 1, 0, -1, 2], variable.Codes);
    }

    [Fact]
    public void From_TextOfNumbers_SortsNumerically()
    {
        var variable = CategoricalVariable.From(new TextColumn("v", ["10", "9", "1", null]));

        Assert.Equal(["1", "9", "10"], variable.Labels);
        Assert.Equal([2, 1, 0, -1], variable.Codes);
    }

    [Fact]
    public void From_Text_SortsOrdinallyAndTreatsEmptyAsMissing()
    {
        var variable = CategoricalVariable.From(new TextColumn("v", ["b", "B", "a", string.Empty]));

        Assert.Equal(["B", "a", "b"], variable.Labels);
        Assert.Equal(-1, variable.Codes[3]);
    }

    [Fact]
    public void FindLevel_NumericColumn_AcceptsEquivalentNumber()
    {
        var variable = CategoricalVariable.From(new NumericColumn("v", [1, 2]));

        Assert.Equal(1, variable.FindLevel("2.0"));
        Assert.Equal(-1, variable.FindLevel("3"));
    }

    [Theory]
    [InlineData(new double[] { -3, 5, -3, double.NaN }, new[] { "-3", "5" }, new[] { 0, 1, 0, -1 })]
    [InlineData(new double[] { 1e6, 0, -0.0, 1e6 }, new[] { "0", "1000000" }, new[] { 1, 0, 0, 1 })]
    [InlineData(new double[] { 2.5, 1, 2.5 }, new[] { "1", "2.5" }, new[] { 1, 0, 1 })]
    public void From_IntegerCodesOfAnyRange_SameLevels(double[] values, string[] labels, int[] codes)
    {
        var variable = CategoricalVariable.From(new NumericColumn("v", values));

        Assert.Equal(labels, variable.Labels);
        Assert.Equal(codes, variable.Codes);
    }
}

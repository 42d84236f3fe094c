using Barometer.Catalogue.Expressions;

namespace Barometer.Catalogue.Tests.Expressions;

public class ExpressionEvaluatorTests
{
    private static Value Eval(string text, params (string Name, Value Value)[] variables)
    {
        var (expression, problems) = ExpressionParser.Parse(text);
        Assert.Empty(problems);
        var lookup = variables.ToDictionary(v => v.Name, v => v.Value);
        return ExpressionEvaluator.Evaluate(expression, name => lookup.GetValueOrDefault(name));
    }

    [Theory]
    [InlineData("a and m", false)]
    [InlineData("t and m", null)]
    [InlineData("t or m", true)]
    [InlineData("a or m", null)]
    [InlineData("not m", null)]
    [InlineData("m == 1", null)]
    [InlineData("missing(m)", true)]
    [InlineData("missing(t)", false)]
    public void Evaluate_MissingFollowsThreeValuedLogic(string text, bool? expected)
    {
        var result = Eval(text, ("t", Value.Of(true)), ("a", Value.Of(false)));
        if (expected is null)
        {
            Assert.True(result.IsMissing, $"{text} should be missing, was {result}");
        }
        else
        {
            Assert.Equal(expected.Value, result.Boolean);
        }
    }

    [Fact]
    public void Evaluate_MembershipOfCodesAndRanges()
    {
        Assert.True(Eval("q in [1, 4..5]", ("q", Value.Of(4.5))).Boolean);
        Assert.False(Eval("q in [1, 4..5]", ("q", Value.Of(3))).Boolean);
        Assert.True(Eval("r not in [\"1\", \"2\"]", ("r", Value.Of("3"))).Boolean);
        Assert.True(Eval("r in [\"1\"]", ("r", Value.Missing)).IsMissing);
    }

    [Fact]
    public void Evaluate_DivisionByZeroIsMissing() => Assert.True(Eval("a / b", ("a", Value.Of(1)), ("b", Value.Of(0))).IsMissing);

    [Fact]
    public void Evaluate_MeanOfAnsweredNeedsEnoughAnswers()
    {
        Assert.Equal(50.0, Eval("mean_of_answered(2, a, b, c)", ("a", Value.Of(25)), ("b", Value.Of(75))).Number);
        Assert.True(Eval("mean_of_answered(3, a, b, c)", ("a", Value.Of(25)), ("b", Value.Of(75))).IsMissing);
        Assert.True(Eval("mean(a, b)", ("a", Value.Of(25))).IsMissing);
        Assert.Equal(100.0, Eval("sum(a, b)", ("a", Value.Of(25)), ("b", Value.Of(75))).Number);
        Assert.Equal(25.0, Eval("min(a, b)", ("a", Value.Of(25)), ("b", Value.Of(75))).Number);
    }
}

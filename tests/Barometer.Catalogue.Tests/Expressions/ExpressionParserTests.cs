using Barometer.Catalogue.Expressions;

namespace Barometer.Catalogue.Tests.Expressions;

public class ExpressionParserTests
{
    [Fact]
    public void Parse_AndBindsTighterThanOr()
    {
        var (expression, problems) = ExpressionParser.Parse("a or b and c");
        Assert.Empty(problems);
        var or = Assert.IsType<BinaryExpression>(expression);
        Assert.Equal(BinaryOperator.Or, or.Operator);
        Assert.Equal(BinaryOperator.And, Assert.IsType<BinaryExpression>(or.Right).Operator);
    }

    [Fact]
    public void Parse_NotAppliesToTheWholeComparison()
    {
        var (expression, _) = ExpressionParser.Parse("not x > 3");
        var not = Assert.IsType<UnaryExpression>(expression);
        Assert.Equal(UnaryOperator.Not, not.Operator);
        Assert.IsType<BinaryExpression>(not.Operand);
    }

    [Fact]
    public void Parse_MembershipWithRangesCodesAndNegation()
    {
        var (expression, problems) = ExpressionParser.Parse("q not in [1, 4..5, -2]");
        Assert.Empty(problems);
        var membership = Assert.IsType<MembershipExpression>(expression);
        Assert.True(membership.Negated);
        Assert.Equal(3, membership.Items.Count);
        Assert.Equal(5.0, membership.Items[1].UpTo);
        Assert.Equal(-2.0, membership.Items[2].Value.Number);

        var (codes, _) = ExpressionParser.Parse("kommun in [\"0180\", '1480']");
        Assert.Equal("1480", Assert.IsType<MembershipExpression>(codes).Items[1].Value.Text);
    }

    [Fact]
    public void Parse_ArithmeticPrecedence()
    {
        var (expression, _) = ExpressionParser.Parse("1 + 2 * 3 - -1");
        Assert.Equal(8.0, ExpressionEvaluator.Evaluate(expression, _ => Value.Missing).Number);
    }

    [Theory]
    [InlineData("age = 20", 4, "write == to compare")]
    [InlineData("age >= ", 7, "expected a value")]
    [InlineData("a < b < c", 6, "do not chain")]
    [InlineData("x in [1, 2", 10, "',' or ']'")]
    [InlineData("x in [5..2]", 6, "is empty")]
    [InlineData("mean(a, b", 9, "')'")]
    [InlineData("\"open", 0, "not closed")]
    [InlineData("a and or b", 6, "keyword 'or'")]
    [InlineData("a b", 2, "unexpected 'b'")]
    public void Parse_Malformed_ReportsWhereAndWhat(string text, int start, string message)
    {
        var (expression, problems) = ExpressionParser.Parse(text);
        var problem = Assert.Single(problems);
        Assert.Equal(start, problem.Span.Start);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal("InvalidExpression", expression.GetType().Name);
    }
}

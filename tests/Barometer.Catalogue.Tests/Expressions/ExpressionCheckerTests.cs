using Barometer.Catalogue.Expressions;

namespace Barometer.Catalogue.Tests.Expressions;

public class ExpressionCheckerTests
{
    private sealed class Scope(params VariableDomain[] domains) : IVariableScope
    {
        public IEnumerable<string> Names => domains.Select(d => d.Name);

        public VariableDomain? Find(string name) => domains.FirstOrDefault(d => d.Name == name);
    }

    private static readonly Scope Variables = new(
        new VariableDomain("sex", ExpressionType.Code, false) { Codes = new HashSet<string> { "1", "2" }, Classification = "kon" },
        new VariableDomain("age", ExpressionType.Number, false) { Min = 0, Max = 110, WholeNumbers = true },
        new VariableDomain("employed", ExpressionType.Boolean, false),
        new VariableDomain("q_trust", ExpressionType.Number, true) { NumericCodes = new HashSet<double> { 1, 2, 3, 4, 5, 8, 9 } });

    private static (ExpressionType Type, IReadOnlyList<ExpressionProblem> Problems) Check(string text) =>
        ExpressionChecker.Check(ExpressionParser.Parse(text).Expression, Variables);

    [Fact]
    public void Check_ValidExpression_HasTypeAndNoProblems()
    {
        var (type, problems) = Check("employed and sex == \"2\" and age >= 20 and q_trust in [4..5]");
        Assert.Empty(problems);
        Assert.Equal(ExpressionType.Boolean, type);
    }

    [Fact]
    public void Check_UnknownVariable_SuggestsTheNearest()
    {
        var problem = Assert.Single(Check("employd").Problems);
        Assert.Contains("did you mean 'employed'", problem.Message, StringComparison.Ordinal);
        Assert.Equal(new TextSpan(0, 7), problem.Span);
    }

    [Fact]
    public void Check_CodeNotInClassification_IsReported() =>
        Assert.Contains("not in classification 'kon'", Assert.Single(Check("sex in [\"1\", \"3\"]").Problems).Message, StringComparison.Ordinal);

    [Fact]
    public void Check_UnquotedCode_ExplainsQuoting() =>
        Assert.Contains("write them in quotes", Assert.Single(Check("sex == 1").Problems).Message, StringComparison.Ordinal);

    [Fact]
    public void Check_AnswerCodeNotInScale_IsReported() =>
        Assert.Contains("not an answer code of 'q_trust'", Assert.Single(Check("q_trust == 6").Problems).Message, StringComparison.Ordinal);

    [Fact]
    public void Check_TypeMismatches_AreReported()
    {
        Assert.NotEmpty(Check("employed + 1").Problems);
        Assert.NotEmpty(Check("age and employed").Problems);
        Assert.NotEmpty(Check("sex < \"2\"").Problems);
        Assert.NotEmpty(Check("missing(age + 1)").Problems);
        Assert.NotEmpty(Check("median(age)").Problems);
        Assert.NotEmpty(Check("mean_of_answered(3, age, age)").Problems);
    }
}

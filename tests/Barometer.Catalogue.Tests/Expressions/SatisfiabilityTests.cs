using Barometer.Catalogue.Expressions;

namespace Barometer.Catalogue.Tests.Expressions;

public class SatisfiabilityTests
{
    private sealed class Scope(params VariableDomain[] domains) : IVariableScope
    {
        public IEnumerable<string> Names => domains.Select(d => d.Name);

        public VariableDomain? Find(string name) => domains.FirstOrDefault(d => d.Name == name);
    }

    private static readonly Scope Variables = new(
        new VariableDomain("sex", ExpressionType.Code, false) { Codes = new HashSet<string> { "1", "2" } },
        new VariableDomain("age", ExpressionType.Number, false) { Min = 0, Max = 110, WholeNumbers = true },
        new VariableDomain("years", ExpressionType.Number, true) { Min = 0, Max = 110, WholeNumbers = true },
        new VariableDomain("income", ExpressionType.Number, false),
        new VariableDomain("employed", ExpressionType.Boolean, false),
        new VariableDomain("q", ExpressionType.Number, true) { NumericCodes = new HashSet<double> { 1, 2, 3, 8, 9 }, WholeNumbers = true });

    private static bool CanHold(params string[] conditions) =>
        Satisfiability.CanHold(conditions.Select(c => ExpressionParser.Parse(c).Expression), Variables);

    [Theory]
    [InlineData("age >= 70", "age <= 20")]
    [InlineData("sex == \"1\" and sex == \"2\"")]
    [InlineData("sex in [\"1\"]", "sex != \"1\"")]
    [InlineData("age > 64 and age < 65")]
    [InlineData("age > 110")]
    [InlineData("employed and not employed")]
    [InlineData("missing(years) and years >= 10")]
    [InlineData("missing(age)")]
    [InlineData("q in [4..7]")]
    [InlineData("(age < 10 or age > 100) and age >= 10 and age <= 100")]
    [InlineData("false")]
    public void CanHold_Contradiction_IsNever(params string[] conditions) => Assert.False(CanHold(conditions));

    [Theory]
    [InlineData("age >= 20", "age <= 64")]
    [InlineData("age >= 20 or age <= 10", "age <= 15")]
    [InlineData("income > 0.5 and income < 0.6")]
    [InlineData("missing(years)")]
    [InlineData("not (sex == \"1\")")]
    [InlineData("employed", "q in [1..2]")]
    [InlineData("age == years")]
    public void CanHold_Satisfiable_IsMaybe(params string[] conditions) => Assert.True(CanHold(conditions));
}

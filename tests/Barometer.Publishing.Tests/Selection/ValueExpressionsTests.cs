using Barometer.Publishing.Selection;

namespace Barometer.Publishing.Tests.Selection;

public class ValueExpressionsTests
{
    private static readonly string[] Letters = ["a", "b", "c", "d", "e"];
    private static readonly string[] Years = ["2020", "2021", "2022", "2023", "2024"];
    private static readonly string[] Regions = ["0114", "0115", "0180", "1280", "2584", "total"];

    private static string[] Select(string[] codes, params string[] expressions) => Select(codes, isTime: false, expressions);

    private static string[] Select(string[] codes, bool isTime, params string[] expressions) =>
        [.. ValueExpressions.Resolve("V", codes, isTime, expressions).Select(i => codes[i])];

    [Fact]
    public void Resolve_Codes_ReturnsThemInDimensionOrderOnce()
    {
        Assert.Equal(["b", "d"], Select(Letters, "d", "b", "d"));
    }

    [Fact]
    public void Resolve_Star_SelectsEverything()
    {
        Assert.Equal(Letters, Select(Letters, "*"));
    }

    [Theory]
    [InlineData("01*", new[] { "0114", "0115", "0180" })]
    [InlineData("*80", new[] { "0180", "1280" })]
    [InlineData("0?1?", new[] { "0114", "0115" })]
    [InlineData("????", new[] { "0114", "0115", "0180", "1280", "2584" })]
    [InlineData("0*5", new[] { "0115" })]
    [InlineData("TOT*", new[] { "total" })]
    public void Resolve_Wildcards_MatchStarAndQuestionMark(string pattern, string[] expected)
    {
        Assert.Equal(expected, Select(Regions, pattern));
    }

    [Theory]
    [InlineData("top(2)", new[] { "a", "b" })]
    [InlineData("TOP(2,1)", new[] { "b", "c" })]
    [InlineData("top( 2 , 4 )", new[] { "e" })]
    [InlineData("top(9)", new[] { "a", "b", "c", "d", "e" })]
    [InlineData("bottom(2)", new[] { "d", "e" })]
    [InlineData("bottom(2,1)", new[] { "c", "d" })]
    [InlineData("from(c)", new[] { "c", "d", "e" })]
    [InlineData("to(b)", new[] { "a", "b" })]
    [InlineData("range(b,d)", new[] { "b", "c", "d" })]
    [InlineData("Range(c,c)", new[] { "c" })]
    public void Resolve_Functions_SelectByPosition(string expression, string[] expected)
    {
        Assert.Equal(expected, Select(Letters, expression));
    }

    [Theory]
    [InlineData("top(1)", new[] { "2024" })]
    [InlineData("top(2)", new[] { "2023", "2024" })]
    [InlineData("top(2,1)", new[] { "2022", "2023" })]
    [InlineData("bottom(1)", new[] { "2020" })]
    [InlineData("from(2023)", new[] { "2023", "2024" })]
    [InlineData("20?2", new[] { "2022" })]
    public void Resolve_TimeVariable_TopIsNewest(string expression, string[] expected)
    {
        Assert.Equal(expected, Select(Years, isTime: true, expression));
    }

    [Fact]
    public void Resolve_SeveralExpressions_AreUnited()
    {
        Assert.Equal(["a", "c", "d", "e"], Select(Letters, "top(1)", "bottom(2)", "c"));
    }

    [Fact]
    public void Resolve_CodeInOtherCase_MatchesWhenUnambiguous()
    {
        Assert.Equal(["total"], Select(Regions, "TOTAL"));
    }

    [Fact]
    public void Resolve_TopZeroAlone_ThrowsSelectsNothing()
    {
        var error = Assert.Throws<SelectionException>(() => Select(Letters, "top(0)"));
        Assert.Equal("V", error.Variable);
        Assert.Contains("selects no value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_TopZeroWithCode_SelectsTheCode()
    {
        Assert.Equal(["b"], Select(Letters, "top(0)", "b"));
    }

    [Fact]
    public void Resolve_UnknownCode_NamesVariableValueAndValues()
    {
        var error = Assert.Throws<SelectionException>(() => Select(Letters, "X"));
        Assert.Equal("V", error.Variable);
        Assert.Equal("X", error.Value);
        Assert.Equal("variable 'V' has no value 'X'; values are a, b, c, d, e.", error.Message);
    }

    [Theory]
    [InlineData("from(x)", "x")]
    [InlineData("to(zz)", "zz")]
    [InlineData("range(a,q)", "q")]
    public void Resolve_UnknownCodeInFunction_NamesTheCode(string expression, string code)
    {
        var error = Assert.Throws<SelectionException>(() => Select(Letters, expression));
        Assert.Equal(code, error.Value);
        Assert.Contains($"has no value '{code}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RangeStartAfterEnd_Throws()
    {
        var error = Assert.Throws<SelectionException>(() => Select(Letters, "range(d,b)"));
        Assert.Equal("range(d,b)", error.Value);
        Assert.Contains("comes after", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("top(x)")]
    [InlineData("top(-1)")]
    [InlineData("top()")]
    [InlineData("top(1,2,3)")]
    [InlineData("bottom(1.5)")]
    [InlineData("range(a)")]
    [InlineData("from()")]
    [InlineData("to(a,b)")]
    [InlineData("top(99999999999)")]
    [InlineData("nope(1)")]
    [InlineData("")]
    [InlineData("  ")]
    public void Resolve_MalformedExpression_ThrowsSelectionException(string expression)
    {
        var error = Assert.Throws<SelectionException>(() => Select(Letters, expression));
        Assert.Equal("V", error.Variable);
        Assert.Contains("'V'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_PatternMatchingNothing_Throws()
    {
        Assert.Throws<SelectionException>(() => Select(Letters, "z*"));
    }

    [Fact]
    public void Resolve_NoExpressions_Throws()
    {
        Assert.Throws<SelectionException>(() => Select(Letters));
    }

    [Fact]
    public void Resolve_CodeLookingLikeExpression_SelectsTheCode()
    {
        string[] odd = ["top(1)", "b"];
        Assert.Equal(["top(1)"], Select(odd, "top(1)"));
    }

    [Fact]
    public void ListValues_ManyCodes_ListsFirstThirtyAndCount()
    {
        var codes = Enumerable.Range(0, 100).Select(i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var text = ValueExpressions.ListValues(codes);
        Assert.StartsWith("000, 001", text, StringComparison.Ordinal);
        Assert.EndsWith("029, … (100 values)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a*", "abc", true)]
    [InlineData("*c", "abc", true)]
    [InlineData("a*c", "abbbc", true)]
    [InlineData("a*c", "abcd", false)]
    [InlineData("?b?", "abc", true)]
    [InlineData("?b?", "ab", false)]
    [InlineData("**", "", true)]
    [InlineData("*a*a*a*", "aaaa", true)]
    [InlineData("*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    public void Matches_Patterns_FollowGlobRules(string pattern, string code, bool expected)
    {
        Assert.Equal(expected, Wildcard.Matches(pattern, code));
    }
}

using Barometer.Publishing.Selection;

namespace Barometer.Publishing.Tests.Selection;

public class SelectionParserTests
{
    private static KeyValuePair<string, string?> P(string key, string? value) => new(key, value);

    [Fact]
    public void FromQuery_ValueCodes_SplitsOutsideParentheses()
    {
        var selection = SelectionParser.FromQuery([P("valuecodes[Tid]", "2022,range(2023,2024),top(2,1)"), P("lang", "en")]);
        var variable = Assert.Single(selection.Variables);
        Assert.Equal("Tid", variable.Code);
        Assert.Equal(["2022", "range(2023,2024)", "top(2,1)"], variable.ValueExpressions);
        Assert.Null(variable.Codelist);
        Assert.Null(selection.Heading);
        Assert.Null(selection.Stub);
    }

    [Fact]
    public void FromQuery_RepeatedKeyCodelistAndPlacement_AreCollected()
    {
        var selection = SelectionParser.FromQuery(
        [
            P("ValueCodes[kommun]", "0114"),
            P("valuecodes[kommun]", "0180"),
            P("codelist[kommun]", "vs_kommun"),
            P("valuecodes[Grupp]", "all"),
            P("heading", "Tid, ContentsCode"),
            P("stub", "kommun,Grupp"),
            P("outputFormat", "csv"),
        ]);
        Assert.Equal(["kommun", "Grupp"], selection.Variables.Select(v => v.Code));
        Assert.Equal(["0114", "0180"], selection.Variables[0].ValueExpressions);
        Assert.Equal("vs_kommun", selection.Variables[0].Codelist);
        Assert.Equal(["Tid", "ContentsCode"], selection.Heading);
        Assert.Equal(["kommun", "Grupp"], selection.Stub);
    }

    [Fact]
    public void FromQuery_TwoCodelistsForOneVariable_Throws()
    {
        var error = Assert.Throws<SelectionException>(() => SelectionParser.FromQuery([P("codelist[lan]", "a"), P("codelist[lan]", "b")]));
        Assert.Equal("lan", error.Variable);
    }

    [Fact]
    public void FromQuery_NoSelection_IsEmpty()
    {
        Assert.Empty(SelectionParser.FromQuery([P("lang", "sv")]).Variables);
    }

    [Fact]
    public void SplitExpressions_NestedAndUnbalanced_NeverThrows()
    {
        Assert.Equal(["a", "b(c,d))", "e"], SelectionParser.SplitExpressions("a,b(c,d)),e"));
        Assert.Equal(["x(1,2"], SelectionParser.SplitExpressions("x(1,2"));
    }

    [Fact]
    public void FromJson_VariablesSelection_ReadsSelectionAndPlacement()
    {
        const string Json = """
            {
              "selection": [
                {"variableCode": "Tid", "valueCodes": ["top(2)"]},
                {"variableCode": "sex", "valueCodes": ["1", "2"], "codelist": "vs_kon"}
              ],
              "placement": {"heading": ["Tid"], "stub": ["sex"]}
            }
            """;
        var selection = SelectionParser.FromJson(Json);
        Assert.Equal(["Tid", "sex"], selection.Variables.Select(v => v.Code));
        Assert.Equal(["top(2)"], selection.Variables[0].ValueExpressions);
        Assert.Equal("vs_kon", selection.Variables[1].Codelist);
        Assert.Equal(["Tid"], selection.Heading);
        Assert.Equal(["sex"], selection.Stub);
    }

    [Fact]
    public void FromJson_EmptySelection_IsDefault()
    {
        Assert.Empty(SelectionParser.FromJson("""{"selection": []}""").Variables);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("""{"selection": 3}""")]
    [InlineData("""{"selection": [3]}""")]
    [InlineData("""{"selection": [{"valueCodes": ["1"]}]}""")]
    [InlineData("""{"selection": [{"variableCode": 1, "valueCodes": ["1"]}]}""")]
    [InlineData("""{"selection": [{"variableCode": "a", "valueCodes": "1"}]}""")]
    [InlineData("""{"selection": [{"variableCode": "a", "valueCodes": [1]}]}""")]
    [InlineData("""{"selection": [{"variableCode": "a", "valueCodes": ["1"], "codelist": 5}]}""")]
    [InlineData("""{"selection": [], "placement": []}""")]
    [InlineData("""{"selection": [], "placement": {"heading": "Tid"}}""")]
    [InlineData("""{"selection": [{"variableCode": "a", "valueCodes": ["1"]}, {"variableCode": "A", "valueCodes": ["2"]}]}""")]
    public void FromJson_Malformed_ThrowsSelectionException(string json)
    {
        Assert.Throws<SelectionException>(() => SelectionParser.FromJson(json));
    }

    [Theory]
    [InlineData("""{"selection": [{"variableCode": "Tid", "valueCodes": ["\ud800"]}]}""", "valueCodes")]
    [InlineData("""{"selection": [{"variableCode": "\udfff", "valueCodes": ["1"]}]}""", "variableCode")]
    [InlineData("""{"selection": [{"variableCode": "a", "valueCodes": ["1"], "codelist": "\ud800"}]}""", "codelist")]
    [InlineData("""{"selection": [], "placement": {"stub": ["\ud800"]}}""", "stub")]
    [InlineData("""{"\ud800": []}""", "property name")]
    public void FromJson_LoneSurrogate_ThrowsSelectionExceptionNamingTheMember(string json, string member)
    {
        var error = Assert.Throws<SelectionException>(() => SelectionParser.FromJson(json));
        Assert.Contains(member, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_DeepNesting_ThrowsSelectionException()
    {
        var json = new string('[', 5000) + new string(']', 5000);
        Assert.Throws<SelectionException>(() => SelectionParser.FromJson(json));
    }

    [Fact]
    public void FromJsonAndFromQuery_RandomInput_OnlySelectionException()
    {
        var random = new Random(7);
        string[] tokens = ["{", "}", "[", "]", ":", ",", "\"selection\"", "\"placement\"", "\"variableCode\"", "\"valueCodes\"", "\"codelist\"",
            "\"heading\"", "\"stub\"", "\"Tid\"", "\"top(2)\"", "null", "1", "true", "\"", "\\u0000", " "];
        for (var run = 0; run < 5000; run++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 30)).Select(_ => tokens[random.Next(tokens.Length)]));
            try
            {
                var selection = SelectionParser.FromJson(text);
                Assert.NotNull(selection.Variables);
            }
            catch (SelectionException)
            {
            }

            try
            {
                SelectionParser.FromJson(RandomJson(random, 0));
            }
            catch (SelectionException)
            {
            }

            var pairs = Enumerable.Range(0, random.Next(0, 5))
                .Select(_ => P(random.Next(3) switch { 0 => "valuecodes[" + text[..Math.Min(text.Length, 3)] + "]", 1 => "codelist[x]", _ => "heading" }, text))
                .ToList();
            try
            {
                SelectionParser.FromQuery(pairs);
            }
            catch (SelectionException)
            {
            }
        }
    }

    /// <summary>Well-formed JSON made of the VariablesSelection's own keys with random shapes and values.</summary>
    private static string RandomJson(Random random, int depth)
    {
        string[] keys = ["selection", "placement", "variableCode", "valueCodes", "values", "codelist", "heading", "stub", "other"];
        string[] scalars = ["null", "1", "true", "\"Tid\"", "\"*\"", "\"\""];
        var kind = depth > 4 ? 2 : random.Next(3);
        return kind switch
        {
            0 => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"\"{keys[random.Next(keys.Length)]}\":{RandomJson(random, depth + 1)}")) + "}",
            1 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomJson(random, depth + 1))) + "]",
            _ => scalars[random.Next(scalars.Length)],
        };
    }
}

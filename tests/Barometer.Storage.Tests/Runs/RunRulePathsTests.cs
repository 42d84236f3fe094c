using System.Globalization;
using System.Text.Json.Nodes;
using Barometer.Storage.Runs;

namespace Barometer.Storage.Tests.Runs;

/// <summary>
/// Every path of <see cref="RunRulePaths"/> names, in a release's provenance (<c>{"rules": …}</c>), the number the
/// typed <see cref="RunRules"/> holds, so a report citing a rule by its path cites the number it printed.
/// </summary>
public class RunRulePathsTests
{
    private static readonly RunRules Rules = new(
        new SurveyRules(MinRespondents: 37, RelativeMarginFlag: 0.35, ConfidenceLevel: 0.9),
        new RegisterRules(GroupSizeMoreThan: 11, WithPropertyMoreThan: 4, ComplementarySuppression: true),
        new SymbolRules("..", ".", "*"),
        new CalibrationRules("raking", [16, 84], [new(["sex", "age_calibration"], 14, 8123456.5, "register"), new(["region_of_birth"], 3, 42, "store set s")]),
        new StandardisationRules(["sex", "age"], "reference"),
        new ChangeRules(2025, 1, 7),
        "abc",
        "code");

    public static TheoryData<string, double> Paths => new()
    {
        { RunRulePaths.SurveyMinRespondents, 37 },
        { RunRulePaths.SurveyRelativeMarginFlag, 0.35 },
        { RunRulePaths.SurveyConfidenceLevel, 0.9 },
        { RunRulePaths.RegisterGroupSizeMoreThan, 11 },
        { RunRulePaths.RegisterWithPropertyMoreThan, 4 },
        { RunRulePaths.CalibrationPopulation(0), 16 },
        { RunRulePaths.CalibrationPopulation(1), 84 },
        { RunRulePaths.CalibrationMarginCells(0), 14 },
        { RunRulePaths.CalibrationMarginTotal(0), 8123456.5 },
        { RunRulePaths.CalibrationMarginCells(1), 3 },
        { RunRulePaths.CalibrationMarginTotal(1), 42 },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Path_InTheProvenance_NamesTheNumberOfTheTypedRules(string path, double expected)
    {
        var provenance = new JsonObject { [RunRulePaths.Root] = JsonNode.Parse(Rules.ToJson()) };

        Assert.Equal(expected, Resolve(provenance, path));
    }

    [Fact]
    public void Path_ThatTheRulesDoNotHave_IsNotFound()
    {
        var provenance = new JsonObject { [RunRulePaths.Root] = JsonNode.Parse(Rules.ToJson()) };

        Assert.Null(Resolve(provenance, RunRulePaths.Root + ".survey.min_respondent"));
        Assert.Null(Resolve(provenance, RunRulePaths.CalibrationMarginCells(2)));
    }

    private static double? Resolve(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonArray array && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                ? (i < array.Count ? array[i] : null)
                : node?[part];
        }

        return node?.GetValue<double>();
    }
}

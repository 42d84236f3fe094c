using System.Text.Json;
using Barometer.Catalogue;
using Barometer.Production.Calibration;
using Barometer.Production.Changes;
using Barometer.Production.Runs;
using Barometer.Production.Survey;
using Barometer.Storage.Runs;

namespace Barometer.Production.Tests.Runs;

/// <summary>
/// The typed rules (<see cref="RunRules"/>) serialise to exactly the bytes the run stored before they were typed
/// (an anonymous object, reproduced here as the oracle), so stored runs, release provenance and seals are unchanged.
/// </summary>
public class RunRulesTests
{
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadDefault();

    public static TheoryData<string?, int?, int?, int?, double> Cases => new()
    {
        { null, null, null, null, 1234567 },
        { "0f3a9c", 2025, 1, 7, 8123456.5 },
        { "ab\"c\\d é", 2025, null, null, 0.1 + 0.2 },
        { "x", null, 3, 4, 1e21 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToJson_AnyRules_SameBytesAsTheAnonymousObjectBeforeIt(string? registerHash, int? previousWave, int? previousVersion, int? previousRun, double total)
    {
        var margins = new List<CalibrationMargins.Margin>
        {
            new(["sex", "age_calibration"], new SortedDictionary<string, double>(StringComparer.Ordinal) { ["1;16-24"] = total, ["2;16-24"] = 3.25 }),
            new(["region_of_birth"], new SortedDictionary<string, double>(StringComparer.Ordinal) { ["a"] = 1 }, "store set population_2025"),
        };
        var changeBase = previousVersion is { } v && previousRun is { } r ? new ChangeBase(previousWave ?? 0, v, r) : null;

        var typed = ProductionRun.Rules(Catalogue, margins, registerHash, previousWave, changeBase).ToJson();

        Assert.Equal(Legacy(Catalogue, margins, registerHash, previousWave, changeBase), typed);
    }

    [Fact]
    public void FromJson_WrittenRules_ReadBackToTheSameBytes()
    {
        var margins = new List<CalibrationMargins.Margin> { new(["sex"], new Dictionary<string, double> { ["1"] = 10.5, ["2"] = 11 }) };
        var json = ProductionRun.Rules(Catalogue, margins, "abc", 2025, new ChangeBase(2025, 2, 9)).ToJson();

        var read = RunRules.FromJson(json)!;

        Assert.Equal(json, read.ToJson());
        Assert.Equal(Catalogue.Quality.Survey.MinRespondents, read.Survey.MinRespondents);
        Assert.Equal((2025, 2, 9), (read.Changes.PreviousWave, read.Changes.PreviousVersion, read.Changes.PreviousRun));
        Assert.Equal(["sex"], read.Calibration.Margins[0].Variables);
    }

    /// <summary>The rules as the run wrote them before <see cref="RunRules"/> (ProductionRun.RulesJson at 1c491db).</summary>
    private static string Legacy(IndicatorCatalogue catalogue, IReadOnlyList<CalibrationMargins.Margin> margins, string? registerHash, int? previousWave, ChangeBase? changeBase)
    {
        var q = catalogue.Quality;
        return JsonSerializer.Serialize(new
        {
            survey = new { min_respondents = q.Survey.MinRespondents, relative_margin_flag = q.Survey.RelativeMarginFlag, confidence_level = q.Survey.ConfidenceLevel },
            register = new { group_size_more_than = q.Register.MinGroupSizeExclusive, with_property_more_than = q.Register.MinWithPropertyExclusive, complementary_suppression = q.Register.ComplementarySuppression },
            symbols = new { suppressed = q.Symbols.Suppressed, not_applicable = q.Symbols.NotApplicable, uncertain = q.Symbols.Uncertain },
            calibration = new
            {
                method = catalogue.Calibration.Method,
                population = new[] { catalogue.Calibration.Population.Min, catalogue.Calibration.Population.Max },
                margins = margins.Select(m => new { variables = m.Variables, cells = m.Totals.Count, total = m.Totals.Values.Sum(), source = m.Source }),
            },
            standardisation = new { variables = SurveyFrame.StandardisationVariables, standard = "reference group, register" },
            changes = new { previous_wave = previousWave, previous_version = changeBase?.Version, previous_run = changeBase?.RunId },
            register_sha256 = registerHash,
            register_code = registerHash is null ? null : ProductionRun.RegisterCode,
        });
    }
}

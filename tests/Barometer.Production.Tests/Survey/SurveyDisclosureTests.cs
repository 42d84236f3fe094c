using Barometer.Catalogue;
using Barometer.Production.Releases;
using Barometer.Production.Survey;
using Barometer.Storage.Results;

namespace Barometer.Production.Tests.Survey;

public sealed class SurveyDisclosureTests
{
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadDefault();

    private static ResultRow Level(string breakdown, string cell, string group, long respondents, double estimate) =>
        new("trust_parliament", breakdown, cell, group, Measure.Level, "survey", estimate, 0.02, estimate - 0.04, estimate + 0.04, 100,
            respondents, null, null, null, null, null);

    private static IReadOnlyList<ResultRow> Apply(List<ResultRow> levels) =>
        SurveyDisclosure.Apply(levels, [Catalogue.Indicator("trust_parliament")], Catalogue);

    [Fact]
    public void Apply_TooFewRespondents_SuppressedByTheMinimum()
    {
        var rows = Apply([Level("total", "", "all", 39, 0.4)]);
        Assert.Equal(SuppressionRules.SurveyMinRespondents, Assert.Single(rows).SuppressionRule);
        Assert.Null(rows[0].Estimate);
    }

    [Fact]
    public void Apply_OneSmallCellInABreakdown_AlsoHidesTheSmallestOtherPartByRespondents()
    {
        var rows = Apply([
            Level("total", "", "all", 600, 0.4), Level("age_survey", "16-29", "all", 30, 0.5), Level("age_survey", "30-44", "all", 200, 0.41),
            Level("age_survey", "45-64", "all", 150, 0.38), Level("age_survey", "65-84", "all", 220, 0.39),
        ]);
        Assert.Equal([null, SuppressionRules.SurveyMinRespondents, null, SuppressionRules.SurveyComplementary, null], rows.Select(r => r.SuppressionRule));
        Assert.True(DisclosureAudit.Check(rows, Catalogue, null).Passed);
    }

    [Fact]
    public void Apply_OneSmallGroup_AlsoHidesTheOtherGroupOfTheComparison()
    {
        // all = focal + reference: 30 foreign-born respondents are hidden, so the native-born go too — under both
        // labels, since they are the reference of both comparisons.
        var rows = Apply([
            Level("total", "", "all", 600, 0.4), Level("total", "", "foreign_vs_native:focal", 30, 0.3), Level("total", "", "foreign_vs_native:reference", 570, 0.405),
            Level("total", "", "outside_europe_vs_native:focal", 20, 0.25), Level("total", "", "outside_europe_vs_native:reference", 570, 0.405),
        ]);
        Assert.Equal([null, SuppressionRules.SurveyMinRespondents, SuppressionRules.SurveyComplementary, SuppressionRules.SurveyMinRespondents, SuppressionRules.SurveyComplementary], rows.Select(r => r.SuppressionRule));
        Assert.True(DisclosureAudit.Check(rows, Catalogue, null).Passed);
    }

    [Fact]
    public void Apply_RegionsOfBirthInFourGroupsAndEurope_SwedenIsOneCellUnderBoth()
    {
        // 35 respondents born in Sweden (a group that is mostly foreign-born): too few in both breakdowns, and each
        // breakdown, and the regions outside Sweden that both describe, then keep a second hidden cell.
        var rows = Apply([
            Level("total", "", "all", 600, 0.4),
            Level("birth_region_4", "1", "all", 35, 0.42), Level("birth_region_4", "2", "all", 45, 0.36), Level("birth_region_4", "3", "all", 200, 0.35), Level("birth_region_4", "4", "all", 320, 0.41),
            Level("birth_region_europe", "0", "all", 35, 0.42), Level("birth_region_europe", "1", "all", 290, 0.37), Level("birth_region_europe", "2", "all", 275, 0.42),
        ]);
        var hidden = rows.Where(r => r.IsSuppressed).Select(r => $"{r.Breakdown} {r.Cell} {r.SuppressionRule}").ToList();
        Assert.Contains("birth_region_4 1 survey.min_respondents", hidden);
        Assert.Contains("birth_region_europe 0 survey.min_respondents", hidden);
        Assert.Contains(hidden, h => h.StartsWith("birth_region_4 ", StringComparison.Ordinal) && h.EndsWith(SuppressionRules.SurveyComplementary, StringComparison.Ordinal));
        Assert.Contains(hidden, h => h.StartsWith("birth_region_europe ", StringComparison.Ordinal) && h.EndsWith(SuppressionRules.SurveyComplementary, StringComparison.Ordinal));
        Assert.True(DisclosureAudit.Check(rows, Catalogue, null).Passed, string.Join("\n", DisclosureAudit.Check(rows, Catalogue, null).Findings));
    }
}

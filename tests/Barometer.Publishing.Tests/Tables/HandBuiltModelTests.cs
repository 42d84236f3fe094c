using Barometer.Catalogue;
using Barometer.Publishing.Results;
using Barometer.Publishing.Selection;
using Barometer.Publishing.Tables;
using Barometer.Storage.Results;

namespace Barometer.Publishing.Tests.Tables;

/// <summary>A few hand-written results, so each number and symbol of the tables can be checked exactly.</summary>
public class HandBuiltModelTests
{
    private static readonly IndicatorCatalogue BarometerCatalogue = IndicatorCatalogue.LoadDefault();

    private static readonly DateTimeOffset Released = new(2024, 6, 18, 6, 0, 0, TimeSpan.Zero);

    private static PublishedResult Row(string indicator, string measure, string breakdown, string cell, string group, double? estimate, double? lower = null, double? upper = null,
        long? respondents = null, string? flag = null, string? rule = null, string source = "survey", int wave = 2024) =>
        new(wave, 1, new ResultRow(indicator, breakdown, cell, group, MeasureCodes.Parse(measure), source, estimate, null, lower, upper, null, respondents, null, null, null, flag, rule));

    private static PublicationModel Build(params PublishedResult[] rows)
    {
        var releases = rows.Select(r => r.Wave).Distinct().Select(w => new PublishedRelease(w, 1, w, Released.AddYears(w - 2024), Released.AddYears(w - 2024), null)).ToList();
        return PublicationModel.Build(BarometerCatalogue, new PublicView(Released.AddYears(1), releases, rows));
    }

    private static (double? Value, string? Status) At(PublishedTable table, params (string Variable, string Value)[] codes)
    {
        var cube = table.Query(new TableSelection([.. codes.Select(c => new VariableSelection(c.Variable, [c.Value]))]), 1);
        return (cube.Values[0], cube.Status[0]);
    }

    [Fact]
    public void Build_EmptyView_HasNoTables()
    {
        var model = PublicationModel.Build(BarometerCatalogue, new PublicView(Released, [], []));
        Assert.Empty(model.Tables);
        Assert.Null(model.Updated);
    }

    [Fact]
    public void Query_SurveyLevel_ScaledToPercentWithMarginAndLimits()
    {
        var model = Build(Row("trust_police", "level", "total", "", "all", 0.5, 0.46, 0.54, respondents: 812));
        var table = model.FindTable("trust_police")!;
        Assert.Equal(50, At(table, ("ContentsCode", "estimate")).Value!.Value, 1e-9);
        Assert.Equal(4, At(table, ("ContentsCode", "margin")).Value!.Value, 1e-9);
        Assert.Equal(46, At(table, ("ContentsCode", "ci_lower")).Value!.Value, 1e-9);
        Assert.Equal(54, At(table, ("ContentsCode", "ci_upper")).Value!.Value, 1e-9);
        Assert.Equal((812, null), At(table, ("ContentsCode", "count")));
        Assert.Equal((null, "."), At(table, ("ContentsCode", "change")));
        Assert.Equal((null, "."), At(table, ("Grupp", "foreign_vs_native:focal")));
    }

    [Fact]
    public void Query_FlaggedAndSuppressedRows_MarkerOrSymbol()
    {
        var model = Build(
            Row("trust_police", "level", "total", "", "foreign_vs_native:focal", 0.3, 0.1, 0.5, respondents: 60, flag: "survey.relative_margin"),
            Row("trust_police", "level", "total", "", "foreign_vs_native:reference", null, rule: "survey.min_respondents"),
            Row("trust_police", "gap", "total", "", "foreign_vs_native", null, rule: "survey.compared_group_suppressed"),
            Row("trust_police", "standardised_gap", "total", "", "foreign_vs_native", null, rule: "standardisation.empty_cell"),
            Row("trust_police", "change", "total", "", "foreign_vs_native:focal", null, rule: "change.previous_unavailable"));
        var table = model.FindTable("trust_police")!;
        var (value, status) = At(table, ("Grupp", "foreign_vs_native:focal"), ("ContentsCode", "estimate"));
        Assert.Equal(30, value!.Value, 1e-9);
        Assert.Equal("*", status);
        Assert.Null(At(table, ("Grupp", "foreign_vs_native:focal"), ("ContentsCode", "margin")).Status);
        Assert.Equal((null, ".."), At(table, ("Grupp", "foreign_vs_native:reference"), ("ContentsCode", "estimate")));
        Assert.Equal((null, ".."), At(table, ("Grupp", "foreign_vs_native:reference"), ("ContentsCode", "count")));
        Assert.Equal((null, ".."), At(table, ("Grupp", "foreign_vs_native:gap")));
        Assert.Equal((null, ".."), At(table, ("Grupp", "foreign_vs_native:standardised_gap")));
        Assert.Equal((null, "."), At(table, ("Grupp", "foreign_vs_native:focal"), ("ContentsCode", "change")));
    }

    [Fact]
    public void Query_GapsAndChanges_InPercentagePoints()
    {
        var model = Build(
            Row("trust_police", "gap", "total", "", "foreign_vs_native", -0.12, -0.2, -0.04),
            Row("trust_police", "change", "total", "", "gap:foreign_vs_native", 0.03, -0.01, 0.07),
            Row("trust_police", "change", "total", "", "standardised_gap:foreign_vs_native", -0.02, -0.05, 0.01));
        var table = model.FindTable("trust_police")!;
        Assert.Equal(-12, At(table, ("Grupp", "foreign_vs_native:gap")).Value!.Value, 1e-9);
        Assert.Equal(8, At(table, ("Grupp", "foreign_vs_native:gap"), ("ContentsCode", "margin")).Value!.Value, 1e-9);
        Assert.Equal(3, At(table, ("Grupp", "foreign_vs_native:gap"), ("ContentsCode", "change")).Value!.Value, 1e-9);
        Assert.Equal(4, At(table, ("Grupp", "foreign_vs_native:gap"), ("ContentsCode", "change_margin")).Value!.Value, 1e-9);
        Assert.Equal(-2, At(table, ("Grupp", "foreign_vs_native:standardised_gap"), ("ContentsCode", "change")).Value!.Value, 1e-9);
    }

    [Fact]
    public void Query_RatioGapAndKronor_RatioInPerCentLevelsUnscaled()
    {
        var model = Build(
            Row("median_earned_income", "level", "total", "", "all", 310_000, source: "register", respondents: 5000),
            Row("median_earned_income", "gap", "total", "", "foreign_vs_native", 0.78, source: "register"));
        var table = model.FindTable("median_earned_income")!;
        Assert.Equal((310_000, null), At(table, ("Grupp", "all")));
        Assert.Equal(78, At(table, ("Grupp", "foreign_vs_native:gap")).Value!.Value, 1e-9);
        Assert.Equal((null, "."), At(table, ("Grupp", "all"), ("ContentsCode", "margin")));
        Assert.Equal("kronor", table.FindDimension("ContentsCode")!.Values[0].Unit!.Sv);
    }

    [Fact]
    public void Query_RegisterDisclosure_IsXInEveryContents()
    {
        var model = Build(
            Row("employment_rate", "level", "kommun", "0180", "all", null, rule: "register.group_size", source: "register"),
            Row("employment_rate", "gap", "kommun", "0180", "foreign_vs_native", null, rule: "register.compared_group_suppressed", source: "register"),
            Row("employment_rate", "level", "total", "", "all", 0.8, source: "register", respondents: 100));
        var table = model.FindTable("employment_rate.kommun")!;
        var cube = table.Query(new TableSelection([new VariableSelection("kommun", ["0180"]), new VariableSelection("ContentsCode", ["estimate", "count"]), new VariableSelection("Grupp", ["all", "foreign_vs_native:gap"])]), 10);
        Assert.All(cube.Values, v => Assert.Null(v));
        Assert.All(cube.Status, s => Assert.Equal("x", s));

        // The breakdown table's total is the indicator's total.
        Assert.Equal(80, At(table, ("kommun", "total")).Value!.Value, 1e-9);
        Assert.Equal(80, At(table, ("Tid", "2024")).Value!.Value, 1e-9);
    }

    [Fact]
    public void Build_ResultsOfUnknownIndicatorsBreakdownsOrWavesWithoutRelease_AreLeftOut()
    {
        var rows = new[]
        {
            Row("no_such_indicator", "level", "total", "", "all", 0.5),
            Row("trust_police", "level", "no_such_breakdown", "1", "all", 0.5),
            Row("trust_police", "level", "total", "", "all", 0.5),
        };
        var releases = new List<PublishedRelease> { new(2024, 1, 1, Released, Released, null) };
        var withUnreleased = rows.Append(Row("trust_police", "level", "total", "", "all", 0.9, wave: 2025)).ToList();
        var model = PublicationModel.Build(BarometerCatalogue, new PublicView(Released, releases, withUnreleased));
        Assert.Null(model.FindTable("no_such_indicator"));
        Assert.Null(model.FindTable("trust_police.no_such_breakdown"));
        var table = model.FindTable("trust_police")!;
        Assert.Equal(["2024"], table.FindDimension("Tid")!.Values.Select(v => v.Code));
        Assert.Equal(50, At(table, ("Tid", "2024")).Value!.Value, 1e-9);
    }
}

using Barometer.Catalogue;
using Barometer.Catalogue.Quality;
using Barometer.Production.Register;
using Barometer.Production.Results;

namespace Barometer.Production.Tests.Register;

public sealed class RegisterDisclosureTests
{
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadDefault();
    private static readonly RegisterQualityRules Rules20And5 = new(20, 5, true);

    private static ResultRow Level(string breakdown, string cell, string group, long persons, long withProperty) =>
        new("turnout_riksdag", breakdown, cell, group, Measure.Level, "register", (double)withProperty / persons,
            null, null, null, null, persons, withProperty, null, null, null, null);

    [Fact]
    public void Apply_GroupOfTwentyOrFewer_SuppressedByGroupSizeRule()
    {
        var rows = RegisterDisclosure.Apply([Level("total", "", "all", 20, 10)], [Catalogue.Indicator("turnout_riksdag")], Rules20And5);
        Assert.Equal(Rules.RegisterGroupSize, Assert.Single(rows).SuppressionRule);
        Assert.Null(rows[0].Estimate);
    }

    [Fact]
    public void Apply_FiveOrFewerWithProperty_SuppressedByPropertyRule()
    {
        var rows = RegisterDisclosure.Apply([Level("total", "", "all", 100, 5)], [Catalogue.Indicator("turnout_riksdag")], Rules20And5);
        Assert.Equal(Rules.RegisterWithProperty, Assert.Single(rows).SuppressionRule);
    }

    [Fact]
    public void Apply_OneSmallCellInABreakdown_AlsoHidesTheSmallestOtherCell()
    {
        var rows = RegisterDisclosure.Apply(
            [Level("total", "", "all", 1000, 600), Level("sex", "1", "all", 10, 6), Level("sex", "2", "all", 990, 594)],
            [Catalogue.Indicator("turnout_riksdag")], Rules20And5);
        Assert.Null(rows[0].SuppressionRule);
        Assert.Equal(Rules.RegisterGroupSize, rows[1].SuppressionRule);
        Assert.Equal(Rules.RegisterComplementary, rows[2].SuppressionRule);
    }

    [Fact]
    public void Apply_SmallKommunInALan_HidesAnotherKommunOfThatLanOnly()
    {
        var rows = RegisterDisclosure.Apply(
            [Level("kommun", "0114", "all", 15, 8), Level("kommun", "0180", "all", 500, 300), Level("kommun", "0115", "all", 300, 200), Level("kommun", "1280", "all", 30, 20), Level("kommun", "1281", "all", 400, 200)],
            [Catalogue.Indicator("turnout_riksdag")], Rules20And5);
        Assert.Equal([Rules.RegisterGroupSize, null, Rules.RegisterComplementary, null, null], rows.Select(r => r.SuppressionRule));
    }

    [Fact]
    public void Apply_FocalGroupHidden_ReferenceHiddenWhileAllIsPublished()
    {
        var rows = RegisterDisclosure.Apply(
            [Level("total", "", "all", 1000, 600), Level("total", "", "foreign_vs_native:focal", 15, 9), Level("total", "", "foreign_vs_native:reference", 985, 591)],
            [Catalogue.Indicator("turnout_riksdag")], Rules20And5);
        Assert.Null(rows[0].SuppressionRule);
        Assert.Equal(Rules.RegisterGroupSize, rows[1].SuppressionRule);
        Assert.Equal(Rules.RegisterComplementary, rows[2].SuppressionRule);
    }

    [Fact]
    public void Apply_WithoutComplementarySuppression_OnlyPrimaryRules()
    {
        var rows = RegisterDisclosure.Apply(
            [Level("sex", "1", "all", 10, 6), Level("sex", "2", "all", 990, 594)],
            [Catalogue.Indicator("turnout_riksdag")], Rules20And5 with { ComplementarySuppression = false });
        Assert.Equal([Rules.RegisterGroupSize, null], rows.Select(r => r.SuppressionRule));
    }

    [Fact]
    public void Apply_NearlyEveryoneHasTheProperty_SuppressedByTheRuleTheOtherWay()
    {
        // 22 of 24 employed: the 2 without the property are as exposed as 2 with it would be.
        var alone = RegisterDisclosure.Apply([Level("total", "", "all", 24, 22)], [Catalogue.Indicator("turnout_riksdag")], Rules20And5);
        Assert.Equal(Rules.RegisterWithoutProperty, Assert.Single(alone).SuppressionRule);
        var rows = RegisterDisclosure.Apply([Level("total", "", "all", 200, 185), Level("sex", "1", "all", 100, 95), Level("sex", "2", "all", 100, 90)],
            [Catalogue.Indicator("turnout_riksdag")], Rules20And5);
        Assert.Null(rows[0].SuppressionRule);
        Assert.Equal(Rules.RegisterWithoutProperty, rows[1].SuppressionRule);
        Assert.Equal(Rules.RegisterComplementary, rows[2].SuppressionRule);
    }

    [Fact]
    public void Apply_NativeBornUnderTwoLabels_IsOneCellAndHiddenUnderBoth()
    {
        // Kommun 0584: 2 foreign-born, both voted, none born outside Europe (so outside_europe_vs_native has no focal
        // row). The native-born are the reference of both comparisons; hiding only one copy would let
        // all − native-born give the 2 foreign-born away.
        var rows = RegisterDisclosure.Apply(
            [
                Level("kommun", "0584", "all", 502, 402),
                Level("kommun", "0584", "foreign_vs_native:focal", 2, 2),
                Level("kommun", "0584", "foreign_vs_native:reference", 500, 400),
                Level("kommun", "0584", "outside_europe_vs_native:reference", 500, 400),
            ],
            [Catalogue.Indicator("turnout_riksdag")], Rules20And5);
        Assert.Null(rows[0].SuppressionRule);
        Assert.Equal(Rules.RegisterGroupSize, rows[1].SuppressionRule);
        Assert.Equal(Rules.RegisterComplementary, rows[2].SuppressionRule);
        Assert.Equal(Rules.RegisterComplementary, rows[3].SuppressionRule);
    }
}

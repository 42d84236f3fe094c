using Barometer.Catalogue;
using Barometer.Production.Disclosure;

namespace Barometer.Production.Tests.Disclosure;

public sealed class NestedBreakdownsTests
{
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadDefault();
    private static readonly NestedBreakdowns Nesting = NestedBreakdowns.From(Catalogue);

    private static List<string> Describe(params string[] breakdowns) =>
        [.. Nesting.Among(breakdowns).Select(r => $"{r.BreakdownA} {string.Join('+', r.CodesA)} = {r.BreakdownB} {string.Join('+', r.CodesB)}")];

    [Fact]
    public void From_RegionsOfBirth_ShareSwedenTheNordicCountriesAndTheRest()
    {
        // Both are maps of the country of birth; EU/EFTA holds Switzerland (Europe outside the EU among the world
        // regions), the rest of the world holds Russia (also Europe outside the EU): only their union is comparable.
        Assert.Equal(["birth_region_4 1 = birth_region_8 0", "birth_region_4 2 = birth_region_8 1", "birth_region_4 3+4 = birth_region_8 2+3+4+5+6+7+8+9"],
            Describe("birth_region_4", "birth_region_8"));
        Assert.False(Nesting.Refines("birth_region_8", "birth_region_4"));
    }

    [Fact]
    public void From_WorldRegions_RefineEuropeOrNot()
    {
        Assert.True(Nesting.Refines("birth_region_8", "birth_region_europe"));
        Assert.Contains("birth_region_8 1+2+3 = birth_region_europe 1", Describe("birth_region_8", "birth_region_europe"));
        Assert.Contains("birth_region_8 4+5+6+7+8 = birth_region_europe 2", Describe("birth_region_8", "birth_region_europe"));
    }

    [Fact]
    public void From_KommunerAndLan_EachLanIsItsKommuner()
    {
        Assert.True(Nesting.Refines("kommun", "lan"));
        Assert.False(Nesting.Refines("lan", "kommun"));
        var kalmar = Assert.Single(Nesting.Among(["kommun", "lan"]), r => r.CodesB.SequenceEqual(["08"]));
        Assert.All(kalmar.CodesA, k => Assert.StartsWith("08", k, StringComparison.Ordinal));
        Assert.Equal(12, kalmar.CodesA.Count);
        Assert.True(Nesting.Refines("lan", "riksomrade"));
    }

    [Fact]
    public void From_YearsInSwedenBands_RelateOnlyWhereEveryYearHasABandInBoth()
    {
        // 0 years is in the 0–1 band of the one and in no band of the other: the short bands are not comparable.
        Assert.Equal(["years_in_sweden_4 10+ = years_in_sweden_5 10-19+20+", "years_in_sweden_4 inr = years_in_sweden_5 inr"],
            Describe("years_in_sweden_4", "years_in_sweden_5"));
    }

    [Fact]
    public void From_BreakdownsOfDifferentVariables_AreNotRelated()
    {
        Assert.Empty(Describe("education_level", "parents_education_level", "sex", "age_labour", "residence_ground"));
    }
}

namespace Barometer.Catalogue.Tests.Classifications;

/// <summary>Every country of birth maps to exactly one region in each of the three groupings, consistently.</summary>
public class CountryTests
{
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadDefault();
    private static readonly string[] Groupings = ["birth_region_4", "birth_region_8", "birth_region_europe"];

    [Fact]
    public void Countries_EachMapToExactlyOneExistingRegionPerGrouping()
    {
        var countries = Catalogue.Classification("countries");
        Assert.Equal(Groupings, countries.MapsTo);
        Assert.True(countries.Codes.Count >= 249, "every ISO 3166-1 country is listed");
        foreach (var country in countries.Codes)
        {
            Assert.Matches("^[A-Z]{2}$", country.Code);
            Assert.Equal(Groupings.Order(StringComparer.Ordinal), country.Mappings.Keys.Order(StringComparer.Ordinal));
            foreach (var grouping in Groupings)
            {
                Assert.True(Catalogue.Classification(grouping).Contains(country.Mappings[grouping]), $"{country.Code} → {grouping} {country.Mappings[grouping]}");
            }
        }

        Assert.Equal(countries.Codes.Count, countries.Codes.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public void Groupings_AreConsistentWithTheWorldRegions()
    {
        var countries = Catalogue.Classification("countries");
        foreach (var country in countries.Codes)
        {
            var region8 = country.Mappings["birth_region_8"];
            var europe = country.Mappings["birth_region_europe"];
            var region4 = country.Mappings["birth_region_4"];
            var expectedEurope = region8 switch { "0" => "0", "1" or "2" or "3" => "1", "9" => "9", _ => "2" };
            Assert.Equal(expectedEurope, europe);
            Assert.Equal(region8 == "0", region4 == "1");
            Assert.Equal(region8 == "1", region4 == "2");
            if (region8 == "2")
            {
                Assert.Equal("3", region4);
            }
        }
    }

    [Theory]
    [InlineData("SE", "1", "0", "0")]
    [InlineData("FI", "2", "1", "1")]
    [InlineData("NO", "2", "1", "1")]
    [InlineData("PL", "3", "2", "1")]
    [InlineData("CY", "3", "2", "1")]
    [InlineData("CH", "3", "3", "1")]
    [InlineData("GB", "4", "3", "1")]
    [InlineData("YU", "4", "3", "1")]
    [InlineData("BA", "4", "3", "1")]
    [InlineData("SY", "4", "5", "2")]
    [InlineData("TR", "4", "5", "2")]
    [InlineData("IQ", "4", "5", "2")]
    [InlineData("SO", "4", "4", "2")]
    [InlineData("ER", "4", "4", "2")]
    [InlineData("US", "4", "6", "2")]
    [InlineData("MX", "4", "6", "2")]
    [InlineData("CL", "4", "7", "2")]
    [InlineData("AU", "4", "8", "2")]
    [InlineData("XX", "4", "9", "9")]
    public void Country_MapsToTheExpectedRegions(string code, string region4, string region8, string europe)
    {
        var countries = Catalogue.Classification("countries");
        Assert.Equal(region4, countries.MapTo("birth_region_4", code));
        Assert.Equal(region8, countries.MapTo("birth_region_8", code));
        Assert.Equal(europe, countries.MapTo("birth_region_europe", code));
    }

    [Fact]
    public void Countries_HaveSwedishAndEnglishNames()
    {
        var countries = Catalogue.Classification("countries");
        Assert.Equal("Syrien", countries["SY"].Label.Sv);
        Assert.Equal("Syria", countries["SY"].Label.En);
        Assert.Equal("Storbritannien", countries["GB"].Label.Sv);
    }
}

namespace Barometer.Catalogue.Tests.Classifications;

/// <summary>The 21 län and 290 kommuner of 2025 with SCB's codes.</summary>
public class RegionTests
{
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadDefault();

    private static readonly string[] LanCodes =
        ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21", "22", "23", "24", "25"];

    [Fact]
    public void Lan_Has21CountiesWithSCBCodes()
    {
        var lan = Catalogue.Classification("lan");
        Assert.Equal(LanCodes, lan.Codes.Select(c => c.Code));
        Assert.Equal("Stockholms län", lan["01"].Label.Sv);
        Assert.Equal("Norrbotten County", lan["25"].Label.En);
    }

    [Fact]
    public void Kommun_Has290MunicipalitiesOfFourDigitsInTheirCounty()
    {
        var kommun = Catalogue.Classification("kommun");
        Assert.Equal(290, kommun.Codes.Count);
        Assert.Equal(290, kommun.Codes.Select(c => c.Code).Distinct().Count());
        foreach (var code in kommun.Codes)
        {
            Assert.Matches("^[0-9]{4}$", code.Code);
            Assert.Equal(code.Code[..2], kommun.MapTo("lan", code.Code));
        }

        Assert.Equal("Stockholm", kommun["0180"].Label.Sv);
        Assert.Equal("Göteborg", kommun["1480"].Label.Sv);
        Assert.Equal("Malmö", kommun["1280"].Label.Sv);
        Assert.Equal("Kiruna", kommun["2584"].Label.Sv);
        Assert.Equal(LanCodes, kommun.Codes.Select(c => kommun.MapTo("lan", c.Code)).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("01", 26)]
    [InlineData("09", 1)]
    [InlineData("12", 33)]
    [InlineData("14", 49)]
    [InlineData("25", 14)]
    public void Kommun_CountPerCounty_MatchesSCB(string lan, int count)
    {
        var kommun = Catalogue.Classification("kommun");
        Assert.Equal(count, kommun.Codes.Count(c => kommun.MapTo("lan", c.Code) == lan));
    }

    /// <summary>
    /// The municipality list is the public code list copied unchanged (its source and SHA-256 are in
    /// catalogue/classifications/README.md and kommun.yaml); an edit must be a deliberate new copy with a new hash.
    /// </summary>
    [Fact]
    public void Kommuner_AreThePublishedListUnchanged()
    {
        var shipped = File.ReadAllBytes(Path.Combine(Catalogue.Directory, "classifications", "kommuner.csv"));
        Assert.Equal("67231be90bf963dfaae89f70157ec41a0f35ab86ee3265feda93438dc277497e",
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(shipped)));
    }

    [Fact]
    public void KommunerCsvCountyNames_AgreeWithLan()
    {
        var lan = Catalogue.Classification("lan");
        var rows = File.ReadAllLines(Path.Combine(Catalogue.Directory, "classifications", "kommuner.csv")).Skip(1).Select(l => l.Split(','));
        foreach (var row in rows)
        {
            Assert.Equal(lan[row[2]].Label.Sv, row[3]);
        }
    }

    [Fact]
    public void Lan_EachMapsToARiksomrade()
    {
        var lan = Catalogue.Classification("lan");
        Assert.Equal("SE11", lan.MapTo("riksomrade", "01"));
        Assert.Equal("SE22", lan.MapTo("riksomrade", "12"));
        Assert.Equal(8, lan.Codes.Select(c => lan.MapTo("riksomrade", c.Code)).Distinct().Count());
    }
}

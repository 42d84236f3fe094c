using Barometer.Catalogue.Classifications;
using Barometer.Catalogue.Expressions;

namespace Barometer.Catalogue.Tests.Classifications;

public class SwedishBackgroundTests
{
    [Theory]
    // Foreign-born: always utländsk bakgrund, whatever is known of the parents.
    [InlineData(true, true, true, "1")]
    [InlineData(true, false, false, "1")]
    [InlineData(true, null, null, "1")]
    // Born in Sweden: two foreign-born parents → utländsk; at least one Swedish-born → svensk.
    [InlineData(false, true, true, "2")]
    [InlineData(false, true, false, "3")]
    [InlineData(false, false, true, "3")]
    [InlineData(false, false, false, "4")]
    // Imputation: an unknown parent of a Swedish-born person counts as Swedish-born.
    [InlineData(false, true, null, "3")]
    [InlineData(false, null, true, "3")]
    [InlineData(false, null, null, "4")]
    [InlineData(false, null, false, "4")]
    public void Derive_AppliesSCBsRuleWithImputation(bool bornAbroad, bool? mother, bool? father, string expected) =>
        Assert.Equal(expected, SwedishBackground.Derive(bornAbroad, mother, father));

    [Theory]
    [InlineData("1", true)]
    [InlineData("2", true)]
    [InlineData("3", false)]
    [InlineData("4", false)]
    public void IsForeignBackground_GroupsTheDetailedCodes(string detail, bool foreign) =>
        Assert.Equal(foreign, SwedishBackground.IsForeignBackground(detail));

    [Theory]
    [InlineData("SY", "SY", "SY", "1", "1")]
    [InlineData("SE", "IQ", "SY", "2", "1")]
    [InlineData("SE", "IQ", null, "3", "2")]
    [InlineData("SE", null, null, "4", "2")]
    [InlineData("SE", "FI", "SE", "3", "2")]
    [InlineData("FI", null, null, "1", "1")]
    public void CatalogueDerivation_UsesTheRuleAndMapsToBakgrund(string person, string? mother, string? father, string detail, string background)
    {
        var catalogue = IndicatorCatalogue.LoadDefault();
        var raw = new Dictionary<string, Value>
        {
            ["birth_country"] = Value.Of(person),
            ["mother_birth_country"] = Value.Of(mother),
            ["father_birth_country"] = Value.Of(father),
        };
        var get = catalogue.Evaluator.For(name => raw.GetValueOrDefault(name));
        Assert.Equal(detail, get("background_detail").Text);
        Assert.Equal(background, get("background").Text);
        Assert.Equal(background == "1", get("foreign_background").Boolean);
        Assert.Equal(person != "SE", get("foreign_born").Boolean);
        Assert.Equal(catalogue.Classification("bakgrund_detalj").MapTo("bakgrund", detail), background);
    }
}

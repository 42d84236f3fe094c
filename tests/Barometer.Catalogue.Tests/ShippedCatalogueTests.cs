using Barometer.Catalogue.Loading;

namespace Barometer.Catalogue.Tests;

public class ShippedCatalogueTests
{
    [Fact]
    public void TryLoad_ShippedCatalogue_HasNoProblems()
    {
        var result = IndicatorCatalogue.TryLoad(CatalogueLocator.Locate());
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
    }
}

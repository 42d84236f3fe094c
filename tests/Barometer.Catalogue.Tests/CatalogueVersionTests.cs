namespace Barometer.Catalogue.Tests;

public class CatalogueVersionTests
{
    [Fact]
    public void Version_IsTheDeclaredVersionPlusAContentHash_ThatChangesWithAnyEdit()
    {
        using var copy = new CatalogueCopy();
        var original = IndicatorCatalogue.LoadDefault().Version;
        var copied = IndicatorCatalogue.Load(copy.Directory).Version;
        Assert.Equal("2025.1", original.Declared);
        Assert.Equal(original, copied);
        Assert.Matches("^[0-9a-f]{64}$", original.ContentHash);

        copy.Replace("questionnaire.yaml", "Hur stort förtroende har du för polisen?", "Hur stort förtroende har du för Polisen?");
        var edited = IndicatorCatalogue.Load(copy.Directory).Version;
        Assert.Equal(original.Declared, edited.Declared);
        Assert.NotEqual(original.ContentHash, edited.ContentHash);
    }
}

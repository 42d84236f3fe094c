using Barometer.Catalogue.Documentation;

namespace Barometer.Catalogue.Tests.Documentation;

public class CatalogueMarkdownTests
{
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadDefault();

    [Fact]
    public void CommittedDocument_IsWhatTheGeneratorProducesNow()
    {
        var path = Path.Combine(Catalogue.Directory, "..", "docs", "catalogue.md");
        Assert.True(File.Exists(path), "docs/catalogue.md is missing: run ./barometer catalogue doc --out docs/catalogue.md");
        var committed = File.ReadAllText(path);
        Assert.True(committed == CatalogueMarkdown.Render(Catalogue),
            "docs/catalogue.md is stale: run ./barometer catalogue doc --out docs/catalogue.md and commit it");
    }

    [Fact]
    public void Render_ListsEveryIndicatorInBothLanguages()
    {
        var markdown = CatalogueMarkdown.Render(Catalogue);
        foreach (var indicator in Catalogue.Indicators)
        {
            Assert.Contains($"### `{indicator.Id}` — {indicator.Name.Sv} / {indicator.Name.En}", markdown, StringComparison.Ordinal);
            Assert.Contains(indicator.Definition.Sv, markdown, StringComparison.Ordinal);
            Assert.Contains(indicator.Definition.En, markdown, StringComparison.Ordinal);
        }
    }
}

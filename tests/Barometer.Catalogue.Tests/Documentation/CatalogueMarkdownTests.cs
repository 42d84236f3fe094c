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

    [Fact]
    public void Render_NamesEachSubGoalsHeadlineIndicatorsUnderItsHeading()
    {
        var markdown = CatalogueMarkdown.Render(Catalogue);
        Assert.Contains("`headline: [ids]` in `catalogue/subgoals.yaml`", markdown, StringComparison.Ordinal);
        foreach (var subGoal in Catalogue.SubGoals)
        {
            var heading = markdown.IndexOf($"## {subGoal.Order}. {subGoal.Name.Sv} / {subGoal.Name.En}", StringComparison.Ordinal);
            var line = markdown.IndexOf("Nyckelindikatorer / Headline indicators: " + string.Join(", ", subGoal.Headline.Select(id => $"`{id}`")) + "\n", heading, StringComparison.Ordinal);
            var firstIndicator = markdown.IndexOf("### `", heading, StringComparison.Ordinal);
            Assert.True(heading >= 0 && line > heading && line < firstIndicator, subGoal.Id);
        }

        Assert.Contains("Nyckelindikatorer / Headline indicators: `belonging`, `experienced_discrimination`\n", markdown, StringComparison.Ordinal);
    }
}

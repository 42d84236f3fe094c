using System.Text.Json;
using Barometer.Dashboard.Tests.Hosting;

namespace Barometer.Dashboard.Tests.Pages;

/// <summary>The method page's quality section: four captioned tables with scoped headers, and axe finds nothing serious or critical in it.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class QualitySectionTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("/metod")]
    [InlineData("/en/method")]
    public async Task QualitySection_Tables_AreCaptionedAndPassAxe(string path)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path);
        var section = page.Locator("section[aria-labelledby='quality']");

        foreach (var id in new[] { "quality-strata", "quality-groups", "quality-partials", "quality-bias" })
        {
            var table = section.Locator("table#" + id);
            Assert.Equal(1, await table.CountAsync());
            Assert.False(string.IsNullOrWhiteSpace(await table.Locator("caption").InnerTextAsync()), id);
            Assert.True(await table.Locator("tbody tr").CountAsync() > 0, id);
            Assert.Equal(await table.Locator("th").CountAsync(), await table.Locator("th[scope]").CountAsync());
        }

        await page.AddScriptTagAsync(new() { Path = RepositoryFiles.AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document.querySelector(\"section[aria-labelledby='quality']\"), { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)");
        Assert.True(violations.GetArrayLength() == 0, path + ": " + violations);
    }
}

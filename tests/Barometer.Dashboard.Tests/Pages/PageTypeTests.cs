using Barometer.Dashboard.Tests.Hosting;
using Microsoft.Playwright;

namespace Barometer.Dashboard.Tests.Pages;

[Collection(BrowserTestGroup.Name)]
public sealed class PageTypeTests(BrowserFixture fixture)
{
    [Theory]
    [MemberData(nameof(DashboardPages.All), MemberType = typeof(DashboardPages))]
    public async Task Open_EachPageTypeInEachLanguage_RendersLanguageLandmarksAndCharts(string type, string language, string path)
    {
        var page = await fixture.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(1, await page.Locator("main#main").CountAsync());
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        Assert.Equal(1, await page.Locator("a.skip-link[href='#main']").CountAsync());
        var charts = page.Locator("[data-spec]");
        if (type != "method")
        {
            Assert.True(await charts.CountAsync() > 0, $"{path} has no chart");
            await page.WaitForSelectorAsync("html[data-charts-drawn='true']", new() { Timeout = 30_000 });
            Assert.Equal(await charts.CountAsync(), await page.Locator("[data-spec][data-rendered='true']").CountAsync());
            Assert.True(await page.Locator("[data-spec] svg").CountAsync() > 0);

            // Every chart has its summary, its table and its downloads.
            var figures = page.Locator("figure.chart");
            Assert.Equal(await charts.CountAsync(), await figures.CountAsync());
            Assert.Equal(await charts.CountAsync(), await page.Locator("figure.chart p.summary").CountAsync());
            Assert.Equal(await charts.CountAsync(), await page.Locator("figure.chart table").CountAsync());
            foreach (var format in new[] { "csv", "xlsx", "px", "json-stat2", "api" })
            {
                Assert.Equal(await charts.CountAsync(), await page.Locator($"figure.chart a[data-format='{format}']").CountAsync());
            }
        }

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(DashboardPages.All), MemberType = typeof(DashboardPages))]
    public async Task LanguageSwitch_EachPage_OpensTheSameViewInTheOtherLanguage(string type, string language, string path)
    {
        _ = type;
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path + "?breakdown=sex");
        await page.Locator("a.lang-switch").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Equal(language == "sv" ? "en" : "sv", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("breakdown=sex", page.Url, StringComparison.Ordinal);
        await page.Locator("a.lang-switch").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Equal(fixture.BaseUrl + path + "?breakdown=sex", page.Url);
    }
}

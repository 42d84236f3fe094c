using Barometer.Dashboard.Tests.Hosting;
using Microsoft.Playwright;

namespace Barometer.Dashboard.Tests.Documentation;

/// <summary>A test that runs only when <c>BAROMETER_SCREENSHOTS=1</c>: it rewrites the files in docs/screenshots/.</summary>
public sealed class ScreenshotFactAttribute : FactAttribute
{
    public const string Variable = "BAROMETER_SCREENSHOTS";

    public ScreenshotFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"regenerates docs/screenshots; run with {Variable}=1";
        }
    }
}

/// <summary>
/// The screenshots in docs/screenshots/ (referenced from the README): every page type at desktop (1280 px) and phone
/// (390 px) width. Not part of the default run: <c>BAROMETER_SCREENSHOTS=1 dotnet test tests/Barometer.Dashboard.Tests
/// --filter FullyQualifiedName~ScreenshotTests</c>.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ScreenshotTests(BrowserFixture fixture)
{
    private static readonly (string Name, string Path)[] Views =
    [
        ("start-sv", "/"),
        ("start-en", "/en"),
        ("subgoal-sv", "/delmal/democratic"),
        ("indicator-register-sv", "/indikator/employment_rate?breakdown=years_in_sweden_4&kommun=0180&kommun=1480&kommun=2584"),
        ("indicator-survey-en", "/en/indicator/belonging?breakdown=age_survey&gap=standardised"),
        ("method-sv", "/metod"),
    ];

    /// <summary>The local level (issue 20): profiles of a county and a municipality, and a map of municipalities.</summary>
    private static readonly (string Name, string Path)[] LocalViews =
    [
        ("profile-kommun-sv", "/kommun/0180"),
        ("profile-county-en", "/en/county/12"),
        ("map-kommun-sv", "/karta?indicator=employment_rate&level=kommun&group=focal"),
        ("map-lan-gap-en", "/en/map?indicator=employment_rate&level=lan&group=gap"),
    ];

    [ScreenshotFact]
    public Task Screenshots_EveryPageType_WrittenToDocs() => Write(Views);

    /// <summary>Only the local level's screenshots: <c>--filter FullyQualifiedName~Screenshots_LocalLevel</c>.</summary>
    [ScreenshotFact]
    public Task Screenshots_LocalLevel_WrittenToDocs() => Write(LocalViews);

    private async Task Write((string Name, string Path)[] views)
    {
        var folder = Path.Combine(RepositoryFiles.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        foreach (var (width, height, suffix) in new[] { (1280, 1800, "desktop"), (390, 1600, "phone") })
        {
            foreach (var (name, path) in views)
            {
                var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
                {
                    ViewportSize = new ViewportSize { Width = width, Height = height },
                    BaseURL = fixture.BaseUrl,
                    DeviceScaleFactor = 1,
                });
                var page = await context.NewPageAsync();
                await page.GotoAsync(path);
                if (!name.StartsWith("method", StringComparison.Ordinal))
                {
                    await page.WaitForSelectorAsync("html[data-charts-drawn='true']", new() { Timeout = 60_000 });
                }

                var file = Path.Combine(folder, $"{name}-{suffix}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = false });
                Assert.True(new FileInfo(file).Length > 10_000);
                await context.CloseAsync();
            }
        }
    }
}

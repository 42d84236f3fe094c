using System.Text.Json;
using Barometer.Dashboard.Tests.Hosting;
using Barometer.Publishing.Tables;
using Barometer.Web.Dashboard.Figures;
using Barometer.Web.Dashboard.Tables;
using Microsoft.Playwright;

namespace Barometer.Dashboard.Tests.Pages;

/// <summary>The local level: county and municipality profiles, the comparison chooser and the choropleth maps.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AreaPageTests(BrowserFixture fixture)
{
    private const string Indicator = DashboardPages.RegisterIndicator;
    private const string Comparison = "foreign_vs_native";

    public static TheoryData<string, string, string, int> Profiles => new()
    {
        // path, language, the area's name, rows per indicator table (the area, its county for a municipality, Sweden)
        { "/lan/12", "sv", "Skåne län", 2 },
        { "/en/county/12", "en", "Skåne County", 2 },
        { "/kommun/0180", "sv", "Stockholm", 3 },
        { "/en/municipality/0180", "en", "Stockholm", 3 },
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Profile_CountyAndMunicipalityInEachLanguage_TablesTrendExpectedAndLocatorMap(string path, string language, string name, int rows)
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
        Assert.Equal(name, (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.WaitForSelectorAsync("html[data-charts-drawn='true']", new() { Timeout = 30_000 });
        Assert.Equal(await page.Locator("[data-spec]").CountAsync(), await page.Locator("[data-spec][data-rendered='true']").CountAsync());

        // Every register indicator with a table at this level has its table, with the default comparison areas.
        var level = path.Contains("lan", StringComparison.Ordinal) || path.Contains("county", StringComparison.Ordinal) ? "lan" : "kommun";
        var expectedTables = fixture.Model.Tables.Count(t => t.Breakdown == level && t.Id.EndsWith("." + level, StringComparison.Ordinal)
            && fixture.Host.Services.GetService(typeof(Barometer.Catalogue.IndicatorCatalogue)) is Barometer.Catalogue.IndicatorCatalogue c
            && c.FindIndicator(t.Indicator) is { } i && i.Source.Kind == Barometer.Catalogue.Indicators.SourceKind.Register && i.Comparisons.Count > 0);
        var tables = page.Locator("table[data-indicator]");
        Assert.Equal(expectedTables, await tables.CountAsync());
        var employment = page.Locator($"table[data-indicator='{Indicator}'] tbody tr");
        Assert.Equal(rows, await employment.CountAsync());
        var labels = (await page.Locator($"table[data-indicator='{Indicator}'] tbody th").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        Assert.Equal(name, labels[0]);
        Assert.Equal(language == "sv" ? "Riket" : "Sweden", labels[^1]);

        // The figures are the published ones: the area's foreign-born level equals the API table's cell.
        var cells = new CubeCells(DashboardQuery.For(Indicator + "." + level, (level, labels.Count == 3 ? "0180" : "12"), (TableCodes.Group, TableCodes.Focal(Comparison)), (TableCodes.Contents, TableCodes.Estimate), (TableCodes.Time, "top(1)")).Run(fixture.Model)!);
        var cell = cells.Get();
        var ui = language == "sv" ? Barometer.Web.Dashboard.Localization.DashboardUi.Swedish : Barometer.Web.Dashboard.Localization.DashboardUi.English;
        var shown = (await page.Locator($"table[data-indicator='{Indicator}'] tbody tr").First.Locator("td").First.InnerTextAsync()).Trim();
        Assert.Equal(cell.Value is { } v ? ui.Number(v, 1) : cell.Status, shown.Split(' ')[0]);

        // Trend, expected versus actual and the locator map.
        Assert.Equal(1, await page.Locator("figure#trend table").CountAsync());
        Assert.True(await page.Locator("#expected-table tbody tr").CountAsync() >= 1);
        Assert.True(await page.Locator("#locator svg path").CountAsync() > 1);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Profile_SuppressedCell_ShowsItsSymbolNeverZero()
    {
        var (code, symbol) = SuppressedMunicipality();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/kommun/" + code);
        var first = page.Locator($"table[data-indicator='{Indicator}'] tbody tr").First.Locator("td").First;
        Assert.Equal(symbol, (await first.InnerTextAsync()).Trim());
        Assert.Equal(symbol, await first.GetAttributeAsync("data-symbol"));
    }

    [Fact]
    public async Task Map_SuppressedMunicipality_IsDrawnHatchedNotColoured()
    {
        var (code, symbol) = SuppressedMunicipality();
        var cells = KommunCells();
        var all = cells.Values("kommun").Where(v => v.Code != TableCodes.Total).ToList();
        var hidden = all.Count(v => Focal(cells, v.Code).Value is null);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/karta?indicator={Indicator}&level=kommun&group=focal");
        await page.WaitForSelectorAsync("html[data-charts-drawn='true']", new() { Timeout = 30_000 });
        var suppressed = page.Locator($"#map g.{MapFigures.SuppressedLayer}_marks path");
        var coloured = page.Locator($"#map g.{MapFigures.ValuesLayer}_marks path");
        Assert.Equal(hidden, await suppressed.CountAsync());
        Assert.Equal(all.Count - hidden, await coloured.CountAsync());
        var hatchFills = await suppressed.EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('fill'))");
        Assert.All(hatchFills, f => Assert.Equal($"url(#{MapFigures.SuppressedPattern})", f));
        var scaleFills = await coloured.EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('fill'))");
        Assert.DoesNotContain(scaleFills, f => f.Contains(MapFigures.SuppressedPattern, StringComparison.Ordinal));

        // The table says the same: the suppressed municipality has its symbol and a link to its profile.
        var name = all.First(v => v.Code == code).Label.Sv;
        var row = page.Locator("#map table tbody tr").Filter(new() { Has = page.Locator($"th a[href='/kommun/{code}']") });
        Assert.Equal(name, (await row.Locator("th").TextContentAsync())!.Trim());
        Assert.Equal(symbol, (await row.Locator("td").Nth(1).TextContentAsync())!.Trim());
        Assert.Contains(hidden.ToString(System.Globalization.CultureInfo.InvariantCulture) + " redovisas inte", await page.Locator("#map p.summary").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kommun", "gap")]
    [InlineData("lan", "reference")]
    public async Task Map_EachLevelAndGroup_DrawsEveryArea(string level, string group)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/en/map?indicator={Indicator}&level={level}&group={group}");
        await page.WaitForSelectorAsync("html[data-charts-drawn='true']", new() { Timeout = 30_000 });
        var paths = await page.Locator($"#map g.{MapFigures.SuppressedLayer}_marks path, #map g.{MapFigures.ValuesLayer}_marks path").CountAsync();
        Assert.Equal(level == "lan" ? 21 : 290, paths);
        Assert.Equal(level == "lan" ? 21 : 290, await page.Locator("#map table tbody tr").CountAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ComparisonChooser_OtherMunicipalitiesWithoutSweden_TablesShowTheChosenAreas(bool javaScript)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            BaseURL = fixture.BaseUrl,
            JavaScriptEnabled = javaScript,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/kommun/0180");
        Assert.True(await page.Locator("#compare-county").IsCheckedAsync());
        Assert.True(await page.Locator("#compare-sweden").IsCheckedAsync());
        await page.Locator("#compare-areas").SelectOptionAsync(["1480", "1280"]);
        await page.Locator("#compare-sweden").UncheckAsync();
        await page.Locator("#comparison-chooser button[type='submit']").ClickAsync();
        await page.WaitForURLAsync("**area=1280*");
        Assert.DoesNotContain("sweden=", page.Url, StringComparison.Ordinal);
        var labels = (await page.Locator($"table[data-indicator='{Indicator}'] tbody th").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        Assert.Equal(["Stockholm", "Stockholms län", "Malmö", "Göteborg"], labels);
        var trend = (await page.Locator("figure#trend table tbody td:first-of-type").AllTextContentsAsync()).Select(t => t.Trim()).Distinct().ToList();
        Assert.Equal(["Stockholm", "Malmö", "Göteborg"], trend);
        Assert.False(await page.Locator("#compare-sweden").IsCheckedAsync());

        // The other language keeps the choices.
        await page.Locator("a.lang-switch").ClickAsync();
        await page.WaitForURLAsync("**/en/municipality/0180?*");
        var english = (await page.Locator($"table[data-indicator='{Indicator}'] tbody th").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        Assert.Equal(["Stockholm", "Stockholm County", "Malmö", "Göteborg"], english);
        await context.CloseAsync();
    }

    [Fact]
    public async Task Profile_UnknownArea_NotFound()
    {
        var page = await fixture.NewPageAsync();
        var kommun = (await page.APIRequest.GetAsync("/kommun/9999")).Status;
        var county = (await page.APIRequest.GetAsync("/en/county/99")).Status;
        Assert.Equal((404, 404), (kommun, county));
    }

    [Theory]
    [InlineData("/lan/01")]
    [InlineData("/en/county/01")]
    [InlineData("/kommun/0180?chosen=1&county=1&sweden=1&area=1480")]
    [InlineData("/en/municipality/0180")]
    [InlineData("/karta")]
    [InlineData("/en/map?level=lan&group=gap")]
    public async Task Axe_ProfilesAndMaps_NoSeriousOrCriticalViolation(string path)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("html[data-charts-drawn='true']", new() { Timeout = 30_000 });
        await page.AddScriptTagAsync(new() { Path = RepositoryFiles.AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | ') }))");
        var serious = violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}, {v.GetProperty("nodes").GetInt32()} nodes: {v.GetProperty("target").GetString()})")
            .ToList();
        Assert.True(serious.Count == 0, path + ": " + string.Join("; ", serious));
    }

    private CubeCells KommunCells() => new(DashboardQuery.For(Indicator + ".kommun", ("kommun", "*"), (TableCodes.Group, TableCodes.Focal(Comparison)), (TableCodes.Contents, TableCodes.Estimate), (TableCodes.Time, "top(1)")).Run(fixture.Model)!);

    private static CubeCell Focal(CubeCells cells, string code) => cells.Get(("kommun", code));

    /// <summary>A municipality whose foreign-born employment rate is suppressed in the latest public wave, and its symbol.</summary>
    private (string Code, string Symbol) SuppressedMunicipality()
    {
        var cells = KommunCells();
        var hidden = cells.Values("kommun").Where(v => v.Code != TableCodes.Total).Select(v => (v.Code, Cell: Focal(cells, v.Code))).FirstOrDefault(c => c.Cell.Value is null);
        Assert.True(hidden.Code is not null, "the test store has no suppressed municipality");
        return (hidden.Code, hidden.Cell.Status!);
    }
}

using System.Globalization;
using System.Text.Json;
using Barometer.Dashboard.Tests.Hosting;
using Barometer.Web.Dashboard.Tables;

namespace Barometer.Dashboard.Tests.Pages;

[Collection(BrowserTestGroup.Name)]
public sealed class InteractionTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("/indikator/" + DashboardPages.RegisterIndicator)]
    [InlineData("/en/indicator/" + DashboardPages.SurveyIndicator)]
    public async Task Breakdown_Switched_ShowsThatBreakdownWithADeepLink(string path)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path);
        var tabs = page.Locator("a[data-breakdown]");
        Assert.True(await tabs.CountAsync() >= 3);
        foreach (var breakdown in new[] { "sex", "years_in_sweden_4", "education_level" })
        {
            await page.Locator($"a[data-breakdown='{breakdown}']").ClickAsync();
            await page.WaitForURLAsync($"**breakdown={breakdown}*");
            Assert.Equal("true", await page.GetAttributeAsync($"a[data-breakdown='{breakdown}']", "aria-current"));
            var api = await page.GetAttributeAsync("figure#breakdown a[data-format='api']", "href");
            Assert.Contains($".{breakdown}/data", api, StringComparison.Ordinal);
            if (breakdown.StartsWith("years_in_sweden", StringComparison.Ordinal))
            {
                // The integration curve: the native-born level as the reference line.
                var caption = await page.Locator("figure#breakdown figcaption").InnerTextAsync();
                Assert.Contains(path.StartsWith("/en", StringComparison.Ordinal) ? "Integration curve" : "Integrationskurva", caption, StringComparison.Ordinal);
            }

            // The URL alone reproduces the view.
            var again = await fixture.NewPageAsync();
            await again.GotoAsync(page.Url);
            Assert.Equal(await page.Locator("figure#breakdown figcaption").InnerTextAsync(), await again.Locator("figure#breakdown figcaption").InnerTextAsync());
        }
    }

    [Fact]
    public async Task GapToggle_Standardised_ShowsTheStandardisedGapAndBack()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/indikator/" + DashboardPages.SurveyIndicator + "?breakdown=sex");
        Assert.Contains("Skillnad mellan grupperna", await page.Locator("figure#gap figcaption").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("a[data-gap='standardised']").ClickAsync();
        await page.WaitForURLAsync("**gap=standardised*");
        Assert.Contains("breakdown=sex", page.Url, StringComparison.Ordinal);
        Assert.Contains("standardiserad", await page.Locator("figure#gap figcaption").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("standardised_gap", await page.GetAttributeAsync("figure#gap a[data-format='api']", "href"), StringComparison.Ordinal);
        await page.Locator("a[data-gap='raw']").ClickAsync();
        await page.WaitForURLAsync("**gap=raw*");
        Assert.Contains("Skillnad mellan grupperna", await page.Locator("figure#gap figcaption").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KommunPicker_TwoChosen_ShowsThemSideBySideWithTheCountry()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/en/indicator/" + DashboardPages.RegisterIndicator);
        await page.Locator("#kommun-picker").SelectOptionAsync(["0180", "1480"]);
        await page.Locator("form button[type='submit']").ClickAsync();
        await page.WaitForURLAsync("**kommun=1480*");
        Assert.Contains("kommun=0180", page.Url, StringComparison.Ordinal);
        var rows = (await page.Locator("figure#kommuner table tbody th").AllTextContentsAsync()).Select(r => r.Trim()).ToList();
        Assert.Contains("Stockholm", rows);
        Assert.Contains("Göteborg", rows);
        Assert.Contains("Sweden", rows);
        await page.WaitForSelectorAsync("figure#kommuner [data-rendered='true'] svg");
        var selected = await page.Locator("#kommun-picker").EvaluateAsync<string[]>("s => Array.from(s.selectedOptions).map(o => o.value)");
        Assert.Equal(["0180", "1480"], selected);
    }

    [Fact]
    public async Task CsvDownload_TrendChart_HasTheApiJsonStatNumbers()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/indikator/" + DashboardPages.SurveyIndicator);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("figure#trend a[data-format='csv']").ClickAsync());
        var file = await download.PathAsync();
        var csv = await File.ReadAllTextAsync(file);

        var jsonUrl = await page.GetAttributeAsync("figure#trend a[data-format='api']", "href");
        var response = await page.APIRequest.GetAsync(fixture.BaseUrl + jsonUrl);
        Assert.True(response.Ok);
        using var json = JsonDocument.Parse(await response.TextAsync());
        var expected = JsonStatValues(json.RootElement);
        Assert.NotEmpty(expected);

        // The CSV rounds each number to its contents' decimals (JSON-stat keeps them full).
        var numbers = CsvNumbers(csv);
        foreach (var (value, decimals) in expected)
        {
            var tolerance = (0.5 * Math.Pow(10, -decimals)) + 1e-9;
            Assert.Contains(numbers, n => Math.Abs(n - value) <= tolerance);
        }

        // The page's table shows the same estimates, with a decimal comma.
        var cells = await page.Locator("figure#trend table tbody tr td:nth-child(3)").AllTextContentsAsync();
        var shown = cells.Select(c => c.Trim().Split(' ')[0]).Where(c => c.Length > 0 && char.IsDigit(c[^1]))
            .Select(c => double.Parse(c.Replace('\u2212', '-'), NumberStyles.Number, CultureInfo.GetCultureInfo("sv-SE"))).ToList();
        Assert.NotEmpty(shown);
        var estimates = expected.Where(e => e.Decimals == expected[0].Decimals).ToList();
        foreach (var value in shown)
        {
            Assert.Contains(numbers, n => Math.Abs(n - value) <= (0.5 * Math.Pow(10, -estimates[0].Decimals)) + 1e-9);
        }
    }

    /// <summary>Each non-null value of a JSON-stat 2.0 dataset with the decimals of its ContentsCode category.</summary>
    private static List<(double Value, int Decimals)> JsonStatValues(JsonElement root)
    {
        var ids = root.GetProperty("id").EnumerateArray().Select(i => i.GetString()!).ToList();
        var sizes = root.GetProperty("size").EnumerateArray().Select(i => i.GetInt32()).ToList();
        var contents = ids.IndexOf("ContentsCode");
        var category = root.GetProperty("dimension").GetProperty("ContentsCode").GetProperty("category");
        var index = category.GetProperty("index");
        var codes = index.ValueKind == JsonValueKind.Array
            ? index.EnumerateArray().Select(c => c.GetString()!).ToList()
            : index.EnumerateObject().OrderBy(p => p.Value.GetInt32()).Select(p => p.Name).ToList();
        var decimals = codes.Select(c => category.GetProperty("unit").GetProperty(c).GetProperty("decimals").GetInt32()).ToList();
        var stride = sizes.Skip(contents + 1).Aggregate(1, (a, b) => a * b);
        var result = new List<(double, int)>();
        var i = 0;
        foreach (var value in root.GetProperty("value").EnumerateArray())
        {
            if (value.ValueKind == JsonValueKind.Number)
            {
                result.Add((value.GetDouble(), decimals[i / stride % sizes[contents]]));
            }

            i++;
        }

        return result;
    }

    [Fact]
    public async Task SuppressedCell_ChosenKommun_ShowsItsSymbolExplainedNeverZero()
    {
        // A kommun whose foreign-born estimate the public table hides, found through the table model.
        var query = DashboardQuery.For(DashboardPages.RegisterIndicator + ".kommun", ("kommun", "*"), ("Grupp", "foreign_vs_native:focal"), ("ContentsCode", "estimate"), ("Tid", "top(1)"));
        var cube = query.Run(fixture.Model)!;
        var kommuner = cube.Dimension("kommun").Values;
        var hidden = Enumerable.Range(0, kommuner.Count).First(i => cube.Values[i] is null && cube.Status[i] is not null && kommuner[i].Code != "total");
        var code = kommuner[hidden].Code;
        var symbol = cube.Status[hidden]!;

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/indikator/{DashboardPages.RegisterIndicator}?kommun={code}&kommun=0180");
        var cell = page.Locator($"figure#kommuner td.symbol[data-symbol='{symbol}']");
        Assert.True(await cell.CountAsync() > 0);
        Assert.Equal(symbol, (await cell.First.TextContentAsync())!.Trim());
        var explained = await page.Locator("figure#kommuner dl.symbols dt").AllInnerTextsAsync();
        Assert.Contains(symbol, explained);
        var spec = await page.Locator("#kommuner-spec").TextContentAsync();
        using var document = JsonDocument.Parse(spec!);
        var point = document.RootElement.GetProperty("data").GetProperty("values").EnumerateArray()
            .First(v => v.GetProperty("category").GetString() == code && v.GetProperty("series").GetString() == "foreign_vs_native:focal");
        Assert.Equal(JsonValueKind.Null, point.GetProperty("estimate").ValueKind);
        Assert.Equal(symbol, point.GetProperty("symbol").GetString());
    }

    [Theory]
    [InlineData("/indikator/" + DashboardPages.RegisterIndicator + "?breakdown=sex", "sv", "Dela tabellen", "Länk till tabellen:")]
    [InlineData("/en/indicator/" + DashboardPages.SurveyIndicator + "?breakdown=sex", "en", "Share the table", "Link to the table:")]
    public async Task Share_SavesTheChartsQuery_AndShowsALinkThatOpensItsTable(string path, string lang, string button, string done)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path);
        var share = page.Locator("figure#breakdown .share");
        Assert.Contains(button, await share.Locator("button").InnerTextAsync(), StringComparison.Ordinal);
        await share.Locator("button").ClickAsync();
        var link = share.Locator("a[data-shared-query]");
        await link.WaitForAsync();
        Assert.Contains(done, await share.Locator(".share-result").InnerTextAsync(), StringComparison.Ordinal);
        var href = (await link.GetAttributeAsync("href"))!;
        Assert.Matches("/api/v2/savedqueries/[A-Za-z0-9_-]{22}/data$", href);

        // The link opens the chart's table (HTML), with the same numbers as the chart's own API query.
        var id = (await link.GetAttributeAsync("data-shared-query"))!;
        var saved = await page.APIRequest.GetAsync($"/api/v2/savedqueries/{id}");
        using var document = JsonDocument.Parse(await saved.TextAsync());
        Assert.Equal(lang, document.RootElement.GetProperty("savedQuery").GetProperty("language").GetString());
        var api = (await page.GetAttributeAsync("figure#breakdown a[data-format='api']", "href"))!;
        var viaSaved = await page.APIRequest.GetAsync($"/api/v2/savedqueries/{id}/data?outputFormat=csv");
        var viaApi = await page.APIRequest.GetAsync(api + "&outputFormat=csv");
        Assert.Equal(200, viaSaved.Status);
        Assert.Equal(await viaApi.TextAsync(), await viaSaved.TextAsync());
        var opened = await fixture.NewPageAsync();
        var response = await opened.GotoAsync(href);
        Assert.Equal(200, response!.Status);
        Assert.True(await opened.Locator("table").CountAsync() > 0);
    }

    /// <summary>Every cell of a CSV that reads as a number (comma-separated, quoted text allowed).</summary>
    private static List<double> CsvNumbers(string csv)
    {
        var numbers = new List<double>();
        var separator = csv.Split('\n')[0].Contains(';', StringComparison.Ordinal) ? ';' : csv.Split('\n')[0].Contains('\t', StringComparison.Ordinal) ? '\t' : ',';
        foreach (var line in csv.Split('\n'))
        {
            foreach (var raw in line.Split(separator))
            {
                var cell = raw.Trim().Trim('"');
                if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    numbers.Add(value);
                }
            }
        }

        return numbers;
    }
}

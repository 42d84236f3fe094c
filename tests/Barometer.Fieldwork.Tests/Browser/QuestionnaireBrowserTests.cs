using System.Text.Json;
using Barometer.Fieldwork.Tests.Hosting;
using Microsoft.Playwright;

namespace Barometer.Fieldwork.Tests.Browser;

/// <summary>
/// The web questionnaire in a real browser, in every language: a respondent answers it all by clicking, routing
/// skips what it should, switching language keeps the answers, Arabic and Persian are laid out right to left, and
/// axe-core reports no serious or critical violation. With <c>BAROMETER_SCREENSHOTS=1</c> each language's first
/// question page is written to docs/screenshots/fieldwork/ at phone width.
/// </summary>
[Trait("Category", "Browser")]
public sealed class QuestionnaireBrowserTests
{
    public static TheoryData<string> Languages => ["sv", "en", "ar", "fa", "so", "ti", "uk"];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Respondent_AnswersTheWholeQuestionnaire_InTheLanguage_WithoutSeriousAxeViolations(string language)
    {
        await using var session = await BrowserSession.StartAsync();
        var page = await session.NewPageAsync();
        await page.GotoAsync("/?lang=" + language);
        await AssertLanguageAndDirection(page, language);
        await AssertNoSeriousViolations(page, "login " + language);

        await page.FillAsync("#code", session.Host.Codes[101].Printed);
        await page.ClickAsync("form[action='/login'] button[type=submit]");
        await page.WaitForURLAsync("**/q/work?lang=" + language);
        await AssertLanguageAndDirection(page, language);
        await AssertNoSeriousViolations(page, "first page " + language);
        if (Environment.GetEnvironmentVariable("BAROMETER_SCREENSHOTS") == "1")
        {
            var folder = Path.Combine(BrowserSession.RepositoryRoot, "docs", "screenshots", "fieldwork");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"work-{language}-phone.png"), FullPage = true });
        }

        var blocks = new List<string>();
        for (var guard = 0; guard < 30 && page.Url.Contains("/q/", StringComparison.Ordinal); guard++)
        {
            blocks.Add(new Uri(page.Url).AbsolutePath["/q/".Length..]);
            foreach (var fieldset in await page.Locator("form#page fieldset").AllAsync())
            {
                // The first alternative's label, clicked as a person would.
                await fieldset.Locator(".option label").First.ClickAsync();
            }

            await page.ClickAsync("form#page button[value=next]");
            await page.WaitForLoadStateAsync();
        }

        Assert.EndsWith("/done?lang=" + language, page.Url, StringComparison.Ordinal);
        await AssertLanguageAndDirection(page, language);
        // Person 101 is foreign-born and 25: asked the language and youth blocks, so all twelve pages.
        Assert.Equal(FieldTestHost.Catalogue.Questionnaire.Blocks.Select(b => b.Id), blocks);
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("fa")]
    public async Task RightToLeftLanguages_LayOutTheRadioGroupsFromTheRight(string language)
    {
        await using var session = await BrowserSession.StartAsync();
        var page = await session.NewPageAsync();
        await page.GotoAsync("/?lang=" + language);
        await page.FillAsync("#code", session.Host.Codes[105].Printed);
        await page.ClickAsync("form[action='/login'] button[type=submit]");
        await page.WaitForURLAsync("**/q/work?lang=" + language);

        Assert.Equal("rtl", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('main')).direction"));
        var radio = await page.Locator(".option input").First.BoundingBoxAsync();
        var label = await page.Locator(".option label").First.BoundingBoxAsync();
        Assert.True(radio!.X > label!.X, $"the radio ({radio.X}) should be right of its label ({label.X})");
        var legend = await page.Locator("legend").First.BoundingBoxAsync();
        var fieldset = await page.Locator("fieldset").First.BoundingBoxAsync();
        Assert.True(legend!.X + legend.Width > fieldset!.X + (fieldset.Width / 2), "the legend should start at the right");
        // The code field stays left to right (the code is Latin).
        await page.GotoAsync("/stopped?lang=" + language);
        Assert.Equal("rtl", await page.EvaluateAsync<string>("() => document.documentElement.dir"));
    }

    [Fact]
    public async Task SwitchingLanguage_KeepsTheAnswersAndThePage_AndRoutingSkipsForTheNativeBorn()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = await session.NewPageAsync();
        await page.GotoAsync("/?lang=sv");
        await page.FillAsync("#code", session.Host.Codes[102].Printed);
        await page.ClickAsync("form[action='/login'] button[type=submit]");
        await page.WaitForURLAsync("**/q/work?lang=sv");
        await page.ClickAsync("label[for='q_employed_now-1']");
        await page.ClickAsync("form#page button[value=next]");

        // Person 102 is native-born and 40: the language block is skipped, trust comes second.
        await page.WaitForURLAsync("**/q/trust?lang=sv");
        await page.ClickAsync("label[for='q_trust_police-4']");
        await page.ClickAsync("form#page button[value='lang:uk']");
        await page.WaitForURLAsync("**/q/trust?lang=uk");
        Assert.True(await page.IsCheckedAsync("#q_trust_police-4"));
        await AssertLanguageAndDirection(page, "uk");

        await page.ClickAsync("label[for='q_trust_courts-2']");
        await page.ClickAsync("form#page button[value='lang:ar']");
        await page.WaitForURLAsync("**/q/trust?lang=ar");
        await AssertLanguageAndDirection(page, "ar");
        Assert.True(await page.IsCheckedAsync("#q_trust_police-4"));
        Assert.True(await page.IsCheckedAsync("#q_trust_courts-2"));

        await page.ClickAsync("form#page button[value=back]");
        await page.WaitForURLAsync("**/q/work?lang=ar");
        Assert.True(await page.IsCheckedAsync("#q_employed_now-1"));
    }

    private static async Task AssertLanguageAndDirection(IPage page, string language)
    {
        Assert.Equal(language, await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        Assert.Equal(language is "ar" or "fa" ? "rtl" : "ltr", await page.EvaluateAsync<string>("() => document.documentElement.dir"));
    }

    private static async Task AssertNoSeriousViolations(IPage page, string what)
    {
        await page.AddScriptTagAsync(new() { Path = BrowserSession.AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | ') }))");
        var serious = violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}, {v.GetProperty("nodes").GetInt32()} nodes: {v.GetProperty("target").GetString()})")
            .ToList();
        Assert.True(serious.Count == 0, what + ": " + string.Join("; ", serious));
    }
}

using System.Text.Json;
using Barometer.Dashboard.Tests.Hosting;

namespace Barometer.Dashboard.Tests.Pages;

[Collection(BrowserTestGroup.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    [Theory]
    [MemberData(nameof(DashboardPages.All), MemberType = typeof(DashboardPages))]
    public async Task Axe_EachPageType_ReportsNoSeriousOrCriticalViolation(string type, string language, string path)
    {
        _ = (type, language);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path + (type == "indicator" ? "?kommun=0180&kommun=1480&gap=standardised" : string.Empty));
        if (type != "method")
        {
            await page.WaitForSelectorAsync("html[data-charts-drawn='true']", new() { Timeout = 30_000 });
        }

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

    [Theory]
    [InlineData("/")]
    [InlineData("/en/indicator/" + DashboardPages.RegisterIndicator + "?kommun=0180&kommun=1480")]
    [InlineData("/indikator/" + DashboardPages.SurveyIndicator)]
    [InlineData("/metod")]
    public async Task Keyboard_TabOnly_ReachesEveryControl(string path)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path);
        var controls = await page.EvaluateAsync<int>(
            "() => { const all = Array.from(document.querySelectorAll('a[href], button, select, input:not([type=hidden]), summary, textarea'))" +
            ".filter(e => e.getClientRects().length > 0 && !e.closest('[inert]')); all.forEach((e, i) => e.dataset.kb = String(i)); return all.length; }");
        Assert.True(controls > 5);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        for (var press = 0; press < (controls * 3) + 20 && reached.Count < controls; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            var kb = await page.EvaluateAsync<string?>("() => document.activeElement?.dataset?.kb ?? null");
            if (kb is not null)
            {
                reached.Add(kb);
            }
        }

        var missed = await page.EvaluateAsync<string[]>(
            "reached => Array.from(document.querySelectorAll('[data-kb]')).filter(e => !reached.includes(e.dataset.kb)).map(e => e.outerHTML.slice(0, 80))",
            reached.ToArray());
        Assert.True(missed.Length == 0, "not reached by Tab: " + string.Join(" | ", missed));
    }

    [Fact]
    public async Task SkipLink_FirstTab_IsTheSkipLinkAndMovesFocusToMain()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }
}

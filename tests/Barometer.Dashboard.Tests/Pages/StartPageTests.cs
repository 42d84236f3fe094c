using System.Globalization;
using Barometer.Catalogue;
using Barometer.Dashboard.Tests.Hosting;
using Barometer.Web.Dashboard.Tables;

namespace Barometer.Dashboard.Tests.Pages;

/// <summary>The start page leads each sub-goal with the headline indicators the catalogue chooses (subgoals.yaml).</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class StartPageTests(BrowserFixture fixture)
{
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadDefault();

    [Theory]
    [InlineData("/", "sv")]
    [InlineData("/en", "en")]
    public async Task Open_EachSubGoal_ShowsItsHeadlineIndicatorsInTheCataloguesOrder(string path, string language)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path);
        foreach (var subGoal in Catalogue.SubGoals)
        {
            // Every headline indicator of the shipped catalogue is public in the test release, so all of them show.
            var headline = Catalogue.HeadlineIndicatorsOf(subGoal.Id);
            Assert.All(headline, i => Assert.True(fixture.Model.FindTable(i.Id) is not null, $"{i.Id} is not published"));

            var card = page.Locator($"section.card[aria-labelledby='sg-{subGoal.Id}']");
            var links = card.Locator(".headline h3 a");
            var names = (await links.AllInnerTextsAsync()).Select(n => n.Trim()).ToList();
            Assert.Equal(headline.Select(i => language == "en" ? i.Name.En : i.Name.Sv), names);
            var prefix = language == "en" ? "/en/indicator/" : "/indikator/";
            for (var i = 0; i < headline.Count; i++)
            {
                Assert.Equal(prefix + headline[i].Id, await links.Nth(i).GetAttributeAsync("href"));
            }

            // The card's chart is the first headline indicator's groups.
            var api = await card.Locator("figure.chart a[data-format='api']").GetAttributeAsync("href");
            Assert.Contains($"/tables/{headline[0].Id}/data", api, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Open_ChosenHeadlineBeyondTheFirstTwo_ShowsItsLatestPublicLevel()
    {
        // trust_parliament is the democratic sub-goal's second headline but its seventh indicator: it is on the start
        // page only because the catalogue chooses it, and its figure is the public table's latest estimate.
        const string Id = "trust_parliament";
        Assert.DoesNotContain(Id, Catalogue.IndicatorsOf("democratic").Take(2).Select(i => i.Id));
        Assert.Contains(Id, Catalogue.SubGoal("democratic").Headline);
        var indicator = Catalogue.Indicator(Id);
        var focal = indicator.Comparisons[0] + ":focal";
        var cube = DashboardQuery.For(Id, ("Grupp", focal), ("ContentsCode", "estimate"), ("Tid", "top(1)")).Run(fixture.Model)!;
        var expected = cube.Values[0];
        Assert.NotNull(expected);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        var headline = page.Locator("section.card[aria-labelledby='sg-democratic'] .headline").Filter(new() { Has = page.Locator($"h3 a[href='/indikator/{Id}']") });
        Assert.Equal(1, await headline.CountAsync());
        var label = (await headline.Locator("dl.figures dt").First.InnerTextAsync()).Trim();
        Assert.EndsWith(cube.Dimension("Tid").Values[0].Code, label, StringComparison.Ordinal);
        var shown = (await headline.Locator("dl.figures dd").First.InnerTextAsync()).Trim().Split(' ')[0];
        var value = double.Parse(shown.Replace('\u2212', '-'), NumberStyles.Number, CultureInfo.GetCultureInfo("sv-SE"));
        Assert.Equal(Math.Round(expected!.Value, indicator.Decimals, MidpointRounding.AwayFromZero), value, 1e-9);
    }
}

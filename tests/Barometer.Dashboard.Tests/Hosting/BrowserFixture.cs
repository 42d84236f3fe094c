using Barometer.Publishing.Tables;
using Barometer.Web.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Barometer.Dashboard.Tests.Hosting;

/// <summary>
/// One host and one headless Chromium for the browser tests: Debian's <c>/usr/bin/chromium</c> (installed by
/// scripts/install-system-deps.sh), driven by Playwright; no Playwright browser is downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public DashboardHost Host { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => Host.BaseUrl;

    /// <summary>The public tables as the dashboard sees them now (for choosing what to look for on a page).</summary>
    public PublicationModel Model => Host.Services.GetRequiredService<PublicationState>().Current();

    public async Task InitializeAsync()
    {
        Host.Start();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    /// <summary>A fresh page at <paramref name="width"/> × 900 pixels (1280 desktop, 390 phone).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            AcceptDownloads = true,
            BaseURL = BaseUrl,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

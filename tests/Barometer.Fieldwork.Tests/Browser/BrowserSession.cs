using Barometer.Fieldwork.Tests.Hosting;
using Microsoft.Playwright;

namespace Barometer.Fieldwork.Tests.Browser;

/// <summary>
/// A field host on a loopback port and a headless Chromium looking at it: Debian's <c>/usr/bin/chromium</c> (installed
/// by scripts/install-system-deps.sh, with fonts-noto-core for the Arabic and Ethiopic scripts) driven by Playwright;
/// no Playwright browser is downloaded. The drafts are offered (<c>--allow-draft-translations</c>), as in the demo.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private BrowserSession(FieldTestHost host, IPlaywright playwright, IBrowser browser)
    {
        Host = host;
        _playwright = playwright;
        Browser = browser;
    }

    public FieldTestHost Host { get; }

    public IBrowser Browser { get; }

    public static string AxeScript => Path.Combine(RepositoryRoot, "src", "Barometer.Web", "Dashboard", "client", "node_modules", "axe-core", "axe.min.js");

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Barometer.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("no Barometer.slnx above " + AppContext.BaseDirectory);
        }
    }

    public static async Task<BrowserSession> StartAsync()
    {
        var host = new FieldTestHost(new Dictionary<string, string?> { ["Fieldwork:AllowDraftTranslations"] = "true" });
        host.StartOnLoopback();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        return new BrowserSession(host, playwright, browser);
    }

    /// <summary>A fresh page at phone width (390 × 844) unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(int width = 390, int height = 844)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = Host.BaseUrl,
            DeviceScaleFactor = 1,

            // The host's strict Content-Security-Policy (no script at all) would block the injected axe-core script.
            BypassCSP = true,
        });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        await Host.DisposeAsync();
    }
}

using Barometer.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Barometer.Dashboard.Tests.Hosting;

/// <summary>
/// The whole web host (API and dashboard) on a real loopback port, so a browser can load it: Kestrel on port 0,
/// the shared released store (<see cref="ReleasedStore.Shared"/>) and a fake clock at <see cref="ReleasedStore.Now"/>
/// — waves 2022–2024 public, 2025 embargoed until tomorrow, 2026 unreleased.
/// </summary>
public sealed class DashboardHost : WebApplicationFactory<Program>
{
    public FakeTimeProvider Clock { get; } = new(ReleasedStore.Now);

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public void Start()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Publication:Backend"] = "duckdb",
            ["Publication:Store"] = ReleasedStore.Shared.StorePath,
            ["Publication:MaxCallsPerTimeWindow"] = "0",
            ["Publication:ReloadSeconds"] = "3600",
            ["Publication:MaxSavedQueriesPerTimeWindow"] = "0",
            ["Publication:SavedQueries"] = Path.Combine(ReleasedStore.Shared.Root, "dashboard-saved-" + Guid.NewGuid().ToString("N") + ".duckdb"),
        };
        builder.UseEnvironment("Production");
        builder.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}

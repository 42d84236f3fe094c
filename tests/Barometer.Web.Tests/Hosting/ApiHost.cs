using System.Collections.Concurrent;
using Barometer.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Barometer.Web.Tests.Hosting;

/// <summary>
/// The web host in memory over one backend, with a fake clock at <see cref="ReleasedStore.Now"/> and no rate limit
/// unless a test asks for one. <see cref="Shared"/> hosts are for tests that change nothing (not the clock, not the
/// settings); a test that does creates its own with <see cref="Create"/> and disposes it.
/// </summary>
public sealed class ApiHost : WebApplicationFactory<Program>
{
    private static readonly ConcurrentDictionary<string, Lazy<ApiHost>> SharedHosts = new();

    private readonly Dictionary<string, string?> _settings;

    private ApiHost(string backend, IReadOnlyDictionary<string, string?>? overrides)
    {
        Backend = backend;
        var settings = new Dictionary<string, string?>(PublicationBackends.Settings(backend))
        {
            ["Publication:MaxCallsPerTimeWindow"] = "0",
            ["Publication:ReloadSeconds"] = "3600",
            ["Publication:MaxSavedQueriesPerTimeWindow"] = "0",
            // Each host its own saved-query file (DuckDB backend), unless a test names one to share.
            ["Publication:SavedQueries"] = Path.Combine(ReleasedStore.Shared.Root, "saved-" + Guid.NewGuid().ToString("N") + ".duckdb"),
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        _settings = settings;
    }

    public string Backend { get; }

    public FakeTimeProvider Clock { get; } = new(ReleasedStore.Now);

    /// <summary>A host shared by the tests that change nothing.</summary>
    public static ApiHost Shared(string backend) =>
        SharedHosts.GetOrAdd(backend, b => new Lazy<ApiHost>(() => new ApiHost(b, null))).Value;

    /// <summary>A host of one's own, with settings on top of the defaults.</summary>
    public static ApiHost Create(string backend, IReadOnlyDictionary<string, string?>? settings = null) => new(backend, settings);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (_settings.TryGetValue(PeerAddressSetting, out var peer) && peer is not null)
            {
                services.AddSingleton<IStartupFilter>(new PeerAddress(System.Net.IPAddress.Parse(peer)));
            }
        });
    }

    /// <summary>A test setting (not the host's): the address requests come from, as a reverse proxy would connect.</summary>
    public const string PeerAddressSetting = "Test:PeerAddress";

    /// <summary>The in-memory server has no connection address; this gives every request one, first in the pipeline.</summary>
    private sealed class PeerAddress(System.Net.IPAddress address) : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

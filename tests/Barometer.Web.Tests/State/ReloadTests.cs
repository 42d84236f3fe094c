using System.Net;
using Barometer.Production.Releases;
using Barometer.Storage;
using Barometer.Testing;
using Barometer.Web.Api;
using Barometer.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Barometer.Web.Tests.State;

/// <summary>
/// The running host picks up a new release by itself: the background reloader checks the store's fingerprint every
/// ReloadSeconds (on the injected clock) and the new edition replaces the cached answers — no restart, no request
/// waiting for the reload.
/// </summary>
public sealed class ReloadTests
{
    [Fact]
    public async Task NewReleaseInTheStore_IsServedAfterTheNextPoll()
    {
        var store = ReleasedStore.Shared.CopyStore();
        using var host = ApiHost.Create(PublicationBackends.DuckDb, new Dictionary<string, string?>
        {
            ["Publication:Store"] = store,
            ["Publication:ReloadSeconds"] = "5",
        });
        var client = host.CreateClient();
        var id = await Contract.ContractTests.TableWithBreakdown(client);
        var url = $"/api/v2/tables/{id}/data?valuecodes[Tid]=*";
        Assert.Equal(["2022", "2023", "2024"], Access.EmbargoTests.TimeCodes((await client.Get(url)).Json()));
        Assert.NotNull((await client.Get(url)).Headers.Age);

        // The producer releases wave 2026 with a release time already passed (the store is free: the API reads it
        // read-only and only for the moment of a read).
        using (var producer = BarometerStore.Open(store, TimeProvider.System))
        {
            new ReleaseManager(producer).Release(ReleasedStore.UnreleasedWave, ReleasedStore.Now.AddHours(-1), "test: late release");
        }

        // Nothing changes before the poll; after it, the new wave is public and the cached answer is gone.
        Assert.Equal(["2022", "2023", "2024"], Access.EmbargoTests.TimeCodes((await client.Get(url)).Json()));
        host.Clock.Advance(TimeSpan.FromSeconds(6));
        var state = host.Services.GetRequiredService<PublicationState>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!state.Current().Tables.Any(t => t.LastPeriod == "2026") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var after = await client.Get(url);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal(["2022", "2023", "2024", "2026"], Access.EmbargoTests.TimeCodes(after.Json()));
        Assert.Null(after.Headers.Age);
    }
}

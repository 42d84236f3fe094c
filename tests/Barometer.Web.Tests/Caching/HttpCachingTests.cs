using System.Net;
using Barometer.Testing;
using Barometer.Web.Tests.Hosting;

namespace Barometer.Web.Tests.Caching;

/// <summary>ETag and Last-Modified on released answers, 304 for conditional requests, and the output cache: a second
/// identical GET is served from it (it carries Age), and a release becoming visible evicts it.</summary>
public sealed class HttpCachingTests
{
    [Fact]
    public async Task Get_HasETagAndLastModified_AndConditionalRequestsGet304()
    {
        using var host = ApiHost.Create(PublicationBackends.DuckDb);
        var client = host.CreateClient();
        var id = await Contract.ContractTests.TableWithBreakdown(client);
        foreach (var url in new[] { $"/api/v2/tables/{id}", $"/api/v2/tables/{id}/data?valuecodes[Tid]=*&lang=en", "/api/v2/tables?lang=en" })
        {
            var first = await client.Get(url);
            Assert.Equal(HttpStatusCode.OK, first.Status);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            var lastModified = first.ContentHeaders!.LastModified;
            Assert.NotNull(lastModified);
            Assert.True(lastModified < ReleasedStore.Now, lastModified?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

            var byTag = await client.Get(url, r => r.Headers.IfNoneMatch.Add(etag));
            Assert.Equal(HttpStatusCode.NotModified, byTag.Status);
            Assert.Empty(byTag.Bytes);
            var byDate = await client.Get(url, r => r.Headers.IfModifiedSince = lastModified);
            Assert.Equal(HttpStatusCode.NotModified, byDate.Status);
            var stale = await client.Get(url, r => r.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"not-this-one\"")));
            Assert.Equal(HttpStatusCode.OK, stale.Status);
            Assert.Equal(first.Text, stale.Text);
        }
    }

    [Fact]
    public async Task ETag_DiffersByQueryAndLanguage()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var id = await Contract.ContractTests.TableWithBreakdown(client);
        var sv = (await client.Get($"/api/v2/tables/{id}?lang=sv")).Headers.ETag;
        var en = (await client.Get($"/api/v2/tables/{id}?lang=en")).Headers.ETag;
        var data = (await client.Get($"/api/v2/tables/{id}/data?valuecodes[Tid]=top(1)")).Headers.ETag;
        var data2 = (await client.Get($"/api/v2/tables/{id}/data?valuecodes[Tid]=top(2)")).Headers.ETag;
        Assert.Equal(4, new[] { sv, en, data, data2 }.Select(e => e!.Tag).Distinct().Count());
    }

    [Fact]
    public async Task OutputCache_SecondGetIsServedFromCache_AndAVisibleReleaseEvictsIt()
    {
        using var host = ApiHost.Create(PublicationBackends.DuckDb);
        var client = host.CreateClient();
        var id = await Contract.ContractTests.TableWithBreakdown(client);
        var url = $"/api/v2/tables/{id}/data?valuecodes[Tid]=*&lang=en";
        var first = await client.Get(url);
        Assert.Null(first.Headers.Age);
        var second = await client.Get(url);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);

        // Other language, other entry.
        Assert.Null((await client.Get(url.Replace("lang=en", "lang=sv", StringComparison.Ordinal))).Headers.Age);

        host.Clock.SetUtcNow(ReleasedStore.EmbargoedReleaseTime.AddSeconds(1));
        var after = await client.Get(url);
        Assert.Null(after.Headers.Age);
        Assert.NotEqual(first.Headers.ETag, after.Headers.ETag);
        Assert.Contains("2025", Access.EmbargoTests.TimeCodes(after.Json()));
        var conditional = await client.Get(url, r => r.Headers.IfNoneMatch.Add(first.Headers.ETag!));
        Assert.Equal(HttpStatusCode.OK, conditional.Status);
    }

    [Fact]
    public async Task Errors_AreNotCached()
    {
        using var host = ApiHost.Create(PublicationBackends.DuckDb);
        var client = host.CreateClient();
        await client.Get("/api/v2/tables/nope");
        var again = await client.Get("/api/v2/tables/nope");
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Null(again.Headers.Age);
    }
}

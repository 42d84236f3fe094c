using System.Net;
using System.Net.Http.Headers;
using Barometer.Web.Tests.Hosting;

namespace Barometer.Web.Tests.Access;

/// <summary>The producer endpoint (POST /admin/reload) is absent without a configured key and refuses any request without it.</summary>
public sealed class AdminTests
{
    private const string Key = "test-admin-key-0123456789";

    [Fact]
    public async Task Reload_NoKeyConfigured_DoesNotExist()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var response = await client.Post("/admin/reload", null, configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key));
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Post("/admin/reload", null)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer wrong-key")]
    [InlineData("Bearer test-admin-key-012345678")]
    [InlineData("Basic dGVzdC1hZG1pbi1rZXktMDEyMzQ1Njc4OQ==")]
    [InlineData("test-admin-key-0123456789")]
    public async Task Reload_WithoutTheKey_Is401ProblemAndReloadsNothing(string? authorization)
    {
        using var host = ApiHost.Create(PublicationBackends.DuckDb, new Dictionary<string, string?> { ["Publication:AdminKey"] = Key });
        var client = host.CreateClient();
        var response = await client.Post("/admin/reload", null, configure: r =>
        {
            if (authorization is not null)
            {
                r.Headers.TryAddWithoutValidation("Authorization", authorization);
            }
        });
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_WithTheKey_Reloads()
    {
        using var host = ApiHost.Create(PublicationBackends.DuckDb, new Dictionary<string, string?> { ["Publication:AdminKey"] = Key });
        var client = host.CreateClient();
        var response = await client.Post("/admin/reload", null, configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key));
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        Assert.Equal(3, response.Json().GetProperty("releases").GetInt32());
    }

    [Fact]
    public async Task Api_IsReadOnly_WritesAreNotAllowed()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            using var request = new HttpRequestMessage(method, "/api/v2/tables");
            var response = await client.Call(request);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
            Assert.Equal("application/problem+json", response.MediaType);
        }
    }
}

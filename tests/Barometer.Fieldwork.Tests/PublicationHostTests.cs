using System.Net;
using Barometer.Fieldwork.Tests.Hosting;
using Barometer.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Barometer.Fieldwork.Tests;

/// <summary>The publication host (Barometer.Web) answers none of the field host's routes: the two hosts share no endpoint.</summary>
public class PublicationHostTests
{
    [Fact]
    public async Task PublicationHost_ExposesNoRouteOfTheFieldHost()
    {
        using var field = new FieldTestHost();
        using var fieldClient = field.CreateClient();
        var routes = field.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .ToList();
        Assert.Contains(routes, r => r is { Method: "POST", Pattern: "/login" });
        Assert.Contains(routes, r => r is { Method: "POST", Pattern: "/q/{block}" });

        using var web = new PublicationHost(Path.Combine(field.Root, "publication.duckdb"), Path.Combine(field.Root, "saved.duckdb"));
        using var client = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Both hosts have a root page and a health probe; every other route of the field host is the field host's own.
        foreach (var (method, pattern) in routes.Where(r => r.Pattern is not "/" and not "/healthz"))
        {
            var path = pattern.Replace("{block}", "work", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST")
            {
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = field.Codes[101].Printed });
            }

            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{method} {path} on the publication host answered {(int)response.StatusCode}");
        }

        using var root = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await root.Content.ReadAsStringAsync();
        Assert.DoesNotContain("action=\"/login\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("field_", string.Join(';', root.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []), StringComparison.Ordinal);
    }

    private sealed class PublicationHost : WebApplicationFactory<Program>
    {
        private readonly string _store;
        private readonly string _saved;

        public PublicationHost(string store, string saved)
        {
            _store = store;
            _saved = saved;
            using var created = BarometerStore.Open(store, TimeProvider.System);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Publication:Backend", "duckdb");
            builder.UseSetting("Publication:Store", _store);
            builder.UseSetting("Publication:SavedQueries", _saved);
            builder.UseSetting("Publication:MaxCallsPerTimeWindow", "0");
            builder.UseSetting("Publication:ReloadSeconds", "3600");
        }
    }
}

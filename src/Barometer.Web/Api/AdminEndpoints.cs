using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Barometer.Web.Api;

/// <summary>
/// Producer endpoints over HTTP: <c>POST /admin/reload</c> re-reads the published results now instead of at the next
/// poll. They exist only when <see cref="PublicationOptions.AdminKey"/> is set, and answer 401 unless the request
/// carries <c>Authorization: Bearer KEY</c> (compared in constant time). Nothing here can release or change data.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(WebApplication app, PublicationOptions options, string rateLimitPolicy)
    {
        if (string.IsNullOrEmpty(options.AdminKey))
        {
            return;
        }

        var admin = app.MapGroup("/admin").RequireRateLimiting(rateLimitPolicy).AddEndpointFilter(Authorize).ExcludeFromDescription();
        admin.MapPost("/reload", async (PublicationState state, IOutputCacheStore cache, CancellationToken cancellation) =>
        {
            var reloaded = state.Refresh();
            var edition = state.Edition();
            await cache.EvictByTagAsync(HttpCaching.Tag, cancellation).ConfigureAwait(false);
            return Results.Json(new { reloaded, edition = edition.Key, releases = edition.View.Releases.Count }, ApiRequests.Json);
        });
    }

    private static async ValueTask<object?> Authorize(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var key = context.RequestServices.GetRequiredService<IOptions<PublicationOptions>>().Value.AdminKey ?? string.Empty;
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var given = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
        if (key.Length == 0 || given is null || !KeysEqual(given, key))
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            return ApiProblems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "This endpoint needs the producer's key: Authorization: Bearer KEY.");
        }

        return await next(invocation).ConfigureAwait(false);
    }

    /// <summary>Compares the hashes, so neither the content nor the length of the key leaks through timing.</summary>
    internal static bool KeysEqual(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

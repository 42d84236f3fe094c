using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Barometer.Web.Api;

/// <summary>
/// Validators of released responses: an ETag that hashes the edition (snapshot fingerprint and visible releases) with
/// the normalised request, and Last-Modified from the newest visible release; conditional requests get 304.
/// </summary>
internal static class HttpCaching
{
    /// <summary>The tag of every cached API response, evicted when the edition changes.</summary>
    public const string Tag = "publication";

    public const string PolicyName = "published";

    /// <summary>The ETag of this request's answer in <paramref name="edition"/>; <paramref name="body"/> is a POST body.</summary>
    public static string ETag(HttpRequest request, PublicationEdition edition, ReadOnlySpan<byte> body = default)
    {
        var text = new StringBuilder();
        text.Append(edition.Key).Append('\n').Append(request.Method).Append('\n')
            .Append(request.Path.Value?.ToLowerInvariant()).Append('\n')
            .Append(ApiRequests.Code(ApiRequests.Language(request.HttpContext))).Append('\n');
        foreach (var (key, value) in request.Query.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (!key.Equals("lang", StringComparison.OrdinalIgnoreCase))
            {
                text.Append(key.ToLowerInvariant()).Append('=').Append(value.ToString()).Append('&');
            }
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        if (!body.IsEmpty)
        {
            hash = SHA256.HashData([.. hash, .. SHA256.HashData(body)]);
        }

        return "\"" + Convert.ToHexStringLower(hash.AsSpan(0, 16)) + "\"";
    }

    /// <summary>
    /// Sets ETag, Last-Modified and Cache-Control on the response and answers 304 when the request's
    /// If-None-Match (or, without it, If-Modified-Since) shows the client has this version; null otherwise.
    /// </summary>
    public static IResult? NotModified(HttpContext context, string etag, DateTimeOffset? lastModified)
    {
        var headers = context.Response.GetTypedHeaders();
        context.Response.Headers.ETag = etag;
        context.Response.Headers.CacheControl = "public, no-cache";
        if (lastModified is { } modified)
        {
            headers.LastModified = Truncate(modified);
        }

        var request = context.Request.GetTypedHeaders();
        var ifNoneMatch = request.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            var tag = new EntityTagHeaderValue(etag);
            return ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false))
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : null;
        }

        if (lastModified is { } last && request.IfModifiedSince is { } since && Truncate(last) <= since)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return null;
    }

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcDateTime.Ticks - (value.UtcDateTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}

/// <summary>
/// The output-cache policy of released GET responses: keyed by path, every query parameter (so also lang) and the
/// current edition, tagged <see cref="HttpCaching.Tag"/> so a new edition evicts everything; only 200s are stored.
/// A request whose edition cannot be determined (no results readable yet) bypasses the cache.
/// </summary>
internal sealed class PublishedOutputCachePolicy(PublicationState state, IOptions<PublicationOptions> options) : IOutputCachePolicy
{
    private static readonly StringValues AllQueryKeys = new("*");

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && options.Value.CacheSeconds > 0
            && !request.Headers.ContainsKey(HeaderNames.Authorization);
        string? edition = null;
        if (cacheable)
        {
            try
            {
                edition = state.Edition().Key;
            }
#pragma warning disable CA1031 // Without an edition the response is simply not cached; the endpoint reports the failure.
            catch (Exception)
#pragma warning restore CA1031
            {
                cacheable = false;
            }
        }

        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (cacheable)
        {
            context.CacheVaryByRules.QueryKeys = AllQueryKeys;
            context.CacheVaryByRules.VaryByValues["edition"] = edition!;
            context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(options.Value.CacheSeconds);
            context.Tags.Add(HttpCaching.Tag);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.ContainsKey(HeaderNames.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

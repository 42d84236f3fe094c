using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Barometer.Web.Dashboard.Assets;

/// <summary>
/// The dashboard's browser bundle (dashboard.js with Vega, Vega-Lite and vega-embed; dashboard-style.css), built by
/// esbuild during the build, and the map boundaries (TopoJSON, Dashboard/geo/), embedded in this assembly with Brotli and gzip copies. Served under
/// <see cref="RequestPath"/> with a content hash in the URL, so browsers may cache it for a year.
/// </summary>
public sealed class DashboardAssets
{
    public const string RequestPath = "/dashboard-assets";
    private const string ResourcePrefix = "dashboard-assets/";

    private readonly FrozenDictionary<string, Asset> _assets;

    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in names.Where(n => !n.EndsWith(".br", StringComparison.Ordinal) && !n.EndsWith(".gz", StringComparison.Ordinal)))
        {
            var file = name[ResourcePrefix.Length..];
            var content = Read(assembly, name)!;
            assets[file] = new Asset(
                ContentType(file),
                content,
                names.Contains(name + ".br") ? Read(assembly, name + ".br") : null,
                names.Contains(name + ".gz") ? Read(assembly, name + ".gz") : null,
                Convert.ToHexStringLower(SHA256.HashData(content))[..12]);
        }

        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The URL of an asset with its content hash, e.g. <c>/dashboard-assets/dashboard.js?v=1a2b…</c>.</summary>
    public string Url(string file) =>
        _assets.TryGetValue(file, out var asset) ? $"{RequestPath}/{file}?v={asset.Hash}" : $"{RequestPath}/{file}";

    public bool Contains(string file) => _assets.ContainsKey(file);

    internal IResult Serve(HttpContext context, string file)
    {
        if (!_assets.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        var response = context.Response;
        var etag = new EntityTagHeaderValue($"\"{asset.Hash}\"");
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "public, max-age=300";
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (context.Request.Headers.IfNoneMatch.ToString().Contains(etag.Tag.ToString(), StringComparison.Ordinal))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var accepts = context.Request.Headers.AcceptEncoding.ToString();
        if (asset.Brotli is { } br && accepts.Contains("br", StringComparison.OrdinalIgnoreCase))
        {
            response.Headers.ContentEncoding = "br";
            return Results.Bytes(br, asset.ContentType);
        }

        if (asset.Gzip is { } gz && accepts.Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            response.Headers.ContentEncoding = "gzip";
            return Results.Bytes(gz, asset.ContentType);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" => "application/json",
        _ => "text/plain; charset=utf-8",
    };

    private static byte[]? Read(System.Reflection.Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private sealed record Asset(string ContentType, byte[] Content, byte[]? Brotli, byte[]? Gzip, string Hash);
}

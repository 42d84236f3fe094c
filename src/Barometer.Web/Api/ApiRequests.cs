using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Barometer.Catalogue.Text;

namespace Barometer.Web.Api;

/// <summary>The query parameters an endpoint accepts (names case-insensitive), checked by <see cref="ApiRequests.Filter"/>.</summary>
internal sealed class AllowedQuery(params string[] names)
{
    public IReadOnlyList<string> Names { get; } = names;

    /// <summary>Also accept <c>valuecodes[VAR]</c>, <c>codelist[VAR]</c> and <c>outputValues[VAR]</c> (deepObject parameters).</summary>
    public bool Selections { get; init; }

    /// <summary>Also accept <c>codelist[VAR]</c> (the metadata endpoint).</summary>
    public bool Codelists { get; init; }

    public bool Allows(string key)
    {
        foreach (var name in Names)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return (Selections && (IsBracketed(key, "valuecodes") || IsBracketed(key, "codelist") || IsBracketed(key, "outputValues")))
            || (Codelists && IsBracketed(key, "codelist"));
    }

    public static bool IsBracketed(string key, string prefix) =>
        key.Length > prefix.Length + 2 && key.StartsWith(prefix + "[", StringComparison.OrdinalIgnoreCase) && key[^1] == ']';
}

/// <summary>How every /api/v2 request is read: its language, its parameters, the JSON it is answered with.</summary>
internal static class ApiRequests
{
    public const string LanguageItem = "barometer.language";

    /// <summary>The longest query string accepted; longer requests get 414 before anything is parsed.</summary>
    public const int MaxQueryLength = 16_384;

    /// <summary>
    /// The longest request line Kestrel reads, so that long query strings reach the 414 problem+json of
    /// <see cref="MaxQueryLength"/>; only a line longer than this gets Kestrel's own 414 without a body.
    /// </summary>
    public const int MaxRequestLine = 512 * 1024;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The language of this request (checked by <see cref="Filter"/>).</summary>
    public static Language Language(HttpContext context) =>
        context.Items.TryGetValue(LanguageItem, out var value) && value is Language language ? language : Catalogue.Text.Language.Sv;

    public static string Code(Language language) => language.Code();

    /// <summary>Parses <c>lang</c>: empty is Swedish, otherwise sv or en (case-insensitive).</summary>
    public static bool TryParseLanguage(string? value, out Language language)
    {
        language = Catalogue.Text.Language.Sv;
        if (string.IsNullOrEmpty(value) || value.Equals("sv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals("en", StringComparison.OrdinalIgnoreCase))
        {
            language = Catalogue.Text.Language.En;
            return true;
        }

        return false;
    }

    /// <summary>The response header that names the query parameters (and POST body keys) the API ignored.</summary>
    public const string IgnoredHeader = "X-Barometer-Ignored-Parameters";

    /// <summary>
    /// The endpoint filter of every /api/v2 endpoint: ignores unknown query parameters as the reference server does
    /// (naming them in <see cref="IgnoredHeader"/>, so a typo can be found), refuses a known parameter given twice
    /// (except <c>outputFormatParams</c>, an exploded array in the spec) and an unsupported <c>lang</c> with 400
    /// problem+json, checks <c>outputValues[VAR]</c>, and records the language for the handler.
    /// </summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var allowed = context.GetEndpoint()?.Metadata.GetMetadata<AllowedQuery>() ?? new AllowedQuery("lang");
        var ignored = new List<string>();
        foreach (var (key, values) in context.Request.Query)
        {
            if (!allowed.Allows(key))
            {
                ignored.Add(key);
                continue;
            }

            if (values.Count > 1 && !key.Equals("outputFormatParams", StringComparison.OrdinalIgnoreCase))
            {
                return ApiProblems.BadRequest($"Query parameter '{ApiProblems.Quote(key)}' is given {values.Count} times; give it once (several values separated by commas).");
            }

            if (AllowedQuery.IsBracketed(key, "outputValues"))
            {
                var value = values.ToString();
                if (!value.Equals("aggregated", StringComparison.OrdinalIgnoreCase) && !value.Equals("single", StringComparison.OrdinalIgnoreCase))
                {
                    return ApiProblems.BadRequest($"Query parameter '{ApiProblems.Quote(key)}' is '{ApiProblems.Quote(value)}'; it must be aggregated or single.");
                }
            }
        }

        Ignore(context, ignored);
        var lang = context.Request.Query["lang"].ToString();
        if (!TryParseLanguage(lang, out var language))
        {
            return ApiProblems.BadRequest($"Unsupported language '{ApiProblems.Quote(lang)}'; lang must be sv (default) or en.");
        }

        context.Items[LanguageItem] = language;
        return await next(invocation).ConfigureAwait(false);
    }

    /// <summary>
    /// Names ignored parameters or body keys in <see cref="IgnoredHeader"/> (added to what is there): each name
    /// shortened and percent-encoded outside printable ASCII, so any name makes a valid header.
    /// </summary>
    public static void Ignore(HttpContext context, IEnumerable<string> names)
    {
        var encoded = names.Select(n => Encode(ApiProblems.Quote(n))).Distinct(StringComparer.Ordinal).ToList();
        if (encoded.Count == 0)
        {
            return;
        }

        var existing = context.Response.Headers[IgnoredHeader].ToString();
        var all = string.Join(", ", existing.Length > 0 ? encoded.Prepend(existing) : encoded);
        context.Response.Headers[IgnoredHeader] = all.Length <= 2000 ? all : string.Concat(all.AsSpan(0, 1997), "...");
    }

    private static string Encode(string name)
    {
        var text = new System.Text.StringBuilder();
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(name))
        {
            if (b is > 0x20 and < 0x7F && b != (byte)'%' && b != (byte)',')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}

/// <summary>RFC 7807 problem responses of the API. Details name the parameter, variable or value at fault and nothing else.</summary>
internal static class ApiProblems
{
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad Request", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not Found", detail);

    public static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);

    /// <summary>
    /// The body of an error status that nothing else wrote a body for (no route, another method, another media
    /// type, a status set by the framework), with a detail that names what was at fault.
    /// </summary>
    public static IResult ForStatus(HttpContext context)
    {
        var request = context.Request;
        var status = context.Response.StatusCode;
        var target = Quote(request.Method) + " " + Quote(request.Path.Value);
        var (title, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("Not Found", $"No API route matches '{target}'. The routes are listed at /api and in /openapi/v1.json."),
            StatusCodes.Status405MethodNotAllowed => ("Method Not Allowed", $"Method '{Quote(request.Method)}' is not allowed on '{Quote(request.Path.Value)}'; the API is read-only: GET, and POST for /api/v2/tables/{{id}}/data and /api/v2/savedqueries."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported Media Type", $"Content-Type '{Quote(request.ContentType)}' is not accepted by '{target}'; send the selection as application/json."),
            StatusCodes.Status413PayloadTooLarge => ("Payload Too Large", $"The body of '{target}' is too large."),
            StatusCodes.Status414RequestUriTooLong => ("URI Too Long", $"The URI of '{Quote(request.Method)}' is too long; use POST /api/v2/tables/{{id}}/data with a selection body."),
            StatusCodes.Status429TooManyRequests => ("Too Many Requests", "Too many calls from this client; try again later."),
            StatusCodes.Status503ServiceUnavailable => ("Service Unavailable", "The published results cannot be read right now; try again shortly."),
            >= 500 => ("Internal Server Error", "The server hit an unexpected error. It has been logged; nothing about it is shown here."),
            _ => (Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error", $"The request '{target}' could not be answered (status {status}); check its method, path, parameters and body."),
        };
        return Problem(status, title, detail);
    }

    /// <summary>Text from the request, shortened for echoing in a message.</summary>
    public static string Quote(string? text)
    {
        text ??= string.Empty;
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }

    /// <summary>The 404 of a table that is not public: the same for a table that never existed and an embargoed one.</summary>
    public static IResult TableNotFound(string id) => NotFound($"There is no table with id '{Quote(id)}'.");
}

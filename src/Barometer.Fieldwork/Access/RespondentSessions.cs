using System.Security.Cryptography;
using System.Text;
using Barometer.Storage.Fieldwork;

namespace Barometer.Fieldwork.Access;

/// <summary>
/// The respondent's session cookie: a random 256-bit token, HttpOnly, SameSite=Strict and Secure whenever the request
/// came over TLS; the field store keeps only its SHA-256. Logging in always issues a new token.
/// </summary>
internal sealed class RespondentSessions(FieldStore store, FieldworkSettings settings)
{
    public const string CookieName = "field_session";

    public FieldSession? Current(HttpContext context)
    {
        var token = context.Request.Cookies[CookieName];
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var session = store.FindSession(Digest(token));
        return session is not null && session.Wave == settings.Wave ? session : null;
    }

    public void Start(HttpContext context, FieldCodeRecord code)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var lifetime = TimeSpan.FromMinutes(settings.SessionMinutes);
        store.StartSession(Digest(token), code.Wave, code.PersonId, code.LookupId, "web", lifetime);
        context.Response.Cookies.Append(CookieName, token, Options(context, lifetime));
    }

    public void End(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is { Length: > 0 and <= 100 } token)
        {
            store.EndSession(Digest(token));
        }

        context.Response.Cookies.Delete(CookieName, Options(context, null));
    }

    private static CookieOptions Options(HttpContext context, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        IsEssential = true,
        MaxAge = lifetime,
    };

    private static string Digest(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

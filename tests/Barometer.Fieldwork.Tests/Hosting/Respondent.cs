using System.Net;
using System.Text.RegularExpressions;

namespace Barometer.Fieldwork.Tests.Hosting;

/// <summary>One respondent's browser without JavaScript: cookies, redirects followed by hand, forms filled from the page's HTML.</summary>
public sealed partial class Respondent(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public string Html { get; private set; } = "";

    public string Path { get; private set; } = "/";

    public HttpStatusCode Status { get; private set; }

    /// <summary>The block id of the questionnaire page shown, or null on any other page.</summary>
    public string? Block => QuestionPath().Match(Path) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The questions of the page shown: item id → its answer codes in order.</summary>
    public IReadOnlyDictionary<string, List<string>> Questions =>
        Radio().Matches(Html).GroupBy(m => m.Groups[1].Value).ToDictionary(g => g.Key, g => g.Select(m => m.Groups[2].Value).ToList());

    /// <summary>The answers the page shows as chosen.</summary>
    public IReadOnlyDictionary<string, string> Checked =>
        Radio().Matches(Html).Where(m => m.Groups[3].Success).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    public string Language => HtmlLang().Match(Html).Groups[1].Value;

    public async Task Get(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        await Take(response, path);
    }

    public async Task LogIn(string code, string language = "sv")
    {
        await Get("/?lang=" + language);
        await Post("/login", new Dictionary<string, string> { ["code"] = code, ["lang"] = language });
    }

    /// <summary>Submits the questionnaire page shown with <paramref name="answers"/> and the button <paramref name="action"/>.</summary>
    public Task Submit(IReadOnlyDictionary<string, string> answers, string action = "next")
    {
        var form = new Dictionary<string, string>(answers) { ["action"] = action, ["lang"] = HiddenLang().Match(Html).Groups[1].Value };
        return Post(FormAction().Match(Html).Groups[1].Value, form);
    }

    /// <summary>Posts a form with the page's antiforgery token (unless <paramref name="withToken"/> is false).</summary>
    public async Task Post(string path, IReadOnlyDictionary<string, string> fields, bool withToken = true)
    {
        var form = new Dictionary<string, string>(fields);
        if (withToken)
        {
            form["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(Html).Groups[1].Value);
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await Client.PostAsync(new Uri(path, UriKind.Relative), content);
        await Take(response, path);
    }

    public void Dispose() => Client.Dispose();

    private async Task Take(HttpResponseMessage response, string path)
    {
        var hops = 0;
        while (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found && hops++ < 10)
        {
            path = response.Headers.Location!.OriginalString;
            response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        }

        Status = response.StatusCode;
        Path = path;
        Html = await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("""<input type="radio" id="[^"]+" name="([^"]+)" value="([^"]+)"( checked)?>""")]
    private static partial Regex Radio();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("name=\"lang\" value=\"([a-z]+)\"")]
    private static partial Regex HiddenLang();

    [GeneratedRegex("<html lang=\"([a-z]+)\"")]
    private static partial Regex HtmlLang();

    [GeneratedRegex("^/q/([a-z_]+)")]
    private static partial Regex QuestionPath();
}

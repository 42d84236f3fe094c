using System.Net;
using Barometer.Fieldwork.Tests.Hosting;
using Barometer.Storage.Fieldwork;

namespace Barometer.Fieldwork.Tests;

public class AccessTests
{
    [Fact]
    public async Task WrongCode_IsLockedOutAfterTheLimit_EvenForTheRightSecretAfterwards()
    {
        using var host = new FieldTestHost();
        var code = host.Codes[101];
        var wrong = new AccessCode(code.LookupId, code.Secret[..^1] + (code.Secret[^1] == 'A' ? 'B' : 'A'));
        using var respondent = host.Respondent();

        for (var i = 0; i < 3; i++)
        {
            await respondent.LogIn(wrong.Printed);
            Assert.Equal(HttpStatusCode.Unauthorized, respondent.Status);
            Assert.Null(respondent.Block);
        }

        Assert.Contains("spärrad", respondent.Html, StringComparison.Ordinal);
        await respondent.LogIn(code.Printed);
        Assert.Equal(HttpStatusCode.Unauthorized, respondent.Status);
        Assert.Contains("spärrad", respondent.Html, StringComparison.Ordinal);
        Assert.Null(respondent.Block);

        // Another person's code is not affected.
        await respondent.LogIn(host.Codes[102].Printed);
        Assert.Equal("work", respondent.Block);
    }

    [Fact]
    public async Task ClientAddress_IsLockedOutAfterItsLimit_OfCodesThatDoNotExist()
    {
        using var host = new FieldTestHost(new Dictionary<string, string?> { ["Fieldwork:MaxFailuresPerClient"] = "4" });
        using var respondent = host.Respondent();
        for (var i = 0; i < 4; i++)
        {
            await respondent.LogIn("2222-3333-4444-555" + (i + 2));
            Assert.Equal(HttpStatusCode.Unauthorized, respondent.Status);
        }

        await respondent.LogIn(host.Codes[101].Printed);

        Assert.Equal(HttpStatusCode.TooManyRequests, respondent.Status);
        Assert.Null(respondent.Block);
    }

    [Fact]
    public async Task LoginAttempts_AreRateLimitedPerClient()
    {
        using var host = new FieldTestHost(new Dictionary<string, string?> { ["Fieldwork:LoginAttemptsPerMinute"] = "2" });
        using var respondent = host.Respondent();
        await respondent.LogIn("2222-3333-4444-5555");
        await respondent.LogIn("2222-3333-4444-5556");
        await respondent.LogIn(host.Codes[101].Printed);

        Assert.Equal(HttpStatusCode.TooManyRequests, respondent.Status);
        Assert.Null(respondent.Block);
    }

    [Fact]
    public async Task CompletedCode_CannotBeUsedAgain()
    {
        using var host = new FieldTestHost();
        using var respondent = host.Respondent();
        await respondent.LogIn(host.Codes[106].Printed);
        await QuestionnaireTests.AnswerAll(respondent);
        Assert.StartsWith("/done", respondent.Path, StringComparison.Ordinal);

        using var again = host.Respondent();
        await again.LogIn(host.Codes[106].Printed);

        Assert.Null(again.Block);
        Assert.Contains("redan besvarad", again.Html, StringComparison.Ordinal);
        await again.Get("/q");
        Assert.Equal("/?lang=sv", again.Path);
    }

    [Fact]
    public async Task OnePersonsSession_NeverShowsAnothersAnswers()
    {
        using var host = new FieldTestHost();
        using var a = host.Respondent();
        using var b = host.Respondent();
        await a.LogIn(host.Codes[101].Printed);
        await b.LogIn(host.Codes[103].Printed);

        await a.Submit(new Dictionary<string, string> { ["q_employed_now"] = "1" });
        var aPage = a.Block!;
        var aAnswers = a.Questions.ToDictionary(q => q.Key, q => q.Value[^1]);
        await a.Submit(aAnswers, "back");

        // B sees its own empty first page, and A's next page without A's answers.
        Assert.Empty(b.Checked);
        await b.Get("/q/work");
        Assert.Empty(b.Checked);
        await b.Submit(new Dictionary<string, string> { ["q_employed_now"] = "2" });
        Assert.Equal(aPage, b.Block);
        Assert.Empty(b.Checked);

        // Nothing in a URL names a person: A's pages as A sees them hold A's answers only.
        await a.Get("/q/" + aPage);
        Assert.Equal(aAnswers, a.Checked);
        using var store = FieldStore.OpenExisting(host.FieldStorePath, TimeProvider.System);
        Assert.Equal("2", store.Answers(FieldTestHost.Wave, 103)["q_employed_now"].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, store.Answers(FieldTestHost.Wave, 101)["q_employed_now"]);
    }

    [Fact]
    public async Task Posts_WithoutTheAntiforgeryToken_AreRefused()
    {
        using var host = new FieldTestHost();
        using var respondent = host.Respondent();

        await respondent.Get("/");
        await respondent.Post("/login", new Dictionary<string, string> { ["code"] = host.Codes[101].Printed, ["lang"] = "sv" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, respondent.Status);
        Assert.Null(respondent.Block);

        await respondent.LogIn(host.Codes[101].Printed);
        Assert.Equal("work", respondent.Block);
        await respondent.Post("/q/work", new Dictionary<string, string> { ["q_employed_now"] = "1", ["action"] = "next", ["lang"] = "sv" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, respondent.Status);
        using var store = FieldStore.OpenExisting(host.FieldStorePath, TimeProvider.System);
        Assert.Empty(store.Answers(FieldTestHost.Wave, 101));
    }

    [Theory]
    [InlineData("http")]
    [InlineData("https")]
    public async Task SessionCookie_IsHttpOnlyAndSameSiteStrict_AndSecureOverTls(string scheme)
    {
        using var host = new FieldTestHost();
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri(scheme + "://localhost/"),
        });
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("field_antiforgery", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["code"] = host.Codes[101].Printed, ["lang"] = "sv", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie.Split(';')[0]);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Access.RespondentSessions.CookieName, StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgeryCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", antiforgeryCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(scheme == "https", session.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(scheme == "https", antiforgeryCookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }
}

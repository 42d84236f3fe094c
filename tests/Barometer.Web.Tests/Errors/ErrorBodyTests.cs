using System.Net;
using Barometer.Web.Tests.Hosting;

namespace Barometer.Web.Tests.Errors;

/// <summary>
/// Issue 15: requests that used to end in a 500, and error statuses on /api/v2 whose body was not the documented
/// problem+json with a <c>detail</c>.
/// </summary>
public sealed class ErrorBodyTests
{
    [Theory]
    [InlineData("""{"selection":[{"variableCode":"Tid","valueCodes":["\ud800"]}]}""", "valueCodes")]
    [InlineData("""{"selection":[{"variableCode":"\udc00","valueCodes":["*"]}]}""", "variableCode")]
    [InlineData("""{"selection":[{"variableCode":"Tid","valueCodes":["*"],"codelist":"\ud800x"}]}""", "codelist")]
    [InlineData("""{"selection":[],"placement":{"heading":["\ud800"]}}""", "heading")]
    [InlineData("""{"\ud800":1}""", "body")]
    public async Task PostSelection_LoneSurrogate_Is400ProblemNamingTheMember(string body, string member)
    {
        var response = await ApiHost.Shared(PublicationBackends.DuckDb).CreateClient().Post("/api/v2/tables/employment_rate/data", body);
        Assert.True(response.Status == HttpStatusCode.BadRequest, response.ToString());
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Contains(member, response.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/indikator/employment_rate?kommun=")]
    [InlineData("/indikator/employment_rate?kommun=&kommun=0180")]
    [InlineData("/en/indicator/employment_rate?kommun=")]
    [InlineData("/indikator/employment_rate?kommun")]
    [InlineData("/indikator/employment_rate?breakdown=&gap=")]
    public async Task Dashboard_IndicatorWithEmptyParameters_IsAnsweredWithoutError(string url)
    {
        var response = await ApiHost.Shared(PublicationBackends.DuckDb).CreateClient().Get(url);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        Assert.Equal("text/html", response.MediaType);
    }

    [Fact]
    public async Task UnknownRoute_Is404ProblemNamingThePath()
    {
        var response = await ApiHost.Shared(PublicationBackends.DuckDb).CreateClient().Get("/api/v2/no/such/route");
        AssertProblem(response, HttpStatusCode.NotFound, "/api/v2/no/such/route");
    }

    [Fact]
    public async Task OtherMethod_Is405ProblemNamingTheMethod()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v2/tables");
        AssertProblem(await client.Call(request), HttpStatusCode.MethodNotAllowed, "PUT");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task PostWithOtherMediaType_Is415ProblemNamingIt(string mediaType)
    {
        var response = await ApiHost.Shared(PublicationBackends.DuckDb).CreateClient()
            .Post("/api/v2/tables/employment_rate/data", """{"selection":[]}""", mediaType);
        AssertProblem(response, HttpStatusCode.UnsupportedMediaType, mediaType);
    }

    [Fact]
    public async Task LongQuery_Is414ProblemWithDetail()
    {
        var response = await ApiHost.Shared(PublicationBackends.DuckDb).CreateClient().Get("/api/v2/tables?query=" + new string('a', 20_000));
        AssertProblem(response, HttpStatusCode.RequestUriTooLong, "16384");
    }

    [Fact]
    public async Task RateLimited_Is429ProblemWithDetail_OnEveryRoute()
    {
        using var host = ApiHost.Create(PublicationBackends.DuckDb, new Dictionary<string, string?>
        {
            ["Publication:MaxCallsPerTimeWindow"] = "1",
            ["Publication:TimeWindowSeconds"] = "60",
        });
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/api/v2/config")).Status);
        foreach (var url in new[] { "/api/v2/config", "/api/v2/tables", "/api/v2/tables/employment_rate/data", "/api/v2/codelists/vs_kon" })
        {
            AssertProblem(await client.Get(url), HttpStatusCode.TooManyRequests, "1 calls per 60 seconds");
        }
    }

    internal static void AssertProblem(ApiResponse response, HttpStatusCode status, string inDetail)
    {
        Assert.True(response.Status == status, response.ToString());
        Assert.Equal("application/problem+json", response.MediaType);
        var problem = response.Json();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("detail", out var detail), response.ToString());
        Assert.Contains(inDetail, detail.GetString()!, StringComparison.Ordinal);
    }
}

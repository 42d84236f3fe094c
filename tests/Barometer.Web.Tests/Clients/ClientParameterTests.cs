using System.Net;
using Barometer.Web.Api;
using Barometer.Web.Tests.Hosting;

namespace Barometer.Web.Tests.Clients;

/// <summary>
/// Issue 17: what real PxWeb clients send is answered — no page-size cap, savedQuery and codelist[VAR] on /metadata,
/// unknown parameters and body keys ignored but named, outputFormat on /codelists, outputValues[VAR] — and the
/// metadata lists each dimension's codelists and each note once.
/// </summary>
public sealed class ClientParameterTests
{
    private static HttpClient Client() => ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();

    [Fact]
    public async Task Tables_PageSizeOf10000_IsOnePageWithEveryTable()
    {
        var response = await Client().Get("/api/v2/tables?lang=en&includeDiscontinued=true&pageNumber=1&pageSize=10000");
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        var page = response.Json().GetProperty("page");
        Assert.Equal(10000, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, page.GetProperty("totalPages").GetInt32());
        Assert.Equal(page.GetProperty("totalElements").GetInt32(), response.Json().GetProperty("tables").GetArrayLength());
    }

    [Fact]
    public async Task Tables_PageSizeOfIntMax_DoesNotOverflow()
    {
        var response = await Client().Get("/api/v2/tables?pageSize=2147483647&pageNumber=3");
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        Assert.Equal(0, response.Json().GetProperty("tables").GetArrayLength());
    }

    [Fact]
    public async Task Metadata_EmptySavedQueryAndDefaultSelection_Is200WithEveryValue()
    {
        var client = Client();
        var full = (await client.Get("/api/v2/tables/employment_rate.kommun/metadata?lang=en")).Json();
        var response = await client.Get("/api/v2/tables/employment_rate.kommun/metadata?lang=en&defaultSelection=true&savedQuery=");
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        Assert.Equal(full.GetProperty("size").ToString(), response.Json().GetProperty("size").ToString());
    }

    [Fact]
    public async Task Metadata_SavedQueryWithAnUnknownId_Is404NamingIt()
    {
        var response = await Client().Get("/api/v2/tables/employment_rate/metadata?savedQuery=abc");
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Contains("savedQuery 'abc'", response.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_Codelist_ShowsTheCodelistsValues()
    {
        var client = Client();
        var response = await client.Get("/api/v2/tables/employment_rate.kommun/metadata?lang=en&codelist[kommun]=agg_kommun_lan");
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        var kommun = response.Json().GetProperty("dimension").GetProperty("kommun").GetProperty("category").GetProperty("index");
        var lan = (await client.Get("/api/v2/codelists/agg_kommun_lan")).Json().GetProperty("values").GetArrayLength();
        Assert.InRange(kommun.EnumerateObject().Count(), 1, lan + 1);
        Assert.True(kommun.TryGetProperty("01", out _), kommun.ToString());

        var bad = await client.Get("/api/v2/tables/employment_rate.kommun/metadata?codelist[kommun]=vs_kon");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("vs_kon", bad.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_ListsEachDimensionsCodelists()
    {
        var response = await Client().Get("/api/v2/tables/employment_rate.kommun/metadata?lang=en");
        var dimensions = response.Json().GetProperty("dimension");
        var codelists = dimensions.GetProperty("kommun").GetProperty("extension").GetProperty("codelists").EnumerateArray().ToList();
        Assert.Contains(codelists, c => c.GetProperty("id").GetString() == "vs_kommun" && c.GetProperty("type").GetString() == "Valueset");
        var aggregation = Assert.Single(codelists, c => c.GetProperty("id").GetString() == "agg_kommun_lan");
        Assert.Equal("Aggregation", aggregation.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(aggregation.GetProperty("label").GetString()));
        var href = aggregation.GetProperty("links")[0].GetProperty("href").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await Client().Get(href)).Status);
        Assert.Empty(dimensions.GetProperty("Tid").GetProperty("extension").GetProperty("codelists").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/v2/tables/employment_rate/metadata?lang=en")]
    [InlineData("/api/v2/tables/employment_rate.sex/data?lang=sv")]
    public async Task JsonStat_NotesAreEachListedOnce(string url)
    {
        var notes = (await Client().Get(url)).Json().GetProperty("note").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Equal(notes.Count, notes.Distinct(StringComparer.Ordinal).Count());
        Assert.Single(notes, n => n!.StartsWith(".. = ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownParameters_AreIgnoredAndNamedInAHeader()
    {
        var response = await Client().Get("/api/v2/tables?lang=en&sortBy=label&pagesize=5&fooBar[x]=1");
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        var ignored = response.Headers.GetValues(ApiRequests.IgnoredHeader).Single();
        Assert.Contains("sortBy", ignored, StringComparison.Ordinal);
        Assert.Contains("fooBar[x]", ignored, StringComparison.Ordinal);
        Assert.DoesNotContain("pagesize", ignored, StringComparison.Ordinal);
        Assert.Equal(5, response.Json().GetProperty("page").GetProperty("pageSize").GetInt32());

        var clean = await Client().Get("/api/v2/tables?lang=en");
        Assert.False(clean.Headers.Contains(ApiRequests.IgnoredHeader));
    }

    [Fact]
    public async Task UnknownParameter_WithOddCharacters_GivesAValidHeader()
    {
        var response = await Client().Get("/api/v2/config?%ED%A0%80=1&%F0%9F%99%82=2");
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        Assert.Contains("%F0%9F%99%82", response.Headers.GetValues(ApiRequests.IgnoredHeader).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostBody_UnknownKeys_AreIgnoredAndNamed()
    {
        var response = await Client().Post(
            "/api/v2/tables/employment_rate/data?lang=en&typo=1",
            """{"selection":[{"variableCode":"Tid","valueCodes":["top(1)"],"extra":true}],"placement":{"heading":["Tid"],"x":1},"savedQueryId":"a"}""");
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        var ignored = response.Headers.GetValues(ApiRequests.IgnoredHeader).Single();
        foreach (var name in new[] { "typo", "savedQueryId", "selection[].extra", "placement.x" })
        {
            Assert.Contains(name, ignored, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task KnownParameter_WithABadValue_IsStill400NamingIt()
    {
        var response = await Client().Get("/api/v2/tables/employment_rate/metadata?defaultSelection=perhaps&typo=1");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("defaultSelection", response.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json-stat2", HttpStatusCode.OK)]
    [InlineData("JSON-STAT2", HttpStatusCode.OK)]
    [InlineData("csv", HttpStatusCode.BadRequest)]
    public async Task Codelist_OutputFormat_JsonStat2Is200(string format, HttpStatusCode status)
    {
        var response = await Client().Get("/api/v2/codelists/agg_kommun_lan?lang=en&outputFormat=" + format);
        Assert.True(response.Status == status, response.ToString());
        if (status == HttpStatusCode.OK)
        {
            Assert.NotEmpty(response.Json().GetProperty("values").EnumerateArray());
        }
        else
        {
            Assert.Contains("outputFormat", response.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("aggregated", HttpStatusCode.OK)]
    [InlineData("single", HttpStatusCode.OK)]
    [InlineData("Single", HttpStatusCode.OK)]
    [InlineData("sum", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    public async Task Data_OutputValues_IsAcceptedAndABadValueIs400(string value, HttpStatusCode status)
    {
        var response = await Client().Get($"/api/v2/tables/employment_rate.kommun/data?codelist[kommun]=agg_kommun_lan&valuecodes[kommun]=01&outputValues[kommun]={value}");
        Assert.True(response.Status == status, response.ToString());
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.Contains("outputValues[kommun]", response.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);
        }
    }
}

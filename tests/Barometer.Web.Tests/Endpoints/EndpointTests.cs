using System.Net;
using System.Text.Json;
using Barometer.Publishing.Formats;
using Barometer.Web.Tests.Hosting;

namespace Barometer.Web.Tests.Endpoints;

/// <summary>The endpoints' behaviour beyond the schemas: languages, search and paging, formats and media types, errors.</summary>
public sealed class EndpointTests
{
    public static TheoryData<string> Backends => PublicationBackends.Names;

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Config_ReportsLimitsFormatsAndLanguages(string backend)
    {
        var config = (await ApiHost.Shared(backend).CreateClient().Get("/api/v2/config")).Json();
        Assert.Equal(150_000, config.GetProperty("maxDataCells").GetInt32());
        Assert.Equal("json-stat2", config.GetProperty("defaultDataFormat").GetString());
        Assert.Equal(CubeWriters.Formats, config.GetProperty("dataFormats").EnumerateArray().Select(f => f.GetString()!).ToArray());
        Assert.Equal(["sv", "en"], config.GetProperty("languages").EnumerateArray().Select(l => l.GetProperty("id").GetString()!).ToArray());
    }

    [Theory]
    [InlineData("dk")]
    [InlineData("SVE")]
    [InlineData("en-GB")]
    [InlineData("<script>")]
    public async Task AnyEndpoint_UnknownLanguage_Is400Problem(string lang)
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var id = await Contract.ContractTests.TableWithBreakdown(client);
        foreach (var path in new[] { "/api/v2/config", "/api/v2/tables", $"/api/v2/tables/{id}", $"/api/v2/tables/{id}/metadata", $"/api/v2/tables/{id}/defaultselection", $"/api/v2/tables/{id}/data", "/api/v2/codelists/vs_kon" })
        {
            var response = await client.Get(path + "?lang=" + Uri.EscapeDataString(lang));
            Assert.True(response.Status == HttpStatusCode.BadRequest, path + " → " + response);
            Assert.Equal("application/problem+json", response.MediaType);
            Assert.Contains("lang", response.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Tables_LanguageChangesLabels_AndEnglishIsAsked()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var sv = (await client.Get("/api/v2/tables?pageSize=1")).Json();
        var en = (await client.Get("/api/v2/tables?pageSize=1&lang=EN")).Json();
        Assert.Equal("sv", sv.GetProperty("language").GetString());
        Assert.Equal("en", en.GetProperty("language").GetString());
        Assert.NotEqual(sv.GetProperty("tables")[0].GetProperty("label").GetString(), en.GetProperty("tables")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task Tables_PagesCoverEveryTableOnce()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var all = (await client.Get("/api/v2/tables?pageSize=1000")).Json();
        var total = all.GetProperty("page").GetProperty("totalElements").GetInt32();
        var ids = new List<string>();
        var page = 1;
        JsonElement response;
        do
        {
            response = (await client.Get($"/api/v2/tables?pageSize=13&pageNumber={page++}")).Json();
            ids.AddRange(response.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
        }
        while (response.GetProperty("page").GetProperty("links").EnumerateArray().Any(l => l.GetProperty("rel").GetString() == "next"));

        Assert.Equal(total, ids.Count);
        Assert.Equal(total, ids.Distinct().Count());
        Assert.Equal((total + 12) / 13, response.GetProperty("page").GetProperty("totalPages").GetInt32());
    }

    [Fact]
    public async Task Tables_Query_MatchesLabelsInEitherLanguage()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var en = (await client.Get("/api/v2/tables?query=employment&pageSize=1000&lang=en")).Json().GetProperty("tables");
        var sv = (await client.Get("/api/v2/tables?query=Sysselsättning&pageSize=1000")).Json().GetProperty("tables");
        Assert.NotEmpty(en.EnumerateArray());
        Assert.NotEmpty(sv.EnumerateArray());
        Assert.All(en.EnumerateArray(), t => Assert.Contains("employ", t.GetProperty("label").GetString() + " " + t.GetProperty("description").GetString(), StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("pageNumber=0")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=99999999999")]
    [InlineData("pageSize=-3")]
    [InlineData("pageNumber=x")]
    [InlineData("pastDays=-1")]
    [InlineData("pastDays=0")]
    [InlineData("includeDiscontinued=maybe")]
    [InlineData("query=a&lang=sv&query=b")]
    [InlineData("query=a&query=b")]
    public async Task Tables_BadParameter_Is400NamingIt(string query)
    {
        var response = await ApiHost.Shared(PublicationBackends.DuckDb).CreateClient().Get("/api/v2/tables?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Contains(query.Split('=')[0], response.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Table_UnknownId_Is404NamingTheId_AndIdsAreCaseInsensitive()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var response = await client.Get("/api/v2/tables/no_such_table_xyz");
        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Contains("no_such_table_xyz", response.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);

        var id = await Contract.ContractTests.TableWithBreakdown(client);
        var upper = await client.Get("/api/v2/tables/" + id.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.OK, upper.Status);
        Assert.Equal(id, upper.Json().GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("json-stat2", "application/json")]
    [InlineData("csv", "text/csv")]
    [InlineData("px", null)]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("parquet", null)]
    [InlineData("html", "text/html")]
    [InlineData("json-px", "application/json")]
    public async Task Data_EachFormat_HasItsMediaType(string format, string? mediaType)
    {
        if (!CubeWriters.Formats.Contains(format))
        {
            Assert.Fail($"the output format {format} is not registered in CubeWriters.All.");
        }

        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var id = await Contract.ContractTests.TableWithBreakdown(client);
        var response = await client.Get($"/api/v2/tables/{id}/data?outputFormat={format}&lang=en");
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        Assert.Equal(mediaType ?? CubeWriters.For(format).ContentType.Split(';')[0], response.MediaType);
        Assert.NotEmpty(response.Bytes);
        if (format is not "json-stat2" and not "json-px" and not "html")
        {
            Assert.Contains(id + "." + CubeWriters.For(format).FileExtension, response.ContentHeaders!.ContentDisposition?.ToString() ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task ResponseRateTable_IsListedAndServedInEveryFormat_InBothLanguages(string backend)
    {
        // Issue 18: the survey's response by group and stratum, with every public release, through the same API.
        var client = ApiHost.Shared(backend).CreateClient();
        var listed = (await client.Get("/api/v2/tables?query=responsrate&pageSize=100")).Json();
        Assert.Contains(listed.GetProperty("tables").EnumerateArray(), t => t.GetProperty("id").GetString() == "responsrate");
        var metadata = (await client.Get("/api/v2/tables/responsrate/metadata?lang=en")).Json();
        Assert.Contains("Response rate", metadata.GetRawText(), StringComparison.Ordinal);
        foreach (var format in CubeWriters.Formats)
        {
            var response = await client.Get($"/api/v2/tables/responsrate/data?outputFormat={format}&valuecodes[ContentsCode]=*&valuecodes[Tid]=*&valuecodes[Grupp]=*");
            Assert.True(response.Status == HttpStatusCode.OK, format + " → " + response);
            Assert.NotEmpty(response.Bytes);
        }

        var sv = (await client.Get("/api/v2/tables/responsrate/data?outputFormat=csv&outputFormatParams=UseTexts&valuecodes[ContentsCode]=*&valuecodes[Grupp]=all")).Text;
        var en = (await client.Get("/api/v2/tables/responsrate/data?outputFormat=csv&outputFormatParams=UseTexts&valuecodes[ContentsCode]=*&valuecodes[Grupp]=all&lang=en")).Text;
        Assert.Contains("Svarsandel", sv, StringComparison.Ordinal);
        Assert.Contains("Response rate", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_CsvParameters_ChangeSeparatorAndLabels()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var id = await Contract.ContractTests.TableWithBreakdown(client);
        var codes = (await client.Get($"/api/v2/tables/{id}/data?outputFormat=csv&outputFormatParams=UseCodes,SeparatorSemicolon&valuecodes[sex]=*")).Text;
        var texts = (await client.Get($"/api/v2/tables/{id}/data?outputFormat=csv&outputFormatParams=UseTexts&valuecodes[sex]=*&lang=en")).Text;
        Assert.Contains(';', codes);
        Assert.Contains("total", codes, StringComparison.Ordinal);
        Assert.Contains("Total", texts, StringComparison.Ordinal);
        var exploded = (await client.Get($"/api/v2/tables/{id}/data?outputFormat=csv&outputFormatParams=UseCodes&outputFormatParams=SeparatorSemicolon&valuecodes[sex]=*")).Text;
        Assert.Equal(codes, exploded);
        var conflict = await client.Get($"/api/v2/tables/{id}/data?outputFormat=csv&outputFormatParams=UseCodes,UseTexts");
        Assert.Equal(HttpStatusCode.BadRequest, conflict.Status);
        Assert.Contains("UseCodes", conflict.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_PostAndGet_OfTheSameSelection_GiveTheSameData()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var id = await Contract.ContractTests.TableWithBreakdown(client);
        var get = await client.Get($"/api/v2/tables/{id}/data?valuecodes[Tid]=top(2)&valuecodes[sex]=*&valuecodes[ContentsCode]=estimate,margin&heading=Tid,ContentsCode&stub=sex");
        var post = await client.Post($"/api/v2/tables/{id}/data", """
            {"selection":[{"variableCode":"Tid","valueCodes":["top(2)"]},{"variableCode":"sex","valueCodes":["*"]},{"variableCode":"ContentsCode","valueCodes":["estimate","margin"]}],
             "placement":{"heading":["Tid","ContentsCode"],"stub":["sex"]}}
            """);
        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal(get.Text, post.Text);
        Assert.NotNull(post.Headers.ETag);
    }

    [Fact]
    public async Task Data_TooManyCells_Is400BeforeComputing()
    {
        using var host = ApiHost.Create(PublicationBackends.DuckDb, new Dictionary<string, string?> { ["Publication:MaxDataCells"] = "10" });
        var client = host.CreateClient();
        var id = await Contract.ContractTests.TableWithBreakdown(client);
        var response = await client.Get($"/api/v2/tables/{id}/data?valuecodes[Tid]=*&valuecodes[Grupp]=*&valuecodes[ContentsCode]=*");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("10", response.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(10, (await client.Get("/api/v2/config")).Json().GetProperty("maxDataCells").GetInt32());
    }

    [Fact]
    public async Task Cors_AnyOriginMayRead_WithoutCredentials()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var simple = await client.Get("/api/v2/config", r => r.Headers.Add("Origin", "https://example.org"));
        Assert.Equal("*", simple.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(simple.Headers.Contains("Access-Control-Allow-Credentials"));

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v2/tables/x/data");
        preflight.Headers.Add("Origin", "https://example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        var response = await client.Call(preflight);
        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_PerClient_Is429ProblemWithRetryAfter()
    {
        using var host = ApiHost.Create(PublicationBackends.DuckDb, new Dictionary<string, string?>
        {
            ["Publication:MaxCallsPerTimeWindow"] = "3",
            ["Publication:TimeWindowSeconds"] = "60",
        });
        var client = host.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Get("/api/v2/config")).Status);
        }

        var limited = await client.Get("/api/v2/config");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("application/problem+json", limited.MediaType);
        Assert.Contains("3 calls per 60 seconds", limited.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/healthz")).Status);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.0.0/16", true)]
    [InlineData(null, false)]
    [InlineData("192.0.2.7", false)]
    public async Task RateLimit_ForwardedClients_CountSeparatelyOnlyBehindATrustedProxy(string? trusted, bool separately)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Publication:MaxCallsPerTimeWindow"] = "2",
            ["Publication:TimeWindowSeconds"] = "60",
            [ApiHost.PeerAddressSetting] = trusted is not null && trusted.Contains('/', StringComparison.Ordinal) ? "10.1.2.3" : "127.0.0.1",
        };
        if (trusted is not null)
        {
            settings["Publication:TrustedProxies:0"] = trusted;
        }

        using var host = ApiHost.Create(PublicationBackends.DuckDb, settings);
        var client = host.CreateClient();
        async Task<HttpStatusCode> From(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/config");
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await From("203.0.113.5"));
        Assert.Equal(HttpStatusCode.OK, await From("203.0.113.5"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await From("203.0.113.5"));

        // Another client behind the same proxy: its own budget only when the proxy is trusted.
        Assert.Equal(separately ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, await From("203.0.113.6"));
    }

    [Fact]
    public void Options_TrustedProxyThatIsNoAddress_IsRefusedAtStart()
    {
        using var host = ApiHost.Create(PublicationBackends.DuckDb, new Dictionary<string, string?> { ["Publication:TrustedProxies:0"] = "proxy.example" });
        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains("'proxy.example' is neither an IP address", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesOurEndpoints()
    {
        var response = await ApiHost.Shared(PublicationBackends.DuckDb).CreateClient().Get("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var paths = response.Json().GetProperty("paths");
        foreach (var path in new[] { "/api/v2/config", "/api/v2/tables", "/api/v2/tables/{id}", "/api/v2/tables/{id}/metadata", "/api/v2/tables/{id}/defaultselection", "/api/v2/tables/{id}/data", "/api/v2/codelists/{id}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        Assert.True(paths.GetProperty("/api/v2/tables/{id}/data").TryGetProperty("post", out _));
        Assert.False(paths.TryGetProperty("/admin/reload", out _));
    }

    [Theory]
    [InlineData("sv", "Slutpunkt")]
    [InlineData("en", "Endpoint")]
    public async Task ReferencePage_IsServerRenderedInTheLanguage_WithWorkingExamples(string lang, string word)
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var page = await client.Get("/api?lang=" + lang);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("text/html", page.MediaType);
        Assert.Contains(word, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", page.Text.Replace("https://creativecommons", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var links = System.Text.RegularExpressions.Regex.Matches(page.Text, "href=\"(/(?:api/v2|openapi)[^\"]*)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.True(links.Count >= 7, string.Join("\n", links));
        foreach (var link in links)
        {
            var response = await client.Get(link);
            Assert.True(response.Status == HttpStatusCode.OK, link + " → " + response);
        }
    }

    [Fact]
    public void Host_InvalidSettings_RefusesToStartNamingTheSetting()
    {
        using var host = ApiHost.Create(PublicationBackends.DuckDb, new Dictionary<string, string?> { ["Publication:Backend"] = "oracle" });
        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains("Publication:Backend", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingStore_Is503ProblemThatDoesNotNameThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "barometer-no-store-" + Guid.NewGuid().ToString("N"), "secret-name.duckdb");
        using var host = ApiHost.Create(PublicationBackends.DuckDb, new Dictionary<string, string?> { ["Publication:Store"] = path });
        var response = await host.CreateClient().Get("/api/v2/tables");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.DoesNotContain("secret-name", response.Text, StringComparison.Ordinal);
    }
}

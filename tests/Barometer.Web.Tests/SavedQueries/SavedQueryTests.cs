using System.Net;
using System.Text.Json;
using Barometer.Publishing.Formats;
using Barometer.Publishing.Results;
using Barometer.Testing;
using Barometer.Web.Tests.Contract;
using Barometer.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Barometer.Web.Tests.SavedQueries;

/// <summary>
/// Saved queries (PxAPI-2.yml /savedqueries): create → get → data → selection in both languages and every format,
/// valid against the spec's schemas; limits and rate limit; the embargo (a query naming an embargoed table or wave
/// is answered exactly like one naming a table that does not exist, and a stored query naming a wave not public now
/// exactly like an unknown id); persistence across a restart; and on PostgreSQL, one instance opens what another saved.
/// </summary>
public sealed class SavedQueryTests
{
    public static TheoryData<string> Backends => PublicationBackends.Names;

    public static TheoryData<string, string> BackendsAndLanguages
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var backend in PublicationBackends.All)
            {
                data.Add(backend, "sv");
                data.Add(backend, "en");
            }

            return data;
        }
    }

    private const string Selection =
        """{"selection":[{"variableCode":"Tid","valueCodes":["top(2)"]},{"variableCode":"ContentsCode","valueCodes":["estimate","margin"]},{"variableCode":"Grupp","valueCodes":["*"]}],"placement":{"heading":["Tid"],"stub":["Grupp"]}}""";

    [Theory]
    [MemberData(nameof(BackendsAndLanguages))]
    public async Task RoundTrip_CreateGetDataSelection_AsTheSpecSays(string backend, string lang)
    {
        using var host = ApiHost.Create(backend);
        var client = host.CreateClient();
        var table = await ContractTests.TableWithBreakdown(client);

        var created = await client.Post("/api/v2/savedqueries", Body(table, lang, Selection, "\"csv\"", """["SeparatorSemicolon"]"""));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        AssertValid("SavedQueryResponse", created);
        var id = created.Json().GetProperty("id").GetString()!;
        Assert.Matches("^[A-Za-z0-9_-]{22}$", id);
        Assert.Equal("/api/v2/savedqueries/" + id, created.Headers.Location?.OriginalString);
        var saved = created.Json().GetProperty("savedQuery");
        Assert.Equal(table, saved.GetProperty("tableId").GetString());
        Assert.Equal(lang, saved.GetProperty("language").GetString());
        Assert.Equal("csv", saved.GetProperty("outputFormat").GetString());
        Assert.Equal(lang, created.Json().GetProperty("language").GetString());

        var got = await client.Get($"/api/v2/savedqueries/{id}");
        Assert.Equal(HttpStatusCode.OK, got.Status);
        AssertValid("SavedQueryResponse", got);
        Assert.Equal(saved.GetRawText(), got.Json().GetProperty("savedQuery").GetRawText());
        Assert.Equal(lang, got.Json().GetProperty("language").GetString());

        // The data in the saved format and language, as /data gives the same selection.
        var direct = await client.Post($"/api/v2/tables/{table}/data?lang={lang}&outputFormat=csv&outputFormatParams=SeparatorSemicolon", Selection);
        var data = await client.Get($"/api/v2/savedqueries/{id}/data");
        Assert.True(data.Status == HttpStatusCode.OK, data.ToString());
        Assert.Equal("text/csv", data.MediaType);
        Assert.Equal(direct.Text, data.Text);
        Assert.Contains(';', data.Text);

        var selection = await client.Get($"/api/v2/savedqueries/{id}/selection");
        Assert.Equal(HttpStatusCode.OK, selection.Status);
        AssertValid("SelectionResponse", selection);
        var variables = selection.Json().GetProperty("selection").EnumerateArray().ToDictionary(v => v.GetProperty("variableCode").GetString()!, v => v.GetProperty("valueCodes").EnumerateArray().Select(c => c.GetString()!).ToList());
        Assert.Equal(["2023", "2024"], variables["Tid"]);
        Assert.Equal(["estimate", "margin"], variables["ContentsCode"]);
        Assert.Contains("all", variables["Grupp"]);
        Assert.Equal(lang, selection.Json().GetProperty("language").GetString());
        Assert.Contains("Tid", selection.Json().GetProperty("placement").GetProperty("heading").EnumerateArray().Select(e => e.GetString()));

        // lang overrides the saved language.
        var other = lang == "sv" ? "en" : "sv";
        var otherData = await client.Get($"/api/v2/savedqueries/{id}/data?lang={other}");
        var otherDirect = await client.Post($"/api/v2/tables/{table}/data?lang={other}&outputFormat=csv&outputFormatParams=SeparatorSemicolon", Selection);
        Assert.Equal(otherDirect.Text, otherData.Text);
        Assert.NotEqual(data.Text, otherData.Text);
        Assert.Equal(other, (await client.Get($"/api/v2/savedqueries/{id}?lang={other}")).Json().GetProperty("language").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Data_EveryOutputFormat_IsWhatDataGivesForTheSelection(string backend)
    {
        using var host = ApiHost.Create(backend);
        var client = host.CreateClient();
        var table = await ContractTests.TableWithBreakdown(client);
        var id = await Create(client, Body(table, "en", Selection));
        foreach (var format in CubeWriters.Formats)
        {
            var saved = await client.Get($"/api/v2/savedqueries/{id}/data?outputFormat={format}");
            var direct = await client.Post($"/api/v2/tables/{table}/data?lang=en&outputFormat={format}", Selection);
            Assert.True(saved.Status == HttpStatusCode.OK, format + ": " + saved);
            Assert.Equal(direct.MediaType, saved.MediaType);
            Assert.Equal(direct.ContentHeaders?.ContentDisposition?.FileName, saved.ContentHeaders?.ContentDisposition?.FileName);
            if (format != "xlsx")
            {
                Assert.True(direct.Bytes.AsSpan().SequenceEqual(saved.Bytes), format);
            }
        }

        // Without a saved or requested format: JSON-stat 2, valid against the spec.
        AssertValid("Dataset", await client.Get($"/api/v2/savedqueries/{id}/data"));
    }

    [Fact]
    public async Task Ids_AreRandom_AndAMalformedOrUnknownIdIsOneAnswer()
    {
        using var host = ApiHost.Create(PublicationBackends.DuckDb);
        var client = host.CreateClient();
        var table = await ContractTests.TableWithBreakdown(client);
        var ids = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(ids.Add(await Create(client, Body(table, "sv", Selection))));
        }

        Assert.All(ids, id => Assert.Matches("^[A-Za-z0-9_-]{22}$", id));
        var unknown = await Problem(client, "/api/v2/savedqueries/AAAAAAAAAAAAAAAAAAAAAA", HttpStatusCode.NotFound);
        Assert.Equal(unknown.Replace("AAAAAAAAAAAAAAAAAAAAAA", "ID", StringComparison.Ordinal), (await Problem(client, "/api/v2/savedqueries/1", HttpStatusCode.NotFound)).Replace("'1'", "'ID'", StringComparison.Ordinal));
        Assert.Contains("AAAAAAAAAAAAAAAAAAAAAA", unknown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Create_NamingAnEmbargoedOrUnreleasedWave_AnswersExactlyLikeATableThatDoesNotExist(string backend)
    {
        var client = ApiHost.Shared(backend).CreateClient();
        var table = await ContractTests.TableWithBreakdown(client);
        var never = await Problem(client, "/api/v2/savedqueries", HttpStatusCode.BadRequest, Body("no_such_table", "sv", Selection));
        foreach (var expression in new[] { "2025", "2026", "range(2022,2025)", "from(2025)", "2024,2025", "1999" })
        {
            var selection = $$"""{"selection":[{"variableCode":"Tid","valueCodes":["{{expression}}"]}]}""";
            Assert.Equal(never, await Problem(client, "/api/v2/savedqueries", HttpStatusCode.BadRequest, Body(table, "sv", selection)));
        }

        Assert.DoesNotContain("no_such_table", never, StringComparison.Ordinal);
        Assert.Contains("tableId", never, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NamingAnEmbargoedTable_AnswersExactlyLikeATableThatDoesNotExist_UntilItsReleaseTime()
    {
        using var host = ApiHost.Create(PublicationBackends.DuckDb);
        var table = await ContractTests.TableWithBreakdown(host.CreateClient());
        var indicator = table[..table.IndexOf('.', StringComparison.Ordinal)];
        // The same store, except that the indicator has results only in the embargoed wave: its tables are embargoed.
        using var embargoed = host.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            services.RemoveAll<IPublishedResultsSource>();
            services.AddSingleton<IPublishedResultsSource>(new OnlyInWave(new DuckDbPublishedResults(ReleasedStore.Shared.StorePath), indicator, ReleasedStore.EmbargoedWave));
        }));
        var client = embargoed.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.Get($"/api/v2/tables/{table}")).Status);
        var never = await Problem(client, "/api/v2/savedqueries", HttpStatusCode.BadRequest, Body("no_such_table", "sv", Selection));
        foreach (var id in new[] { table, indicator })
        {
            Assert.Equal(never, await Problem(client, "/api/v2/savedqueries", HttpStatusCode.BadRequest, Body(id, "sv", """{"selection":[]}""")));
            Assert.Equal(never, await Problem(client, "/api/v2/savedqueries", HttpStatusCode.BadRequest, Body(id, "en", Selection)));
        }

        host.Clock.SetUtcNow(ReleasedStore.EmbargoedReleaseTime);
        var created = await client.Post("/api/v2/savedqueries", Body(table, "sv", Selection));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
    }

    /// <summary>
    /// Saved while wave 2025 was public (a clock ahead), read by a new host on the same file when it is not: every
    /// endpoint answers exactly like an unknown id, and a query of "the newest wave" gives only public waves.
    /// Also shows that saved queries survive a restart.
    /// </summary>
    [Theory]
    [MemberData(nameof(Backends))]
    public async Task StoredQueryNamingAWaveNotPublicNow_IsAnsweredLikeAnUnknownId_AndNewestWaveMeansThePublicOne(string backend)
    {
        using var scope = backend == PublicationBackends.Postgres ? PublishedSchema() : null;
        var settings = SharedSettings(backend, scope);
        string table, hidden, newest, plain;
        using (var ahead = ApiHost.Create(backend, settings))
        {
            ahead.Clock.SetUtcNow(ReleasedStore.EmbargoedReleaseTime.AddHours(1));
            var client = ahead.CreateClient();
            table = await ContractTests.TableWithBreakdown(client);
            hidden = await Create(client, Body(table, "sv", """{"selection":[{"variableCode":"Tid","valueCodes":["2025"]}]}"""));
            newest = await Create(client, Body(table, "sv", """{"selection":[{"variableCode":"Tid","valueCodes":["top(1)"]}]}"""));
            plain = await Create(client, Body(table, "en", Selection, "\"json-px\""));
            Assert.Equal(["2025"], Access.EmbargoTests.TimeCodes((await client.Get($"/api/v2/savedqueries/{hidden}/data?outputFormat=json-stat2")).Json()));
        }

        using var now = ApiHost.Create(backend, settings);
        var reader = now.CreateClient();
        const string Unknown = "AAAAAAAAAAAAAAAAAAAAAA";
        foreach (var path in new[] { "", "/data", "/selection", "/data?outputFormat=csv" })
        {
            var expected = await Problem(reader, $"/api/v2/savedqueries/{Unknown}{path}", HttpStatusCode.NotFound);
            var answer = await Problem(reader, $"/api/v2/savedqueries/{hidden}{path}", HttpStatusCode.NotFound);
            Assert.Equal(expected, answer.Replace(hidden, Unknown, StringComparison.Ordinal));
        }

        Assert.Equal(
            (await Problem(reader, $"/api/v2/tables/{table}/metadata?savedQuery={Unknown}", HttpStatusCode.NotFound)).Replace(Unknown, "ID", StringComparison.Ordinal),
            (await Problem(reader, $"/api/v2/tables/{table}/metadata?savedQuery={hidden}", HttpStatusCode.NotFound)).Replace(hidden, "ID", StringComparison.Ordinal));
        Assert.Equal(["2024"], Access.EmbargoTests.TimeCodes((await reader.Get($"/api/v2/savedqueries/{newest}/data")).Json()));
        Assert.Equal(["2024"], (await reader.Get($"/api/v2/savedqueries/{newest}/selection")).Json().GetProperty("selection").EnumerateArray().Single(v => v.GetProperty("variableCode").GetString() == "Tid").GetProperty("valueCodes").EnumerateArray().Select(e => e.GetString()).ToList());

        // Saved on the first host, opened on the second: the restart lost nothing.
        var reopened = await reader.Get($"/api/v2/savedqueries/{plain}");
        Assert.True(reopened.Status == HttpStatusCode.OK, reopened.ToString());
        Assert.Equal("json-px", reopened.Json().GetProperty("savedQuery").GetProperty("outputFormat").GetString());
        Assert.Equal(HttpStatusCode.OK, (await reader.Get($"/api/v2/savedqueries/{plain}/data")).Status);
        Assert.Equal(HttpStatusCode.OK, (await reader.Get($"/api/v2/tables/{table}/metadata?savedQuery={plain}")).Status);
    }

    [Fact]
    public async Task SavedQueries_SurviveARestart_OnTheSameFile()
    {
        var settings = SharedSettings(PublicationBackends.DuckDb, null);
        string id, body;
        using (var first = ApiHost.Create(PublicationBackends.DuckDb, settings))
        {
            var client = first.CreateClient();
            id = await Create(client, Body(await ContractTests.TableWithBreakdown(client), "en", Selection, "\"px\""));
            body = (await client.Get($"/api/v2/savedqueries/{id}")).Text;
        }

        using var second = ApiHost.Create(PublicationBackends.DuckDb, settings);
        var again = await second.CreateClient().Get($"/api/v2/savedqueries/{id}");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(body, again.Text);
    }

    [Fact]
    public async Task Postgres_SavedOnOneInstance_OpensOnAnother()
    {
        if (!PublicationBackends.All.Contains(PublicationBackends.Postgres))
        {
            return; // No server configured (and none required): the PostgreSQL backend is not tested in this run.
        }

        using var scope = PublishedSchema();
        var settings = SharedSettings(PublicationBackends.Postgres, scope);
        using var one = ApiHost.Create(PublicationBackends.Postgres, settings);
        using var two = ApiHost.Create(PublicationBackends.Postgres, settings);
        var first = one.CreateClient();
        var second = two.CreateClient();
        var table = await ContractTests.TableWithBreakdown(first);
        var id = await Create(first, Body(table, "sv", Selection, "\"csv\""));
        var onOne = await first.Get($"/api/v2/savedqueries/{id}");
        var onTwo = await second.Get($"/api/v2/savedqueries/{id}");
        Assert.True(onTwo.Status == HttpStatusCode.OK, onTwo.ToString());
        Assert.Equal(onOne.Text, onTwo.Text);
        Assert.Equal((await first.Get($"/api/v2/savedqueries/{id}/data")).Text, (await second.Get($"/api/v2/savedqueries/{id}/data")).Text);
        var back = await Create(second, Body(table, "en", Selection));
        Assert.Equal(HttpStatusCode.OK, (await first.Get($"/api/v2/savedqueries/{back}/selection")).Status);
        Assert.Equal(1L, scope.Scalar($"SELECT count(*) FROM saved_queries WHERE id = '{id}'"));
    }

    [Fact]
    public async Task Limits_BodySizeVariablesValuesAndFields_AreProblemsNamingWhatIsAtFault()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var table = await ContractTests.TableWithBreakdown(client);
        var tooBig = Body(table, "sv", $$"""{"selection":[{"variableCode":"Tid","valueCodes":["{{new string('x', 70_000)}}"]}]}""");
        await AssertProblem(client, tooBig, HttpStatusCode.RequestEntityTooLarge, "64 KiB");
        var manyVariables = string.Join(",", Enumerable.Range(0, 11).Select(i => $$"""{"variableCode":"V{{i}}","valueCodes":["a"]}"""));
        await AssertProblem(client, Body(table, "sv", $$"""{"selection":[{{manyVariables}}]}"""), HttpStatusCode.BadRequest, "at most 10");
        var manyValues = string.Join(",", Enumerable.Range(0, 2001).Select(i => $"\"{i}\""));
        await AssertProblem(client, Body(table, "sv", $$"""{"selection":[{"variableCode":"Tid","valueCodes":[{{manyValues}}]}]}"""), HttpStatusCode.BadRequest, "at most 2000");
        await AssertProblem(client, Body(table, "sv", $$"""{"selection":[{"variableCode":"Tid","valueCodes":["{{new string('9', 201)}}"]}]}"""), HttpStatusCode.BadRequest, "longer than 200");
        await AssertProblem(client, """{"language":"sv","selection":{"selection":[]}}""", HttpStatusCode.BadRequest, "tableId");
        await AssertProblem(client, Body(table, "dk", Selection), HttpStatusCode.BadRequest, "language 'dk'");
        await AssertProblem(client, Body(table, "sv", Selection, "\"docx\""), HttpStatusCode.BadRequest, "docx");
        await AssertProblem(client, Body(table, "sv", Selection, "\"csv\"", """["UseCodes","UseTexts"]"""), HttpStatusCode.BadRequest, "UseTexts");
        await AssertProblem(client, $$"""{"tableId":"{{table}}","language":"sv","selection":[1]}""", HttpStatusCode.BadRequest, "selection");
        await AssertProblem(client, "{", HttpStatusCode.BadRequest, "not valid JSON");
        await AssertProblem(client, "", HttpStatusCode.BadRequest, "saved query");
        var wrongType = await client.Post("/api/v2/savedqueries", Body(table, "sv", Selection), "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.Status);
        Assert.Equal("application/problem+json", wrongType.MediaType);
        var tooManyCells = await client.Post("/api/v2/savedqueries", Body(table, "sv", Selection));
        Assert.Equal(HttpStatusCode.Created, tooManyCells.Status);
    }

    [Fact]
    public async Task Create_UnknownParametersAndKeys_AreIgnoredAndNamed()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var table = await ContractTests.TableWithBreakdown(client);
        var body = $$"""{"id":"","tableId":"{{table}}","language":"sv","selection":{"selection":[],"extra":1},"comment":"x"}""";
        var created = await client.Post("/api/v2/savedqueries?foo=1", body);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var ignored = string.Join(",", created.Headers.GetValues("X-Barometer-Ignored-Parameters"));
        Assert.Contains("foo", ignored, StringComparison.Ordinal);
        Assert.Contains("comment", ignored, StringComparison.Ordinal);
        Assert.Contains("selection.extra", ignored, StringComparison.Ordinal);
        Assert.DoesNotContain("id", ignored.Split(", "));
    }

    [Fact]
    public async Task RateLimit_CreatingIsLimitedPerClient_ReadingIsNot()
    {
        using var host = ApiHost.Create(PublicationBackends.DuckDb, new Dictionary<string, string?>
        {
            ["Publication:MaxSavedQueriesPerTimeWindow"] = "2",
            ["Publication:SavedQueriesTimeWindowSeconds"] = "3600",
        });
        var client = host.CreateClient();
        var table = await ContractTests.TableWithBreakdown(client);
        var id = await Create(client, Body(table, "sv", Selection));
        await Create(client, Body(table, "sv", Selection));
        var refused = await client.Post("/api/v2/savedqueries", Body(table, "sv", Selection));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("application/problem+json", refused.MediaType);
        Assert.Contains("At most 2 saved queries per 3600 seconds", refused.Json().GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter is not null, refused.ToString());
        AssertValid("Problem", refused);
        Assert.Equal(HttpStatusCode.OK, (await client.Get($"/api/v2/savedqueries/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.Get($"/api/v2/savedqueries/{id}/data")).Status);
    }

    [Fact]
    public void Options_SavedQueriesInTheStore_AreRefused()
    {
        var options = new Api.PublicationOptions { Store = "/tmp/x/store.duckdb", SavedQueries = "/tmp/x/store.duckdb" };
        Assert.Contains(options.Validate(), p => p.Contains("Publication:SavedQueries", StringComparison.Ordinal));
        Assert.Equal("/tmp/x/saved-queries.duckdb", new Api.PublicationOptions { Store = "/tmp/x/store.duckdb" }.SavedQueriesPath());
    }

    internal static string Body(string table, string lang, string selection, string? format = null, string? formatParams = null) =>
        $$"""{"id":"","tableId":{{JsonSerializer.Serialize(table)}},"language":"{{lang}}","selection":{{selection}}{{(format is null ? "" : ",\"outputFormat\":" + format)}}{{(formatParams is null ? "" : ",\"outputFormatParams\":" + formatParams)}}}""";

    internal static async Task<string> Create(HttpClient client, string body)
    {
        var created = await client.Post("/api/v2/savedqueries", body);
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        return created.Json().GetProperty("id").GetString()!;
    }

    private static PostgresSchemaScope PublishedSchema()
    {
        var scope = PostgresTestDatabase.CreateSchema();
        new PostgresPublisher(scope.ConnectionString).Publish(new DuckDbPublishedResults(ReleasedStore.Shared.StorePath).Load());
        return scope;
    }

    private static Dictionary<string, string?> SharedSettings(string backend, PostgresSchemaScope? scope) => backend == PublicationBackends.Postgres
        ? new() { ["Publication:Postgres"] = scope!.ConnectionString }
        : new() { ["Publication:SavedQueries"] = Path.Combine(ReleasedStore.Shared.Root, "saved-shared-" + Guid.NewGuid().ToString("N") + ".duckdb") };

    /// <summary>A problem answer as status, type, title, detail and the names of its members (its traceId differs per request).</summary>
    private static async Task<string> Problem(HttpClient client, string url, HttpStatusCode status, string? body = null)
    {
        var response = body is null ? await client.Get(url) : await client.Post(url, body);
        Assert.True(response.Status == status, url + " → " + response);
        Assert.Equal("application/problem+json", response.MediaType);
        var problem = response.Json();
        var members = string.Join(",", problem.EnumerateObject().Select(p => p.Name));
        return $"{problem.GetProperty("status")} {problem.GetProperty("type")} {problem.GetProperty("title")} {problem.GetProperty("detail")} [{members}]";
    }

    private static async Task AssertProblem(HttpClient client, string body, HttpStatusCode status, string detail)
    {
        var response = await client.Post("/api/v2/savedqueries", body);
        Assert.True(response.Status == status, response.ToString());
        Assert.Equal("application/problem+json", response.MediaType);
        AssertValid("Problem", response);
        Assert.Contains(detail, response.Json().GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static void AssertValid(string schema, ApiResponse response)
    {
        var problems = PxApiSchemas.Problems(schema, response.Text);
        Assert.True(problems.Count == 0, $"{schema}: {string.Join("\n", problems.Take(10))}\n{response}");
    }

    /// <summary>A source whose snapshot keeps <paramref name="indicator"/>'s results of one wave only.</summary>
    private sealed class OnlyInWave(IPublishedResultsSource inner, string indicator, int wave) : IPublishedResultsSource
    {
        public string Fingerprint() => inner.Fingerprint();

        public PublishedSnapshot Load()
        {
            var snapshot = inner.Load();
            var results = snapshot.AllReleases.SelectMany(snapshot.ResultsOf).Where(r => r.Row.Indicator != indicator || r.Wave == wave);
            return new PublishedSnapshot(snapshot.Fingerprint, snapshot.AllReleases, results);
        }
    }
}

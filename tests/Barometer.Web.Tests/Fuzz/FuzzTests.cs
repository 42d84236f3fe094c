using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Barometer.Web.Tests.Hosting;

namespace Barometer.Web.Tests.Fuzz;

/// <summary>
/// Random requests (seeded, so a failure can be replayed): random variables, codes and expressions, huge selections,
/// malformed JSON bodies, unknown formats and parameters, odd languages, very long query strings. Every answer is a
/// 200 within the cell limit or a 4xx problem+json — never a 5xx.
/// </summary>
public sealed class FuzzTests : IClassFixture<FuzzTests.Host>
{
    private const int MaxCells = 2_000;

    private static readonly string[] Expressions =
    [
        "*", "**", "?", "top(1)", "top(0)", "top(-1)", "top(999999999999)", "top(2,1)", "top(a)", "top(", "bottom(3)", "bottom(1,99)",
        "from(2022)", "from(x)", "to(2023)", "to()", "range(2022,2024)", "range(2024,2022)", "range(2022)", "range(,)", "2022", "2025", "2026",
        "total", "all", "estimate", "margin", "1", "2", "0114", "", " ", ",", ",,", "%00", "ÅÄÖ", "🙂", "'; DROP TABLE results; --",
        "<script>alert(1)</script>", "../../etc/passwd", "TOP(2)", "Range(2022,2023)", "foreign_vs_native:*", "*:gap", "2?2?",
    ];

    private static readonly string[] Formats = ["json-stat2", "csv", "xlsx", "px", "parquet", "html", "json-px", "JSON-STAT2", "xml", "", "pdf", "csv;drop"];

    private static readonly string[] Params = ["UseCodes", "UseTexts", "UseCodesAndTexts", "IncludeTitle", "SeparatorTab", "SeparatorSpace", "SeparatorSemicolon", "Bogus", "usecodes", ""];

    private static readonly string[] Languages = ["sv", "en", "EN", "", "dk", "fi", "en-US", "sv,en", "null", "%", "x"];

    /// <summary>Raw query values, already percent-encoded: odd unicode, invalid UTF-8 (a lone surrogate's bytes), controls, brackets.</summary>
    private static readonly string[] RawValues =
    [
        "", "%ED%A0%80", "%ED%B0%80", "%ED%A0%80%ED%A0%80", "%F0%9F", "%C0%AF", "%FF%FE", "%00", "%0A%0D", "%E2%80%AE", "%EF%BB%BF",
        "%F0%9F%99%82", "%C3%85%C3%84%C3%96", "%5B%5D", "[", "]", "[]", "[[x]]", "a%5Bb%5D", "%25", "%", "%%", "+", "%20%20", "true",
        "false", "TRUE", "1", "0", "-1", "2147483648", "99999999999999999999", "1e3", "0x10", "1.5", "null", "undefined", "*", "top(2)",
        "json-stat2", "csv", "px", "xlsx", "parquet", "html", "json-px", "sv", "en", "Tid", "vs_kon", "agg_kommun_lan", "single",
        "aggregated", "UseTexts", "%22%3Cscript%3E", "..%2F..%2F", "%3Bdrop", "%26amp%3B", "a,b,,c", ",",
    ];

    /// <summary>Query parameter names, real (in different cases), misspelled, bracketed and odd.</summary>
    private static readonly string[] ParameterNames =
    [
        "lang", "LANG", "query", "pastDays", "includeDiscontinued", "pageNumber", "pageSize", "defaultSelection", "savedQuery", "outputFormat",
        "outputformat", "outputFormatParams", "heading", "stub", "valuecodes[Tid]", "valueCodes[ContentsCode]", "valuecodes[Grupp]",
        "valuecodes[sex]", "valuecodes[kommun]", "codelist[kommun]", "codelist[sex]", "codelist[Tid]", "outputValues[kommun]",
        "outputvalues[sex]", "valuecodes[]", "valuecodes[", "valuecodes]", "valuecodes", "codelist[]", "[]", "%5B%5D", "x", "sortBy",
        "valuecodes%5BTid%5D", "a[b][c]", "%ED%A0%80", "%F0%9F%99%82", "lang[]", "pageSize[0]", "", "=",
    ];

    private static int _requests;

    private readonly Host _host;

    public FuzzTests(Host host) => _host = host;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomGetSelections_AreAnswered200WithinTheLimitOr4xxProblem(int seed)
    {
        var random = new Random(seed);
        var client = _host.CreateClient();
        var tables = await _host.Tables(client);
        for (var i = 0; i < 120; i++)
        {
            var (id, dimensions) = tables[random.Next(tables.Count)];
            var query = new List<string>();
            var variables = dimensions.Concat(["Region", "tid", "contentscode", "x]", "valuecodes", "", "[", "Grupp]["]).ToList();
            for (var v = random.Next(0, 5); v > 0; v--)
            {
                var name = variables[random.Next(variables.Count)];
                var values = string.Join(",", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Expressions[random.Next(Expressions.Length)]));
                query.Add($"valuecodes[{Uri.EscapeDataString(name)}]={Uri.EscapeDataString(values)}");
            }

            if (random.Next(4) == 0)
            {
                query.Add("codelist[" + Uri.EscapeDataString(variables[random.Next(variables.Count)]) + "]=" + (random.Next(2) == 0 ? "agg_kommun_lan" : "vs_nothing"));
            }

            if (random.Next(3) == 0)
            {
                query.Add("heading=" + Uri.EscapeDataString(string.Join(",", variables.OrderBy(_ => random.Next()).Take(random.Next(0, 3)))));
            }

            if (random.Next(3) == 0)
            {
                query.Add("stub=" + Uri.EscapeDataString(string.Join(",", variables.OrderBy(_ => random.Next()).Take(random.Next(0, 3)))));
            }

            if (random.Next(2) == 0)
            {
                query.Add("outputFormat=" + Uri.EscapeDataString(Formats[random.Next(Formats.Length)]));
            }

            if (random.Next(3) == 0)
            {
                query.Add("outputFormatParams=" + Uri.EscapeDataString(string.Join(",", Enumerable.Range(0, random.Next(1, 3)).Select(_ => Params[random.Next(Params.Length)]))));
            }

            if (random.Next(3) == 0)
            {
                query.Add("lang=" + Uri.EscapeDataString(Languages[random.Next(Languages.Length)]));
            }

            if (random.Next(10) == 0)
            {
                query.Add(random.Next(2) == 0 ? "unknown=1" : "lang=sv");
            }

            await AssertAnswer(client, HttpMethod.Get, $"/api/v2/tables/{Uri.EscapeDataString(id)}/data?{string.Join("&", query)}", null);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task RandomPostBodies_AreAnswered200WithinTheLimitOr4xxProblem(int seed)
    {
        var random = new Random(seed);
        var client = _host.CreateClient();
        var tables = await _host.Tables(client);
        string[] broken =
        [
            "", "{", "}", "null", "[]", "\"text\"", "42", "{\"selection\":null}", "{\"selection\":{}}", "{\"selection\":[null]}",
            "{\"selection\":[{\"variableCode\":null,\"valueCodes\":null}]}", "{\"selection\":[{\"variableCode\":\"Tid\",\"valueCodes\":\"*\"}]}",
            "{\"selection\":[{\"variableCode\":\"Tid\",\"valueCodes\":[1,2]}]}", "{\"selection\":[],\"placement\":{\"heading\":\"Tid\"}}",
            "{\"selection\":[],\"placement\":{\"heading\":[\"Tid\",\"Tid\"]}}", new string('[', 5000) + new string(']', 5000),
            "{\"selection\":[{\"variableCode\":\"Tid\",\"valueCodes\":[\"*\"]}]", "\u0000\u0001", "{\"selection\":[{\"variableCode\":\"Tid\",\"valueCodes\":[\"*\"]}]}trailing",
        ];
        for (var i = 0; i < 80; i++)
        {
            var (id, dimensions) = tables[random.Next(tables.Count)];
            string body;
            if (random.Next(3) == 0)
            {
                body = broken[random.Next(broken.Length)];
            }
            else
            {
                var names = dimensions.Concat(["nope", "TID", ""]).ToList();
                var selection = Enumerable.Range(0, random.Next(0, 5)).Select(_ => new
                {
                    variableCode = names[random.Next(names.Count)],
                    valueCodes = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Expressions[random.Next(Expressions.Length)]).ToArray(),
                    codelist = random.Next(5) == 0 ? "vs_kon" : null,
                });
                body = JsonSerializer.Serialize(new { selection, placement = random.Next(3) == 0 ? new { heading = names.Take(random.Next(3)).ToArray(), stub = names.Skip(1).Take(random.Next(3)).ToArray() } : null });
            }

            var format = random.Next(3) == 0 ? "?outputFormat=" + Uri.EscapeDataString(Formats[random.Next(Formats.Length)]) : string.Empty;
            await AssertAnswer(client, HttpMethod.Post, $"/api/v2/tables/{Uri.EscapeDataString(id)}/data{format}", body);
        }
    }

    [Fact]
    public async Task HugeSelections_AreRefusedBeforeComputing()
    {
        var client = _host.CreateClient();
        var tables = await _host.Tables(client);
        foreach (var (id, dimensions) in tables.Where(t => t.Dimensions.Count == 4).Take(15))
        {
            var everything = string.Join("&", dimensions.Select(d => $"valuecodes[{d}]=*"));
            var response = await client.Get($"/api/v2/tables/{id}/data?{everything}");
            if (response.Status == HttpStatusCode.OK)
            {
                Assert.True(Cells(response.Json()) <= MaxCells, id);
            }
            else
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.Status);
                Assert.Contains("cells", response.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);
            }
        }

        var kommun = tables.FirstOrDefault(t => t.Id.EndsWith(".kommun", StringComparison.Ordinal));
        Assert.False(kommun.Id is null, "no kommun table");
        var huge = await client.Get($"/api/v2/tables/{kommun.Id}/data?valuecodes[kommun]=*&valuecodes[Grupp]=*&valuecodes[ContentsCode]=*&valuecodes[Tid]=*");
        Assert.Equal(HttpStatusCode.BadRequest, huge.Status);
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(200_000)]
    public async Task VeryLongQueryStrings_Are414Problem(int length)
    {
        var client = _host.CreateClient();
        var response = await client.Get("/api/v2/tables?query=" + new string('a', length));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
    }

    [Fact]
    public async Task RandomPathsAndIds_AreAnswered404Or4xxProblem()
    {
        var random = new Random(7);
        var client = _host.CreateClient();
        string[] pieces = ["tables", "codelists", "metadata", "data", "defaultselection", "config", "savedqueries", ".", "x", "employment_rate", "vs_kon", "", "🙂", "%25", "a b"];
        for (var i = 0; i < 150; i++)
        {
            var path = "/api/v2/" + string.Join("/", Enumerable.Range(0, random.Next(1, 5)).Select(_ => pieces[random.Next(pieces.Length)]));
            var query = random.Next(2) == 0 ? "?lang=" + Languages[random.Next(Languages.Length)] + "&defaultSelection=" + (random.Next(2) == 0 ? "true" : "perhaps") : string.Empty;
            await AssertAnswer(client, random.Next(4) == 0 ? HttpMethod.Post : HttpMethod.Get, path + query, random.Next(2) == 0 ? "{}" : null);
        }
    }

    /// <summary>
    /// Every route of the API (GET and POST, every format and language) and every dashboard page, with mutated paths,
    /// query strings and bodies: about 2,800 requests over the four seeds. With the tests above the fuzz tests send
    /// over 3,000 requests; each answer is below 500, and an /api error is problem+json with a detail.
    /// </summary>
    [Theory]
    [InlineData(101)]
    [InlineData(102)]
    [InlineData(103)]
    [InlineData(104)]
    public async Task EveryRoute_MutatedRequests_AreNever5xx_AndApiErrorsAreProblemsWithDetail(int seed)
    {
        var random = new Random(seed);
        var client = _host.CreateClient();
        var tables = await _host.Tables(client);
        var before = _requests;
        for (var i = 0; i < 700; i++)
        {
            var (id, dimensions) = tables[random.Next(tables.Count)];
            var tableId = random.Next(8) switch
            {
                0 => id.ToUpperInvariant(),
                1 => id + Pick(random, ["x", ".", "%20", "%ED%A0%80", "/", "%2F..", ".sex.sex"]),
                2 => Pick(random, ["", "%F0%9F%99%82", "..", "no_such_table", new string('a', 3000), "employment_rate%5B%5D"]),
                _ => Uri.EscapeDataString(id),
            };
            var codelist = Pick(random, ["vs_kon", "agg_kommun_lan", "VS_KOMMUN", "vs_lan", "agg_lan_riksomrade", "no_such", "%ED%A0%80", ""]);
            var (method, path) = random.Next(11) switch
            {
                0 => (HttpMethod.Get, "/api/v2/config"),
                1 => (HttpMethod.Get, "/api/v2/tables"),
                2 => (HttpMethod.Get, $"/api/v2/tables/{tableId}"),
                3 => (HttpMethod.Get, $"/api/v2/tables/{tableId}/metadata"),
                4 => (HttpMethod.Get, $"/api/v2/tables/{tableId}/defaultselection"),
                5 or 6 => (HttpMethod.Get, $"/api/v2/tables/{tableId}/data"),
                7 => (HttpMethod.Post, $"/api/v2/tables/{tableId}/data"),
                8 => (HttpMethod.Get, $"/api/v2/codelists/{codelist}"),
                9 => (Pick(random, [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Head]), MutatedApiPath(random, id)),
                _ => (HttpMethod.Get, DashboardPath(random, id)),
            };

            var query = new List<string>();
            if (random.Next(3) > 0)
            {
                query.Add("lang=" + Pick(random, ["sv", "en", "en", "SV", "", "dk", "%ED%A0%80", "en&lang=sv"]));
            }

            if (random.Next(2) == 0)
            {
                query.Add("outputFormat=" + Pick(random, [.. Formats.Select(Uri.EscapeDataString), "%F0%9F%99%82"]));
            }

            for (var p = random.Next(0, 6); p > 0; p--)
            {
                var name = random.Next(3) == 0 ? "valuecodes[" + Uri.EscapeDataString(dimensions[random.Next(dimensions.Count)]) + "]" : Pick(random, ParameterNames);
                var value = random.Next(12) switch
                {
                    0 => new string('9', random.Next(10, 5000)),
                    1 => string.Concat(Enumerable.Repeat("%ED%A0%80", random.Next(1, 400))),
                    2 => Uri.EscapeDataString(Expressions[random.Next(Expressions.Length)]),
                    _ => Pick(random, RawValues),
                };
                query.Add(random.Next(15) == 0 ? name : name + "=" + value);
                if (random.Next(8) == 0)
                {
                    query.Add(name + "=" + Pick(random, RawValues));
                }
            }

            var url = path + (query.Count > 0 || random.Next(5) == 0 ? "?" + string.Join(random.Next(20) == 0 ? "&&" : "&", query) : string.Empty);
            var body = method == HttpMethod.Post || (method != HttpMethod.Get && random.Next(2) == 0) ? MutatedBody(random, dimensions) : null;
            await AssertAnswer(client, method, url, body, random.Next(10) == 0 ? Pick(random, ["text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=latin1"]) : "application/json");
        }

        Assert.True(_requests - before >= 700, $"{_requests - before} requests");
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static string MutatedApiPath(Random random, string id) => random.Next(6) switch
    {
        0 => "/api/v2/" + Pick(random, ["savedqueries", "savedqueries/1", "savedqueries/1/data", "tables/" + id + "/data/extra", "tables//data", "TABLES", "Config"]),
        1 => "/api/v2/tables/" + id + "/" + Pick(random, ["metadata/", "DATA", "Metadata", "defaultSelection", "codelists", "..", "%2e%2e"]),
        2 => "/api/" + Pick(random, ["v1", "v3", "", "v2/", "v2//tables", "v2/%ED%A0%80", "v2/tables/%F0%9F%99%82/data"]),
        3 => "/api/v2/codelists/" + Pick(random, ["", "vs_kon/x", "vs_kon%5B%5D", new string('x', 2000)]),
        4 => "/openapi/" + Pick(random, ["v1.json", "v2.json", "x", ""]),
        _ => "/api/v2/tables/" + id + "/data" + Pick(random, ["", "/", ";x", "%3F"]),
    };

    private static string DashboardPath(Random random, string id)
    {
        var indicator = id.Split('.')[0];
        var path = Pick(random, ["/", "/en", "/metod", "/en/method", "/delmal/economic", "/delmal/education", "/en/subgoal/democratic", "/delmal/no_such",
            "/indikator/" + indicator, "/en/indicator/" + indicator, "/indikator/" + indicator.ToUpperInvariant(), "/indikator/no_such", "/indikator/%ED%A0%80", "/dashboard-assets/x.js"]);
        var query = Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
            Pick(random, ["kommun", "breakdown", "gap", "lang", "x", "kommun[]", "%ED%A0%80", ""]) + Pick(random, ["", "="]) +
            Pick(random, ["", "0180", "0180,1480", ",", "sex", "standardised", "raw", "%ED%A0%80", "%00", "%F0%9F%99%82", new string('1', 3000), "[]", "9999"]));
        return path + "?" + string.Join("&", query);
    }

    private static string MutatedBody(Random random, List<string> dimensions)
    {
        var variable = JsonSerializer.Serialize(dimensions[random.Next(dimensions.Count)]);
        return random.Next(14) switch
        {
            0 => string.Empty,
            1 => Pick(random, ["{", "{\"selection\":", "{'selection':[]}", "{selection:[]}", "\uFEFF{}", "{\"selection\":[]}}", "nul", "[{}]"]),
            2 => "{\"selection\":" + Pick(random, ["1", "true", "\"Tid\"", "{\"variableCode\":\"Tid\"}", "[[]]", "[1]", "[\"Tid\"]"]) + "}",
            3 => "{\"selection\":[{\"variableCode\":" + Pick(random, ["1", "[]", "{}", "true", "\"\"", "\"\\ud800\"", "\"\\udfff\\ud800\""]) + ",\"valueCodes\":[\"*\"]}]}",
            4 => "{\"selection\":[{\"variableCode\":" + variable + ",\"valueCodes\":" + Pick(random, ["[\"\\ud800\"]", "[1]", "[null]", "{}", "\"*\"", "[[\"*\"]]", "[true]", "[\"\\u0000\"]"]) + "}]}",
            5 => new string('[', random.Next(10, 3000)) + new string(']', random.Next(0, 3000)),
            6 => string.Concat(Enumerable.Repeat("{\"a\":", random.Next(10, 1000))) + "1" + new string('}', random.Next(0, 1000)),
            7 => "{\"selection\":[],\"unknownKey\":1,\"savedQuery\":\"x\",\"\\ud800\":2}",
            8 => "{\"selection\":[{\"variableCode\":" + variable + ",\"valueCodes\":[\"*\"],\"extra\":{\"deep\":[1,2,3]},\"codelist\":" + Pick(random, ["1", "\"vs_kon\"", "\"\\ud800\"", "null", "[]"]) + "}]}",
            9 => "{\"selection\":[],\"placement\":" + Pick(random, ["[]", "1", "{\"heading\":[1]}", "{\"stub\":\"Tid\"}", "{\"heading\":[\"\\ud800\"]}", "{\"heading\":[" + variable + "],\"stub\":[" + variable + "]}"]) + "}",
            10 => "{\"selection\":[{\"variableCode\":" + variable + ",\"valueCodes\":[" + string.Join(",", Enumerable.Range(0, random.Next(1, 2000)).Select(n => "\"" + n + "\"")) + "]}]}",
            11 => "{\"selection\":[{\"variableCode\":" + variable + ",\"valueCodes\":[\"" + new string('x', random.Next(1000, 100_000)) + "\"]}]}",
            _ => JsonSerializer.Serialize(new
            {
                selection = Enumerable.Range(0, random.Next(0, 4)).Select(_ => new
                {
                    variableCode = dimensions[random.Next(dimensions.Count)],
                    valueCodes = new[] { Expressions[random.Next(Expressions.Length)] },
                    codelist = random.Next(4) == 0 ? "agg_kommun_lan" : null,
                }),
                placement = new { heading = new[] { "Tid" }, stub = Array.Empty<string>() },
            }),
        };
    }

    private static async Task AssertAnswer(HttpClient client, HttpMethod method, string url, string? body, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType);
        }

        Interlocked.Increment(ref _requests);
        var response = await client.Call(request);
        var code = (int)response.Status;
        Assert.True(code < 500, $"{method} {url} {body} → {response}");
        var api = url.StartsWith("/api", StringComparison.OrdinalIgnoreCase) || url.StartsWith("/openapi", StringComparison.OrdinalIgnoreCase);
        if (code >= 400 && api)
        {
            Assert.True(response.MediaType == "application/problem+json", $"{method} {url} {body} → {response}");
            if (method == HttpMethod.Head)
            {
                return;
            }

            var problem = response.Json();
            Assert.Equal(code, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
            Assert.True(problem.TryGetProperty("detail", out var detail) && !string.IsNullOrWhiteSpace(detail.GetString()), $"{method} {url} {body} → {response}");
            Assert.DoesNotContain("Exception", response.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", response.Text, StringComparison.Ordinal);
        }
        else if (response.MediaType == "application/json" && url.Contains("/data", StringComparison.Ordinal))
        {
            Assert.True(Cells(response.Json()) <= MaxCells, url);
        }
    }

    /// <summary>The cells of a JSON data answer: JSON-stat's product of sizes, or json-px's rows × contents columns.</summary>
    private static long Cells(JsonElement dataset) =>
        dataset.TryGetProperty("columns", out var columns) && dataset.TryGetProperty("data", out var data)
            ? data.GetArrayLength() * (long)columns.EnumerateArray().Count(c => c.GetProperty("type").GetString() == "c")
            : dataset.GetProperty("size").EnumerateArray().Aggregate(1L, (product, size) => product * size.GetInt64());

    /// <summary>One host for the fuzz tests, with a small cell limit so that the limit is often hit.</summary>
    public sealed class Host : IDisposable
    {
        private readonly ApiHost _api = ApiHost.Create(PublicationBackends.DuckDb, new Dictionary<string, string?>
        {
            ["Publication:MaxDataCells"] = MaxCells.ToString(CultureInfo.InvariantCulture),
        });

        private List<(string Id, List<string> Dimensions)>? _tables;

        public HttpClient CreateClient() => _api.CreateClient();

        public async Task<List<(string Id, List<string> Dimensions)>> Tables(HttpClient client)
        {
            if (_tables is null)
            {
                var ids = (await client.Get("/api/v2/tables?pageSize=1000")).Json().GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
                var tables = new List<(string, List<string>)>();
                foreach (var id in ids.Where((_, i) => i % 5 == 0).Concat(ids.Where(i => i.EndsWith(".kommun", StringComparison.Ordinal)).Take(1)))
                {
                    var metadata = (await client.Get($"/api/v2/tables/{id}/metadata")).Json();
                    tables.Add((id, [.. metadata.GetProperty("id").EnumerateArray().Select(d => d.GetString()!)]));
                }

                _tables = tables;
            }

            return _tables;
        }

        public void Dispose() => _api.Dispose();
    }
}

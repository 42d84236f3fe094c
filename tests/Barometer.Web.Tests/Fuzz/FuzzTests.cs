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

    private static async Task AssertAnswer(HttpClient client, HttpMethod method, string url, string? body)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await client.Call(request);
        var code = (int)response.Status;
        Assert.True(code < 500, $"{method} {url} {body} → {response}");
        if (code >= 400)
        {
            Assert.True(response.MediaType == "application/problem+json", $"{method} {url} {body} → {response}");
            var problem = response.Json();
            Assert.Equal(code, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
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

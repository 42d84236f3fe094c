using System.Net;
using System.Text;
using System.Text.Json;
using Barometer.Publishing.Formats;
using Barometer.Testing;
using Barometer.Web.Tests.Hosting;

namespace Barometer.Web.Tests.Access;

/// <summary>
/// At <see cref="ReleasedStore.Now"/> wave 2025 (released, due tomorrow) and wave 2026 (never released) are invisible
/// through every endpoint and every output format, also through wildcards, top(), from() and range(); once the clock
/// passes the release time, wave 2025 appears (and the cached answers change with it).
/// </summary>
public sealed class EmbargoTests
{
    private static readonly string[] Hidden = ["2025", "2026"];

    public static TheoryData<string> Backends => PublicationBackends.Names;

    public static TheoryData<string, string> BackendsAndFormats
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var backend in PublicationBackends.All)
            {
                foreach (var format in CubeWriters.Formats)
                {
                    data.Add(backend, format);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task MetadataEndpoints_ShowOnlyPublicWaves(string backend)
    {
        var client = ApiHost.Shared(backend).CreateClient();
        var tables = (await client.Get("/api/v2/tables?pageSize=1000")).Json().GetProperty("tables").EnumerateArray().ToList();
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            Assert.True(string.CompareOrdinal(table.GetProperty("lastPeriod").GetString(), "2024") <= 0, table.ToString());
            Assert.True(string.CompareOrdinal(table.GetProperty("updated").GetString(), "2025") < 0, table.ToString());
        }

        var id = tables[0].GetProperty("id").GetString()!;
        var breakdown = await Contract.ContractTests.TableWithBreakdown(client);
        foreach (var url in new[]
        {
            $"/api/v2/tables/{id}", $"/api/v2/tables/{id}/metadata", $"/api/v2/tables/{id}/defaultselection",
            $"/api/v2/tables/{breakdown}?lang=en", $"/api/v2/tables/{breakdown}/metadata?lang=en", $"/api/v2/tables/{breakdown}/metadata?defaultSelection=true",
            "/api/v2/tables?query=2025", "/api/v2/tables?pastDays=1",
        })
        {
            var response = await client.Get(url);
            Assert.True(response.Status == HttpStatusCode.OK, url + " → " + response);
            AssertNoHiddenWave(response.Text, url);
        }

        Assert.Equal(["2022", "2023", "2024"], TimeCodes((await client.Get($"/api/v2/tables/{breakdown}/metadata")).Json()));
        Assert.Equal(0, (await client.Get("/api/v2/tables?pastDays=1")).Json().GetProperty("page").GetProperty("totalElements").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Data_EveryExpressionForTime_SelectsOnlyPublicWaves(string backend)
    {
        var client = ApiHost.Shared(backend).CreateClient();
        var id = await Contract.ContractTests.TableWithBreakdown(client);
        foreach (var expression in new[] { "*", "20*", "202?", "top(5)", "bottom(5)", "from(2022)", "to(2024)", "range(2022,2024)", "top(1)" })
        {
            var url = $"/api/v2/tables/{id}/data?valuecodes[Tid]={Uri.EscapeDataString(expression)}&valuecodes[ContentsCode]=*&valuecodes[Grupp]=*";
            var response = await client.Get(url);
            Assert.True(response.Status == HttpStatusCode.OK, url + " → " + response);
            Assert.All(TimeCodes(response.Json()), code => Assert.Contains(code, ReleasedStore.PublicWaves.Select(w => w.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            AssertNoHiddenWave(response.Text, url);
        }

        Assert.Equal(["2024"], TimeCodes((await client.Get($"/api/v2/tables/{id}/data?valuecodes[Tid]=top(1)")).Json()));
        Assert.Equal(["2022", "2023", "2024"], TimeCodes((await client.Post($"/api/v2/tables/{id}/data", """{"selection":[{"variableCode":"Tid","valueCodes":["*"]}]}""")).Json()));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Data_HiddenWaveNamedExplicitly_IsAnsweredExactlyLikeAWaveThatNeverExisted(string backend)
    {
        var client = ApiHost.Shared(backend).CreateClient();
        var id = await Contract.ContractTests.TableWithBreakdown(client);
        foreach (var expression in new[] { "{0}", "from({0})", "to({0})", "range(2022,{0})", "2022,{0}" })
        {
            var never = await Problem(client, id, expression, "1999");
            foreach (var hidden in Hidden)
            {
                var answer = await Problem(client, id, expression, hidden);
                Assert.Equal(never.Replace("1999", "WAVE", StringComparison.Ordinal), answer.Replace(hidden, "WAVE", StringComparison.Ordinal));
                Assert.Contains("Tid", answer, StringComparison.Ordinal);
                Assert.DoesNotContain(Hidden.Single(h => h != hidden), answer, StringComparison.Ordinal);
            }
        }
    }

    private static async Task<string> Problem(HttpClient client, string id, string expression, string wave)
    {
        var response = await client.Get($"/api/v2/tables/{id}/data?valuecodes[Tid]={Uri.EscapeDataString(string.Format(System.Globalization.CultureInfo.InvariantCulture, expression, wave))}");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        var problem = response.Json();
        return $"{problem.GetProperty("status")} {problem.GetProperty("title")} {problem.GetProperty("detail")}";
    }

    /// <summary>
    /// In every format, the answer to "every wave" is exactly the answer to "the public waves named one by one": the
    /// hidden waves add nothing anywhere in the file. After the release time the same request differs (2025 appears).
    /// </summary>
    [Theory]
    [MemberData(nameof(BackendsAndFormats))]
    public async Task Data_EveryFormat_WildcardEqualsThePublicWavesUntilTheReleaseTime(string backend, string format)
    {
        using var host = ApiHost.Create(backend);
        var client = host.CreateClient();
        var id = await Contract.ContractTests.TableWithBreakdown(client);
        var everything = $"/api/v2/tables/{id}/data?valuecodes[Tid]=*&valuecodes[Grupp]=*&valuecodes[ContentsCode]=*&outputFormat={format}";
        var publicOnly = $"/api/v2/tables/{id}/data?valuecodes[Tid]=2022,2023,2024&valuecodes[Grupp]=*&valuecodes[ContentsCode]=*&outputFormat={format}";
        var all = await client.Get(everything);
        var named = await client.Get(publicOnly);
        Assert.True(all.Status == HttpStatusCode.OK, all.ToString());
        Assert.Equal(Normalise(format, named.Bytes), Normalise(format, all.Bytes));

        host.Clock.SetUtcNow(ReleasedStore.EmbargoedReleaseTime.AddMinutes(1));
        var after = await client.Get(everything);
        Assert.True(after.Status == HttpStatusCode.OK, after.ToString());
        Assert.NotEqual(Normalise(format, all.Bytes), Normalise(format, after.Bytes));
        if (format == "json-stat2")
        {
            Assert.Equal(["2022", "2023", "2024", "2025"], TimeCodes(after.Json()));
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task ReleaseTimePassed_Wave2025AppearsEverywhere_AndNeverWave2026(string backend)
    {
        using var host = ApiHost.Create(backend);
        var client = host.CreateClient();
        var id = await Contract.ContractTests.TableWithBreakdown(client);
        Assert.Equal("2024", (await client.Get($"/api/v2/tables/{id}")).Json().GetProperty("lastPeriod").GetString());

        host.Clock.SetUtcNow(ReleasedStore.EmbargoedReleaseTime);
        Assert.Equal("2025", (await client.Get($"/api/v2/tables/{id}")).Json().GetProperty("lastPeriod").GetString());
        Assert.Equal(["2022", "2023", "2024", "2025"], TimeCodes((await client.Get($"/api/v2/tables/{id}/metadata")).Json()));
        Assert.Equal(["2025"], TimeCodes((await client.Get($"/api/v2/tables/{id}/data?valuecodes[Tid]=top(1)")).Json()));

        host.Clock.Advance(TimeSpan.FromDays(400));
        Assert.Equal(["2022", "2023", "2024", "2025"], TimeCodes((await client.Get($"/api/v2/tables/{id}/data?valuecodes[Tid]=*")).Json()));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Get($"/api/v2/tables/{id}/data?valuecodes[Tid]=2026")).Status);
    }

    internal static List<string> TimeCodes(JsonElement dataset) =>
        [.. dataset.GetProperty("dimension").GetProperty("Tid").GetProperty("category").GetProperty("index").EnumerateObject().OrderBy(p => p.Value.GetInt32()).Select(p => p.Name)];

    private static void AssertNoHiddenWave(string text, string url)
    {
        foreach (var wave in Hidden)
        {
            Assert.False(text.Contains('"' + wave + '"', StringComparison.Ordinal), $"{url} mentions \"{wave}\": {text[..Math.Min(400, text.Length)]}");
        }
    }

    /// <summary>
    /// The content of a response that depends on the data: an XLSX as its sheets' names and every used cell's address
    /// and value (the package itself carries a creation time and random relationship ids); other formats as bytes.
    /// </summary>
    private static string Normalise(string format, byte[] bytes)
    {
        if (format != "xlsx")
        {
            return Convert.ToBase64String(bytes);
        }

        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(bytes));
        var text = new StringBuilder();
        foreach (var sheet in workbook.Worksheets)
        {
            text.Append("sheet ").Append(sheet.Name).Append('\n');
            foreach (var cell in sheet.CellsUsed())
            {
                text.Append(cell.Address.ToString()).Append('=').Append(cell.GetFormattedString()).Append('\n');
            }
        }

        return text.ToString();
    }
}

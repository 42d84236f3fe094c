using System.Globalization;
using System.Net;
using System.Text.Json;
using Barometer.Web.Tests.Contract;
using Barometer.Web.Tests.Hosting;

namespace Barometer.Web.Tests.Endpoints;

/// <summary>
/// <c>outputFormat=json-px</c> (PxWeb's classic JSON table) on GET and POST <c>/data</c>: media type, columns in the
/// language, and every cell equal to the json-stat2 answer of the same selection (rounded to its decimals, symbols
/// for suppressed cells).
/// </summary>
public sealed class JsonPxEndpointTests
{
    public static TheoryData<string> Backends => PublicationBackends.Names;

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Config_ListsJsonPx_AndEveryFormatOfTheReferenceServer(string backend)
    {
        var formats = (await ApiHost.Shared(backend).CreateClient().Get("/api/v2/config")).Json()
            .GetProperty("dataFormats").EnumerateArray().Select(f => f.GetString()!).ToList();
        var example = File.ReadAllText(Path.Combine(Path.GetDirectoryName(PxApiSchemas.SpecPath)!, "examples", "GetApiConfiguration.json"));
        using var reference = JsonDocument.Parse(example);

        Assert.Contains("json-px", formats);
        foreach (var format in reference.RootElement.GetProperty("dataFormats").EnumerateArray().Select(f => f.GetString()!))
        {
            Assert.Contains(format, formats);
        }
    }

    [Theory]
    [InlineData("sv", "Kön", "År", "Skattning", "Felmarginal ±")]
    [InlineData("en", "Sex", "Year", "Estimate", "Margin of error ±")]
    public async Task Data_JsonPxByGetAndPost_IsJsonWithColumnsInTheLanguage(string lang, string sex, string year, string estimate, string margin)
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var id = await ContractTests.TableWithBreakdown(client);
        var get = await client.Get($"/api/v2/tables/{id}/data?lang={lang}&outputFormat=json-px&valuecodes[Tid]=top(2)&valuecodes[sex]=*&valuecodes[ContentsCode]=estimate,margin");
        var post = await client.Post($"/api/v2/tables/{id}/data?lang={lang}&outputFormat=json-px", """
            {"selection":[{"variableCode":"Tid","valueCodes":["top(2)"]},{"variableCode":"sex","valueCodes":["*"]},{"variableCode":"ContentsCode","valueCodes":["estimate","margin"]}]}
            """);

        foreach (var response in new[] { get, post })
        {
            Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
            Assert.Equal("application/json", response.MediaType);
            Assert.Equal("utf-8", response.ContentHeaders!.ContentType!.CharSet, ignoreCase: true);
            Assert.Null(response.ContentHeaders.ContentDisposition);
        }

        Assert.Equal(get.Text, post.Text);
        var root = get.Json();
        var columns = root.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(["sex", "Tid", "estimate", "margin"], columns.Select(c => c.GetProperty("code").GetString()));
        Assert.Equal([sex, year, estimate, margin], columns.Select(c => c.GetProperty("text").GetString()));
        Assert.Equal(["d", "t", "c", "c"], columns.Select(c => c.GetProperty("type").GetString()));

        var rows = root.GetProperty("data").EnumerateArray().ToList();
        var sexCodes = rows.Select(r => r.GetProperty("key")[0].GetString()).Distinct().ToList();
        Assert.Equal("total", sexCodes[0]);
        Assert.Contains("1", sexCodes);
        Assert.Contains("2", sexCodes);
        Assert.Equal(sexCodes.Count * 2, rows.Count);
        var waves = rows.Select(r => r.GetProperty("key")[1].GetString()!).Distinct().ToList();
        Assert.Equal(2, waves.Count);
        Assert.True(string.CompareOrdinal(waves[0], waves[1]) < 0, "waves in time order");

        var metadata = root.GetProperty("metadata")[0];
        var jsonStat = (await client.Get($"/api/v2/tables/{id}/data?lang={lang}&valuecodes[Tid]=top(2)&valuecodes[sex]=*&valuecodes[ContentsCode]=estimate,margin")).Json();
        Assert.Equal(jsonStat.GetProperty("label").GetString(), metadata.GetProperty("label").GetString());
        Assert.Equal(jsonStat.GetProperty("source").GetString(), metadata.GetProperty("source").GetString());
        Assert.StartsWith(jsonStat.GetProperty("updated").GetString()! + "T", metadata.GetProperty("updated").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Data_JsonPx_EveryCellIsTheJsonStat2CellRoundedOrItsSymbol(string backend)
    {
        var client = ApiHost.Shared(backend).CreateClient();
        var id = await ContractTests.TableWithBreakdown(client);
        var (contents, symbols, _) = await CompareWithJsonStat2(client, id);

        Assert.Equal(["estimate", "margin", "ci_lower", "ci_upper", "count", "change", "change_margin"], contents);
        Assert.Contains(".", symbols);
    }

    /// <summary>The test store's youth_self_determination.sex has uncertain estimates: json-px shows them as the number followed by <c>*</c>.</summary>
    [Fact]
    public async Task Data_JsonPx_FlaggedEstimateIsTheNumberFollowedByItsSymbol()
    {
        var client = ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();
        var (_, _, flagged) = await CompareWithJsonStat2(client, "youth_self_determination.sex");

        Assert.NotEmpty(flagged);
        Assert.All(flagged, value => Assert.Matches(@"^-?[0-9]+(\.[0-9]+)?\*$", value));
    }

    /// <summary>
    /// Every cell of the json-px answer to "everything" in <paramref name="id"/> equals its json-stat2 cell as json-px
    /// must show it; returns the contents columns, the hiding symbols seen and the flagged values seen.
    /// </summary>
    private static async Task<(List<string> Contents, HashSet<string> Symbols, List<string> Flagged)> CompareWithJsonStat2(HttpClient client, string id)
    {
        const string selection = "valuecodes[Tid]=*&valuecodes[sex]=*&valuecodes[Grupp]=*&valuecodes[ContentsCode]=*";
        var jsonPx = await client.Get($"/api/v2/tables/{id}/data?lang=en&outputFormat=json-px&{selection}");
        Assert.True(jsonPx.Status == HttpStatusCode.OK, jsonPx.ToString());
        var jsonStat = await client.Get($"/api/v2/tables/{id}/data?lang=en&{selection}");
        Assert.True(jsonStat.Status == HttpStatusCode.OK, jsonStat.ToString());
        var expected = JsonStatCells(jsonStat.Json());

        var root = jsonPx.Json();
        var columns = root.GetProperty("columns").EnumerateArray().ToList();
        var keyCodes = columns.Where(c => c.GetProperty("type").GetString() != "c").Select(c => c.GetProperty("code").GetString()!).ToList();
        var contents = columns.Where(c => c.GetProperty("type").GetString() == "c").Select(c => c.GetProperty("code").GetString()!).ToList();
        Assert.Equal(["sex", "Grupp", "Tid"], keyCodes);

        var seen = 0;
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        var flagged = new List<string>();
        foreach (var row in root.GetProperty("data").EnumerateArray())
        {
            var key = row.GetProperty("key").EnumerateArray().Select(e => e.GetString()!).ToList();
            var values = row.GetProperty("values").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Equal(contents.Count, values.Count);
            for (var c = 0; c < contents.Count; c++)
            {
                var cellKey = string.Join("|", key.Append(contents[c]));
                Assert.True(expected.TryGetValue(cellKey, out var text), cellKey);
                Assert.Equal(text, values[c]);
                if (!values[c].Any(char.IsDigit))
                {
                    symbols.Add(values[c]);
                }
                else if (!char.IsDigit(values[c][^1]))
                {
                    flagged.Add(values[c]);
                }

                seen++;
            }
        }

        Assert.Equal(expected.Count, seen);
        return (contents, symbols, flagged);
    }

    /// <summary>
    /// Every cell of a json-stat2 dataset, keyed "dimension codes but the contents | contents code", as json-px must
    /// show it: the number rounded (half away from zero) to its contents value's decimals, in invariant culture,
    /// followed by its status when the number is there; the status alone when the value is null.
    /// </summary>
    private static Dictionary<string, string> JsonStatCells(JsonElement dataset)
    {
        var ids = dataset.GetProperty("id").EnumerateArray().Select(e => e.GetString()!).ToList();
        var codes = ids.Select(d => dataset.GetProperty("dimension").GetProperty(d).GetProperty("category").GetProperty("index")
            .EnumerateObject().OrderBy(p => p.Value.GetInt32()).Select(p => p.Name).ToList()).ToList();
        var contentsAt = ids.IndexOf("ContentsCode");
        var units = dataset.GetProperty("dimension").GetProperty("ContentsCode").GetProperty("category").GetProperty("unit");
        var values = dataset.GetProperty("value").EnumerateArray().ToList();
        var status = dataset.TryGetProperty("status", out var s)
            ? s.EnumerateObject().ToDictionary(p => int.Parse(p.Name, CultureInfo.InvariantCulture), p => p.Value.GetString()!)
            : [];
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var cell = 0; cell < values.Count; cell++)
        {
            var positions = new int[ids.Count];
            var rest = cell;
            for (var d = ids.Count - 1; d >= 0; d--)
            {
                positions[d] = rest % codes[d].Count;
                rest /= codes[d].Count;
            }

            var contents = codes[contentsAt][positions[contentsAt]];
            var key = string.Join("|", Enumerable.Range(0, ids.Count).Where(d => d != contentsAt).Select(d => codes[d][positions[d]]).Append(contents));
            var flag = status.GetValueOrDefault(cell);
            if (values[cell].ValueKind == JsonValueKind.Null)
            {
                cells[key] = flag ?? "..";
                continue;
            }

            var decimals = units.GetProperty(contents).GetProperty("decimals").GetInt32();
            var rounded = Math.Round(values[cell].GetDouble(), decimals, MidpointRounding.AwayFromZero);
            cells[key] = rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + flag;
        }

        return cells;
    }
}

using System.Net;
using Barometer.Web.Tests.Hosting;

namespace Barometer.Web.Tests.Clients;

/// <summary>
/// Request sequences of real PxWeb API 2.0 clients, read from their source, answered 200 with the shapes they read.
/// Each test names the client and the file its requests come from.
/// </summary>
public sealed class ClientContractTests
{
    private static HttpClient Client() => ApiHost.Shared(PublicationBackends.DuckDb).CreateClient();

    private static async Task<ApiResponse> Ok(HttpClient client, string url, string? postBody = null)
    {
        var response = postBody is null ? await client.Get(url) : await client.Post(url, postBody);
        Assert.True(response.Status == HttpStatusCode.OK, url + " → " + response);
        return response;
    }

    /// <summary>PxWeb2 start page: PxTools/PxWeb2 packages/pxweb2/src/app/util/tableHandler.ts (getAllTables, queryTablesByKeyword).</summary>
    [Fact]
    public async Task PxWeb2_StartPage_ListsAllTablesInOnePage()
    {
        var client = Client();
        var all = (await Ok(client, "/api/v2/tables?lang=en&includeDiscontinued=true&pageNumber=1&pageSize=10000")).Json();
        Assert.Equal(all.GetProperty("page").GetProperty("totalElements").GetInt32(), all.GetProperty("tables").GetArrayLength());
        var search = (await Ok(client, "/api/v2/tables?lang=sv&query=employment&includeDiscontinued=true&pageNumber=1&pageSize=10000")).Json();
        Assert.NotEmpty(search.GetProperty("tables").EnumerateArray());
        foreach (var table in search.GetProperty("tables").EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(table.GetProperty("id").GetString()));
            Assert.False(string.IsNullOrEmpty(table.GetProperty("label").GetString()));
            Assert.NotEmpty(table.GetProperty("paths").EnumerateArray());
        }
    }

    /// <summary>
    /// PxWeb2 table page, codelist switch, selection and export: PxTools/PxWeb2
    /// packages/pxweb2/src/app/components/Selection/Selection.tsx (getMetadataById with defaultSelection and
    /// savedQuery, getTableById, getDefaultSelection, getMetadataById with codelist), context/TableDataProvider.tsx
    /// (getTableDataByPost json-stat2) and util/export/exportUtil.ts (getTableDataByPost with outputFormatParams);
    /// query serialisation in packages/pxweb2-api-client/src/services/TablesService.ts.
    /// </summary>
    [Fact]
    public async Task PxWeb2_TablePage_CodelistSwitch_Selection_Export()
    {
        var client = Client();
        const string id = "employment_rate.kommun";
        var metadata = (await Ok(client, $"/api/v2/tables/{id}/metadata?lang=en&defaultSelection=true&savedQuery=")).Json();
        var kommun = metadata.GetProperty("dimension").GetProperty("kommun");
        Assert.True(kommun.GetProperty("extension").GetProperty("elimination").GetBoolean());
        Assert.Contains(kommun.GetProperty("extension").GetProperty("codelists").EnumerateArray(), c => c.GetProperty("id").GetString() == "agg_kommun_lan");
        var table = (await Ok(client, $"/api/v2/tables/{id}?lang=en")).Json();
        Assert.Contains(table.GetProperty("links").EnumerateArray(), l => l.GetProperty("rel").GetString() == "alternate");
        Assert.Equal(table.GetProperty("subjectCode").GetString(), table.GetProperty("paths")[0][0].GetProperty("id").GetString());
        var selection = (await Ok(client, $"/api/v2/tables/{id}/defaultselection?lang=en")).Json();
        Assert.NotEmpty(selection.GetProperty("selection").EnumerateArray());

        var switched = (await Ok(client, $"/api/v2/tables/{id}/metadata?lang=en&defaultSelection=false&savedQuery=&codelist[kommun]=agg_kommun_lan")).Json();
        Assert.True(switched.GetProperty("dimension").GetProperty("kommun").GetProperty("category").GetProperty("index").TryGetProperty("01", out _));

        const string body = """{"selection":[{"variableCode":"kommun","codelist":"agg_kommun_lan","valueCodes":["01","03"]},{"variableCode":"Grupp","valueCodes":["all"]},{"variableCode":"ContentsCode","valueCodes":["estimate"]},{"variableCode":"Tid","valueCodes":["2024"]}],"placement":{"heading":["Tid"],"stub":["kommun","Grupp","ContentsCode"]}}""";
        var data = (await Ok(client, $"/api/v2/tables/{id}/data?lang=en&outputFormat=json-stat2", body)).Json();
        Assert.Equal(2, data.GetProperty("value").GetArrayLength());
        foreach (var (format, parameters) in new[] { ("xlsx", "&outputFormatParams=IncludeTitle"), ("csv", "&outputFormatParams=SeparatorSemicolon&outputFormatParams=IncludeTitle&outputFormatParams=UseTexts"), ("px", string.Empty), ("html", "&outputFormatParams=IncludeTitle"), ("parquet", string.Empty), ("json-stat2", string.Empty) })
        {
            Assert.NotEmpty((await Ok(client, $"/api/v2/tables/{id}/data?lang=en&outputFormat={format}{parameters}", body)).Bytes);
        }
    }

    /// <summary>
    /// PxWeb2's codelist switch as the browser sends it: packages/pxweb2/src/app/components/Selection/selectionUtils.ts
    /// (updateSelectedCodelistForVariable keeps the old values that the new codelist has, none when kommuner become
    /// län, and fills in a value only for a mandatory variable), then context/TableDataProvider.tsx posts
    /// <c>"valueCodes":[]</c> with the codelist. Seen against <c>barometer serve</c> with PxWeb2 built from source:
    /// the page showed "Sorry, something went wrong" on our 400. PxWebApi accepts an empty selection on a variable that
    /// may be eliminated and eliminates it; on a mandatory one it is still an error naming the variable.
    /// </summary>
    [Fact]
    public async Task PxWeb2_CodelistSwitch_EmptyValueCodesEliminateAnOptionalVariable()
    {
        var client = Client();
        const string id = "employment_rate.kommun";
        const string body = """{"selection":[{"variableCode":"kommun","valueCodes":[],"codelist":"agg_kommun_lan"},{"variableCode":"Grupp","valueCodes":["all"]},{"variableCode":"ContentsCode","valueCodes":["estimate","margin"]},{"variableCode":"Tid","valueCodes":["2024"]}]}""";
        var data = (await Ok(client, $"/api/v2/tables/{id}/data?lang=sv&outputFormat=json-stat2", body)).Json();
        var ids = data.GetProperty("id").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.DoesNotContain("kommun", ids);
        Assert.Equal(2, data.GetProperty("value").GetArrayLength());

        var whole = (await Ok(client, $"/api/v2/tables/{id}/data?lang=sv&outputFormat=json-stat2", """{"selection":[{"variableCode":"Grupp","valueCodes":["all"]},{"variableCode":"ContentsCode","valueCodes":["estimate","margin"]},{"variableCode":"Tid","valueCodes":["2024"]}]}""")).Json();
        Assert.Equal(whole.GetProperty("value").GetRawText(), data.GetProperty("value").GetRawText());

        const string mandatory = """{"selection":[{"variableCode":"ContentsCode","valueCodes":[]},{"variableCode":"Tid","valueCodes":["2024"]}]}""";
        var refused = await client.Post($"/api/v2/tables/{id}/data?lang=sv&outputFormat=json-stat2", mandatory);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("ContentsCode", refused.Json().GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    /// <summary>pxwebpy: stefur/pxwebpy src/pxweb/_internal/client.py (Client.__init__, call) and src/pxweb/api.py (PxApi: search, all_tables, get_table_variables, get_code_list, get_table_data).</summary>
    [Fact]
    public async Task Pxwebpy_ConfigTablesVariablesCodelistAndData()
    {
        var client = Client();
        var config = (await Ok(client, "/api/v2/config?lang=sv")).Json();
        Assert.Equal("2.0", config.GetProperty("apiVersion").GetString());
        Assert.True(config.GetProperty("maxDataCells").GetInt32() > 0);
        Assert.True(config.GetProperty("maxCallsPerTimeWindow").GetInt32() > 0);
        var total = (await Ok(client, "/api/v2/tables?lang=sv")).Json().GetProperty("page").GetProperty("totalElements").GetInt32();
        Assert.Equal(total, (await Ok(client, $"/api/v2/tables?lang=sv&pageSize={total}")).Json().GetProperty("tables").GetArrayLength());
        Assert.NotEmpty((await Ok(client, "/api/v2/tables?lang=sv&query=employment&pastDays=3650&includeDiscontinued=True&pageSize=50")).Json().GetProperty("tables").EnumerateArray());

        var dimensions = (await Ok(client, "/api/v2/tables/employment_rate.lan/metadata?lang=sv")).Json().GetProperty("dimension");
        foreach (var dimension in dimensions.EnumerateObject())
        {
            Assert.True(dimension.Value.GetProperty("category").TryGetProperty("label", out _));
            Assert.True(dimension.Value.GetProperty("extension").TryGetProperty("elimination", out _));
        }

        Assert.NotEmpty((await Ok(client, "/api/v2/codelists/vs_lan?lang=sv")).Json().GetProperty("values").EnumerateArray());
        var data = (await Ok(client, "/api/v2/tables/employment_rate.lan/data?lang=sv&outputFormat=json-stat2",
            """{"selection":[{"variableCode":"lan","valueCodes":["01","03"],"codelist":"vs_lan"},{"variableCode":"Tid","valueCodes":["2024"]}]}""")).Json();
        Assert.Equal(data.GetProperty("size").EnumerateArray().Aggregate(1, (n, s) => n * s.GetInt32()), data.GetProperty("value").GetArrayLength());
        Assert.NotEmpty((await Ok(client, "/api/v2/tables/employment_rate/data?lang=sv&outputFormat=json-stat2")).Json().GetProperty("value").EnumerateArray());
    }

    /// <summary>pxstatspy: xemarap/pxstatspy pxstatspy/pxapi.py (PxAPI.__init__ get_config, find_tables and find_tables_as_dataframe with all_pages).</summary>
    [Fact]
    public async Task Pxstatspy_ConfigAndEveryPageOfTables()
    {
        var client = Client();
        var config = (await Ok(client, "/api/v2/config")).Json();
        Assert.True(config.GetProperty("timeWindow").GetInt32() > 0);
        var firstPage = (await Ok(client, "/api/v2/tables?includeDiscontinued=False&pageNumber=1")).Json();
        var first = firstPage.GetProperty("page");
        var pageSize = first.GetProperty("pageSize").GetInt32();
        var seen = firstPage.GetProperty("tables").GetArrayLength();
        for (var page = 2; page <= first.GetProperty("totalPages").GetInt32(); page++)
        {
            seen += (await Ok(client, $"/api/v2/tables?includeDiscontinued=False&pageNumber={page}&pageSize={pageSize}")).Json().GetProperty("tables").GetArrayLength();
        }

        Assert.Equal(first.GetProperty("totalElements").GetInt32(), seen);
    }

    /// <summary>
    /// pxstatspy's table and data calls: xemarap/pxstatspy pxstatspy/pxapi.py — get_table_by_id, get_table_metadata
    /// (requests turns <c>default_selection=False</c> into <c>defaultSelection=False</c>), _make_single_request
    /// (GET data with lower-case <c>valuecodes[VAR]</c> and <c>codelist[VAR]</c>, comma-joined values,
    /// <c>outputFormatParams</c>, <c>heading</c> and <c>stub</c>), get_table_data_post (POST with comma-joined
    /// <c>outputFormatParams</c>), and _make_request adding <c>lang</c> to every call.
    /// </summary>
    [Fact]
    public async Task Pxstatspy_TableMetadataAndData()
    {
        var client = Client();
        const string id = "employment_rate.kommun";
        var table = (await Ok(client, $"/api/v2/tables/{id}?lang=sv")).Json();
        Assert.Equal(id, table.GetProperty("id").GetString());
        var metadata = (await Ok(client, $"/api/v2/tables/{id}/metadata?outputFormat=json-stat2&defaultSelection=False&lang=sv")).Json();
        Assert.Contains("kommun", metadata.GetProperty("id").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Tid", metadata.GetProperty("role").GetProperty("time").EnumerateArray().Select(e => e.GetString()));
        Assert.True(metadata.GetProperty("dimension").GetProperty("kommun").GetProperty("extension").GetProperty("elimination").GetBoolean());

        var csv = (await Ok(client, $"/api/v2/tables/{id}/data?valuecodes[Tid]=2024,2023&valuecodes[ContentsCode]=estimate&valuecodes[kommun]=01,03&codelist[kommun]=agg_kommun_lan&outputFormat=csv&outputFormatParams=UseTexts,SeparatorSemicolon&heading=Tid&stub=kommun,ContentsCode&lang=sv")).Text;
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("\"Folkbokföringskommun\";\"Tabellinnehåll\";\"2023\";\"2024\"", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("\"Stockholms län\";\"Skattning\";", lines[1], StringComparison.Ordinal);

        var json = (await Ok(client, $"/api/v2/tables/{id}/data?valuecodes[Tid]=*&valuecodes[ContentsCode]=estimate&outputFormat=json-stat2&lang=en")).Json();
        Assert.Equal(3, json.GetProperty("dimension").GetProperty("Tid").GetProperty("category").GetProperty("index").EnumerateObject().Count());

        const string selection = """{"selection":[{"variableCode":"Tid","valueCodes":["2024"]},{"variableCode":"ContentsCode","valueCodes":["estimate"]}]}""";
        var posted = (await Ok(client, $"/api/v2/tables/{id}/data?outputFormat=csv&outputFormatParams=UseCodesAndTexts,IncludeTitle&lang=sv", selection)).Text;
        Assert.Contains("estimate Skattning", posted, StringComparison.Ordinal);
    }

    /// <summary>
    /// PxWebApiData (R): statisticsnorway/ssb-pxwebapidata R/PxWebApi2.R (meta_data, meta_frames, code_list_frames,
    /// meta_code_list), R/ensure_json_stat2.R (outputFormat=json-stat2 on every address), R/query_url.R and
    /// R/api_data.R (valueCodes[VAR] GET data).
    /// </summary>
    [Fact]
    public async Task PxWebApiData_MetadataCodelistLinksAndGetData()
    {
        var client = Client();
        var metadata = (await Ok(client, "/api/v2/tables/employment_rate.kommun/metadata?lang=en&outputFormat=json-stat2")).Json();
        var codelists = metadata.GetProperty("dimension").GetProperty("kommun").GetProperty("extension").GetProperty("codelists");
        foreach (var codelist in codelists.EnumerateArray())
        {
            var href = codelist.GetProperty("links")[0].GetProperty("href").GetString()!;
            var values = (await Ok(client, href + "&outputFormat=json-stat2")).Json().GetProperty("values");
            Assert.NotEmpty(values.EnumerateArray());
        }

        Assert.True(codelists.GetArrayLength() >= 2);
        var data = (await Ok(client, "/api/v2/tables/employment_rate.kommun/data?lang=en&valueCodes[kommun]=0180,0114&valueCodes[ContentsCode]=*&valueCodes[Tid]=top(2)&outputFormat=json-stat2")).Json();
        Assert.Equal(data.GetProperty("size").EnumerateArray().Aggregate(1, (n, s) => n * s.GetInt32()), data.GetProperty("value").GetArrayLength());
        Assert.True(data.TryGetProperty("note", out _));
    }
}

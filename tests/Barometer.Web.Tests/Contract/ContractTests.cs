using System.Net;
using Barometer.Web.Api;
using Barometer.Web.Tests.Hosting;

namespace Barometer.Web.Tests.Contract;

/// <summary>
/// Every JSON response of the API validates against its schema in the PxWeb API 2.0 contract
/// (docs/pxweb/PxAPI-2.yml): ConfigResponse, TablesResponse, TableResponse, Dataset (metadata and json-stat2 data),
/// SelectionResponse, CodelistResponse and Problem.
/// </summary>
public sealed class ContractTests
{
    public static TheoryData<string> Backends => PublicationBackends.Names;

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Config_ValidatesAsConfigResponse(string backend)
    {
        var response = await ApiHost.Shared(backend).CreateClient().Get("/api/v2/config");
        AssertValid("ConfigResponse", response);
        Assert.Equal("sv", response.Json().GetProperty("defaultLanguage").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Tables_EveryPageInBothLanguages_ValidatesAsTablesResponse(string backend)
    {
        var client = ApiHost.Shared(backend).CreateClient();
        foreach (var url in new[] { "/api/v2/tables", "/api/v2/tables?lang=en&pageSize=7&pageNumber=2", "/api/v2/tables?query=employment&lang=en", "/api/v2/tables?pastDays=3650", "/api/v2/tables?query=no-such-words-anywhere" })
        {
            AssertValid("TablesResponse", await client.Get(url));
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task EveryTable_ValidatesAsTableResponse(string backend) =>
        await ForEveryTable(backend, "TableResponse", "/api/v2/tables/{0}?lang={1}");

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task EveryTableMetadata_ValidatesAsDataset(string backend) =>
        await ForEveryTable(backend, "Dataset", "/api/v2/tables/{0}/metadata?lang={1}");

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task EveryDefaultSelection_ValidatesAsSelectionResponse(string backend) =>
        await ForEveryTable(backend, "SelectionResponse", "/api/v2/tables/{0}/defaultselection?lang={1}");

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Data_JsonStat2_ValidatesAsDataset(string backend)
    {
        var client = ApiHost.Shared(backend).CreateClient();
        var id = await TableWithBreakdown(client);
        AssertValid("Dataset", await client.Get($"/api/v2/tables/{id}/data"));
        AssertValid("Dataset", await client.Get($"/api/v2/tables/{id}/data?lang=en&valuecodes[Tid]=*&valuecodes[ContentsCode]=*&outputFormat=json-stat2"));
        AssertValid("Dataset", await client.Post($"/api/v2/tables/{id}/data?lang=en", """{"selection":[{"variableCode":"Tid","valueCodes":["top(2)"]}],"placement":{"heading":["Tid"]}}"""));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task EveryCodelist_ValidatesAsCodelistResponse(string backend)
    {
        var host = ApiHost.Shared(backend);
        var client = host.CreateClient();
        var state = host.Services.GetService(typeof(PublicationState)) as PublicationState;
        var codelists = state!.Current().Codelists.Select(c => c.Id).ToList();
        Assert.NotEmpty(codelists);
        foreach (var id in codelists)
        {
            AssertValid("CodelistResponse", await client.Get($"/api/v2/codelists/{id}?lang=en"));
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Errors_ValidateAsProblem(string backend)
    {
        var client = ApiHost.Shared(backend).CreateClient();
        var id = await TableWithBreakdown(client);
        foreach (var (url, status) in new[]
        {
            ("/api/v2/tables/no_such_table", HttpStatusCode.NotFound),
            ("/api/v2/tables?lang=dk", HttpStatusCode.BadRequest),
            ($"/api/v2/tables/{id}/data?valuecodes[Tid]=1999", HttpStatusCode.BadRequest),
            ("/api/v2/codelists/no_such_codelist", HttpStatusCode.NotFound),
            ("/api/v2/no/such/route", HttpStatusCode.NotFound),
        })
        {
            var response = await client.Get(url);
            Assert.True(response.Status == status, url + " → " + response);
            Assert.Equal("application/problem+json", response.MediaType);
            AssertValid("Problem", response);
        }
    }

    [Fact]
    public void Schema_TheReferenceServersConfigExample_IsValid()
    {
        var example = File.ReadAllText(Path.Combine(Path.GetDirectoryName(PxApiSchemas.SpecPath)!, "examples", "GetApiConfiguration.json"));
        Assert.Empty(PxApiSchemas.Problems("ConfigResponse", example));
    }

    [Theory]
    [InlineData("ConfigResponse", """{"apiVersion":"2.0"}""")]
    [InlineData("TablesResponse", """{"language":"sv","tables":[{"id":"t"}],"page":{"pageNumber":1,"pageSize":20,"totalElements":1,"totalPages":1}}""")]
    [InlineData("TableResponse", """{"language":"sv","id":"t","label":"x","updated":"2024-06-18T06:00:00Z","firstPeriod":"2022","lastPeriod":"2024","variableNames":[],"links":[]}""")]
    [InlineData("Dataset", """{"version":"2.0","class":"dataset","id":["a"],"size":[1],"dimension":{},"value":[1],"unexpected":true}""")]
    [InlineData("Dataset", """{"version":"2.0","class":"collection","id":["a"],"size":[1],"dimension":{},"value":[1]}""")]
    [InlineData("SelectionResponse", """{"selection":[{"variableCode":"Tid"}],"language":"sv","links":[]}""")]
    [InlineData("CodelistResponse", """{"id":"c","label":"c","language":"sv","languages":["sv"],"type":"Other","values":[],"links":[]}""")]
    [InlineData("Problem", """{"status":700}""")]
    [InlineData("Problem", """{"status":600}""")]
    public void Schema_BrokenDocument_IsRejected(string schema, string json)
    {
        Assert.NotEmpty(PxApiSchemas.Problems(schema, json));
    }

    [Fact]
    public void Schema_NullableAndOptionalMembers_AreAccepted()
    {
        Assert.Empty(PxApiSchemas.Problems("Dataset", """{"version":"2.0","class":"dataset","id":["a"],"size":[2],"dimension":{},"value":[1.5,null]}"""));
        Assert.Empty(PxApiSchemas.Problems("Dataset", """{"version":"2.0","class":"dataset","id":["a"],"size":[2],"dimension":{},"value":null}"""));
        Assert.Empty(PxApiSchemas.Problems("Problem", """{"title":"Not Found","status":404,"detail":"x"}"""));
    }

    private static async Task ForEveryTable(string backend, string schema, string urlFormat)
    {
        var client = ApiHost.Shared(backend).CreateClient();
        var tables = (await client.Get("/api/v2/tables?pageSize=1000")).Json().GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
        Assert.NotEmpty(tables);
        foreach (var (id, lang) in tables.SelectMany(id => new[] { (id, "sv"), (id, "en") }))
        {
            AssertValid(schema, await client.Get(string.Format(System.Globalization.CultureInfo.InvariantCulture, urlFormat, id, lang)));
        }
    }

    internal static async Task<string> TableWithBreakdown(HttpClient client)
    {
        var tables = (await client.Get("/api/v2/tables?pageSize=1000")).Json().GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("id").GetString()!);
        return tables.First(t => t.EndsWith(".sex", StringComparison.Ordinal));
    }

    private static void AssertValid(string schema, ApiResponse response)
    {
        Assert.True(response.MediaType is "application/json" or "application/problem+json", response.ToString());
        var problems = PxApiSchemas.Problems(schema, response.Text);
        Assert.True(problems.Count == 0, $"{schema}: {string.Join("\n", problems.Take(10))}\n{response}");
    }
}

using System.Text;
using System.Text.Json;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Formats;
using Barometer.Publishing.SavedQueries;
using Barometer.Publishing.Selection;
using Barometer.Publishing.Tables;
using Microsoft.Extensions.Options;

namespace Barometer.Web.Api;

/// <summary>
/// Saved queries (PxAPI-2.yml <c>/savedqueries</c>): <c>POST /savedqueries</c> stores a table id, a selection, a
/// language and an output format under a random id; <c>GET /savedqueries/{id}</c>, <c>/data</c> and
/// <c>/selection</c> read it back. A saved query is checked against what is public whenever it is created or read:
/// one that names a table, variable or value that is not public now is answered exactly like one that does not exist
/// (creating: <see cref="NotPublic"/>; reading: <see cref="UnknownId"/>), so it never tells that an embargoed table
/// or wave exists.
/// </summary>
internal static class SavedQueryEndpoints
{
    /// <summary>The largest saved-query body read.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The most variables a saved selection may name (a table has at most four).</summary>
    public const int MaxVariables = 10;

    /// <summary>The most value codes and expressions of all variables together (every kommun is 291).</summary>
    public const int MaxValues = 2_000;

    /// <summary>The longest value code or expression, variable code, codelist id or table id.</summary>
    public const int MaxCodeLength = 200;

    /// <summary>The rate-limiting policy of <c>POST /savedqueries</c>.</summary>
    public const string CreatePolicy = "saved-query-create";

    private static readonly string[] KnownKeys = ["id", "tableId", "language", "selection", "outputFormat", "outputFormatParams"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/savedqueries", Create)
            .WithName("CreateSaveQuery").WithSummary("Saves a query (table, selection, language, output format) and returns it with its id.")
            .WithMetadata(new AllowedQuery("lang"))
            .Accepts<object>("application/json")
            .RequireRateLimiting(CreatePolicy)
            .Produces(StatusCodes.Status201Created, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/savedqueries/{id}", Get)
            .WithName("GetSaveQuery").WithSummary("A saved query by its id.")
            .WithMetadata(new AllowedQuery("lang"))
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapGet("/savedqueries/{id}/data", Data)
            .WithName("RunSaveQuery").WithSummary("The data of a saved query, in its output format unless outputFormat says otherwise.")
            .WithMetadata(new AllowedQuery("lang", "outputFormat", "outputFormatParams"));
        api.MapGet("/savedqueries/{id}/selection", Selection)
            .WithName("GetSavedQuerySelection").WithSummary("The selection a saved query results in, expressions resolved to value codes.")
            .WithMetadata(new AllowedQuery("lang"))
            .Produces<SelectionResponse>();
    }

    /// <summary>The answer to a saved query that names a table or values that are not public now: the same for all such.</summary>
    public static IResult NotPublic() => ApiProblems.BadRequest(
        "tableId and selection: the saved query must name a published table and values it publishes. " +
        "Try the selection on /api/v2/tables/{tableId}/data first; its error names what is at fault.");

    /// <summary>The answer to an id that is unknown, malformed, or whose query names what is not public now: the same for all.</summary>
    public static IResult UnknownId(string id) => ApiProblems.NotFound($"There is no saved query with id '{ApiProblems.Quote(id)}'.");

    private static async Task<IResult> Create(HttpContext context, PublicationState state, SavedQueryService saved, TimeProvider time, IOptions<PublicationOptions> options)
    {
        var body = await RequestBodies.ReadAtMost(context.Request, MaxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"The saved query is larger than {MaxBodyBytes / 1024} KiB.");
        }

        var ignored = new List<string>();
        SavedQueryDocument document;
        try
        {
            document = Parse(body, ignored, context.Request.Query.ContainsKey("lang") ? ApiRequests.Language(context) : null);
        }
        catch (SelectionException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
        catch (CubeFormatException ex)
        {
            return ApiProblems.BadRequest(RequestBodies.Plain(ex));
        }

        ApiRequests.Ignore(context, ignored);
        var edition = state.Edition();
        if (edition.Model.FindTable(document.TableId) is not { } table)
        {
            return NotPublic();
        }

        try
        {
            table.Query(document.Selection, options.Value.MaxDataCells);
        }
        catch (SelectionException)
        {
            return NotPublic();
        }
        catch (TooManyCellsException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }

        document = document with { TableId = table.Id };
        var id = SavedQueryIds.Create();
        try
        {
            saved.Store.Save(id, document.ToJson(), time.GetUtcNow());
        }
        catch (SavedQueryStoreException ex)
        {
            return saved.Unavailable(ex);
        }

        context.Response.Headers.Location = "/api/v2/savedqueries/" + id;
        return Results.Json(Response(id, document, Lang(context, document)), ApiRequests.Json, statusCode: StatusCodes.Status201Created);
    }

    private static IResult Get(string id, HttpContext context, PublicationState state, SavedQueryService saved)
    {
        var edition = state.Edition();
        var lookup = saved.Resolve(id, edition);
        if (lookup.Found is not { } found)
        {
            return lookup.Failure ?? UnknownId(id);
        }

        if (HttpCaching.NotModified(context, HttpCaching.ETag(context.Request, edition), edition.LastModified) is { } notModified)
        {
            return notModified;
        }

        return Results.Json(Response(id, found.Document, Lang(context, found.Document)), ApiRequests.Json);
    }

    private static IResult Data(string id, HttpContext context, PublicationState state, SavedQueryService saved, IOptions<PublicationOptions> options)
    {
        var edition = state.Edition();
        var lookup = saved.Resolve(id, edition);
        if (lookup.Found is not { } found)
        {
            return lookup.Failure ?? UnknownId(id);
        }

        var query = context.Request.Query;
        var language = Language(context, found.Document);
        ICubeWriter writer;
        CubeWriteOptions writeOptions;
        try
        {
            var format = query.ContainsKey("outputFormat") ? query["outputFormat"].ToString() : found.Document.OutputFormat;
            IEnumerable<string> formatParams = query.ContainsKey("outputFormatParams")
                ? [.. query["outputFormatParams"].Select(p => p ?? string.Empty)]
                : found.Document.OutputFormatParams;
            (writer, writeOptions) = CubeWriters.Parse(format, formatParams, language);
        }
        catch (CubeFormatException ex)
        {
            return ApiProblems.BadRequest(RequestBodies.Plain(ex));
        }

        Cube cube;
        try
        {
            cube = found.Table.Query(found.Document.Selection, options.Value.MaxDataCells);
        }
        catch (SelectionException)
        {
            return UnknownId(id);
        }
        catch (TooManyCellsException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }

        if (HttpCaching.NotModified(context, HttpCaching.ETag(context.Request, edition), edition.LastModified) is { } notModified)
        {
            return notModified;
        }

        writeOptions = writeOptions with { Codelists = TableEndpoints.CodelistLinks(found.Table, language) };
        return CubeResults.Write(cube, writer, writeOptions, download: true);
    }

    private static IResult Selection(string id, HttpContext context, PublicationState state, SavedQueryService saved, IOptions<PublicationOptions> options)
    {
        var edition = state.Edition();
        var lookup = saved.Resolve(id, edition);
        if (lookup.Found is not { } found)
        {
            return lookup.Failure ?? UnknownId(id);
        }

        Cube cube;
        try
        {
            // Resolving the codes needs the cube's dimensions only, but a cube within the limit is cheap to make.
            cube = found.Table.Query(found.Document.Selection, int.MaxValue);
        }
        catch (SelectionException)
        {
            return UnknownId(id);
        }

        if (HttpCaching.NotModified(context, HttpCaching.ETag(context.Request, edition), edition.LastModified) is { } notModified)
        {
            return notModified;
        }

        var lang = Lang(context, found.Document);
        var href = "/api/v2/savedqueries/" + id;
        return Results.Json(
            new SelectionResponse(
                [.. cube.Dimensions.Select(d => new VariableSelectionBody(d.Code, found.Document.Selection.Find(d.Code)?.Codelist, [.. d.Values.Select(v => v.Code)]))],
                new PlacementBody(cube.Heading, cube.Stub),
                lang,
                [
                    new("self", lang, $"{href}/selection?lang={lang}"),
                    new("data", lang, $"{href}/data?lang={lang}"),
                    new("describedby", lang, $"{href}?lang={lang}"),
                ]),
            ApiRequests.Json);
    }

    private static SavedQueryResponse Response(string id, SavedQueryDocument document, string lang)
    {
        var href = "/api/v2/savedqueries/" + id;
        return new SavedQueryResponse(
            lang,
            id,
            document.ToBody(id),
            [
                new("self", lang, $"{href}?lang={lang}"),
                new("data", lang, $"{href}/data?lang={lang}"),
                new("selection", lang, $"{href}/selection?lang={lang}"),
                new("table", lang, $"/api/v2/tables/{Uri.EscapeDataString(document.TableId)}?lang={lang}"),
            ]);
    }

    /// <summary>The language of an answer: <c>lang</c> when given, otherwise the saved query's.</summary>
    private static Language Language(HttpContext context, SavedQueryDocument document) =>
        context.Request.Query.ContainsKey("lang") ? ApiRequests.Language(context)
        : document.Language == "en" ? Catalogue.Text.Language.En : Catalogue.Text.Language.Sv;

    private static string Lang(HttpContext context, SavedQueryDocument document) => ApiRequests.Code(Language(context, document));

    /// <summary>Reads and checks a SavedQuery body (everything that does not depend on what is public).</summary>
    internal static SavedQueryDocument Parse(byte[] body, List<string> ignored, Language? requested)
    {
        if (body.Length == 0)
        {
            throw new SelectionException(null, null, "the body must be a saved query: {\"tableId\": ..., \"language\": ..., \"selection\": {\"selection\": [...]}}.");
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new SelectionException(null, null, $"the request body is not valid JSON: {ex.Message}");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new SelectionException(null, null, "the body must be a JSON object (a saved query with tableId, language and selection).");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!KnownKeys.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
                {
                    ignored.Add(property.Name);
                }
            }

            var tableId = String(root, "tableId");
            if (string.IsNullOrWhiteSpace(tableId) || tableId.Length > MaxCodeLength)
            {
                throw new SelectionException(null, tableId, $"tableId must be a table id (a string of 1 to {MaxCodeLength} characters).");
            }

            var languageText = String(root, "language");
            Language language;
            if (string.IsNullOrEmpty(languageText))
            {
                language = requested ?? Catalogue.Text.Language.Sv;
            }
            else if (!ApiRequests.TryParseLanguage(languageText, out language))
            {
                throw new SelectionException(null, languageText, $"language '{ApiProblems.Quote(languageText)}' is not offered; it must be sv or en.");
            }

            if (Property(root, "selection") is not { ValueKind: JsonValueKind.Object } selectionJson)
            {
                throw new SelectionException(null, null, "selection must be a VariablesSelection object ({\"selection\": [{\"variableCode\": ..., \"valueCodes\": [...]}]}).");
            }

            var selectionIgnored = new List<string>();
            var selection = SelectionParser.FromJson(selectionJson.GetRawText(), selectionIgnored);
            ignored.AddRange(selectionIgnored.Select(name => "selection." + name));
            CheckLimits(selection);

            var format = String(root, "outputFormat");
            var formatParams = Property(root, "outputFormatParams") is { } paramsJson && paramsJson.ValueKind != JsonValueKind.Null
                ? Strings(paramsJson, "outputFormatParams")
                : [];
            if (formatParams.Count > MaxVariables)
            {
                throw new SelectionException(null, null, $"outputFormatParams has {formatParams.Count} entries; at most {MaxVariables} are accepted.");
            }

            var (writer, _) = CubeWriters.Parse(format, formatParams, language);
            return new SavedQueryDocument(
                tableId.Trim(),
                ApiRequests.Code(language),
                selection,
                string.IsNullOrWhiteSpace(format) ? null : writer.Format,
                formatParams);
        }
    }

    private static void CheckLimits(TableSelection selection)
    {
        if (selection.Variables.Count > MaxVariables)
        {
            throw new SelectionException(null, null, $"selection names {selection.Variables.Count} variables; a saved query may name at most {MaxVariables}.");
        }

        var values = selection.Variables.Sum(v => v.ValueExpressions.Count);
        if (values > MaxValues)
        {
            throw new SelectionException(null, null, $"selection has {values} value codes and expressions; a saved query may have at most {MaxValues}.");
        }

        foreach (var variable in selection.Variables)
        {
            var tooLong = variable.ValueExpressions.Append(variable.Code).Append(variable.Codelist ?? string.Empty).FirstOrDefault(t => t.Length > MaxCodeLength);
            if (tooLong is not null)
            {
                throw new SelectionException(variable.Code, tooLong, $"variable '{ApiProblems.Quote(variable.Code)}' has a code or expression longer than {MaxCodeLength} characters ('{ApiProblems.Quote(tooLong)}').");
            }
        }

        foreach (var (name, list) in new[] { ("heading", selection.Heading), ("stub", selection.Stub) })
        {
            if (list is { Count: > MaxVariables })
            {
                throw new SelectionException(null, null, $"placement.{name} names {list.Count} variables; at most {MaxVariables} are accepted.");
            }
        }
    }

    private static JsonElement? Property(JsonElement owner, string name)
    {
        foreach (var property in owner.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? String(JsonElement owner, string name)
    {
        if (Property(owner, name) is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new SelectionException(null, null, $"{name} must be a string.");
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new SelectionException(null, null, $"{name} is not valid Unicode (a lone UTF-16 surrogate such as \\ud800).");
        }
    }

    private static List<string> Strings(JsonElement array, string name)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new SelectionException(null, null, $"{name} must be an array of strings.");
        }

        var result = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new SelectionException(null, null, $"{name} must be an array of strings.");
            }

            try
            {
                result.Add(item.GetString()!);
            }
            catch (InvalidOperationException)
            {
                throw new SelectionException(null, null, $"{name} is not valid Unicode (a lone UTF-16 surrogate such as \\ud800).");
            }
        }

        return result;
    }
}

/// <summary>A saved query as stored: the table (its canonical id), the language, the selection and the output format.</summary>
internal sealed record SavedQueryDocument(string TableId, string Language, TableSelection Selection, string? OutputFormat, IReadOnlyList<string> OutputFormatParams)
{
    /// <summary>The document as the spec's SavedQuery (without the id): what is stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(ToBody(null), ApiRequests.Json);

    public SavedQueryBody ToBody(string? id) => new(
        id,
        new VariablesSelectionBody(
            [.. Selection.Variables.Select(v => new VariableSelectionBody(v.Code, v.Codelist, v.ValueExpressions))],
            Selection.Heading is null && Selection.Stub is null ? null : new PlacementBody(Selection.Heading ?? [], Selection.Stub ?? [])),
        Language,
        TableId,
        OutputFormat,
        OutputFormatParams);

    /// <summary>Reads a stored document back; null when it cannot be read (it is then treated as unknown).</summary>
    public static SavedQueryDocument? FromJson(string json)
    {
        try
        {
            var ignored = new List<string>();
            return SavedQueryEndpoints.Parse(Encoding.UTF8.GetBytes(json), ignored, null);
        }
        catch (Exception ex) when (ex is SelectionException or CubeFormatException)
        {
            return null;
        }
    }
}

/// <summary>The saved-query store of this host and the reading of one saved query against the public view.</summary>
internal sealed class SavedQueryService(ISavedQueryStore store, ILogger<SavedQueryService> logger)
{
    public ISavedQueryStore Store { get; } = store;

    /// <summary>
    /// The saved query <paramref name="id"/> with its public table; not found when the id is malformed or unknown,
    /// the table is not public, or the selection names a variable or value that is not public now — all alike. A
    /// store that cannot be read gives <see cref="SavedQueryLookup.Failure"/> (503).
    /// </summary>
    public SavedQueryLookup Resolve(string id, PublicationEdition edition)
    {
        if (!SavedQueryIds.IsWellFormed(id))
        {
            return default;
        }

        string? json;
        try
        {
            json = Store.Find(id);
        }
        catch (SavedQueryStoreException ex)
        {
            return new SavedQueryLookup(null, Unavailable(ex));
        }

        if (json is null || SavedQueryDocument.FromJson(json) is not { } document || edition.Model.FindTable(document.TableId) is not { } table)
        {
            return default;
        }

        try
        {
            // Counting the cells resolves every code against the public view without computing anything.
            table.Query(document.Selection, 0);
        }
        catch (TooManyCellsException)
        {
            return new SavedQueryLookup((document, table), null);
        }
        catch (SelectionException)
        {
            return default;
        }

        return new SavedQueryLookup((document, table), null);
    }

    /// <summary>503 when saved queries cannot be read or written; the cause is logged, not shown.</summary>
    public IResult Unavailable(SavedQueryStoreException ex)
    {
        SavedQueryLog.StoreFailed(logger, ex);
        return ApiProblems.Problem(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "Saved queries cannot be read or stored right now; try again shortly.");
    }
}

/// <summary>A saved query found with its public table, or not found (then <see cref="Failure"/> is a 503 when the store failed).</summary>
internal readonly record struct SavedQueryLookup((SavedQueryDocument Document, PublishedTable Table)? Found, IResult? Failure);

internal static partial class SavedQueryLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The saved-query store failed.")]
    public static partial void StoreFailed(ILogger logger, Exception exception);
}

#pragma warning disable SA1402, SA1649 // The spec's small response schemas of saved queries, beside their endpoints.

internal sealed record VariablesSelectionBody(IReadOnlyList<VariableSelectionBody> Selection, PlacementBody? Placement);

internal sealed record SavedQueryBody(string? Id, VariablesSelectionBody Selection, string Language, string TableId, string? OutputFormat, IReadOnlyList<string> OutputFormatParams);

internal sealed record SavedQueryResponse(string Language, string Id, SavedQueryBody SavedQuery, IReadOnlyList<ApiLink> Links);

#pragma warning restore SA1402, SA1649

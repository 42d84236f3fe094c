using System.Text;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Formats;
using Barometer.Publishing.Selection;
using Microsoft.Extensions.Options;

namespace Barometer.Web.Api;

/// <summary>
/// <c>/api/v2/tables/{id}/data</c>: a selection (GET <c>valuecodes[VAR]</c>, <c>codelist[VAR]</c>, <c>heading</c>,
/// <c>stub</c>; POST a <c>VariablesSelection</c>) of a public table written in <c>outputFormat</c>. The cell limit is
/// checked by the table before anything is computed.
/// </summary>
internal static class DataEndpoint
{
    /// <summary>The largest POST body read; a VariablesSelection is small.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/tables/{id}/data", Get)
            .WithName("GetTableData").WithSummary("Data of a table for a selection, in json-stat2 (default), csv, xlsx, px, parquet, html or json-px.")
            .WithMetadata(new AllowedQuery("lang", "outputFormat", "outputFormatParams", "heading", "stub") { Selections = true });
        api.MapPost("/tables/{id}/data", Post)
            .WithName("GetTableDataByPost").WithSummary("Data of a table for a VariablesSelection body.")
            .WithMetadata(new AllowedQuery("lang", "outputFormat", "outputFormatParams"))
            .Accepts<object>("application/json");
    }

    private static IResult Get(string id, HttpContext context, PublicationState state, IOptions<PublicationOptions> options)
    {
        var edition = state.Edition();
        if (edition.Model.FindTable(id) is not { } table)
        {
            return ApiProblems.TableNotFound(id);
        }

        TableSelection selection;
        try
        {
            selection = SelectionParser.FromQuery(context.Request.Query.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString())));
        }
        catch (SelectionException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }

        return Answer(context, edition, table, selection, default, options.Value);
    }

    private static async Task<IResult> Post(string id, HttpContext context, PublicationState state, IOptions<PublicationOptions> options)
    {
        var edition = state.Edition();
        if (edition.Model.FindTable(id) is not { } table)
        {
            return ApiProblems.TableNotFound(id);
        }

        var body = await RequestBodies.ReadAtMost(context.Request, MaxBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"The selection body is larger than {MaxBodyBytes / 1024} KiB.");
        }

        TableSelection selection;
        if (body.Length == 0)
        {
            selection = TableSelection.Empty;
        }
        else
        {
            try
            {
                var ignored = new List<string>();
                selection = SelectionParser.FromJson(Encoding.UTF8.GetString(body), ignored);
                ApiRequests.Ignore(context, ignored);
            }
            catch (SelectionException ex)
            {
                return ApiProblems.BadRequest(ex.Message);
            }
        }

        return Answer(context, edition, table, selection, body, options.Value);
    }

    private static IResult Answer(HttpContext context, PublicationEdition edition, Publishing.Tables.PublishedTable table, TableSelection selection, ReadOnlySpan<byte> body, PublicationOptions options)
    {
        var query = context.Request.Query;
        ICubeWriter writer;
        CubeWriteOptions writeOptions;
        try
        {
            (writer, writeOptions) = CubeWriters.Parse(query["outputFormat"].ToString(), [.. query["outputFormatParams"].Select(p => p ?? string.Empty)], ApiRequests.Language(context));
        }
        catch (CubeFormatException ex)
        {
            return ApiProblems.BadRequest(RequestBodies.Plain(ex));
        }

        writeOptions = writeOptions with { Codelists = TableEndpoints.CodelistLinks(table, ApiRequests.Language(context)) };

        Cube cube;
        try
        {
            cube = table.Query(selection, options.MaxDataCells);
        }
        catch (SelectionException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }
        catch (TooManyCellsException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }

        if (HttpCaching.NotModified(context, HttpCaching.ETag(context.Request, edition, body), edition.LastModified) is { } notModified)
        {
            return notModified;
        }

        return CubeResults.Write(cube, writer, writeOptions, download: true);
    }
}

/// <summary>Writes a cube in a format into a buffer (the writers are synchronous) and returns it with the format's media type.</summary>
internal static class CubeResults
{
    public static IResult Write(Cube cube, ICubeWriter writer, CubeWriteOptions options, bool download)
    {
        using var buffer = new MemoryStream();
        writer.Write(cube, buffer, options);
        var bytes = buffer.ToArray();
        var isJson = writer.Format.StartsWith("json", StringComparison.Ordinal);
        return download && !isJson && writer.Format != "html"
            ? Results.File(bytes, writer.ContentType, cube.TableId + "." + writer.FileExtension)
            : Results.Bytes(bytes, writer.ContentType);
    }
}

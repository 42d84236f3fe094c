using System.Text.Encodings.Web;
using System.Text.Json;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;

namespace Barometer.Publishing.Formats;

/// <summary>
/// Writes a cube as <c>json-px</c>, PxWeb's classic JSON table format, the way the PxWeb API 2.0 reference server
/// writes it (PxTools/PxWebApi picks <c>PCAxis.Serializers.JsonSerializer</c> for <c>json-px</c>, media type
/// <c>application/json; charset=UTF-8</c>, extension <c>.json</c>; the document is PCAxis.Query's <c>TableResponse</c>).
/// The structure followed, in this member order:
/// <list type="bullet">
/// <item><c>columns</c>: first every dimension but the contents, in the cube's dimension order, as
/// <c>{"code","text","comment"?,"type"}</c> with the dimension's code and label, <c>type</c> <c>"t"</c> for the time
/// dimension and <c>"d"</c> otherwise; then one column per contents value (<c>{"code","text","comment"?,"type":"c"}</c>,
/// its code and label). A cube without a contents dimension has one <c>"c"</c> column whose code and text are the
/// cube's contents text. <c>comment</c> is present only when there are notes: each note followed by CRLF.</item>
/// <item><c>comments</c>: <c>{"variable","value","comment"}</c> for every value of a non-contents dimension that has a
/// note (always present, possibly empty).</item>
/// <item><c>data</c>: one row per combination of the non-contents values (the last dimension varies fastest):
/// <c>{"key":[codes],"values":[strings]}</c>, one value per contents column. Values are strings, as the reference
/// writes them: the number in invariant culture without thousands separator, rounded to its contents value's
/// decimals (as PX and CSV write it); a cell whose status hides the value is the symbol itself (<c>..</c>, <c>.</c>,
/// <c>x</c> — the DATASYMBOL text the reference shows for such a cell); a cell whose status does not hide the value
/// (<c>*</c>) is the number with the symbol right after it (<c>"61.2*"</c>), as the reference shows a data note
/// (DATANOTECELL, placed after).</item>
/// <item><c>metadata</c>: one object <c>{"updated","label","source"}</c>: the cube's update time in UTC
/// (<c>yyyy-MM-ddTHH:mm:ssZ</c>), its title and its source. <c>infofile</c> is left out, as the reference leaves out
/// a null one: we have no info file.</item>
/// </list>
/// Texts are in <see cref="CubeWriteOptions.Language"/>. The format has no place for value labels of the key
/// dimensions, units, table notes or symbol explanations: those are in <c>json-stat2</c> and <c>/metadata</c>.
/// The reference takes no <c>outputFormatParams</c> for json-px; the label and separator options are ignored. With
/// <see cref="CubeWriteOptions.IncludeValues"/> false, <c>data</c> is empty.
/// </summary>
public sealed class JsonPxCubeWriter : ICubeWriter
{
    public const string FormatName = "json-px";

    private const string NoteEnd = "\r\n";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public string Format => FormatName;

    public string ContentType => "application/json; charset=UTF-8";

    public string FileExtension => "json";

    public void Write(Cube cube, Stream output, CubeWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(cube);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var layout = new CubeLayout(cube);
        var language = options.Language;
        var contentsIndex = layout.ContentsIndex;
        var keyIndexes = Enumerable.Range(0, cube.Dimensions.Count).Where(i => i != contentsIndex).ToArray();
        var contents = contentsIndex < 0 ? null : cube.Dimensions[contentsIndex];

        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();

        json.WriteStartArray("columns");
        foreach (var index in keyIndexes)
        {
            var dimension = cube.Dimensions[index];
            WriteColumn(json, dimension.Code, dimension.Label[language], Comment(dimension.Notes, language), dimension.Role == DimensionRole.Time ? "t" : "d");
        }

        if (contents is not null)
        {
            foreach (var value in contents.Values)
            {
                WriteColumn(json, value.Code, value.Label[language], value.Note is null ? null : Comment([value.Note], language), "c");
            }
        }
        else
        {
            WriteColumn(json, cube.Contents[language], cube.Contents[language], null, "c");
        }

        json.WriteEndArray();

        json.WriteStartArray("comments");
        foreach (var index in keyIndexes)
        {
            var dimension = cube.Dimensions[index];
            foreach (var value in dimension.Values.Where(v => v.Note is not null))
            {
                json.WriteStartObject();
                json.WriteString("variable", dimension.Code);
                json.WriteString("value", value.Code);
                json.WriteString("comment", Comment([value.Note!], language));
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();

        json.WriteStartArray("data");
        if (options.IncludeValues)
        {
            WriteData(json, cube, layout, keyIndexes, contentsIndex);
        }

        json.WriteEndArray();

        json.WriteStartArray("metadata");
        json.WriteStartObject();
        json.WriteString("updated", JsonStatCubeWriter.Iso(cube.Updated));
        json.WriteString("label", cube.Title[language]);
        json.WriteString("source", cube.Source[language]);
        json.WriteEndObject();
        json.WriteEndArray();

        json.WriteEndObject();
        json.Flush();
    }

    /// <summary>A cell as json-px shows it: the symbol that hides it, or the number followed by a symbol that does not.</summary>
    internal static string CellText(CubeLayout layout, int cell)
    {
        if (layout.ShowsSymbol(cell, out var symbol))
        {
            return symbol;
        }

        return layout.FormatNumber(cell) + (layout.Symbol(cell)?.Symbol ?? string.Empty);
    }

    private static void WriteData(Utf8JsonWriter json, Cube cube, CubeLayout layout, int[] keyIndexes, int contentsIndex)
    {
        var strides = new int[cube.Dimensions.Count];
        var stride = 1;
        for (var i = cube.Dimensions.Count - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= cube.Dimensions[i].Values.Count;
        }

        var keyDimensions = keyIndexes.Select(i => cube.Dimensions[i]).ToList();
        var rows = keyDimensions.Aggregate(1, (n, d) => n * d.Values.Count);
        var columns = contentsIndex < 0 ? 1 : cube.Dimensions[contentsIndex].Values.Count;
        var contentsStride = contentsIndex < 0 ? 0 : strides[contentsIndex];
        for (var row = 0; row < rows; row++)
        {
            var positions = CubeLayout.Positions(keyDimensions, row);
            var offset = 0;
            json.WriteStartObject();
            json.WriteStartArray("key");
            for (var k = 0; k < positions.Length; k++)
            {
                json.WriteStringValue(keyDimensions[k].Values[positions[k]].Code);
                offset += positions[k] * strides[keyIndexes[k]];
            }

            json.WriteEndArray();
            json.WriteStartArray("values");
            for (var column = 0; column < columns; column++)
            {
                json.WriteStringValue(CellText(layout, offset + (column * contentsStride)));
            }

            json.WriteEndArray();
            json.WriteEndObject();
            if (json.BytesPending > 16384)
            {
                json.Flush();
            }
        }
    }

    private static void WriteColumn(Utf8JsonWriter json, string code, string text, string? comment, string type)
    {
        json.WriteStartObject();
        json.WriteString("code", code);
        json.WriteString("text", text);
        if (comment is not null)
        {
            json.WriteString("comment", comment);
        }

        json.WriteString("type", type);
        json.WriteEndObject();
    }

    /// <summary>Notes as the reference joins them: each followed by CRLF; null when there are none.</summary>
    private static string? Comment(IReadOnlyList<LocalizedText> notes, Language language) =>
        notes.Count == 0 ? null : string.Concat(notes.Select(n => n[language] + NoteEnd));
}

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;

namespace Barometer.Publishing.Formats;

/// <summary>
/// Writes a cube as a JSON-stat 2.0 dataset the way PxWeb API 2.0 does: <c>role</c>, every dimension with its
/// category index, labels, notes and (for the contents) units and decimals, dataset notes with the symbol
/// explanations, <c>value</c> as an array with nulls, <c>status</c> as an object holding only the cells that have
/// one, and an <c>extension</c> with PxWeb's <c>px</c> block (table id, language, heading/stub…) and
/// <c>noteMandatory</c>. With <see cref="CubeWriteOptions.IncludeValues"/> false it writes the metadata document
/// (<c>value</c> empty, no <c>status</c>), as PxWeb's <c>/tables/{id}/metadata</c>.
/// </summary>
public sealed class JsonStatCubeWriter : ICubeWriter
{
    public const string FormatName = "json-stat2";

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
        using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("version", "2.0");
        json.WriteString("class", "dataset");
        json.WriteString("label", cube.Title[language]);
        json.WriteString("source", cube.Source[language]);
        json.WriteString("updated", UpdatedDate(cube.Updated));

        // Each note once: the table's notes may already explain a symbol in the same words.
        var notes = cube.Notes.Select(n => n[language]).Distinct(StringComparer.Ordinal).ToList();
        var mandatory = new List<int>();
        foreach (var symbol in cube.Symbols)
        {
            var text = $"{symbol.Symbol} = {symbol.Explanation[language]}";
            var index = notes.IndexOf(text);
            if (index < 0)
            {
                index = notes.Count;
                notes.Add(text);
            }

            if (!mandatory.Contains(index))
            {
                mandatory.Add(index);
            }
        }

        if (notes.Count > 0)
        {
            json.WriteStartArray("note");
            foreach (var note in notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();
        }

        WriteRoles(json, cube);

        json.WriteStartArray("id");
        foreach (var dimension in cube.Dimensions)
        {
            json.WriteStringValue(dimension.Code);
        }

        json.WriteEndArray();
        json.WriteStartArray("size");
        foreach (var dimension in cube.Dimensions)
        {
            json.WriteNumberValue(dimension.Values.Count);
        }

        json.WriteEndArray();

        json.WriteStartObject("dimension");
        foreach (var dimension in cube.Dimensions)
        {
            WriteDimension(json, dimension, language, options.Codelists?.Invoke(dimension.Code) ?? []);
        }

        json.WriteEndObject();

        WriteExtension(json, cube, layout, language, mandatory);

        json.WriteStartArray("value");
        if (options.IncludeValues)
        {
            for (var i = 0; i < cube.Values.Count; i++)
            {
                if (layout.ShowsSymbol(i, out _))
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteNumberValue(cube.Values[i]!.Value);
                }

                if (json.BytesPending > 16384)
                {
                    json.Flush();
                }
            }
        }

        json.WriteEndArray();

        if (options.IncludeValues && cube.Status.Any(s => s is not null))
        {
            json.WriteStartObject("status");
            for (var i = 0; i < cube.Status.Count; i++)
            {
                if (cube.Status[i] is { } status)
                {
                    json.WriteString(i.ToString(CultureInfo.InvariantCulture), status);
                }

                if (json.BytesPending > 16384)
                {
                    json.Flush();
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.Flush();
    }

    /// <summary>
    /// JSON-stat's <c>updated</c> as the PxWeb API 2.0 contract has it (PxAPI-2.yml, schema <c>updated</c>): the UTC
    /// date only (ISO 8601 <c>yyyy-MM-dd</c>), which JSON-stat also allows.
    /// </summary>
    internal static string UpdatedDate(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant in ISO 8601, UTC, to the second.</summary>
    internal static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteRoles(Utf8JsonWriter json, Cube cube)
    {
        var roles = new (string Name, DimensionRole Role)[] { ("time", DimensionRole.Time), ("metric", DimensionRole.Contents), ("geo", DimensionRole.Geo) };
        if (!cube.Dimensions.Any(d => d.Role != DimensionRole.Regular))
        {
            return;
        }

        json.WriteStartObject("role");
        foreach (var (name, role) in roles)
        {
            var ids = cube.Dimensions.Where(d => d.Role == role).Select(d => d.Code).ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            json.WriteStartArray(name);
            foreach (var id in ids)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteDimension(Utf8JsonWriter json, CubeDimension dimension, Language language, IReadOnlyList<CubeCodelistLink> codelists)
    {
        json.WriteStartObject(dimension.Code);
        json.WriteString("label", dimension.Label[language]);
        if (dimension.Notes.Count > 0)
        {
            json.WriteStartArray("note");
            foreach (var note in dimension.Notes)
            {
                json.WriteStringValue(note[language]);
            }

            json.WriteEndArray();
        }

        json.WriteStartObject("category");
        json.WriteStartObject("index");
        for (var i = 0; i < dimension.Values.Count; i++)
        {
            json.WriteNumber(dimension.Values[i].Code, i);
        }

        json.WriteEndObject();
        json.WriteStartObject("label");
        foreach (var value in dimension.Values)
        {
            json.WriteString(value.Code, value.Label[language]);
        }

        json.WriteEndObject();

        if (dimension.Values.Any(v => v.Note is not null))
        {
            json.WriteStartObject("note");
            foreach (var value in dimension.Values.Where(v => v.Note is not null))
            {
                json.WriteStartArray(value.Code);
                json.WriteStringValue(value.Note![language]);
                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        if (dimension.Role == DimensionRole.Contents)
        {
            json.WriteStartObject("unit");
            foreach (var value in dimension.Values)
            {
                json.WriteStartObject(value.Code);
                var unit = value.Unit?[language] ?? string.Empty;
                json.WriteString("base", unit);
                json.WriteString("label", unit);
                if (IsPercent(value.Unit))
                {
                    json.WriteString("symbol", "%");
                    json.WriteString("position", "end");
                }

                json.WriteNumber("decimals", value.Decimals ?? 0);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();

        json.WriteStartObject("extension");
        json.WriteBoolean("elimination", dimension.Elimination);
        json.WriteString("show", dimension.Role == DimensionRole.Time ? "code" : "value");
        json.WriteStartArray("codelists");
        foreach (var codelist in codelists)
        {
            json.WriteStartObject();
            json.WriteString("id", codelist.Id);
            json.WriteString("label", codelist.Label);
            json.WriteString("type", codelist.Type);
            json.WriteStartArray("links");
            json.WriteStartObject();
            json.WriteString("rel", "metadata");
            json.WriteString("hreflang", LanguageCode(language));
            json.WriteString("href", codelist.Href);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static bool IsPercent(LocalizedText? unit) =>
        unit is not null && (unit.En.Trim() is "%" || string.Equals(unit.En.Trim(), "percent", StringComparison.OrdinalIgnoreCase));

    private static void WriteExtension(Utf8JsonWriter json, Cube cube, CubeLayout layout, Language language, List<int> mandatory)
    {
        json.WriteStartObject("extension");
        json.WriteStartObject("px");
        json.WriteString("tableid", cube.TableId);
        json.WriteNumber("decimals", layout.MaxDecimals);
        json.WriteBoolean("official-statistics", cube.OfficialStatistics);
        json.WriteBoolean("aggregallowed", false);
        json.WriteString("language", LanguageCode(language));
        json.WriteString("contents", cube.Contents[language]);
        json.WriteBoolean("descriptiondefault", false);
        json.WriteStartArray("heading");
        foreach (var code in cube.Heading)
        {
            json.WriteStringValue(code);
        }

        json.WriteEndArray();
        json.WriteStartArray("stub");
        foreach (var code in cube.Stub)
        {
            json.WriteStringValue(code);
        }

        json.WriteEndArray();
        json.WriteString("matrix", cube.TableId);
        json.WriteString("subject-code", cube.SubjectCode);
        json.WriteString("subject-area", cube.SubjectArea[language]);
        json.WriteEndObject();

        if (cube.Contact is not null)
        {
            json.WriteStartArray("contact");
            json.WriteStartObject();
            json.WriteString("raw", cube.Contact[language]);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (mandatory.Count > 0)
        {
            json.WriteStartObject("noteMandatory");
            foreach (var index in mandatory)
            {
                json.WriteBoolean(index.ToString(CultureInfo.InvariantCulture), true);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>The ISO 639-1 code of a language, as PX LANGUAGE and JSON-stat extension.px.language use it.</summary>
    internal static string LanguageCode(Language language) => language.Code();
}

using Barometer.Catalogue.Text;

namespace Barometer.Publishing.Formats;

/// <summary>The column separator of CSV output (PxWeb <c>SeparatorTab</c>, <c>SeparatorSpace</c>, <c>SeparatorSemicolon</c>).</summary>
public enum CsvSeparator
{
    Comma,
    Semicolon,
    Tab,
    Space,
}

/// <summary>
/// How dimension values are shown in two-dimensional formats (CSV, XLSX, HTML): PxWeb <c>UseCodes</c>,
/// <c>UseTexts</c>, <c>UseCodesAndTexts</c>.
/// </summary>
public enum CsvLabels
{
    Code,
    Text,
    CodeAndText,
}

/// <summary>How a cube is written. The defaults are PxWeb's: Swedish, values included, comma, texts, no title.</summary>
public sealed record CubeWriteOptions
{
    public static CubeWriteOptions Default { get; } = new();

    public Language Language { get; init; } = Language.Sv;

    /// <summary>False writes metadata only (the JSON-stat <c>/metadata</c> document: no values, no status).</summary>
    public bool IncludeValues { get; init; } = true;

    public CsvSeparator CsvSeparator { get; init; } = CsvSeparator.Comma;

    /// <summary>Codes, texts or both for dimension values in CSV, XLSX and HTML.</summary>
    public CsvLabels CsvLabels { get; init; } = CsvLabels.Text;

    /// <summary>Write the table title first (CSV, XLSX, HTML).</summary>
    public bool IncludeTitle { get; init; }

    /// <summary>
    /// The codelists that may be applied to a dimension, by dimension code (JSON-stat <c>extension.codelists</c> of
    /// each dimension); none when null.
    /// </summary>
    public Func<string, IReadOnlyList<CubeCodelistLink>>? Codelists { get; init; }
}

/// <summary>A codelist as a dimension lists it: id, label in the output language, type and the address of its description.</summary>
#pragma warning disable CA1054 // A relative URI string, as the JSON it is written to.
public sealed record CubeCodelistLink(string Id, string Label, string Type, string Href);
#pragma warning restore CA1054

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
}

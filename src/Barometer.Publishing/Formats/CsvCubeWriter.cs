using System.Text;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;

namespace Barometer.Publishing.Formats;

/// <summary>
/// Writes a cube as CSV in PxWeb's table layout: one column per stub dimension, then one column per combination of
/// heading values (their texts joined by a space); one row per combination of stub values. Texts are quoted (a
/// quote doubled), numbers are bare, in invariant culture, rounded to the decimals of their contents value; a
/// cell whose status hides its value holds the symbol, quoted. With <see cref="CubeWriteOptions.IncludeTitle"/>
/// the title is the first line. UTF-8 with a byte-order mark and CRLF line ends, as PxWeb writes it, so that
/// Excel opens Swedish letters correctly; R's <c>read.csv(fileEncoding = "UTF-8-BOM")</c> and pandas'
/// <c>encoding="utf-8-sig"</c> read it too.
/// </summary>
public sealed class CsvCubeWriter : ICubeWriter
{
    public string Format => "csv";

    public string ContentType => "text/csv; charset=UTF-8";

    public string FileExtension => "csv";

    public void Write(Cube cube, Stream output, CubeWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(cube);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var layout = new CubeLayout(cube);
        var language = options.Language;
        var separator = Separator(options.CsvSeparator);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 65536, leaveOpen: true)
        {
            NewLine = "\r\n",
        };

        if (options.IncludeTitle)
        {
            writer.Write(Quote(cube.Title[language]));
            writer.WriteLine();
        }

        var first = true;
        foreach (var dimension in layout.Stub)
        {
            WriteSeparator(writer, separator, ref first);
            writer.Write(Quote(options.CsvLabels == CsvLabels.Code ? dimension.Code : dimension.Label[language]));
        }

        for (var column = 0; column < layout.ColumnCount; column++)
        {
            WriteSeparator(writer, separator, ref first);
            writer.Write(Quote(ColumnHeader(layout, column, options.CsvLabels, language)));
        }

        writer.WriteLine();
        if (!options.IncludeValues)
        {
            return;
        }

        for (var row = 0; row < layout.RowCount; row++)
        {
            first = true;
            var positions = CubeLayout.Positions(layout.Stub, row);
            for (var i = 0; i < positions.Length; i++)
            {
                WriteSeparator(writer, separator, ref first);
                writer.Write(Quote(CubeLayout.ValueText(layout.Stub[i].Values[positions[i]], options.CsvLabels, language)));
            }

            for (var column = 0; column < layout.ColumnCount; column++)
            {
                WriteSeparator(writer, separator, ref first);
                var cell = layout.CellIndex(row, column);
                writer.Write(layout.ShowsSymbol(cell, out var symbol) ? Quote(symbol) : layout.FormatNumber(cell));
            }

            writer.WriteLine();
        }
    }

    /// <summary>The header of a data column: its heading values, as asked, joined by a space.</summary>
    internal static string ColumnHeader(CubeLayout layout, int column, CsvLabels labels, Language language)
    {
        var positions = CubeLayout.Positions(layout.Heading, column);
        return string.Join(' ', positions.Select((p, i) => CubeLayout.ValueText(layout.Heading[i].Values[p], labels, language)));
    }

    private static char Separator(CsvSeparator separator) => separator switch
    {
        CsvSeparator.Semicolon => ';',
        CsvSeparator.Tab => '\t',
        CsvSeparator.Space => ' ',
        _ => ',',
    };

    private static void WriteSeparator(StreamWriter writer, char separator, ref bool first)
    {
        if (!first)
        {
            writer.Write(separator);
        }

        first = false;
    }

    private static string Quote(string text) => $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

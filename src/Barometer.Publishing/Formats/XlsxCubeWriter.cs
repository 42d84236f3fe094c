using System.Globalization;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;
using ClosedXML.Excel;

namespace Barometer.Publishing.Formats;

/// <summary>
/// Writes a cube as an Excel workbook (ClosedXML) laid out like PxWeb's table: the title in the first row, one
/// header row per heading dimension (its values spanning the columns below them), the stub dimensions' names over
/// the stub columns, then one row per combination of stub values. Numbers are numbers, shown with the decimals of
/// their contents value; a cell whose status hides its value holds the symbol as text. Below the table: the source,
/// the notes and an explanation of every symbol used.
/// </summary>
public sealed class XlsxCubeWriter : ICubeWriter
{
    public string Format => "xlsx";

    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public string FileExtension => "xlsx";

    public void Write(Cube cube, Stream output, CubeWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(cube);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var layout = new CubeLayout(cube);
        var language = options.Language;
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName(cube.TableId));
        var stubColumns = layout.Stub.Count;

        sheet.Cell(1, 1).SetValue(cube.Title[language]);
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 12;
        var row = 3;

        // One header row per heading dimension; the last one also names the stub dimensions.
        for (var h = 0; h < layout.Heading.Count; h++)
        {
            var span = layout.Heading.Skip(h + 1).Aggregate(1, (n, d) => n * d.Values.Count);
            for (var column = 0; column < layout.ColumnCount; column += span)
            {
                var value = layout.Heading[h].Values[CubeLayout.Positions(layout.Heading, column)[h]];
                var cell = sheet.Cell(row, stubColumns + 1 + column);
                cell.SetValue(CubeLayout.ValueText(value, options.CsvLabels, language));
                cell.Style.Font.Bold = true;
                if (span > 1)
                {
                    sheet.Range(row, stubColumns + 1 + column, row, stubColumns + column + span).Merge();
                }
            }

            row++;
        }

        for (var s = 0; s < stubColumns; s++)
        {
            var cell = sheet.Cell(row - 1, s + 1);
            cell.SetValue(options.CsvLabels == CsvLabels.Code ? layout.Stub[s].Code : layout.Stub[s].Label[language]);
            cell.Style.Font.Bold = true;
        }

        if (!options.IncludeValues)
        {
            workbook.SaveAs(output);
            return;
        }

        var formats = new Dictionary<int, string>();
        for (var r = 0; r < layout.RowCount; r++, row++)
        {
            var positions = CubeLayout.Positions(layout.Stub, r);
            for (var s = 0; s < stubColumns; s++)
            {
                sheet.Cell(row, s + 1).SetValue(CubeLayout.ValueText(layout.Stub[s].Values[positions[s]], options.CsvLabels, language));
            }

            for (var column = 0; column < layout.ColumnCount; column++)
            {
                var index = layout.CellIndex(r, column);
                var cell = sheet.Cell(row, stubColumns + 1 + column);
                if (layout.ShowsSymbol(index, out var symbol))
                {
                    cell.SetValue(symbol);
                    cell.DataType = XLDataType.Text;
                    cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
                    continue;
                }

                var decimals = layout.Decimals(index);
                cell.SetValue(cube.Values[index]!.Value);
                if (decimals is { } d)
                {
                    cell.Style.NumberFormat.Format = formats.TryGetValue(d, out var format)
                        ? format
                        : formats[d] = d == 0 ? "0" : "0." + new string('0', d);
                }
            }
        }

        row++;
        foreach (var line in Footnotes(cube, layout, language))
        {
            sheet.Cell(row++, 1).SetValue(line);
        }

        for (var s = 1; s <= stubColumns; s++)
        {
            sheet.Column(s).Width = 30;
        }

        sheet.SheetView.FreezeRows(2 + layout.Heading.Count);
        workbook.SaveAs(output);
    }

    /// <summary>The lines under a table: the source, the notes and what each symbol used means.</summary>
    internal static IEnumerable<string> Footnotes(Cube cube, CubeLayout layout, Language language)
    {
        yield return $"{(new LocalizedText("Källa", "Source")[language])}: {cube.Source[language]}";
        foreach (var note in cube.Notes)
        {
            yield return note[language];
        }

        foreach (var symbol in layout.UsedSymbols())
        {
            yield return $"{symbol.Symbol} = {symbol.Explanation[language]}";
        }

        yield return $"{(new LocalizedText("Uppdaterad", "Updated")[language])}: {cube.Updated.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
    }

    private static string SheetName(string tableId)
    {
        var name = new string([.. tableId.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]);
        return name.Length == 0 ? "Tabell" : name[..Math.Min(31, name.Length)];
    }
}

using System.Text;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;

namespace Barometer.Publishing.Formats;

/// <summary>
/// Writes a cube as a self-contained, accessible HTML page: <c>lang</c> on the document, the title as the table's
/// caption, one header row per heading dimension with <c>th scope="col"</c> (spanning the columns below), the stub
/// values as <c>th scope="row"</c>, numbers with the decimals of their contents value (decimal comma in Swedish),
/// each symbol as an <c>abbr</c> linked to its explanation in the footnotes below the table. Every text is
/// HTML-escaped.
/// </summary>
public sealed class HtmlCubeWriter : ICubeWriter
{
    public string Format => "html";

    public string ContentType => "text/html; charset=UTF-8";

    public string FileExtension => "html";

    public void Write(Cube cube, Stream output, CubeWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(cube);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var layout = new CubeLayout(cube);
        var language = options.Language;
        var symbols = layout.UsedSymbols();
        var ids = symbols.Select((s, i) => (s.Symbol, Id: $"symbol-{i + 1}")).ToDictionary(p => p.Symbol, p => p.Id, StringComparer.Ordinal);
        using var html = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 65536, leaveOpen: true) { NewLine = "\n" };

        html.WriteLine("<!DOCTYPE html>");
        html.WriteLine($"<html lang=\"{JsonStatCubeWriter.LanguageCode(language)}\">");
        html.WriteLine("<head>");
        html.WriteLine("<meta charset=\"utf-8\">");
        html.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.WriteLine($"<title>{E(cube.Title[language])}</title>");
        html.WriteLine("<style>body{font-family:system-ui,sans-serif;margin:1rem}table{border-collapse:collapse}"
            + "caption{font-weight:bold;text-align:left;padding:.5rem 0}th,td{border:1px solid #999;padding:.25rem .5rem}"
            + "td{text-align:right;font-variant-numeric:tabular-nums}th[scope=row]{text-align:left;font-weight:normal}</style>");
        html.WriteLine("</head>");
        html.WriteLine("<body>");
        html.WriteLine("<table>");
        html.WriteLine($"<caption>{E(cube.Title[language])}</caption>");
        html.WriteLine("<thead>");
        for (var h = 0; h < layout.Heading.Count; h++)
        {
            html.Write("<tr>");
            if (h < layout.Heading.Count - 1)
            {
                if (layout.Stub.Count > 0)
                {
                    html.Write($"<td colspan=\"{layout.Stub.Count}\"></td>");
                }
            }
            else
            {
                foreach (var dimension in layout.Stub)
                {
                    html.Write($"<th scope=\"col\">{E(options.CsvLabels == CsvLabels.Code ? dimension.Code : dimension.Label[language])}</th>");
                }
            }

            var span = layout.Heading.Skip(h + 1).Aggregate(1, (n, d) => n * d.Values.Count);
            for (var column = 0; column < layout.ColumnCount; column += span)
            {
                var value = layout.Heading[h].Values[CubeLayout.Positions(layout.Heading, column)[h]];
                var colspan = span > 1 ? $" colspan=\"{span}\" scope=\"colgroup\"" : " scope=\"col\"";
                html.Write($"<th{colspan}>{E(CubeLayout.ValueText(value, options.CsvLabels, language))}</th>");
            }

            html.WriteLine("</tr>");
        }

        html.WriteLine("</thead>");
        html.WriteLine("<tbody>");
        for (var row = 0; options.IncludeValues && row < layout.RowCount; row++)
        {
            html.Write("<tr>");
            var positions = CubeLayout.Positions(layout.Stub, row);
            for (var s = 0; s < positions.Length; s++)
            {
                html.Write($"<th scope=\"row\">{E(CubeLayout.ValueText(layout.Stub[s].Values[positions[s]], options.CsvLabels, language))}</th>");
            }

            for (var column = 0; column < layout.ColumnCount; column++)
            {
                var cell = layout.CellIndex(row, column);
                html.Write("<td>");
                if (layout.ShowsSymbol(cell, out var symbol))
                {
                    WriteSymbol(html, symbol, layout, ids, language);
                }
                else
                {
                    var number = layout.FormatNumber(cell);
                    html.Write(E(language == Language.Sv ? number.Replace('.', ',').Replace('-', '−') : number));
                    if (cube.Status[cell] is { } flag)
                    {
                        html.Write(' ');
                        WriteSymbol(html, flag, layout, ids, language);
                    }
                }

                html.Write("</td>");
            }

            html.WriteLine("</tr>");
        }

        html.WriteLine("</tbody>");
        html.WriteLine("</table>");
        html.WriteLine("<footer>");
        html.WriteLine($"<p>{E(new LocalizedText("Källa", "Source")[language])}: {E(cube.Source[language])}</p>");
        foreach (var note in cube.Notes)
        {
            html.WriteLine($"<p>{E(note[language])}</p>");
        }

        if (symbols.Count > 0)
        {
            html.WriteLine($"<dl aria-label=\"{E(new LocalizedText("Teckenförklaring", "Symbols")[language])}\">");
            foreach (var symbol in symbols)
            {
                html.WriteLine($"<dt id=\"{ids[symbol.Symbol]}\">{E(symbol.Symbol)}</dt><dd>{E(symbol.Explanation[language])}</dd>");
            }

            html.WriteLine("</dl>");
        }

        html.WriteLine($"<p>{E(new LocalizedText("Uppdaterad", "Updated")[language])}: <time datetime=\"{JsonStatCubeWriter.Iso(cube.Updated)}\">{E(cube.Updated.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))} UTC</time></p>");
        html.WriteLine("</footer>");
        html.WriteLine("</body>");
        html.WriteLine("</html>");
    }

    private static void WriteSymbol(StreamWriter html, string symbol, CubeLayout layout, Dictionary<string, string> ids, Language language)
    {
        var explanation = layout.Cube.Symbols.FirstOrDefault(s => s.Symbol == symbol)?.Explanation[language] ?? symbol;
        html.Write(ids.TryGetValue(symbol, out var id)
            ? $"<a href=\"#{id}\"><abbr title=\"{E(explanation)}\">{E(symbol)}</abbr></a>"
            : $"<abbr title=\"{E(explanation)}\">{E(symbol)}</abbr>");
    }

    /// <summary>Escapes the five characters with a meaning in HTML; letters such as å, ä, ö stay as they are (UTF-8).</summary>
    private static string E(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}

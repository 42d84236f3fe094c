using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;

namespace Barometer.Publishing.Formats;

/// <summary>
/// Writes a cube as a PX file (Statistics Sweden's PC-Axis format, 2013 keywords) in UTF-8: the mandatory keywords,
/// every text keyword once for the requested language (LANGUAGE) and once as <c>KEYWORD[xx]</c> for the other
/// language of LANGUAGES, stub and heading from the cube's layout, CONTVARIABLE with UNITS, LAST-UPDATED and
/// PRECISION per contents value, TIMEVAL for the time dimension, and DATA one stub row a line.
/// </summary>
/// <remarks>
/// PX has no status beside a number, only the quoted dot codes <c>"."</c>…<c>"......"</c>. A symbol that hides the
/// value is written as a dot code whose DATASYMBOLn is the symbol itself: <c>.</c> as <c>"."</c>, <c>..</c> as
/// <c>".."</c>, any other (such as <c>x</c>) as the next free code from <c>"..."</c> on. A symbol that does not hide
/// the value (a flagged figure) keeps the number and is given by DATANOTECELL. The NOTE explains every symbol.
/// No line is longer than 256 characters: lists break between items and a long text continues on the next line as a
/// new quoted string. Quotes inside texts become apostrophes (PX strings cannot hold them) and line breaks spaces.
/// LAST-UPDATED and CREATION-DATE are the cube's update time in UTC.
/// </remarks>
public sealed partial class PxCubeWriter : ICubeWriter
{
    /// <summary>The longest line the writer produces, as the PX specification allows.</summary>
    public const int MaxLineLength = 256;

    public string Format => "px";

    public string ContentType => "application/octet-stream";

    public string FileExtension => "px";

    public void Write(Cube cube, Stream output, CubeWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(cube);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var layout = new CubeLayout(cube);
        var main = options.Language;
        Language[] languages = [main, main == Language.Sv ? Language.En : Language.Sv];
        var dotCodes = DotCodes(layout);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 65536, leaveOpen: true)
        {
            NewLine = "\r\n",
        };
        var px = new PxEntryWriter(writer);
        var updated = cube.Updated.UtcDateTime.ToString("yyyyMMdd HH:mm", CultureInfo.InvariantCulture);
        var contents = layout.ContentsIndex < 0 ? null : cube.Dimensions[layout.ContentsIndex];
        var (decimals, showDecimals) = Decimals(layout, contents);

        px.Entry("CHARSET", null, [], Text("ANSI"));
        px.Entry("AXIS-VERSION", null, [], Text("2013"));
        px.Entry("CODEPAGE", null, [], Text("utf-8"));
        px.Entry("LANGUAGE", null, [], Text(Code(main)));
        px.Entry("LANGUAGES", null, [], [.. languages.Select(l => Quoted(Code(l)))]);
        px.Entry("CREATION-DATE", null, [], Text(updated));
        px.Entry("DECIMALS", null, [], Bare(decimals));
        px.Entry("SHOWDECIMALS", null, [], Bare(showDecimals));
        px.Entry("MATRIX", null, [], Text(cube.TableId));
        px.Entry("TABLEID", null, [], Text(cube.TableId));
        px.Entry("OFFICIAL-STATISTICS", null, [], Bare(cube.OfficialStatistics ? "YES" : "NO"));
        px.Entry("AGGREGALLOWED", null, [], Bare("NO"));
        px.Entry("SUBJECT-CODE", null, [], Text(cube.SubjectCode));

        foreach (var language in languages)
        {
            var lang = language == main ? null : Code(language);
            px.Entry("SUBJECT-AREA", lang, [], Text(cube.SubjectArea[language]));
            px.Entry("TITLE", lang, [], Text(cube.Title[language]));
            px.Entry("CONTENTS", lang, [], Text(cube.Contents[language]));
            // PX has no empty list: a table with all its variables on one side leaves out the other keyword.
            if (layout.Stub.Count > 0)
            {
                px.Entry("STUB", lang, [], [.. layout.Stub.Select(d => Quoted(d.Label[language]))]);
            }

            if (layout.Heading.Count > 0)
            {
                px.Entry("HEADING", lang, [], [.. layout.Heading.Select(d => Quoted(d.Label[language]))]);
            }
            if (contents is not null)
            {
                px.Entry("CONTVARIABLE", lang, [], Text(contents.Label[language]));
            }

            foreach (var dimension in layout.Stub.Concat(layout.Heading))
            {
                WriteVariable(px, dimension, language, lang, showDecimals);
            }

            var units = cube.Dimensions.SelectMany(d => d.Role == DimensionRole.Contents ? d.Values : [])
                .Select(v => v.Unit?[language]).Where(u => !string.IsNullOrEmpty(u)).Distinct(StringComparer.Ordinal).ToList();
            px.Entry("UNITS", lang, [], Text(units.Count == 0 ? "-" : string.Join(", ", units)));
            if (contents is not null)
            {
                foreach (var value in contents.Values)
                {
                    var name = value.Label[language];
                    px.Entry("UNITS", lang, [name], Text(value.Unit?[language] ?? "-"));
                    px.Entry("LAST-UPDATED", lang, [name], Text(updated));
                    if (cube.Contact is not null)
                    {
                        px.Entry("CONTACT", lang, [name], Text(cube.Contact[language]));
                    }
                }
            }
            else
            {
                px.Entry("LAST-UPDATED", lang, [], Text(updated));
                if (cube.Contact is not null)
                {
                    px.Entry("CONTACT", lang, [], Text(cube.Contact[language]));
                }
            }

            px.Entry("SOURCE", lang, [], Text(cube.Source[language]));
            var notes = cube.Notes.Select(n => n[language])
                .Concat(layout.UsedSymbols().Select(s => $"{s.Symbol} = {s.Explanation[language]}"))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (notes.Count > 0)
            {
                px.Entry("NOTE", lang, [], Text(string.Join("##", notes)));
            }

            foreach (var (symbol, code) in dotCodes.OrderBy(p => p.Value))
            {
                px.Entry($"DATASYMBOL{code}", lang, [], Text(symbol));
            }

            WriteCellNotes(px, layout, language, lang);
        }

        WriteData(writer, layout, dotCodes);
        writer.Flush();
    }

    private static void WriteVariable(PxEntryWriter px, CubeDimension dimension, Language language, string? lang, int showDecimals)
    {
        var name = dimension.Label[language];
        px.Entry("VARIABLECODE", lang, [name], Text(dimension.Code));
        px.Entry("VALUES", lang, [name], [.. dimension.Values.Select(v => Quoted(v.Label[language]))]);
        px.Entry("CODES", lang, [name], [.. dimension.Values.Select(v => Quoted(v.Code))]);
        if (dimension.Role == DimensionRole.Time)
        {
            px.Entry("VARIABLE-TYPE", lang, [name], Text("T"));
            if (TimeScale(dimension) is { } scale)
            {
                px.Entry("TIMEVAL", lang, [name], [new PxToken($"TLIST({scale})", Quoted: false), .. dimension.Values.Select(v => Quoted(v.Code))]);
            }
        }

        if (dimension.Elimination)
        {
            var total = dimension.Values.FirstOrDefault(v => string.Equals(v.Code, "total", StringComparison.OrdinalIgnoreCase));
            px.Entry("ELIMINATION", lang, [name], total is null ? Bare("YES") : Text(total.Label[language]));
        }

        foreach (var note in dimension.Notes)
        {
            px.Entry("NOTE", lang, [name], Text(note[language]));
        }

        foreach (var value in dimension.Values)
        {
            if (value.Note is not null)
            {
                px.Entry("VALUENOTE", lang, [name, value.Label[language]], Text(value.Note[language]));
            }

            if (dimension.Role == DimensionRole.Contents && value.Decimals is { } d && d > showDecimals)
            {
                px.Entry("PRECISION", lang, [name, value.Label[language]], Bare(d));
            }
        }
    }

    /// <summary>DATANOTECELL for every cell whose symbol keeps its value (a flagged figure).</summary>
    private static void WriteCellNotes(PxEntryWriter px, CubeLayout layout, Language language, string? lang)
    {
        for (var row = 0; row < layout.RowCount; row++)
        {
            for (var column = 0; column < layout.ColumnCount; column++)
            {
                var cell = layout.CellIndex(row, column);
                if (layout.Cube.Status[cell] is not { } status || layout.ShowsSymbol(cell, out _))
                {
                    continue;
                }

                var stub = CubeLayout.Positions(layout.Stub, row).Select((p, i) => layout.Stub[i].Values[p].Label[language]);
                var heading = CubeLayout.Positions(layout.Heading, column).Select((p, i) => layout.Heading[i].Values[p].Label[language]);
                px.Entry("DATANOTECELL", lang, [.. stub, .. heading], Text(status));
            }
        }
    }

    private static void WriteData(StreamWriter writer, CubeLayout layout, IReadOnlyDictionary<string, int> dotCodes)
    {
        writer.Write("DATA=");
        writer.WriteLine();
        var line = new StringBuilder();
        for (var row = 0; row < layout.RowCount; row++)
        {
            line.Clear();
            for (var column = 0; column < layout.ColumnCount; column++)
            {
                var cell = layout.CellIndex(row, column);
                var token = layout.ShowsSymbol(cell, out var symbol)
                    ? $"\"{new string('.', dotCodes.GetValueOrDefault(symbol, 2))}\""
                    : layout.FormatNumber(cell);
                if (line.Length > 0 && line.Length + 1 + token.Length > MaxLineLength - 1)
                {
                    writer.Write(line);
                    writer.WriteLine();
                    line.Clear();
                }

                if (line.Length > 0)
                {
                    line.Append(' ');
                }

                line.Append(token);
            }

            writer.Write(line);
            if (row == layout.RowCount - 1)
            {
                writer.Write(';');
            }

            writer.WriteLine();
        }
    }

    /// <summary>The dot code of every symbol that hides values: "." 1, ".." 2, others from 3 in the cube's order.</summary>
    private static Dictionary<string, int> DotCodes(CubeLayout layout)
    {
        var hiding = layout.UsedSymbols().Where(s => s.HidesValue).Select(s => s.Symbol).ToList();
        for (var cell = 0; cell < layout.Cube.Values.Count; cell++)
        {
            if (layout.ShowsSymbol(cell, out var symbol) && !hiding.Contains(symbol))
            {
                hiding.Add(symbol);
            }
        }

        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 3;
        foreach (var symbol in hiding)
        {
            codes[symbol] = symbol switch
            {
                "." => 1,
                ".." => 2,
                _ when next <= 6 => next++,
                _ => throw new ArgumentException(
                    $"cube {layout.Cube.TableId} uses more status symbols than PX can tell apart (\".\" to \"......\"): {string.Join(" ", hiding)}.",
                    nameof(layout)),
            };
        }

        return codes;
    }

    private static (int Decimals, int ShowDecimals) Decimals(CubeLayout layout, CubeDimension? contents)
    {
        var known = contents?.Values.Where(v => v.Decimals is not null).Select(v => v.Decimals!.Value).ToList() ?? [];
        if (contents is not null && known.Count == contents.Values.Count)
        {
            return (Math.Min(15, known.Max()), Math.Min(15, known.Min()));
        }

        // Without decimals for every contents value, numbers are written as they are: DECIMALS says how many
        // decimals the longest of them has.
        var most = 0;
        for (var cell = 0; cell < layout.Cube.Values.Count; cell++)
        {
            if (layout.Decimals(cell) is null && !layout.ShowsSymbol(cell, out _))
            {
                var text = layout.FormatNumber(cell);
                var point = text.IndexOf('.', StringComparison.Ordinal);
                most = Math.Max(most, point < 0 ? 0 : text.Length - point - 1);
            }
        }

        var max = Math.Min(15, Math.Max(most, known.DefaultIfEmpty(0).Max()));
        return (max, known.Count == 0 ? max : Math.Min(max, known.Min()));
    }

    /// <summary>The PX time scale of the time codes (A1 years, H1 half-years, Q1 quarters, M1 months), or null.</summary>
    private static string? TimeScale(CubeDimension time)
    {
        var codes = time.Values.Select(v => v.Code).ToList();
        return codes.All(c => YearCode().IsMatch(c)) ? "A1"
            : codes.All(c => HalfYearCode().IsMatch(c)) ? "H1"
            : codes.All(c => QuarterCode().IsMatch(c)) ? "Q1"
            : codes.All(c => MonthCode().IsMatch(c)) ? "M1"
            : null;
    }

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearCode();

    [GeneratedRegex(@"^\d{4}H[12]$")]
    private static partial Regex HalfYearCode();

    [GeneratedRegex(@"^\d{4}Q[1-4]$")]
    private static partial Regex QuarterCode();

    [GeneratedRegex(@"^\d{4}M(0[1-9]|1[0-2])$")]
    private static partial Regex MonthCode();

    private static string Code(Language language) => JsonStatCubeWriter.LanguageCode(language);

    private static PxToken[] Text(string text) => [new PxToken(text, Quoted: true)];

    private static PxToken[] Bare(int number) => [new PxToken(number.ToString(CultureInfo.InvariantCulture), Quoted: false)];

    private static PxToken[] Bare(string token) => [new PxToken(token, Quoted: false)];

    private static PxToken Quoted(string text) => new(text, Quoted: true);

    private readonly record struct PxToken(string Value, bool Quoted);

    /// <summary>Writes keyword entries within the line length, continuing long texts as new quoted strings.</summary>
    private sealed class PxEntryWriter(StreamWriter writer)
    {
        private readonly StringBuilder _line = new();

        public void Entry(string name, string? language, IReadOnlyList<string> subKeys, IReadOnlyList<PxToken> values)
        {
            if (values.Count == 0)
            {
                throw new ArgumentException($"PX keyword {name} needs at least one value.", nameof(values));
            }

            _line.Clear();
            _line.Append(name);
            if (language is not null)
            {
                _line.Append('[').Append(language).Append(']');
            }

            if (subKeys.Count > 0)
            {
                _line.Append('(');
                for (var i = 0; i < subKeys.Count; i++)
                {
                    // A name in parentheses cannot be continued, so it starts a new line when it does not fit.
                    var key = $"\"{Clean(subKeys[i])}\"{(i == subKeys.Count - 1 ? ")=" : ",")}";
                    if (_line.Length + key.Length > MaxLineLength && _line.Length > 0)
                    {
                        NewLine();
                    }

                    _line.Append(key);
                }
            }
            else
            {
                _line.Append('=');
            }

            for (var i = 0; i < values.Count; i++)
            {
                var end = i == values.Count - 1 ? ';' : ',';
                var value = values[i];
                if (!value.Quoted)
                {
                    if (_line.Length + value.Value.Length + 1 > MaxLineLength)
                    {
                        NewLine();
                    }

                    _line.Append(value.Value).Append(end);
                    continue;
                }

                var text = Clean(value.Value);
                if (_line.Length + text.Length + 3 > MaxLineLength && text.Length + 3 <= MaxLineLength)
                {
                    NewLine();
                }

                // Continue a text too long for the line: fill the line, close the quote, go on with a new one.
                var start = 0;
                while (_line.Length + (text.Length - start) + 3 > MaxLineLength)
                {
                    var room = MaxLineLength - _line.Length - 2;
                    if (room < 1)
                    {
                        NewLine();
                        continue;
                    }

                    var take = Math.Min(room, text.Length - start);
                    if (take < text.Length - start && char.IsHighSurrogate(text[start + take - 1]))
                    {
                        take--;
                    }

                    _line.Append('"').Append(text, start, take).Append('"');
                    start += take;
                    NewLine();
                }

                _line.Append('"').Append(text, start, text.Length - start).Append('"').Append(end);
            }

            NewLine();
        }

        private void NewLine()
        {
            writer.Write(_line);
            writer.WriteLine();
            _line.Clear();
        }

        private static string Clean(string text) =>
            text.Replace('"', '\'').Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
    }
}

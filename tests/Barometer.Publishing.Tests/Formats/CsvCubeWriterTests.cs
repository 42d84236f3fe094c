using System.Globalization;
using System.Text;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Formats;

namespace Barometer.Publishing.Tests.Formats;

public class CsvCubeWriterTests
{
    private static (byte[] Bytes, List<List<string>> Rows) Write(Cube cube, CubeWriteOptions options)
    {
        using var stream = new MemoryStream();
        new CsvCubeWriter().Write(cube, stream, options);
        var bytes = stream.ToArray();
        var separator = options.CsvSeparator switch
        {
            CsvSeparator.Semicolon => ';',
            CsvSeparator.Tab => '\t',
            CsvSeparator.Space => ' ',
            _ => ',',
        };
        return (bytes, Parse(new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF'), separator));
    }

    /// <summary>An RFC 4180 reader: quoted fields with doubled quotes, CRLF records.</summary>
    private static List<List<string>> Parse(string text, char separator)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.Empty(field.ToString());
        Assert.Empty(row);
        return rows;
    }

    [Theory]
    [InlineData(CsvSeparator.Comma, Language.Sv)]
    [InlineData(CsvSeparator.Semicolon, Language.En)]
    [InlineData(CsvSeparator.Tab, Language.Sv)]
    [InlineData(CsvSeparator.Space, Language.En)]
    public void Write_CodesAndAnySeparator_RoundTripsEveryCell(CsvSeparator separator, Language language)
    {
        var cube = TestCubes.Small();
        var (bytes, rows) = Write(cube, new CubeWriteOptions { CsvSeparator = separator, CsvLabels = CsvLabels.Code, Language = language });

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(["Grupp", "Tid", "andel", "felmarginal", "svarande"], rows[0]);
        Assert.Equal(1 + 6, rows.Count);
        var seen = 0;
        foreach (var row in rows.Skip(1))
        {
            for (var c = 2; c < row.Count; c++)
            {
                var codes = new Dictionary<string, string> { ["Grupp"] = row[0], ["Tid"] = row[1], ["ContentsCode"] = rows[0][c] };
                var cell = cube.IndexOf([.. cube.Dimensions.Select(d => d.IndexOf(codes[d.Code]))]);
                if (cube.Values[cell] is { } value)
                {
                    var decimals = TestCubes.Decimals(cube, cell);
                    Assert.Equal(Math.Round(value, decimals, MidpointRounding.AwayFromZero), double.Parse(row[c], CultureInfo.InvariantCulture), 1e-12);
                    Assert.Equal(decimals, row[c].Contains('.', StringComparison.Ordinal) ? row[c].Length - row[c].IndexOf('.', StringComparison.Ordinal) - 1 : 0);
                }
                else
                {
                    Assert.Equal(cube.Status[cell], row[c]);
                }

                seen++;
            }
        }

        Assert.Equal(cube.Values.Count, seen);
    }

    [Fact]
    public void Write_TextsAndTitle_LabelsInLanguageAndSymbolsQuoted()
    {
        var cube = TestCubes.Small(stub: ["Grupp"], heading: ["Tid", "ContentsCode"]);
        var (bytes, rows) = Write(cube, new CubeWriteOptions { CsvLabels = CsvLabels.Text, IncludeTitle = true });
        var text = Encoding.UTF8.GetString(bytes);

        Assert.Equal([cube.Title.Sv], rows[0]);
        Assert.Equal("grupp", rows[1][0]);
        Assert.Equal("2023 Andel sysselsatta", rows[1][1]);
        Assert.Equal("2024 Antal svarande", rows[1][6]);
        Assert.Equal(TestCubes.LongLabelSv, rows[4][0]);
        Assert.Equal(["Utrikes födda", "55.6", "2.5", "1203", "..", "..", "1190"], rows[3]);
        Assert.Equal(["x", "x", "12", "44.4", "9.9", "."], rows[4].Skip(1));
        Assert.Contains(",\"..\",", text, StringComparison.Ordinal);
        Assert.Contains(",55.6,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CodesAndTexts_JoinsCodeAndLabel()
    {
        var (_, rows) = Write(TestCubes.Small(), new CubeWriteOptions { CsvLabels = CsvLabels.CodeAndText, Language = Language.En });

        Assert.Equal(["group", "year", "andel Share employed", "felmarginal Margin of error ±", "svarande Number of respondents"], rows[0]);
        Assert.Equal("utrikes Foreign-born", rows[3][0]);
        Assert.Equal("2023 2023", rows[3][1]);
    }

    [Fact]
    public void Write_QuoteInLabel_IsDoubled()
    {
        var cube = TestCubes.Small();
        var group = cube.Dimensions[0] with
        {
            Values = [cube.Dimensions[0].Values[0] with { Label = new("Totalt \"alla\"", "Total \"all\"") }, .. cube.Dimensions[0].Values.Skip(1)],
        };
        var quoted = new Cube(cube.TableId, [group, cube.Dimensions[1], cube.Dimensions[2]], cube.Values, cube.Status)
        {
            Title = cube.Title,
            Contents = cube.Contents,
            Source = cube.Source,
            Updated = cube.Updated,
        };
        var (bytes, rows) = Write(quoted, CubeWriteOptions.Default);

        Assert.Contains("\"Totalt \"\"alla\"\"\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal("Totalt \"alla\"", rows[1][0]);
    }
}

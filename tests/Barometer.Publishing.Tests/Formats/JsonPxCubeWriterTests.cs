using System.Globalization;
using System.Text.Json;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Formats;

namespace Barometer.Publishing.Tests.Formats;

public class JsonPxCubeWriterTests
{
    private static byte[] WriteBytes(Cube cube, CubeWriteOptions options)
    {
        using var stream = new MemoryStream();
        new JsonPxCubeWriter().Write(cube, stream, options);
        return stream.ToArray();
    }

    private static JsonDocument Write(Cube cube, CubeWriteOptions options) => JsonDocument.Parse(WriteBytes(cube, options));

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>Every cell of the json-px document, by the codes of its key and contents column, as the text written.</summary>
    private static Dictionary<string, string> Cells(JsonElement root)
    {
        var columns = root.GetProperty("columns").EnumerateArray().ToList();
        var keyCodes = columns.Where(c => c.GetProperty("type").GetString() != "c").Select(c => c.GetProperty("code").GetString()!).ToList();
        var contentsCodes = columns.Where(c => c.GetProperty("type").GetString() == "c").Select(c => c.GetProperty("code").GetString()!).ToList();
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in root.GetProperty("data").EnumerateArray())
        {
            var key = Strings(row.GetProperty("key"));
            var values = Strings(row.GetProperty("values"));
            Assert.Equal(keyCodes.Count, key.Count);
            Assert.Equal(contentsCodes.Count, values.Count);
            for (var c = 0; c < values.Count; c++)
            {
                var codes = key.Select((code, k) => $"{keyCodes[k]}={code}").Append($"ContentsCode={contentsCodes[c]}").Order(StringComparer.Ordinal);
                Assert.True(cells.TryAdd(string.Join("&", codes), values[c]), "a cell written twice");
            }
        }

        return cells;
    }

    private static string CellKey(Cube cube, int cell) =>
        string.Join("&", TestCubes.Codes(cube, cell).Select(p => $"{p.Key}={p.Value}").Order(StringComparer.Ordinal));

    [Theory]
    [InlineData(Language.Sv)]
    [InlineData(Language.En)]
    public void Write_SmallCube_ReadsBackWithEveryCellValueAndStatus(Language language)
    {
        var cube = TestCubes.Small();
        using var document = Write(cube, new CubeWriteOptions { Language = language });
        var root = document.RootElement;

        Assert.Equal(["columns", "comments", "data", "metadata"], root.EnumerateObject().Select(p => p.Name));
        var columns = root.GetProperty("columns").EnumerateArray().ToList();
        var contents = cube.Dimension("ContentsCode");
        Assert.Equal(["Grupp", "Tid", .. contents.Values.Select(v => v.Code)], columns.Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(
            [cube.Dimension("Grupp").Label[language], cube.Dimension("Tid").Label[language], .. contents.Values.Select(v => v.Label[language])],
            columns.Select(c => c.GetProperty("text").GetString()));
        Assert.Equal(["d", "t", "c", "c", "c"], columns.Select(c => c.GetProperty("type").GetString()));

        var cells = Cells(root);
        Assert.Equal(cube.Values.Count, cells.Count);
        for (var cell = 0; cell < cube.Values.Count; cell++)
        {
            var text = cells[CellKey(cube, cell)];
            var status = cube.Status[cell];
            if (cube.Values[cell] is not { } value)
            {
                Assert.Equal(status ?? "..", text);
                continue;
            }

            var suffix = status ?? string.Empty;
            Assert.EndsWith(suffix, text, StringComparison.Ordinal);
            var number = text[..^suffix.Length];
            var decimals = TestCubes.Decimals(cube, cell);
            Assert.Equal(Math.Round(value, decimals, MidpointRounding.AwayFromZero), double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture), 1e-12);
            Assert.Equal(decimals, number.Contains('.', StringComparison.Ordinal) ? number.Length - number.IndexOf('.', StringComparison.Ordinal) - 1 : 0);
        }
    }

    [Fact]
    public void Write_SmallCube_RowsInDimensionOrderWithKnownValuesAndSymbols()
    {
        using var document = Write(TestCubes.Small(), CubeWriteOptions.Default);
        var rows = document.RootElement.GetProperty("data").EnumerateArray()
            .Select(r => (Key: Strings(r.GetProperty("key")), Values: Strings(r.GetProperty("values"))))
            .ToList();

        Assert.Equal(6, rows.Count);
        Assert.Equal(
            [["total", "2023"], ["total", "2024"], ["utrikes", "2023"], ["utrikes", "2024"], ["inrikes2", "2023"], ["inrikes2", "2024"]],
            rows.Select(r => r.Key));
        Assert.Equal(["67.3", "1.0", "5321"], rows[0].Values);
        Assert.Equal(["68.1*", "10.0*", "5410"], rows[1].Values);
        Assert.Equal(["55.6", "2.5", "1203"], rows[2].Values);
        Assert.Equal(["..", "..", "1190"], rows[3].Values);
        Assert.Equal(["x", "x", "12"], rows[4].Values);
        Assert.Equal(["44.4", "9.9", "."], rows[5].Values);
    }

    [Theory]
    [InlineData(Language.Sv, "grupp", "år", "Andel sysselsatta", "Antal svarande")]
    [InlineData(Language.En, "group", "year", "Share employed", "Number of respondents")]
    public void Write_Language_ColumnTextsCommentsAndMetadataInIt(Language language, string group, string year, string share, string respondents)
    {
        var cube = TestCubes.Small();
        using var document = Write(cube, new CubeWriteOptions { Language = language });
        var root = document.RootElement;
        var columns = root.GetProperty("columns").EnumerateArray().ToList();

        Assert.Equal(group, columns[0].GetProperty("text").GetString());
        Assert.Equal(year, columns[1].GetProperty("text").GetString());
        Assert.Equal(share, columns[2].GetProperty("text").GetString());
        Assert.Equal(respondents, columns[4].GetProperty("text").GetString());
        Assert.Equal(cube.Dimension("Grupp").Notes[0][language] + "\r\n", columns[0].GetProperty("comment").GetString());
        Assert.False(columns[1].TryGetProperty("comment", out _));
        Assert.False(columns[2].TryGetProperty("comment", out _));

        var comment = Assert.Single(root.GetProperty("comments").EnumerateArray());
        Assert.Equal("Grupp", comment.GetProperty("variable").GetString());
        Assert.Equal("utrikes", comment.GetProperty("value").GetString());
        Assert.Equal(cube.Dimension("Grupp").Values[1].Note![language] + "\r\n", comment.GetProperty("comment").GetString());

        var metadata = Assert.Single(root.GetProperty("metadata").EnumerateArray());
        Assert.Equal(["updated", "label", "source"], metadata.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-24T08:00:00Z", metadata.GetProperty("updated").GetString());
        Assert.Equal(cube.Title[language], metadata.GetProperty("label").GetString());
        Assert.Equal(cube.Source[language], metadata.GetProperty("source").GetString());
    }

    [Fact]
    public void Write_StubAndHeading_DoNotChangeTheDocument()
    {
        var byDefault = WriteBytes(TestCubes.Small(), CubeWriteOptions.Default);
        var pivoted = WriteBytes(TestCubes.Small(stub: ["Tid"], heading: ["ContentsCode", "Grupp"]), CubeWriteOptions.Default);

        Assert.Equal(byDefault, pivoted);
    }

    [Fact]
    public void Write_ContentsNotTheLastDimension_GivesTheSameCells()
    {
        var cube = TestCubes.Small();
        var contentsFirst = Permute(cube, [2, 0, 1]);
        using var original = Write(cube, CubeWriteOptions.Default);
        using var permuted = Write(contentsFirst, CubeWriteOptions.Default);

        Assert.Equal(Cells(original.RootElement), Cells(permuted.RootElement));
        Assert.Equal(
            original.RootElement.GetProperty("data").GetRawText(),
            permuted.RootElement.GetProperty("data").GetRawText());
    }

    [Fact]
    public void Write_WithoutValues_HasColumnsAndNoData()
    {
        using var document = Write(TestCubes.Small(), new CubeWriteOptions { IncludeValues = false });

        Assert.Equal(5, document.RootElement.GetProperty("columns").GetArrayLength());
        Assert.Equal(0, document.RootElement.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public void Write_CubeWithoutContents_HasOneContentsColumnNamedByTheContents()
    {
        var cube = TestCubes.WithoutContents();
        using var document = Write(cube, new CubeWriteOptions { Language = Language.En });
        var root = document.RootElement;

        var columns = root.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(["Region", "Share"], columns.Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(["d", "c"], columns.Select(c => c.GetProperty("type").GetString()));
        var rows = root.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["01"], Strings(rows[0].GetProperty("key")));
        Assert.Equal(["0.123456789"], Strings(rows[0].GetProperty("values")));
        Assert.Equal([".."], Strings(rows[1].GetProperty("values")));
        Assert.Equal("2026-01-02T03:04:05Z", root.GetProperty("metadata")[0].GetProperty("updated").GetString());
    }

    [Fact]
    public void CubeWriters_JsonPx_IsRegisteredAsJsonBeforeParquet()
    {
        var writer = CubeWriters.For("JSON-PX");

        Assert.IsType<JsonPxCubeWriter>(writer);
        Assert.Equal("application/json; charset=UTF-8", writer.ContentType);
        Assert.Equal("json", writer.FileExtension);
        Assert.Equal(["json-stat2", "csv", "px", "xlsx", "html", "json-px", "parquet"], CubeWriters.Formats);
        Assert.Same(writer, CubeWriters.Parse("json-px", ["UseCodes"], Language.En).Writer);
    }

    /// <summary>The same cube with its dimensions in another order (<paramref name="order"/> lists old positions).</summary>
    private static Cube Permute(Cube cube, int[] order)
    {
        var dimensions = order.Select(i => cube.Dimensions[i]).ToList();
        var cells = cube.Values.Count;
        var values = new double?[cells];
        var status = new string?[cells];
        var permuted = new Cube(cube.TableId, dimensions, values, status)
        {
            Title = cube.Title,
            Contents = cube.Contents,
            Source = cube.Source,
            Updated = cube.Updated,
            Symbols = cube.Symbols,
        };
        for (var cell = 0; cell < cells; cell++)
        {
            var codes = TestCubes.Codes(cube, cell);
            var target = permuted.IndexOf([.. dimensions.Select(d => d.IndexOf(codes[d.Code]))]);
            values[target] = cube.Values[cell];
            status[target] = cube.Status[cell];
        }

        return permuted;
    }
}

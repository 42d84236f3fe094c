using Barometer.Catalogue.Text;
using Barometer.Publishing.Formats;
using Barometer.Publishing.JsonStat;
using Barometer.Publishing.Px;

namespace Barometer.Publishing.Tests.Formats;

public class CubeWritersTests
{
    [Fact]
    public void For_EveryFormatNameInAnyCase_FindsItsWriter()
    {
        foreach (var writer in CubeWriters.All)
        {
            Assert.Same(writer, CubeWriters.For(writer.Format.ToUpperInvariant()));
            Assert.False(string.IsNullOrEmpty(writer.ContentType));
            Assert.False(string.IsNullOrEmpty(writer.FileExtension));
        }

        Assert.Equal(CubeWriters.All.Count, CubeWriters.Formats.Distinct().Count());
    }

    [Fact]
    public void For_UnknownFormat_ThrowsNamingValueAndValidOnes()
    {
        var error = Assert.Throws<UnknownFormatException>(() => CubeWriters.For("json-stat3"));

        Assert.Equal("json-stat3", error.Value);
        Assert.Contains("'json-stat3'", error.Message, StringComparison.Ordinal);
        Assert.Contains("json-stat2", error.Message, StringComparison.Ordinal);
        Assert.Contains("csv", error.ValidValues);
        Assert.IsAssignableFrom<ArgumentException>(error);
    }

    [Fact]
    public void Parse_NoFormat_IsJsonStat2WithPxWebDefaults()
    {
        var (writer, options) = CubeWriters.Parse(null, null, Language.En);

        Assert.Equal("json-stat2", writer.Format);
        Assert.Equal(Language.En, options.Language);
        Assert.Equal(CsvSeparator.Comma, options.CsvSeparator);
        Assert.Equal(CsvLabels.Text, options.CsvLabels);
        Assert.False(options.IncludeTitle);
        Assert.True(options.IncludeValues);
    }

    [Fact]
    public void Parse_ParamsInAnyCaseAndCommaSeparated_SetOptions()
    {
        var (writer, options) = CubeWriters.Parse("CSV", ["usecodes,IncludeTitle", "separatorSEMICOLON"]);

        Assert.Equal("csv", writer.Format);
        Assert.Equal(CsvLabels.Code, options.CsvLabels);
        Assert.True(options.IncludeTitle);
        Assert.Equal(CsvSeparator.Semicolon, options.CsvSeparator);
        Assert.Equal(CsvSeparator.Tab, CubeWriters.Parse("csv", ["SeparatorTab"]).Options.CsvSeparator);
        Assert.Equal(CsvSeparator.Space, CubeWriters.Parse("csv", ["SeparatorSpace"]).Options.CsvSeparator);
        Assert.Equal(CsvLabels.CodeAndText, CubeWriters.Parse("csv", ["UseCodesAndTexts"]).Options.CsvLabels);
    }

    [Fact]
    public void Parse_UnknownParam_ThrowsNamingIt()
    {
        var error = Assert.Throws<UnknownFormatException>(() => CubeWriters.Parse("csv", ["UseCodes", "SeparatorPipe"]));

        Assert.Equal("SeparatorPipe", error.Value);
        Assert.Contains("SeparatorSemicolon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ConflictingParams_ThrowsNamingBoth()
    {
        var error = Assert.Throws<CubeFormatException>(() => CubeWriters.Parse("csv", ["UseCodes,UseTexts"]));

        Assert.Contains("UseCodes", error.Message, StringComparison.Ordinal);
        Assert.Contains("UseTexts", error.Message, StringComparison.Ordinal);
        Assert.Throws<CubeFormatException>(() => CubeWriters.Parse("csv", ["SeparatorTab", "SeparatorSemicolon"]));
    }

    [Fact]
    public void Write_CubeWithoutContentsOrSymbols_EveryWriterWritesAndPxAndJsonStatReadBack()
    {
        var cube = TestCubes.WithoutContents();

        foreach (var writer in CubeWriters.All)
        {
            using var stream = new MemoryStream();
            writer.Write(cube, stream, CubeWriteOptions.Default);
            Assert.True(stream.Length > 0, writer.Format);
        }

        using var px = new MemoryStream();
        new PxCubeWriter().Write(cube, px, CubeWriteOptions.Default);
        var file = PxReader.Read(px.ToArray());
        Assert.Equal(9, file.Decimals);
        Assert.Equal(0.123456789, file.GetCell(0));
        Assert.Equal(PxDataSymbol.Symbol2, file.Symbols[1]);
        Assert.Equal(["Region"], file.Heading.Select(v => v.Code));

        using var json = new MemoryStream();
        new JsonStatCubeWriter().Write(cube, json, CubeWriteOptions.Default);
        var dataset = JsonStatReader.Read(new MemoryStream(json.ToArray()));
        Assert.Equal(["Region"], dataset.Roles["geo"]);
        Assert.Equal([0.123456789, null], dataset.Values!);
        Assert.Null(dataset.Status);
    }
}

using System.Text;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Formats;
using Barometer.Publishing.Px;

namespace Barometer.Publishing.Tests.Formats;

public class PxCubeWriterTests
{
    private static byte[] WriteBytes(Cube cube, Language language)
    {
        using var stream = new MemoryStream();
        new PxCubeWriter().Write(cube, stream, new CubeWriteOptions { Language = language });
        return stream.ToArray();
    }

    [Theory]
    [InlineData(Language.Sv)]
    [InlineData(Language.En)]
    public void Write_SmallCube_StrictReaderReadsCodesLabelsValuesAndSymbols(Language language)
    {
        var cube = TestCubes.Small();
        var px = PxReader.Read(WriteBytes(cube, language));
        var main = language == Language.En ? "en" : "sv";
        var other = language == Language.En ? "sv" : "en";

        Assert.Empty(px.Warnings);
        Assert.Equal(main, px.DefaultLanguage);
        Assert.Equal([main, other], px.Languages);
        Assert.Equal("IB0101", px.Matrix);
        Assert.Equal(cube.Title.Sv, px.Title("sv"));
        Assert.Equal(cube.Title.En, px.Title("en"));
        Assert.Equal(1, px.Decimals);
        Assert.Equal(["Grupp", "Tid", "ContentsCode"], px.Variables.Select(v => v.Code));
        Assert.Equal(["Grupp", "Tid"], px.Stub.Select(v => v.Code));
        foreach (var variable in px.Variables)
        {
            var dimension = cube.Dimension(variable.Code);
            Assert.Equal(dimension.Values.Select(v => v.Code), variable.Codes);
            Assert.Equal(dimension.Label.Sv, variable.Names["sv"]);
            Assert.Equal(dimension.Label.En, variable.Names["en"]);
            Assert.Equal(dimension.Values.Select(v => v.Label.Sv), variable.Values["sv"]);
            Assert.Equal(dimension.Values.Select(v => v.Label.En), variable.Values["en"]);
        }

        Assert.True(px.GetVariable("Tid").IsTime);
        Assert.True(px.GetVariable("ContentsCode").IsContents);
        Assert.True(px.GetVariable("Grupp").CanEliminate);
        Assert.Equal("total", px.GetVariable("Grupp").EliminationCode);

        for (var cell = 0; cell < cube.Values.Count; cell++)
        {
            var codes = TestCubes.Codes(cube, cell);
            var symbol = px.GetSymbol(codes);
            if (cube.Values[cell] is { } value)
            {
                Assert.Equal(PxDataSymbol.None, symbol);
                Assert.Equal(Math.Round(value, TestCubes.Decimals(cube, cell), MidpointRounding.AwayFromZero), px.GetCell(codes)!.Value, 1e-12);
            }
            else
            {
                Assert.Null(px.GetCell(codes));
                Assert.Equal(cube.Status[cell], px.SymbolText(symbol));
                Assert.Equal(cube.Status[cell], px.SymbolText(symbol, other));
            }
        }
    }

    [Fact]
    public void Write_SmallCube_SymbolsDotCodedAndExplainedFlaggedCellsNoted()
    {
        var cube = TestCubes.Small();
        var px = PxReader.Read(WriteBytes(cube, Language.Sv));

        Assert.Equal(".", px.GetText("DATASYMBOL1"));
        Assert.Equal("..", px.GetText("DATASYMBOL2"));
        Assert.Equal("x", px.GetText("DATASYMBOL3"));
        var note = px.GetText("NOTE")!;
        Assert.Contains("x = Röjandekontroll: uppgiften skyddas", note, StringComparison.Ordinal);
        Assert.Contains("* = Stor felmarginal", note, StringComparison.Ordinal);
        Assert.Contains(".. = Too uncertain to be published", px.GetText("NOTE", "en")!, StringComparison.Ordinal);
        var cellNotes = px.Keywords.Where(k => k.Name == "DATANOTECELL" && k.Language is null).ToList();
        Assert.Equal(2, cellNotes.Count);
        Assert.Equal(["Totalt", "2024", "Andel sysselsatta"], cellNotes[0].SubKeys);
        Assert.Equal("*", cellNotes[0].Text);
        Assert.Equal("procent", px.GetText("UNITS", null, "Andel sysselsatta"));
        Assert.Equal("percent", px.GetText("UNITS", "en", "Share employed"));
        Assert.Equal("20261124 08:00", px.GetText("LAST-UPDATED", null, "Andel sysselsatta"));
        Assert.Equal("1", px.GetText("PRECISION", null, "tabellinnehåll", "Andel sysselsatta"));
        Assert.Equal("0", px.GetText("SHOWDECIMALS"));
        Assert.Equal("Född utomlands, även adopterade", px.GetText("VALUENOTE", null, "grupp", "Utrikes födda"));
        Assert.Equal(["TLIST(A1)", "2023", "2024"], px.Find("TIMEVAL", null, "år")!.Values);
        Assert.Equal(cube.Source.En, px.GetText("SOURCE", "en"));
        Assert.Equal("utf-8", px.GetText("CODEPAGE"));
    }

    [Fact]
    public void Write_LongLabels_NoLineLongerThan256AndTextsContinued()
    {
        var text = Encoding.UTF8.GetString(WriteBytes(TestCubes.Small(stub: ["ContentsCode"], heading: ["Grupp", "Tid"]), Language.Sv));
        var lines = text.Split("\r\n");

        Assert.All(lines, line => Assert.True(line.Length <= PxCubeWriter.MaxLineLength, $"{line.Length} characters: {line}"));
        Assert.Contains(lines, line => line.StartsWith('"') && !line.StartsWith("\"..", StringComparison.Ordinal));
        Assert.False(text.StartsWith('\uFEFF'));
        var px = PxReader.Parse(text);
        Assert.Equal(TestCubes.LongLabelSv, px.GetVariable("Grupp").Values["sv"][2]);
        Assert.Equal(TestCubes.LongLabelEn, px.GetVariable("Grupp").Values["en"][2]);
        Assert.Equal(["ContentsCode"], px.Stub.Select(v => v.Code));
    }

    [Fact]
    public void Write_ManyHeadingColumns_DataLinesWrapWithinLimit()
    {
        var cube = TestCubes.Small();
        var years = Enumerable.Range(1900, 120).Select(y => new CubeValue(y.ToString(System.Globalization.CultureInfo.InvariantCulture), new($"{y}", $"{y}"))).ToList();
        var time = cube.Dimensions[1] with { Values = years };
        var cells = 3 * years.Count * 3;
        var wide = new Cube("IB0102", [cube.Dimensions[0], time, cube.Dimensions[2]], [.. Enumerable.Range(0, cells).Select(i => (double?)(i * 1.25))], new string?[cells])
        {
            Title = cube.Title,
            Contents = cube.Contents,
            Source = cube.Source,
            Updated = cube.Updated,
            Stub = ["Grupp"],
            Heading = ["Tid", "ContentsCode"],
        };
        var bytes = WriteBytes(wide, Language.En);

        Assert.All(Encoding.UTF8.GetString(bytes).Split("\r\n"), line => Assert.True(line.Length <= PxCubeWriter.MaxLineLength));
        var px = PxReader.Read(bytes);
        for (var cell = 0; cell < cells; cell++)
        {
            var value = Math.Round(cell * 1.25, TestCubes.Decimals(wide, cell), MidpointRounding.AwayFromZero);
            Assert.Equal(value, px.GetCell(TestCubes.Codes(wide, cell))!.Value, 1e-12);
        }
    }
}

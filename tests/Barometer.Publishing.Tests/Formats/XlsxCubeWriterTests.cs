using Barometer.Catalogue.Text;
using Barometer.Publishing.Formats;
using ClosedXML.Excel;

namespace Barometer.Publishing.Tests.Formats;

public class XlsxCubeWriterTests
{
    [Theory]
    [InlineData(Language.Sv)]
    [InlineData(Language.En)]
    public void Write_SmallCube_OpensWithClosedXmlAndMatchesEveryCell(Language language)
    {
        var cube = TestCubes.Small(stub: ["Grupp"], heading: ["Tid", "ContentsCode"]);
        using var stream = new MemoryStream();
        new XlsxCubeWriter().Write(cube, stream, new CubeWriteOptions { Language = language, CsvLabels = CsvLabels.Code });
        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);
        var sheet = workbook.Worksheet(1);

        Assert.Equal(cube.Title[language], sheet.Cell(1, 1).GetString());
        Assert.Equal("2023", sheet.Cell(3, 2).GetString());
        Assert.Equal("2024", sheet.Cell(3, 5).GetString());
        Assert.Equal("Grupp", sheet.Cell(4, 1).GetString());
        var contents = cube.Dimension("ContentsCode");
        for (var row = 0; row < 3; row++)
        {
            var group = sheet.Cell(5 + row, 1).GetString();
            for (var column = 0; column < 6; column++)
            {
                var year = sheet.Cell(3, 2 + (column / 3 * 3)).GetString();
                var content = sheet.Cell(4, 2 + column).GetString();
                var cell = cube.IndexOf([cube.Dimensions[0].IndexOf(group), cube.Dimensions[1].IndexOf(year), contents.IndexOf(content)]);
                var xl = sheet.Cell(5 + row, 2 + column);
                if (cube.Values[cell] is { } value)
                {
                    Assert.Equal(XLDataType.Number, xl.DataType);
                    Assert.Equal(value, xl.GetDouble());
                    var decimals = TestCubes.Decimals(cube, cell);
                    Assert.Equal(decimals == 0 ? "0" : "0." + new string('0', decimals), xl.Style.NumberFormat.Format);
                }
                else
                {
                    Assert.Equal(XLDataType.Text, xl.DataType);
                    Assert.Equal(cube.Status[cell], xl.GetString());
                }
            }
        }

        var below = Enumerable.Range(8, 12).Select(r => sheet.Cell(r, 1).GetString()).ToList();
        Assert.Contains(below, s => s.Contains(cube.Source[language], StringComparison.Ordinal));
        Assert.Contains($"x = {TestCubes.Disclosure.Explanation[language]}", below);
        Assert.Contains($"* = {TestCubes.Flagged.Explanation[language]}", below);
        Assert.Contains(cube.Notes[0][language], below);
    }

    [Fact]
    public void Write_Texts_StubLabelsAndLongLabelInLanguage()
    {
        var cube = TestCubes.Small();
        using var stream = new MemoryStream();
        new XlsxCubeWriter().Write(cube, stream, new CubeWriteOptions { Language = Language.Sv });
        stream.Position = 0;
        using var workbook = new XLWorkbook(stream);
        var sheet = workbook.Worksheet(1);

        Assert.Equal("IB0101", sheet.Name);
        Assert.Equal("grupp", sheet.Cell(3, 1).GetString());
        Assert.Equal("år", sheet.Cell(3, 2).GetString());
        Assert.Equal("Andel sysselsatta", sheet.Cell(3, 3).GetString());
        Assert.Equal(TestCubes.LongLabelSv, sheet.Cell(8, 1).GetString());
        Assert.Equal("..", sheet.Cell(7, 3).GetString());
    }
}

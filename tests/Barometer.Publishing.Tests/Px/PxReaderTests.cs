using System.Text;
using Barometer.Publishing.Px;

namespace Barometer.Publishing.Tests.Px;

public class PxReaderTests
{
    [Fact]
    public void ReadFile_Tab004_HasVariablesInStubThenHeadingOrder()
    {
        var px = PxReader.ReadFile(PxTestFiles.PathOf("TAB004.px"));

        Assert.Equal("TAB004", px.Matrix);
        Assert.Equal("en", px.DefaultLanguage);
        Assert.Equal(["en", "sv"], px.Languages);
        Assert.Equal(["SECTOR", "GREENHOUSEGAS", "ContentsCode", "TIME"], px.Variables.Select(v => v.Code));
        Assert.Equal([14, 11, 1, 28], px.Variables.Select(v => v.Count));
        Assert.Equal([PxPlacement.Stub, PxPlacement.Stub, PxPlacement.Heading, PxPlacement.Heading], px.Variables.Select(v => v.Placement));
        Assert.Equal(14 * 11 * 28, px.Data.Count);
        Assert.True(px.GetVariable("ContentsCode").IsContents);
        Assert.True(px.GetVariable("TIME").IsTime);
        Assert.Empty(px.Warnings);
    }

    [Fact]
    public void ReadFile_Tab004_ValuesAndCodesPerLanguage()
    {
        var px = PxReader.ReadFile(PxTestFiles.PathOf("TAB004.px"));
        var sector = px.GetVariable("SECTOR");

        Assert.Equal("sector", sector.Names["en"]);
        Assert.Equal("sektor", sector.Names["sv"]);
        Assert.Equal("4.0", sector.Codes[8]);
        // A list continued on the next line after a trailing comma keeps its items apart.
        Assert.Equal("INDUSTRY, TOTAL", sector.Values["en"][8]);
        Assert.Equal("INTERNATIONAL TRANSPORT, TOTAL", sector.Values["en"][9]);
        Assert.Equal("MARKANVÄNDNING, FÖRÄNDRAD MARKANVÄNDNING OCH SKOGSBRUK (LULUCF), TOTALT", sector.Values["sv"][5]);
        Assert.Equal("Totala utsläpp av växthusgaser efter sektor, växthusgas, tabellinnehåll och år", px.Title("sv"));
        Assert.Equal("Total air emissions by sector, greenhouse gas, contents and year", px.Title());
    }

    [Fact]
    public void ReadFile_Tab004_TextsContinuedAcrossLinesAreJoined()
    {
        var px = PxReader.ReadFile(PxTestFiles.PathOf("TAB004.px"));

        Assert.Equal(
            "Test#Testsson##08-111 222 33#test.testsson@scb#SCB##||Test2#Testsson2##08-111 222 32#test.testsson2@scb#SCB##" +
            "||#####just organization##||#####just organization##",
            px.GetText("CONTACT", null, "Substance"));
        Assert.Equal(
            "Test Testsson, SCB#Tel: 08-111 222 33#Fax: 08-222 333 44#E-mail: test.testsson@scb.se##Test2 Testsson2, SCB#" +
            "Tel: 08-333 444 55#Fax: 08-444 555 66#E-mail: test2.testsson2@scb.se",
            px.GetText("CONTACT", "sv", "Ämne"));
    }

    [Fact]
    public void ReadFile_Tab004_CellsByCode()
    {
        var px = PxReader.ReadFile(PxTestFiles.PathOf("TAB004.px"));

        Assert.Equal(296860, Cell(px, "0.1", "CH4", "1990"));
        Assert.Equal(180729, Cell(px, "0.1", "CH4", "2017"));
        Assert.Equal(7422, Cell(px, "0.1", "CH4_CO2-ekv.", "1990"));
        Assert.Equal(-4066, Cell(px, "0.3", "CO2", "2015"));
        Assert.Null(Cell(px, "1.0", "CO2-BIO", "1990"));
        Assert.Equal(PxDataSymbol.Symbol2, px.GetSymbol(Codes("1.0", "CO2-BIO", "1990")));
        Assert.Equal("..", px.SymbolText(PxDataSymbol.Symbol2));
        Assert.Equal(0, px.Decimals);
    }

    [Fact]
    public void ReadFile_Tab003_QuotedSymbolsInsideNumberRows()
    {
        var px = PxReader.ReadFile(PxTestFiles.PathOf("TAB003.px"));

        Assert.Equal([9, 34, 2, 4], px.Variables.Select(v => v.Count));
        Assert.Equal("01.4,02,03.1", px.GetVariable("WASTE_CAT").Codes[3]);
        Assert.Equal(30, px.GetCell(0, 0, 0, 0));
        Assert.Null(px.GetCell(0, 17, 0, 1));
        Assert.Equal(PxDataSymbol.Symbol2, px.Symbols[px.CellIndex(0, 17, 0, 1)]);
        Assert.Null(px.GetCell(0, 17, 1, 1));
        Assert.Equal(120000, px.GetCell(0, 17, 0, 2));
        Assert.Equal(40000, px.GetCell(0, 17, 0, 0));
        Assert.Equal(5578000, px.GetCell(8, 33, 1, 3));
        Assert.Equal(18, px.Symbols.Count(s => s != PxDataSymbol.None));
    }

    [Fact]
    public void ReadFile_Utf8BytesDeclaredLatin1_ReadAsUtf8WithWarning()
    {
        var px = PxReader.ReadFile(PxTestFiles.PathOf("tab4_fewcells.px"));

        Assert.Equal(445, Assert.Single(px.Data));
        Assert.Equal("LÖSNINGSMEDEL OCH ÖVRIG PRODUKTANVÄNDNING, TOTALT", px.GetVariable("SECTOR").Values["sv"][0]);
        Assert.Equal("Miljö", px.GetText("SUBJECT-AREA", "sv"));
        Assert.Contains(px.Warnings, w => w.Contains("UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_Latin1Bytes_DecodedAsLatin1()
    {
        var bytes = File.ReadAllBytes(PxTestFiles.PathOf("TAB004.px"));
        Assert.Contains((byte)0xF6, bytes); // ö in ISO-8859-1

        var px = PxReader.Read(bytes);

        Assert.Equal("Miljö", px.GetText("SUBJECT-AREA", "sv"));
    }

    [Fact]
    public void Parse_SmallTable_EveryDataSymbolAndDecimals()
    {
        var px = PxReader.Read(Encoding.UTF8.GetBytes(PxTestFiles.Small()));

        Assert.Equal(2, px.Decimals);
        Assert.Equal("Folkmängd efter region och tabellinnehåll", px.Title());
        Assert.Equal("Population by region and contents", px.Title("en"));
        Assert.Equal(
            [1.5, null, null, null, null, null, null, 0, -2.25],
            px.Data);
        Assert.Equal(
            [PxDataSymbol.None, PxDataSymbol.Symbol1, PxDataSymbol.Symbol2, PxDataSymbol.Symbol3, PxDataSymbol.Symbol4,
             PxDataSymbol.Symbol5, PxDataSymbol.Symbol6, PxDataSymbol.Nil, PxDataSymbol.None],
            px.Symbols);
        Assert.Equal("ej tillämpligt", px.SymbolText(PxDataSymbol.Symbol1));
        Assert.Equal("...", px.SymbolText(PxDataSymbol.Symbol3));
        Assert.Equal("0", px.SymbolText(PxDataSymbol.Nil));
    }

    [Fact]
    public void Parse_SmallTable_EliminationAndLanguages()
    {
        var px = PxReader.Parse(PxTestFiles.Small());
        var region = px.GetVariable("Region");

        Assert.True(region.CanEliminate);
        Assert.Equal("00", region.EliminationCode);
        Assert.Equal(["Riket", "Stockholms län", "Uppsala län"], region.Values["sv"]);
        Assert.Equal(["Sweden", "Stockholm County", "Uppsala County"], region.Values["en"]);
        Assert.Equal("contents", px.GetVariable("ContentsCode").Names["en"]);
        Assert.False(px.GetVariable("ContentsCode").CanEliminate);
        Assert.Equal(-2.25, px.GetCell(new Dictionary<string, string> { ["Region"] = "03", ["ContentsCode"] = "T" }));
    }

    [Fact]
    public void Parse_Keys_RowsByCodeAndOmittedRowsAreZero()
    {
        var text = PxTestFiles.Small(
            data: """
            "01",1,2,3
            "00",10,20,".."
            """,
            extraKeywords: "KEYS(\"region\")=CODES;");

        var px = PxReader.Parse(text);

        Assert.Equal([10, 20, null, 1, 2, 3, 0, 0, 0], px.Data);
        Assert.Equal(PxDataSymbol.Symbol2, px.Symbols[2]);
    }

    [Fact]
    public void Parse_KeysWithUnknownCode_FailsOnThatLine()
    {
        var text = PxTestFiles.Small(data: "\"01\",1,2,3\n\"99\",1,2,3", extraKeywords: "KEYS(\"region\")=CODES;");

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal(PxTestFiles.LineOf(text, "\"99\""), ex.Line);
        Assert.Contains("\"99\" is not one of the CODES", ex.Message, StringComparison.Ordinal);
    }

    private static double? Cell(PxFile px, string sector, string gas, string year) => px.GetCell(Codes(sector, gas, year));

    private static Dictionary<string, string> Codes(string sector, string gas, string year) => new()
    {
        ["SECTOR"] = sector,
        ["GREENHOUSEGAS"] = gas,
        ["ContentsCode"] = "Emission",
        ["TIME"] = year,
    };
}

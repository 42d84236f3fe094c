using System.Text;
using Barometer.Publishing.Px;

namespace Barometer.Publishing.Tests.Px;

/// <summary>Variants of TAB004.px and of a small table that break one rule each.</summary>
public class PxReaderMalformedTests
{
    [Fact]
    public void Parse_UnterminatedString_FailsOnItsLineWithKeyword()
    {
        var text = PxTestFiles.Tab004Text().Replace(
            "TITLE=\"Total air emissions by sector, greenhouse gas, contents and year\";",
            "TITLE=\"Total air emissions by sector, greenhouse gas, contents and year;", StringComparison.Ordinal);

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal(PxTestFiles.LineOf(text, "TITLE="), ex.Line);
        Assert.Equal("TITLE", ex.Keyword);
        Assert.Contains("unterminated string", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DataCellMissing_FailsAtEndOfDataWithCounts()
    {
        var original = PxTestFiles.Tab004Text();
        var lastData = original.LastIndexOf(" \n;", StringComparison.Ordinal);
        var lastToken = original.LastIndexOf(' ', lastData - 1);
        var text = original.Remove(lastToken, lastData - lastToken);

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal("DATA", ex.Keyword);
        Assert.Equal(PxTestFiles.LineOf(text, ";"), ex.Line);
        Assert.Contains("DATA has 4311 cells but the VALUES give 14 × 11 × 1 × 28 = 4312", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValueRemovedFromValues_DataCountMismatchPointsAtFirstExtraCell()
    {
        // Drop the last year from VALUES, CODES and TIMEVAL: the table now expects 14 × 11 × 1 × 27 cells, so the
        // first cell too many is the first cell of the 28th line of DATA (each line holds 28 cells).
        var text = PxTestFiles.Tab004Text()
            .Replace(",\"2016\",\"2017\";", ",\"2016\";", StringComparison.Ordinal);

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal("DATA", ex.Keyword);
        Assert.Equal(PxTestFiles.LineOf(text, "DATA=") + 1 + (14 * 11 * 27 / 28), ex.Line);
        Assert.Contains("DATA has 4312 cells but the VALUES give 14 × 11 × 1 × 27 = 4158", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CodesShorterThanValues_FailsOnCodesLine()
    {
        var text = PxTestFiles.Tab004Text().Replace("CODES(\"sector\")=\"0.1\",", "CODES(\"sector\")=", StringComparison.Ordinal);

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal(PxTestFiles.LineOf(text, "CODES(\"sector\")"), ex.Line);
        Assert.Equal("CODES(\"sector\")", ex.Keyword);
        Assert.Contains("13 codes but 14 values", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MandatoryKeywordMissing_NamesKeyword()
    {
        var text = PxTestFiles.Tab004Text().Replace("UNITS=\"Device varies with the subject\";\n", string.Empty, StringComparison.Ordinal);

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal("UNITS", ex.Keyword);
        Assert.Equal(PxTestFiles.LineOf(text, "DATA="), ex.Line);
        Assert.Contains("mandatory keyword UNITS is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValuesOfStubVariableMissing_NamesVariable()
    {
        var text = PxTestFiles.Small().Replace("VALUES(\"region\")=\"Riket\",\"Stockholms län\",\n\"Uppsala län\";\n", string.Empty, StringComparison.Ordinal);

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal("VALUES(\"region\")", ex.Keyword);
        Assert.Equal(PxTestFiles.LineOf(text, "STUB="), ex.Line);
    }

    [Fact]
    public void Parse_NoDataKeyword_Fails()
    {
        var text = PxTestFiles.Small();
        text = text[..text.IndexOf("DATA=", StringComparison.Ordinal)];

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal("DATA", ex.Keyword);
        Assert.Contains("without a DATA keyword", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnquotedDots_FailWithHint()
    {
        var text = PxTestFiles.Small(data: "1 2 3\n4 .. 6\n7 8 9");

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal(PxTestFiles.LineOf(text, "4 .."), ex.Line);
        Assert.Contains("must be quoted", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownQuotedSymbol_Fails()
    {
        var text = PxTestFiles.Small(data: "1 2 3\n4 \"x\" 6\n7 8 9");

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal(PxTestFiles.LineOf(text, "4 \"x\""), ex.Line);
        Assert.Contains("not a data symbol", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UndeclaredLanguage_FailsOnThatKeyword()
    {
        var text = PxTestFiles.Small(extraKeywords: "TITLE[de]=\"Bevölkerung\";");

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal("TITLE[de]", ex.Keyword);
        Assert.Equal(PxTestFiles.LineOf(text, "TITLE[de]"), ex.Line);
    }

    [Fact]
    public void Parse_KeywordTwice_FailsOnSecond()
    {
        var text = PxTestFiles.Small(extraKeywords: "UNITS=\"personer\";");

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal("UNITS", ex.Keyword);
        Assert.Equal(PxTestFiles.LineOf(text, "UNITS=\"personer\""), ex.Line);
        Assert.Contains("given twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DefaultLanguageInBrackets_IsTheDefaultEntry()
    {
        var text = PxTestFiles.Small().Replace("CONTENTS=\"Folkmängd\";", "CONTENTS[sv]=\"Folkmängd\";", StringComparison.Ordinal);

        var px = PxReader.Parse(text);

        Assert.Equal("Folkmängd", px.GetText("CONTENTS"));
    }

    [Fact]
    public void Parse_TranslatedValuesCountDiffers_Fails()
    {
        var text = PxTestFiles.Small().Replace("\"Stockholm County\",", string.Empty, StringComparison.Ordinal);

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal("VALUES[en](\"region\")", ex.Keyword);
        Assert.Contains("2 values but 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EliminationValueUnknown_Fails()
    {
        var text = PxTestFiles.Small().Replace("ELIMINATION(\"region\")=\"Riket\"", "ELIMINATION(\"region\")=\"Hela landet\"", StringComparison.Ordinal);

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal("ELIMINATION(\"region\")", ex.Keyword);
    }

    [Fact]
    public void Parse_ContvariableNotAVariable_Fails()
    {
        var text = PxTestFiles.Small().Replace("CONTVARIABLE=\"tabellinnehåll\"", "CONTVARIABLE=\"innehåll\"", StringComparison.Ordinal);

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal("CONTVARIABLE", ex.Keyword);
    }

    [Fact]
    public void Parse_MissingSemicolon_Fails()
    {
        var text = PxTestFiles.Small().Replace("UNITS=\"antal\";", "UNITS=\"antal\"", StringComparison.Ordinal);

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Equal("UNITS", ex.Keyword);
        Assert.Contains("expected ',' or ';'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Utf8DeclaredButInvalidBytes_Fails()
    {
        var bytes = Encoding.UTF8.GetBytes(PxTestFiles.Small()).ToList();
        var at = bytes.IndexOf((byte)'B'); // in MATRIX="BEF01"
        bytes[at] = 0xFF;

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Read(bytes.ToArray()));

        Assert.Equal(PxTestFiles.LineOf(PxTestFiles.Small(), "MATRIX"), ex.Line);
        Assert.Contains("not valid UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnsupportedCodepage_Fails()
    {
        var text = PxTestFiles.Small().Replace("CODEPAGE=\"utf-8\"", "CODEPAGE=\"ibm437\"", StringComparison.Ordinal);

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Read(Encoding.UTF8.GetBytes(text)));

        Assert.Equal("CODEPAGE", ex.Keyword);
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void Parse_TextAfterData_Fails()
    {
        var text = PxTestFiles.Small() + "\nNOTE=\"late\";\n";

        var ex = Assert.Throws<PxFormatException>(() => PxReader.Parse(text));

        Assert.Contains("DATA must be the last keyword", ex.Message, StringComparison.Ordinal);
    }
}

using System.Text;

namespace Barometer.Publishing.Tests.Px;

/// <summary>The PX files under TestData and small variants of them.</summary>
internal static class PxTestFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Px", "TestData", name);

    /// <summary>TAB004.px decoded (it is ISO-8859-1).</summary>
    public static string Tab004Text() => Encoding.Latin1.GetString(File.ReadAllBytes(PathOf("TAB004.px")));

    /// <summary>The 1-based line of the first line that starts with <paramref name="prefix"/>.</summary>
    public static int LineOf(string text, string prefix)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException($"No line starts with {prefix}.");
    }

    /// <summary>A small two-language table: region (stub) × contents (heading), with every kind of data cell.</summary>
    public static string Small(string data = """
        1.5 "." ".." 
        "..." "...." "....." 
        "......" "-" -2.25 
        """, string extraKeywords = "") => $$"""
        CHARSET="ANSI";
        AXIS-VERSION="2013";
        CODEPAGE="utf-8";
        LANGUAGE="sv";
        LANGUAGES="sv","en";
        DECIMALS=2;
        SHOWDECIMALS=1;
        MATRIX="BEF01";
        SUBJECT-CODE="BE";
        SUBJECT-AREA="Befolkning";
        SUBJECT-AREA[en]="Population";
        TITLE="Folkmängd efter region och "
        "tabellinnehåll";
        TITLE[en]="Population by region and contents";
        CONTENTS="Folkmängd";
        CONTENTS[en]="Population";
        UNITS="antal";
        UNITS[en]="number";
        STUB="region";
        STUB[en]="region";
        HEADING="tabellinnehåll";
        HEADING[en]="contents";
        CONTVARIABLE="tabellinnehåll";
        CONTVARIABLE[en]="contents";
        VARIABLECODE("region")="Region";
        VARIABLECODE("tabellinnehåll")="ContentsCode";
        VALUES("region")="Riket","Stockholms län",
        "Uppsala län";
        VALUES[en]("region")="Sweden","Stockholm County","Uppsala County";
        CODES("region")="00","01","03";
        VALUES("tabellinnehåll")="Kvinnor","Män","Totalt";
        VALUES[en]("contents")="Women","Men","Total";
        CODES("tabellinnehåll")="K","M","T";
        ELIMINATION("region")="Riket";
        DATASYMBOL1="ej tillämpligt";
        DATASYMBOL2="..";
        DATASYMBOLNIL="0";
        {{extraKeywords}}
        DATA=
        {{data}}
        ;
        """;
}

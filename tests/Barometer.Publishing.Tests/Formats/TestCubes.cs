using Barometer.Publishing.Cubes;

namespace Barometer.Publishing.Tests.Formats;

/// <summary>Small hand-built cubes with nulls, status symbols, Swedish letters and long labels.</summary>
internal static class TestCubes
{
    public static readonly string LongLabelSv =
        "Inrikes födda med två utrikes födda föräldrar, som bott i Sverige i minst tio år och som under hela perioden "
        + "haft sin folkbokföring i en kommun i Västra Götalands län, Skåne län eller Örebro län, exklusive personer som "
        + "saknar uppgift om utbildningsnivå i utbildningsregistret (äldre än 64 år vid årets slut) & <övriga>";

    public static readonly string LongLabelEn =
        "Born in Sweden with two foreign-born parents, who have lived in Sweden for at least ten years and who have been "
        + "registered throughout the period in a municipality in Västra Götaland, Skåne or Örebro county, excluding persons "
        + "with no information on level of education in the education register (older than 64 at the end of the year) & <other>";

    public static readonly CubeSymbol TooUncertain = new("..", new("För osäker för att redovisas", "Too uncertain to be published"), HidesValue: true);
    public static readonly CubeSymbol NotApplicable = new(".", new("Uppgift kan inte förekomma", "Not applicable"), HidesValue: true);
    public static readonly CubeSymbol Disclosure = new("x", new("Röjandekontroll: uppgiften skyddas", "Disclosure control: the figure is protected"), HidesValue: true);
    public static readonly CubeSymbol Flagged = new("*", new("Stor felmarginal, tolka med försiktighet", "Large margin of error, interpret with caution"), HidesValue: false);

    /// <summary>Grupp (3, regular, with total) × Tid (2, time) × ContentsCode (3: share, margin, respondents) = 18 cells.</summary>
    public static Cube Small(IReadOnlyList<string>? stub = null, IReadOnlyList<string>? heading = null)
    {
        var group = new CubeDimension(
            "Grupp",
            new("grupp", "group"),
            DimensionRole.Regular,
            [
                new CubeValue("total", new("Totalt", "Total")),
                new CubeValue("utrikes", new("Utrikes födda", "Foreign-born")) { Note = new("Född utomlands, även adopterade", "Born abroad, including adoptees") },
                new CubeValue("inrikes2", new(LongLabelSv, LongLabelEn)),
            ])
        {
            Elimination = true,
            Notes = [new("Gruppindelningen följer SCB:s standard för svensk och utländsk bakgrund.", "Groups follow Statistics Sweden's standard for Swedish and foreign background.")],
        };
        var time = new CubeDimension(
            "Tid",
            new("år", "year"),
            DimensionRole.Time,
            [new CubeValue("2023", new("2023", "2023")), new CubeValue("2024", new("2024", "2024"))]);
        var contents = new CubeDimension(
            "ContentsCode",
            new("tabellinnehåll", "contents"),
            DimensionRole.Contents,
            [
                new CubeValue("andel", new("Andel sysselsatta", "Share employed")) { Unit = new("procent", "percent"), Decimals = 1 },
                new CubeValue("felmarginal", new("Felmarginal ±", "Margin of error ±")) { Unit = new("procentenheter", "percentage points"), Decimals = 1 },
                new CubeValue("svarande", new("Antal svarande", "Number of respondents")) { Unit = new("antal", "number"), Decimals = 0 },
            ]);

        // Row-major over Grupp, Tid, ContentsCode.
        double?[] values =
        [
            67.25, 1.04, 5321, 68.05, 9.98, 5410,
            55.55, 2.46, 1203, null, null, 1190,
            null, null, 12, 44.44, 9.87, null,
        ];
        string?[] status =
        [
            null, null, null, "*", "*", null,
            null, null, null, "..", "..", null,
            "x", "x", null, null, null, ".",
        ];
        return new Cube("IB0101", [group, time, contents], values, status)
        {
            Title = new("Andel sysselsatta efter grupp, år och tabellinnehåll", "Share employed by group, year and contents"),
            Contents = new("Andel sysselsatta", "Share employed"),
            Source = new("Integrationsbarometern, Statistiska centralbyrån", "The integration barometer, Statistics Sweden"),
            Updated = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero),
            SubjectCode = "AM",
            SubjectArea = new("Arbetsmarknad", "Labour market"),
            Contact = new("Åsa Öberg, SCB", "Åsa Öberg, Statistics Sweden"),
            OfficialStatistics = false,
            Stub = stub ?? ["Grupp", "Tid"],
            Heading = heading ?? ["ContentsCode"],
            Symbols = [TooUncertain, NotApplicable, Disclosure, Flagged],
            Notes = [new("Felmarginalen är halva bredden av ett 95-procentigt konfidensintervall.", "The margin of error is half the width of a 95 per cent confidence interval.")],
        };
    }

    /// <summary>The codes of a cell, one per dimension, in dimension order.</summary>
    /// <summary>One region dimension, no contents dimension and no symbols: a value and a missing cell.</summary>
    public static Cube WithoutContents()
    {
        var region = new CubeDimension("Region", new("region", "region"), DimensionRole.Geo, [new CubeValue("01", new("Stockholms län", "Stockholm County")), new CubeValue("03", new("Uppsala län", "Uppsala County"))]);
        return new Cube("IB0001", [region], [0.123456789, null], [null, null])
        {
            Title = new("Andel efter region", "Share by region"),
            Contents = new("Andel", "Share"),
            Source = new("SCB", "Statistics Sweden"),
            Updated = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };
    }

    public static Dictionary<string, string> Codes(Cube cube, int cell)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var d = cube.Dimensions.Count - 1; d >= 0; d--)
        {
            var count = cube.Dimensions[d].Values.Count;
            codes[cube.Dimensions[d].Code] = cube.Dimensions[d].Values[cell % count].Code;
            cell /= count;
        }

        return codes;
    }

    /// <summary>The decimals of a cell's contents value.</summary>
    public static int Decimals(Cube cube, int cell)
    {
        var contents = cube.Dimension("ContentsCode");
        return contents.Values[contents.IndexOf(Codes(cube, cell)["ContentsCode"])].Decimals!.Value;
    }
}

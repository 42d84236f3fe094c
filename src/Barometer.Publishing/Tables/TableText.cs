using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Texts;

namespace Barometer.Publishing.Tables;

/// <summary>The Swedish and English texts of the publication tables: labels, units, notes.</summary>
internal static class TableText
{
    public static readonly LocalizedText GroupDimension = new("Jämförelsegrupp", "Comparison group");
    public static readonly LocalizedText ContentsDimension = new("Tabellinnehåll", "Contents");
    public static readonly LocalizedText TimeDimension = new("År", "Year");
    public static readonly LocalizedText Total = new("Totalt", "Total");
    public static readonly LocalizedText All = new("Samtliga", "All");
    public static readonly LocalizedText Count = new("antal", "number");
    public static readonly LocalizedText PercentagePoints = new("procentenheter", "percentage points");
    public static readonly LocalizedText PerCent = new("procent", "per cent");

    public static bool IsPercent(Indicator indicator) => string.Equals(indicator.Unit, "percent", StringComparison.Ordinal);

    /// <summary>The unit of levels: the catalogue unit's name.</summary>
    public static LocalizedText LevelUnit(IndicatorCatalogue catalogue, Indicator indicator) => catalogue.Unit(indicator.Unit).Name;

    /// <summary>The unit of differences (margins, changes, difference gaps): percentage points for percent indicators.</summary>
    public static LocalizedText DifferenceUnit(IndicatorCatalogue catalogue, Indicator indicator) =>
        IsPercent(indicator) ? PercentagePoints : LevelUnit(catalogue, indicator);

    public static LocalizedText CountLabel(Indicator indicator) => indicator.Source.Kind == SourceKind.Survey
        ? new LocalizedText("Antal svarande", "Number of respondents")
        : new LocalizedText("Antal personer", "Number of persons");

    public static LocalizedText ContentsLabel(string code, Indicator indicator, PublicationRules rules) => code switch
    {
        TableCodes.Estimate => new("Skattning", "Estimate"),
        TableCodes.Margin => new("Felmarginal ±", "Margin of error ±"),
        TableCodes.CiLower => PublicationTexts.LowerLimit(rules),
        TableCodes.CiUpper => PublicationTexts.UpperLimit(rules),
        TableCodes.Count => CountLabel(indicator),
        TableCodes.Change => new("Förändring sedan föregående mätning", "Change since previous wave"),
        TableCodes.ChangeMargin => new("Felmarginal ± för förändringen", "Margin of error ± of the change"),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a contents code"),
    };

    public static LocalizedText GapLabel(IndicatorCatalogue catalogue, Indicator indicator, Comparison comparison) =>
        indicator.Gap == GapKind.Ratio
            ? new LocalizedText(
                $"Kvot {Lower(comparison.Focal.Label.Sv)} / {Lower(comparison.Reference.Label.Sv)} ({PerCent.Sv})",
                $"Ratio {Lower(comparison.Focal.Label.En)} / {Lower(comparison.Reference.Label.En)} ({PerCent.En})")
            : new LocalizedText(
                $"Skillnad {Lower(comparison.Focal.Label.Sv)} − {Lower(comparison.Reference.Label.Sv)} ({DifferenceUnit(catalogue, indicator).Sv})",
                $"Gap {Lower(comparison.Focal.Label.En)} − {Lower(comparison.Reference.Label.En)} ({DifferenceUnit(catalogue, indicator).En})");

    public static LocalizedText StandardisedGapLabel(IndicatorCatalogue catalogue, Indicator indicator, Comparison comparison) => new(
        $"Ålders- och könsstandardiserad skillnad {Lower(comparison.Focal.Label.Sv)} − {Lower(comparison.Reference.Label.Sv)} ({DifferenceUnit(catalogue, indicator).Sv})",
        $"Age- and sex-standardised gap {Lower(comparison.Focal.Label.En)} − {Lower(comparison.Reference.Label.En)} ({DifferenceUnit(catalogue, indicator).En})");

    public static LocalizedText ExpectedLabel(IndicatorCatalogue catalogue, Indicator indicator, Comparison comparison) => new(
        $"Förväntad nivå för {Lower(comparison.Focal.Label.Sv)} givet sammansättningen ({LevelUnit(catalogue, indicator).Sv})",
        $"Expected level of the {Lower(comparison.Focal.Label.En)} given their composition ({LevelUnit(catalogue, indicator).En})");

    public static LocalizedText ExpectedDifferenceLabel(IndicatorCatalogue catalogue, Indicator indicator, Comparison comparison) => new(
        $"Faktisk − förväntad nivå, {Lower(comparison.Focal.Label.Sv)} ({DifferenceUnit(catalogue, indicator).Sv})",
        $"Actual − expected level, {Lower(comparison.Focal.Label.En)} ({DifferenceUnit(catalogue, indicator).En})");

    public static LocalizedText ModelEstimateLabel(IndicatorCatalogue catalogue, Indicator indicator, Comparison? comparison) => comparison is null
        ? new($"Modellbaserad skattning ({LevelUnit(catalogue, indicator).Sv})", $"Model-based estimate ({LevelUnit(catalogue, indicator).En})")
        : new($"{comparison.Focal.Label.Sv}, modellbaserad skattning ({LevelUnit(catalogue, indicator).Sv})",
            $"{comparison.Focal.Label.En}, model-based estimate ({LevelUnit(catalogue, indicator).En})");

    /// <summary>What a model-based (small-area) estimate is, on the table by county of a survey indicator.</summary>
    public static LocalizedText ModelEstimateNote(PublicationRules rules)
    {
        var level = PublicationTexts.Interval(rules);
        return new LocalizedText(
            $"Modellbaserad skattning ({rules.ModelBased}): urvalet är för litet för en direkt skattning per län. Skattningen väger samman länets direkta skattning och en regressionsskattning från registeruppgifter om länets befolkning "
            + "(andel födda utanför Europa, andel med färre än tio år i Sverige, andel förvärvsarbetande 20–64 år) efter hur säker den direkta skattningen är (Fay–Herriot-modell), och justeras så att länen tillsammans ger riksvärdet (värdet för Totalt). "
            + $"Intervallet ({level.Sv}) bygger på modellens medelkvadratfel. Skattningarna redovisas inte när en modellkontroll underkänns. De direkta skattningarna per län redovisas inte. Se metodbeskrivningen för småområdesskattningar.",
            $"Model-based estimate ({rules.ModelBased}): the sample is too small for a direct estimate by county. The estimate combines the county's direct estimate with a regression estimate from register figures on the county's population "
            + "(share born outside Europe, share with fewer than ten years in Sweden, share employed aged 20–64), weighted by how precise the direct estimate is (Fay–Herriot model), and is adjusted so that the counties add up to the national value (the Total value). "
            + $"The interval ({level.En}) rests on the model's mean squared error. The estimates are withheld when a model check fails. The direct estimates by county are not published. See the methodology of the small-area estimates.");
    }

    /// <summary>What expected versus actual is, on the tables by county and municipality of an indicator that declares it.</summary>
    public static LocalizedText ExpectedVersusActualNote(IndicatorCatalogue catalogue, Indicator indicator, PublicationRules rules)
    {
        var level = PublicationTexts.Interval(rules);
        if (indicator.ExpectedVersusActual is null && indicator.Expected is { } regression)
        {
            return new LocalizedText(
                $"Förväntad nivå: {Lower(regression.Description.Sv)} Modellen skattas på alla i indikatorns population i riket; områdets förväntade nivå är medelvärdet av gruppens modellvärden. "
                + $"Intervallet för faktisk − förväntad ({level.Sv}) visar slumpens variation kring modellen i en grupp av den storleken; området är bättre eller sämre än förväntat bara när intervallet utesluter noll. "
                + $"Redovisas för områden med minst {catalogue.Quality.Register.ExpectedVersusActualMinPersons} personer i gruppen.",
                $"Expected level: {Lower(regression.Description.En)} The model is fitted to everyone in the indicator's population nationally; an area's expected level is the mean of its group's model values. "
                + $"The interval of actual − expected ({level.En}) shows chance variation about the model in a group of that size; an area is better or worse than expected only when the interval excludes zero. "
                + $"Given for areas with at least {catalogue.Quality.Register.ExpectedVersusActualMinPersons} persons in the group.");
        }

        return new LocalizedText(
            $"Förväntad nivå: den nivå områdets grupp skulle ha om var och en hade riksgenomsnittet för sin cell (indirekt standardisering efter {Lower(CellList(catalogue, indicator, sv: true))}). "
            + $"Intervallet för faktisk − förväntad ({level.Sv}) visar slumpens variation i en befolkning av den storleken; området är bättre eller sämre än förväntat bara när intervallet utesluter noll. "
            + $"Redovisas för områden med minst {catalogue.Quality.Register.ExpectedVersusActualMinPersons} personer i gruppen.",
            $"Expected level: the level the area's group would have if each of its members had the national rate of their cell (indirect standardisation by {Lower(CellList(catalogue, indicator, sv: false))}). "
            + $"The interval of actual − expected ({level.En}) shows chance variation in a population of that size; an area is better or worse than expected only when the interval excludes zero. "
            + $"Given for areas with at least {catalogue.Quality.Register.ExpectedVersusActualMinPersons} persons in the group.");
    }

    private static string CellList(IndicatorCatalogue catalogue, Indicator indicator, bool sv) => string.Join(", ", indicator.ExpectedVersusActual!.Cells
        .Select(c => catalogue.FindVariable(c)?.Description ?? new LocalizedText(c, c)).Select(d => sv ? d.Sv : d.En));

    /// <summary>"Sysselsättningsgrad 20–64 år efter kön och jämförelsegrupp. År 2022–2024".</summary>
    public static LocalizedText TableLabel(Indicator indicator, LocalizedText? breakdown, string first, string last)
    {
        var years = first == last ? first : $"{first}–{last}";
        return breakdown is null
            ? new LocalizedText(
                $"{indicator.Name.Sv} efter jämförelsegrupp. År {years}",
                $"{indicator.Name.En}, by comparison group. {(first == last ? "Year" : "Years")} {years}")
            : new LocalizedText(
                $"{indicator.Name.Sv} efter {Lower(breakdown.Sv)} och jämförelsegrupp. År {years}",
                $"{indicator.Name.En}, by {Lower(breakdown.En)} and comparison group. {(first == last ? "Year" : "Years")} {years}");
    }

    public static LocalizedText Source(IndicatorCatalogue catalogue, Indicator indicator)
    {
        if (indicator.Source.Kind == SourceKind.Survey)
        {
            return catalogue.Questionnaire.Title;
        }

        var registers = indicator.Source.Variables
            .Select(v => catalogue.RegisterVariables.FirstOrDefault(r => string.Equals(r.Name, v, StringComparison.Ordinal))?.Register)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(id => catalogue.Registers.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal))?.Name)
            .OfType<LocalizedText>()
            .ToList();
        return registers.Count == 0
            ? new LocalizedText("Registeruppgifter", "Register data")
            : new LocalizedText(string.Join(", ", registers.Select(r => r.Sv)), string.Join(", ", registers.Select(r => r.En)));
    }

    public static LocalizedText Population(Indicator indicator)
    {
        if (indicator.Population.Description is { } description)
        {
            return new LocalizedText("Population: " + description.Sv, "Population: " + description.En);
        }

        var (bornSv, bornEn) = indicator.Population.Born switch
        {
            BirthScope.ForeignBorn => ("utrikes födda personer", "foreign-born people"),
            BirthScope.NativeBorn => ("inrikes födda personer", "native-born people"),
            _ => ("personer", "people"),
        };
        return indicator.Population.Age is { } age
            ? new LocalizedText(
                string.Create(CultureInfo.InvariantCulture, $"Population: {bornSv} {age.Min}–{age.Max} år."),
                string.Create(CultureInfo.InvariantCulture, $"Population: {bornEn} aged {age.Min}–{age.Max}."))
            : new LocalizedText($"Population: {bornSv}.", $"Population: {bornEn}.");
    }

    public static IReadOnlyList<LocalizedText> Notes(IndicatorCatalogue catalogue, Indicator indicator, PublicationRules rules, bool hasStandardisedGap)
    {
        var source = Source(catalogue, indicator);
        var notes = new List<LocalizedText>
        {
            new("Definition: " + indicator.Definition.Sv, "Definition: " + indicator.Definition.En),
            Population(indicator),
            new("Källa: " + source.Sv + ". Integrationsbarometern är inte officiell statistik.",
                "Source: " + source.En + ". The Integration Barometer is not official statistics."),
            indicator.Source.Kind == SourceKind.Survey
                ? PublicationTexts.MarginNote(rules)
                : new LocalizedText(
                    "Registeruppgifter är totalräkningar av hela befolkningen och har ingen felmarginal. Antal personer är antalet personer i gruppen.",
                    "Register figures count the whole population and have no margin of error. The number of persons is the number of people in the group."),
            indicator.Gap == GapKind.Ratio
                ? new LocalizedText(
                    "Kvoten är den jämförda gruppens värde i procent av referensgruppens.",
                    "The ratio is the focal group's value as a percentage of the reference group's.")
                : new LocalizedText(
                    $"Skillnaden är den jämförda gruppens värde minus referensgruppens, i {DifferenceUnit(catalogue, indicator).Sv}.",
                    $"The gap is the focal group's value minus the reference group's, in {DifferenceUnit(catalogue, indicator).En}."),
        };
        if (hasStandardisedGap)
        {
            notes.Add(new LocalizedText(
                "Den ålders- och könsstandardiserade skillnaden jämför grupperna som om de hade samma fördelning efter ålder och kön.",
                "The age- and sex-standardised gap compares the groups as if they had the same distribution by age and sex."));
        }

        if (IsPercent(indicator))
        {
            notes.Add(new LocalizedText(
                "Andelar redovisas i procent; skillnader, förändringar och felmarginaler i procentenheter.",
                "Shares are given in per cent; gaps, changes and margins of error in percentage points."));
        }

        foreach (var symbol in StatusSymbols.All)
        {
            notes.Add(new LocalizedText($"{symbol.Symbol} = {symbol.Explanation.Sv}", $"{symbol.Symbol} = {symbol.Explanation.En}"));
        }

        return notes;
    }

    public static string Lower(string text) =>
        text.Length == 0 ? text : char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..];
}

using System.Globalization;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Tables;

namespace Barometer.Publishing.Texts;

/// <summary>
/// The bilingual texts that the dashboard's method page and the yearly report both tell readers — the method in
/// brief, the publication rules, the status symbols and what they mean, the interval level — filled from the rules
/// (<see cref="PublicationRules"/>) rather than written with their numbers and symbols in them. Swedish first,
/// English second, as <see cref="LocalizedText"/>.
/// </summary>
public static class PublicationTexts
{
    /// <summary>A share as a whole percentage in the language's number format, e.g. "95 %".</summary>
    public static string Percent(double share, Language language) => PercentNumber(share, language) + " %";

    /// <summary>A share as a whole number of per cent without the sign, e.g. "95" (as in "95-procentiga").</summary>
    public static string PercentNumber(double share, Language language)
    {
        var rounded = Math.Round(share * 100, 0, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            rounded = 0; // no "−0"
        }

        return rounded.ToString("N0", language.Culture());
    }

    /// <summary>The level of the published intervals, e.g. "95 %".</summary>
    public static LocalizedText IntervalLevel(PublicationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new(Percent(rules.ConfidenceLevel, Language.Sv), Percent(rules.ConfidenceLevel, Language.En));
    }

    /// <summary>"95 % intervall": an interval at the rules' level, as in figure legends and tooltips.</summary>
    public static LocalizedText Interval(PublicationRules rules)
    {
        var level = IntervalLevel(rules);
        return new($"{level.Sv} intervall", $"{level.En} interval");
    }

    /// <summary>"95 % konfidensintervall": a confidence interval at the rules' level.</summary>
    public static LocalizedText ConfidenceInterval(PublicationRules rules)
    {
        var level = IntervalLevel(rules);
        return new($"{level.Sv} konfidensintervall", $"{level.En} confidence interval");
    }

    /// <summary>The lower limit of the interval, as a table's contents label.</summary>
    public static LocalizedText LowerLimit(PublicationRules rules)
    {
        var level = IntervalLevel(rules);
        return new($"Lägre gräns {level.Sv} konfidensintervall", $"Lower {level.En} confidence limit");
    }

    /// <summary>The upper limit of the interval, as a table's contents label.</summary>
    public static LocalizedText UpperLimit(PublicationRules rules)
    {
        var level = IntervalLevel(rules);
        return new($"Övre gräns {level.Sv} konfidensintervall", $"Upper {level.En} confidence limit");
    }

    /// <summary>What the margin of error is, at the rules' level, as a note under a survey table.</summary>
    public static LocalizedText MarginNote(PublicationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var sv = PercentNumber(rules.ConfidenceLevel, Language.Sv);
        var en = IntervalLevel(rules).En;
        return new(
            $"Felmarginalen (±) är halva bredden av det {sv}-procentiga konfidensintervallet: med {sv} procents säkerhet ligger det sanna värdet mellan skattningen minus och skattningen plus felmarginalen. Antal svarande är antalet personer som besvarat frågan i gruppen.",
            $"The margin of error (±) is half the width of the {en} confidence interval: with {en} confidence the true value lies between the estimate minus and the estimate plus the margin. The number of respondents is the number of people in the group who answered.");
    }

    /// <summary>The status symbols with what each means (docs/api.md), the run's symbols in place of the tables' defaults.</summary>
    public static IReadOnlyList<CubeSymbol> Symbols(PublicationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return [.. StatusSymbols.All.Select(s => s with
        {
            Symbol = s.Symbol switch
            {
                StatusSymbols.TooUncertain => rules.TooUncertain,
                StatusSymbols.NotApplicable => rules.NotApplicable,
                StatusSymbols.Uncertain => rules.Uncertain,
                _ => s.Symbol,
            },
        })];
    }

    /// <summary>The symbols in one line, as under every table of the report.</summary>
    public static LocalizedText SymbolLegend(PublicationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new(
            $"{rules.TooUncertain} för osäker för att redovisas (eller undertryckt för att skydda en sådan skattning); {rules.NotApplicable} uppgift kan inte förekomma; {rules.Disclosure} röjandekontroll; {rules.Uncertain} osäker skattning (stor felmarginal); {rules.ModelBased} modellbaserad skattning.",
            $"{rules.TooUncertain} too uncertain to be published (or withheld to protect such an estimate); {rules.NotApplicable} not applicable; {rules.Disclosure} suppressed for disclosure control; {rules.Uncertain} uncertain estimate (large margin of error); {rules.ModelBased} model-based estimate.");
    }

    // ------------------------------------------------------------------ the method in brief

    public static LocalizedText SurveyAndCalibration { get; } = new(
        "Den demokratiska och den sociala och kulturella integrationen mäts med en återkommande urvalsundersökning. Urvalet dras ur befolkningsregistret, stratifierat så att utrikes födda är tillräckligt många för att redovisas för sig. Svarspersonernas vikter kalibreras mot registrets totaler (kön, ålder, födelseregion, vistelsetid, utbildning och region), så att de vägda svaren återger befolkningens sammansättning och bortfallet minskar skevheten.",
        "Democratic and social and cultural integration are measured by a recurring sample survey. The sample is drawn from the population register, stratified so that foreign-born people are numerous enough to be reported on their own. The respondents' weights are calibrated to register totals (sex, age, region of birth, years in Sweden, education and region), so that the weighted answers reproduce the composition of the population and non-response bias is reduced.");

    public static LocalizedText Registers { get; } = new(
        "Ekonomisk integration, språkkurser, valdeltagande och skolresultat bygger på totalräknade register. De har ingen urvalsosäkerhet.",
        "Economic integration, language courses, voter turnout and school results come from total registers. They have no sampling error.");

    /// <summary>What the interval means, at the rules' level.</summary>
    public static LocalizedText IntervalMeaning(PublicationRules rules)
    {
        var level = IntervalLevel(rules);
        return new(
            $"Varje skattning från enkäten visas med ett {level.Sv} konfidensintervall. Det är ett mått på urvalsosäkerheten: om undersökningen upprepades många gånger med nya urval skulle sådana intervall täcka det sanna värdet i {level.Sv} av fallen. Felmarginalen (±) är halva intervallets bredd.",
            $"Every survey estimate is shown with a {level.En} confidence interval. It measures sampling uncertainty: if the survey were repeated many times with new samples, such intervals would cover the true value {level.En} of the time. The margin of error (±) is half the interval's width.");
    }

    /// <summary>When a difference or change is called significant, at the rules' level.</summary>
    public static LocalizedText Significance(PublicationRules rules)
    {
        var level = IntervalLevel(rules);
        return new(
            $"Standardfelen tar hänsyn till urvalsdesignen och kalibreringen (linearisering). En skillnad mellan grupper eller en förändring sedan förra mätningen kallas statistiskt signifikant bara när dess eget {level.Sv} intervall inte innehåller noll; att två gruppers intervall överlappar räcker inte för att säga att de inte skiljer sig.",
            $"The standard errors take the sample design and the calibration into account (linearisation). A difference between groups or a change since the previous wave is called statistically significant only when its own {level.En} interval excludes zero; overlapping intervals of two groups are not enough to say that they do not differ.");
    }

    public static LocalizedText StandardisedGap { get; } = new(
        "Den ålders- och könsstandardiserade skillnaden jämför grupperna som om de hade samma ålders- och könsfördelning, så att skillnader som bara beror på sammansättningen räknas bort.",
        "The age- and sex-standardised gap compares the groups as if they had the same age and sex distribution, so that differences due only to composition are removed.");

    // ------------------------------------------------------------------ what is published

    /// <summary>The survey's publication rule: minimum respondents and the uncertainty flag, with their symbols.</summary>
    public static LocalizedText SurveyRule(PublicationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var min = rules.MinRespondents.ToString(CultureInfo.InvariantCulture);
        return new(
            $"Enkäten: en skattning som bygger på färre än {min} svarande redovisas inte ({rules.TooUncertain}). En skattning vars felmarginal är större än {Percent(rules.RelativeMarginFlag, Language.Sv)} av skattningen visas men markeras som osäker ({rules.Uncertain}).",
            $"Survey: an estimate resting on fewer than {min} respondents is not published ({rules.TooUncertain}). An estimate whose margin of error exceeds {Percent(rules.RelativeMarginFlag, Language.En)} of the estimate is shown but marked as uncertain ({rules.Uncertain}).");
    }

    /// <summary>The registers' disclosure rule, with the secondary suppression when the rules apply it.</summary>
    public static LocalizedText RegisterRule(PublicationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var size = rules.RegisterGroupSizeMoreThan.ToString(CultureInfo.InvariantCulture);
        var property = rules.RegisterWithPropertyMoreThan.ToString(CultureInfo.InvariantCulture);
        return new(
            $"Register: en andel redovisas bara om gruppen har fler än {size} personer och fler än {property} har egenskapen och lika många saknar den ({rules.Disclosure})."
            + (rules.ComplementarySuppression ? " Fler celler döljs vid behov så att en dold uppgift inte kan räknas fram ur summor eller skillnader, även när samma grupp redovisas under två namn." : ""),
            $"Registers: a share is published only when the group has more than {size} persons and more than {property} have the property and as many do not ({rules.Disclosure})."
            + (rules.ComplementarySuppression ? " Further cells are hidden where needed so that a hidden figure cannot be recovered from totals or differences, also when the same group is published under two names." : ""));
    }

    public static LocalizedText HiddenNeverZero { get; } = new(
        "En dold uppgift visas aldrig som noll: diagrammen har en lucka med symbolen och tabellerna visar symbolen.",
        "A hidden figure is never shown as zero: charts leave a gap marked with the symbol and tables show the symbol.");
}

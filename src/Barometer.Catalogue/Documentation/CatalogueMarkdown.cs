using System.Globalization;
using System.Text;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Questionnaires;
using Barometer.Catalogue.Variables;

namespace Barometer.Catalogue.Documentation;

/// <summary>
/// Renders the catalogue as a bilingual Markdown reference (docs/catalogue.md): every indicator with its
/// definition, source, population and breakdowns, the questions behind the survey indicators, and the
/// classifications. The output depends only on the catalogue's content, so a test can check the committed file.
/// </summary>
public static class CatalogueMarkdown
{
    public static string Render(IndicatorCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line($"# {catalogue.Title.Sv}: indikatorkatalog / {catalogue.Title.En}: indicator catalogue");
        Line();
        Line("> Genererad från `catalogue/` med `./barometer catalogue doc --out docs/catalogue.md`. Redigera inte för hand: ändra datafilerna och generera om.");
        Line("> Generated from `catalogue/` by `./barometer catalogue doc --out docs/catalogue.md`. Do not edit by hand: change the data files and regenerate.");
        Line();
        Line($"Katalogversion / Catalogue version: **{catalogue.Version.Declared}**. " +
             $"{catalogue.SubGoals.Count} delmål / sub-goals, {catalogue.Indicators.Count} indikatorer / indicators, " +
             $"{catalogue.Questionnaire.Items.Count} enkätfrågor / survey items, {catalogue.Classifications.Count} klassifikationer / classifications.");
        Line();
        Line("## Innehåll / Contents");
        Line();
        foreach (var subGoal in catalogue.SubGoals)
        {
            var count = catalogue.IndicatorsOf(subGoal.Id).Count();
            Line($"- [{subGoal.Order}. {subGoal.Name.Sv} / {subGoal.Name.En}](#{Anchor(subGoal.Id)}) — {count} indikatorer / indicators");
        }

        Line("- [Enkäten / The questionnaire](#questionnaire)");
        Line("- [Klassifikationer / Classifications](#classifications)");
        Line("- [Uttryck / Expressions](#expressions)");
        Line();
        Line($"Each sub-goal names its headline (key) indicators with `headline: [ids]` in `catalogue/subgoals.yaml`: 1 to {SubGoals.SubGoal.MaxHeadline} of");
        Line("its own indicators, in display order. The dashboard's start page shows them for each sub-goal and the yearly");
        Line($"report's summary leads with them. A sub-goal without `headline` leads with its first {SubGoals.SubGoal.DefaultHeadlineCount} indicators.");
        Line();

        foreach (var subGoal in catalogue.SubGoals)
        {
            Line($"<a id=\"{Anchor(subGoal.Id)}\"></a>");
            Line();
            Line($"## {subGoal.Order}. {subGoal.Name.Sv} / {subGoal.Name.En}");
            Line();
            Line(subGoal.Description.Sv);
            Line();
            Line($"*{subGoal.Description.En}*");
            Line();
            var chosen = subGoal.HeadlineChosen ? string.Empty : $" (the first {SubGoals.SubGoal.DefaultHeadlineCount}: `subgoals.yaml` chooses none)";
            Line($"Nyckelindikatorer / Headline indicators: {Code(subGoal.Headline)}{chosen}");
            Line();
            foreach (var indicator in catalogue.IndicatorsOf(subGoal.Id))
            {
                RenderIndicator(catalogue, indicator, Line);
            }
        }

        RenderQuestionnaire(catalogue, Line);
        RenderClassifications(catalogue, Line);
        RenderExpressions(Line);
        return md.ToString();
    }

    private static void RenderIndicator(IndicatorCatalogue catalogue, Indicator indicator, Action<string> line)
    {
        line($"### `{indicator.Id}` — {indicator.Name.Sv} / {indicator.Name.En}");
        line("");
        line($"{indicator.Definition.Sv}<br>*{indicator.Definition.En}*");
        line("");
        line("| | |");
        line("|---|---|");
        var source = indicator.Source.Kind == SourceKind.Survey ? "enkät / survey" : "register / registers";
        line($"| Källa / Source | {source}: {Code(indicator.Source.Variables)} |");
        line($"| Statistika / Statistic | {Statistic(indicator)} |");
        line($"| Population | {Population(catalogue, indicator)} |");
        var unit = catalogue.Unit(indicator.Unit);
        line($"| Enhet / Unit | {unit.Name.Sv} / {unit.Name.En}, {indicator.Decimals.ToString(CultureInfo.InvariantCulture)} decimal(er) |");
        line($"| Bättre / Better | {Direction(indicator.Better)} |");
        var comparisons = indicator.Comparisons.Count == 0
            ? "inga (populationen är redan en grupp) / none (the population is itself one group)"
            : string.Join("; ", indicator.Comparisons.Select(id => catalogue.Comparison(id)).Select(c => $"{c.Name.Sv} / {c.Name.En}"));
        line($"| Jämförelser / Comparisons | {comparisons}{(indicator.Gap == GapKind.Ratio ? " — gapet som kvot / gap as a ratio" : string.Empty)} |");
        line($"| Flickor och pojkar, kvinnor och män var för sig / Separately by sex | {YesNo(indicator.SeparateBySex)} |");
        var breakdowns = string.Join("; ", indicator.Breakdowns
            .Select(b => catalogue.Classification(catalogue.Variable(b).Classification!).Name)
            .Select(name => $"{name.Sv} / {name.En}"));
        line($"| Redovisningsgrupper / Breakdowns | {breakdowns} |");
        line($"| Ålders- och könsstandardiserat gap / Age- and sex-standardised gap | {YesNo(indicator.StandardisedGap)} |");
        if (indicator.Expected is { } expected)
        {
            line($"| Förväntat värde / Expected value | {expected.Description.Sv}<br>*{expected.Description.En}* ({Code(expected.Covariates)}) |");
        }

        if (indicator.ExpectedVersusActual is { } eva)
        {
            var areas = string.Join("; ", eva.Areas.Select(a => catalogue.Classification(catalogue.Variable(a).Classification!).Name).Select(name => $"{name.Sv} / {name.En}"));
            line($"| Förväntat mot faktiskt (indirekt standardisering) / Expected versus actual (indirect standardisation) | {areas}; celler / cells {Code(eva.Cells)} |");
        }

        if (indicator.Source.Kind == SourceKind.Survey)
        {
            var items = ItemsBehind(catalogue, indicator.Source.Variables);
            line($"| Frågor / Questions | {string.Join("<br>", items.Select(i => $"`{i.Id}`: {i.Question.Sv} / *{i.Question.En}*"))} |");
        }

        line("");
    }

    private static string Statistic(Indicator indicator)
    {
        var numerator = $"`{Escape(indicator.Numerator.Text)}`";
        var denominator = indicator.Denominator is { } d ? $"`{Escape(d.Text)}`" : null;
        return indicator.Statistic switch
        {
            StatisticKind.Proportion => $"andel / proportion: {numerator} bland / among {denominator}",
            StatisticKind.Mean => $"medelvärde / mean av / of {numerator}",
            StatisticKind.Median => $"median av / of {numerator}",
            _ => $"kvot / ratio: summan av / sum of {numerator} ÷ summan av / sum of {denominator}",
        };
    }

    private static string Population(IndicatorCatalogue catalogue, Indicator indicator)
    {
        var population = indicator.Population;
        var parts = new List<string>();
        var age = population.Age ?? (indicator.Source.Kind == SourceKind.Survey ? catalogue.Questionnaire.Population : null);
        parts.Add(age is null ? "alla åldrar / all ages" : $"{age} år / years");
        parts.Add(population.Born switch
        {
            BirthScope.ForeignBorn => "utrikes födda / foreign-born",
            BirthScope.NativeBorn => "inrikes födda / native-born",
            _ => "alla / everyone",
        });
        if (population.Filter is { } filter)
        {
            parts.Add($"`{Escape(filter.Text)}`");
        }

        var text = string.Join(", ", parts);
        return population.Description is { } description ? $"{text}<br>{description.Sv} / *{description.En}*" : text;
    }

    /// <summary>The questionnaire items a set of survey variables rests on, following recodes and derived variables.</summary>
    private static List<SurveyItem> ItemsBehind(IndicatorCatalogue catalogue, IEnumerable<string> variables)
    {
        var questionnaire = catalogue.Questionnaire;
        var items = new List<SurveyItem>();
        var pending = new Stack<string>(variables.Reverse());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!seen.Add(name))
            {
                continue;
            }

            if (questionnaire.FindItem(name) is { } item)
            {
                items.Add(item);
            }
            else if (questionnaire.Items.FirstOrDefault(i => i.Recodes.Any(r => r.Name == name)) is { } recoded)
            {
                items.Add(recoded);
            }
            else if (questionnaire.Derived.FirstOrDefault(d => d.Name == name) is { } derived)
            {
                foreach (var input in derived.Formula.Variables.Reverse())
                {
                    pending.Push(input);
                }
            }
        }

        return [.. items.Distinct()];
    }

    private static void RenderQuestionnaire(IndicatorCatalogue catalogue, Action<string> line)
    {
        var questionnaire = catalogue.Questionnaire;
        line("<a id=\"questionnaire\"></a>");
        line("");
        line($"## Enkäten / The questionnaire");
        line("");
        line($"{questionnaire.Title.Sv} / *{questionnaire.Title.En}*. Population: {questionnaire.Population} år / years. " +
             "Varje skala har koder för vet ej och inget svar. / Every scale has codes for don't know and no answer.");
        line("");
        RenderLanguages(questionnaire, line);
        line("| Fråga / Item | Frågetext / Question | Skala / Scale | Vem får frågan / Who is asked | Omkodning / Recode |");
        line("|---|---|---|---|---|");
        foreach (var item in questionnaire.Items)
        {
            var scale = questionnaire.FindScale(item.Scale)!;
            var codes = string.Join(", ", scale.Codes.Select(c => $"{c.Code.ToString(CultureInfo.InvariantCulture)} {c.Label.Sv}"));
            var recodes = string.Join("<br>", item.Recodes.Select(r => $"`{r.Name}`: {Rules(r)}"));
            var filter = item.Filter is { } f ? $"`{Escape(f.Text)}`" : "alla / everyone";
            line($"| `{item.Id}` | {item.Question.Sv}<br>*{item.Question.En}* | {codes} | {filter} | {recodes} |");
        }

        line("");
        line("Härledda enkätvariabler / Derived survey variables:");
        line("");
        foreach (var derived in questionnaire.Derived)
        {
            line($"- `{derived.Name}` = `{Escape(derived.Formula.Text)}` — {derived.Description.Sv} / *{derived.Description.En}*");
        }

        line("");
    }

    /// <summary>Each declared language of the questionnaire with the TRAPD status of its texts, as the translation files record it.</summary>
    private static void RenderLanguages(Questionnaire questionnaire, Action<string> line)
    {
        var languages = new QuestionnaireLanguages(questionnaire);
        line("Språk / Languages (TRAPD: translated → reviewed → adjudicated → pretested). Ett språk med en text som inte är " +
             "bedömd (adjudicated) fältas bara med `barometer field --allow-draft-translations`. / A language with a text not yet " +
             "adjudicated is fielded only with `barometer field --allow-draft-translations`.");
        line("");
        line("| Språk / Language | Fil / File | Riktning / Direction | Texter / Texts | Status | Fältas / Fielded |");
        line("|---|---|---|---|---|---|");
        foreach (var language in languages.All)
        {
            var file = language.Translation is { } t ? $"`{t.File}`" : "`questionnaire.yaml`";
            var direction = language.Direction == TextDirection.RightToLeft ? "rtl" : "ltr";
            var texts = language.Translation is { } translation ? translation.Texts.Count().ToString(CultureInfo.InvariantCulture) : "–";
            var status = language.IsSource ? "källa / source" : QuestionnaireLanguages.Describe(language).Split(": ", 2)[1];
            var fielded = language.IsAdjudicated ? "ja / yes" : "utkast: bara med flaggan / draft: only with the flag";
            line($"| `{language.Code}` {language.Name} | {file} | {direction} | {texts} | {status} | {fielded} |");
        }

        line("");
    }

    private static string Rules(Recode recode) =>
        string.Join("; ", recode.Rules.Select(rule =>
        {
            var from = string.Join(",", rule.Codes.Select(c => c.ToString(CultureInfo.InvariantCulture)));
            var to = rule.KeepCode ? "koden / the code" : rule.To is { } value ? value.ToString(CultureInfo.InvariantCulture) : "saknas / missing";
            return $"{from} → {to}";
        }));

    private static void RenderClassifications(IndicatorCatalogue catalogue, Action<string> line)
    {
        line("<a id=\"classifications\"></a>");
        line("");
        line("## Klassifikationer / Classifications");
        line("");
        line("| Id | Namn / Name | Koder / Codes | Källa / Source |");
        line("|---|---|---|---|");
        foreach (var classification in catalogue.Classifications)
        {
            var codes = classification.Codes.Count <= 12
                ? string.Join(", ", classification.Codes.Select(c => $"{c.Code} {c.Label.Sv}"))
                : $"{classification.Codes.Count.ToString(CultureInfo.InvariantCulture)} koder / codes";
            line($"| `{classification.Id}` | {classification.Name.Sv} / {classification.Name.En} | {codes} | {classification.Source ?? string.Empty} |");
        }

        line("");
        line("Registervariabler som registren levererar / Register variables the registers deliver:");
        line("");
        foreach (var variable in catalogue.RegisterVariables)
        {
            var type = variable.Classification is { } c ? $"{Snake(variable.Type)} ({c})" : Snake(variable.Type);
            line($"- `{variable.Name}` — {type}, {variable.Register}: {variable.Description.Sv} / *{variable.Description.En}*");
        }

        line("");
        line("Härledda registervariabler / Derived register variables:");
        line("");
        foreach (var derived in catalogue.DerivedVariables)
        {
            var how = derived.Derivation switch
            {
                ExpressionDerivation e => $"`{Escape(e.Formula.Text)}`",
                MappingDerivation m => $"`{m.From}` → `{m.Classification}`",
                BandDerivation b => $"`{b.From}` i band / in bands `{b.Classification}`" + (b.MissingCode is { } code ? $", saknas / missing → `{code}`" : string.Empty),
                RuleDerivation r => $"regel / rule `{r.Rule}`({string.Join(", ", r.Inputs)})",
                _ => string.Empty,
            };
            line($"- `{derived.Name}` = {how} — {derived.Description.Sv} / *{derived.Description.En}*");
        }

        line("");
    }

    private static void RenderExpressions(Action<string> line)
    {
        line("<a id=\"expressions\"></a>");
        line("");
        line("## Uttryck / Expressions");
        line("");
        line("Numerators, denominators, populations, filters and derived variables are expressions over named variables:");
        line("`and`, `or`, `not`; comparisons `== != < <= > >=`; membership `x in [1, 2, 4..5]` and `x not in [\"1\", \"2\"]`;");
        line("arithmetic `+ - * /`; numbers, quoted classification codes (`\"SE\"`), `true`, `false`; and the functions");
        line("`missing(x)`, `mean(...)`, `mean_of_answered(k, ...)`, `sum(...)`, `min(...)`, `max(...)`.");
        line("A missing operand makes a comparison or arithmetic missing; `false and missing` is false and `true or missing` is");
        line("true. A person is in a population or a base only when its condition is true. Unit `percent` means that a");
        line("proportion or ratio is published multiplied by 100.");
    }

    private static string Direction(Direction direction) => direction switch
    {
        Indicators.Direction.Higher => "högre / higher",
        Indicators.Direction.Lower => "lägre / lower",
        _ => "ingen riktning / neither",
    };

    private static string YesNo(bool value) => value ? "ja / yes" : "nej / no";

    private static string Code(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"`{n}`"));

    private static string Snake(VariableType type) => Loading.YamlMap.SnakeCase(type.ToString());

    private static string Anchor(string id) => "subgoal-" + id.Replace('_', '-');

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

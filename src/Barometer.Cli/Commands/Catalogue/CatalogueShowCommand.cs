using System.CommandLine;
using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Classifications;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Questionnaires;
using Barometer.Catalogue.SubGoals;
using Barometer.Catalogue.Text;
using Barometer.Cli.Hosting;
using Spectre.Console;

namespace Barometer.Cli.Commands.Catalogue;

/// <summary><c>barometer catalogue show ID</c>: everything the catalogue says about one indicator, item, variable or classification.</summary>
internal static class CatalogueShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID")
        {
            Description = "An indicator id (e.g. trust_parliament); also a sub-goal, survey item, variable or classification id.",
        };
        var directory = CatalogueCommand.DirectoryOption();
        var language = CatalogueCommand.LanguageOption();
        var command = new Command("show", "Show one indicator in full (or a sub-goal, survey item, variable or classification).")
        {
            id, directory, language,
        };
        command.SetAction(parse =>
        {
            var catalogue = CatalogueCommand.Load(parse.GetValue(directory));
            var lang = CatalogueCommand.ParseLanguage(parse.GetValue(language)!);
            var name = parse.GetValue(id)!;
            var table = new Table().Border(TableBorder.Simple).HideHeaders();
            table.AddColumns("field", "value");
            void Row(string field, string value) => table.AddRow(Markup.Escape(field), Markup.Escape(value));

            if (catalogue.FindIndicator(name) is { } indicator)
            {
                ShowIndicator(catalogue, indicator, lang, Row);
            }
            else if (catalogue.SubGoals.FirstOrDefault(s => s.Id == name) is { } subGoal)
            {
                Row("sub-goal", subGoal.Id);
                Row("name", subGoal.Name[lang]);
                Row("description", subGoal.Description[lang]);
                Row("headline", string.Join(", ", subGoal.Headline) + (subGoal.HeadlineChosen ? string.Empty : $" (the first {SubGoal.DefaultHeadlineCount}; subgoals.yaml chooses none)"));
                Row("indicators", string.Join(", ", catalogue.IndicatorsOf(subGoal.Id).Select(i => i.Id)));
            }
            else if (catalogue.Questionnaire.FindItem(name) is { } item)
            {
                ShowItem(catalogue, item, lang, Row);
            }
            else if (catalogue.FindClassification(name) is { } classification)
            {
                ShowClassification(classification, lang, Row);
            }
            else if (catalogue.FindVariable(name) is { } variable)
            {
                Row("variable", variable.Name);
                Row("origin", variable.Origin.ToString());
                Row("type", variable.Type.ToString());
                Row("classification", variable.Classification ?? "-");
                Row("description", variable.Description[lang]);
                Row("defined at", variable.Location.ToString());
                Row("used by", string.Join(", ", catalogue.Indicators.Where(i => Uses(i, name)).Select(i => i.Id).DefaultIfEmpty("-")));
            }
            else
            {
                throw new UserErrorException($"'{name}' is not an indicator, sub-goal, survey item, classification or variable of the catalogue; `barometer catalogue list` lists the indicators");
            }

            CatalogueCommand.Console(parse).Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void ShowIndicator(IndicatorCatalogue catalogue, Indicator indicator, Language lang, Action<string, string> row)
    {
        row("indicator", indicator.Id);
        row("name", indicator.Name[lang]);
        row("definition", indicator.Definition[lang]);
        row("sub-goal", $"{indicator.SubGoal} ({catalogue.SubGoal(indicator.SubGoal).Name[lang]})");
        row("source", $"{(indicator.Source.Kind == SourceKind.Survey ? "survey" : "register")}: {string.Join(", ", indicator.Source.Variables)}");
        row("statistic", indicator.Statistic.ToString().ToLowerInvariant());
        row("numerator", indicator.Numerator.Text);
        row("denominator", indicator.Denominator?.Text ?? "-");
        var population = indicator.Population;
        var age = population.Age ?? (indicator.Source.Kind == SourceKind.Survey ? catalogue.Questionnaire.Population : null);
        row("population", $"ages {age?.ToString() ?? "all"}; born: {population.Born}" + (population.Filter is { } f ? $"; filter: {f.Text}" : string.Empty));
        if (population.Description is { } description)
        {
            row(string.Empty, description[lang]);
        }

        row("unit", $"{catalogue.Unit(indicator.Unit).Name[lang]}, {indicator.Decimals.ToString(CultureInfo.InvariantCulture)} decimal(s)");
        row("better", indicator.Better.ToString().ToLowerInvariant());
        row("comparisons", string.Join("; ", indicator.Comparisons.Select(c => catalogue.Comparison(c).Name[lang]).DefaultIfEmpty("-")) + $" (gap: {indicator.Gap.ToString().ToLowerInvariant()})");
        row("separately by sex", indicator.SeparateBySex ? "yes" : "no");
        row("breakdowns", string.Join(", ", indicator.Breakdowns));
        row("standardised gap", indicator.StandardisedGap ? "yes (age and sex)" : "no");
        if (indicator.Expected is { } expected)
        {
            row("expected value", $"{expected.Description[lang]} Covariates: {string.Join(", ", expected.Covariates)}");
        }

        row("defined at", indicator.Location.ToString());
    }

    private static void ShowItem(IndicatorCatalogue catalogue, SurveyItem item, Language lang, Action<string, string> row)
    {
        row("survey item", item.Id);
        row("question", item.Question[lang]);
        row("block", item.Block);
        row("asked of", item.Filter?.Text ?? "everyone");
        var scale = catalogue.Questionnaire.FindScale(item.Scale)!;
        row("scale", $"{scale.Id}: " + string.Join("; ", scale.Codes.Select(c => $"{c.Code.ToString(CultureInfo.InvariantCulture)} {c.Label[lang]}")));
        foreach (var recode in item.Recodes)
        {
            row($"recode {recode.Name}", string.Join("; ", recode.Rules.Select(r =>
                $"{string.Join(",", r.Codes)} → {(r.KeepCode ? "code" : r.To?.ToString(CultureInfo.InvariantCulture) ?? "missing")}")));
        }

        row("defined at", item.Location.ToString());
    }

    private static void ShowClassification(Classification classification, Language lang, Action<string, string> row)
    {
        row("classification", classification.Id);
        row("name", classification.Name[lang]);
        row("source", classification.Source ?? "-");
        row("codes", classification.Codes.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var code in classification.Codes)
        {
            var mappings = code.Mappings.Count == 0 ? string.Empty : "  → " + string.Join(", ", code.Mappings.Select(m => $"{m.Key} {m.Value}"));
            row(code.Code, code.Label[lang] + mappings);
        }
    }

    private static bool Uses(Indicator indicator, string name) =>
        indicator.Source.Variables.Contains(name)
        || indicator.Numerator.Variables.Contains(name)
        || (indicator.Denominator?.Variables.Contains(name) ?? false)
        || (indicator.Population.Filter?.Variables.Contains(name) ?? false)
        || indicator.Breakdowns.Contains(name);
}

using System.CommandLine;
using Barometer.Catalogue.Indicators;
using Barometer.Cli.Hosting;
using Spectre.Console;

namespace Barometer.Cli.Commands.Catalogue;

/// <summary><c>barometer catalogue list</c>: a table of the indicators, sub-goal by sub-goal.</summary>
internal static class CatalogueListCommand
{
    public static Command Create()
    {
        var directory = CatalogueCommand.DirectoryOption();
        var language = CatalogueCommand.LanguageOption();
        var subGoal = new Option<string?>("--subgoal") { Description = "Only the indicators of this sub-goal (e.g. democratic)." };
        var command = new Command("list", "List the indicators of the catalogue with their sub-goal, source, statistic and unit.")
        {
            directory, language, subGoal,
        };
        command.SetAction(parse =>
        {
            var catalogue = CatalogueCommand.Load(parse.GetValue(directory));
            var lang = CatalogueCommand.ParseLanguage(parse.GetValue(language)!);
            var only = parse.GetValue(subGoal);
            if (only is not null && catalogue.SubGoals.All(s => s.Id != only))
            {
                throw new UserErrorException($"--subgoal '{only}' is not a sub-goal; the sub-goals are {string.Join(", ", catalogue.SubGoals.Select(s => s.Id))}");
            }

            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns("id", "sub-goal", "name", "source", "statistic", "unit");
            foreach (var indicator in catalogue.Indicators.Where(i => only is null || i.SubGoal == only))
            {
                table.AddRow(
                    Markup.Escape(indicator.Id),
                    Markup.Escape(indicator.SubGoal),
                    Markup.Escape(indicator.Name[lang]),
                    indicator.Source.Kind == SourceKind.Survey ? "survey" : "register",
                    indicator.Statistic.ToString().ToLowerInvariant(),
                    Markup.Escape(catalogue.Unit(indicator.Unit).Name[lang]));
            }

            CatalogueCommand.Console(parse).Write(table);
            parse.InvocationConfiguration.Output.WriteLine($"{table.Rows.Count} indicator(s); catalogue version {catalogue.Version}");
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using Barometer.Catalogue;
using Barometer.Catalogue.Questionnaires;
using Barometer.Cli.Hosting;

namespace Barometer.Cli.Commands.Catalogue;

/// <summary><c>barometer catalogue validate [DIR]</c>: load and check a catalogue folder, listing every problem.</summary>
internal static class CatalogueValidateCommand
{
    public static Command Create()
    {
        var directory = new Argument<string?>("DIR")
        {
            Description = "The catalogue folder to check (default: catalogue/ in the repository).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command(
            "validate",
            "Check a catalogue folder: every file, every reference between files, every expression, recode and " +
            "classification code. Lists all problems with file and line and exits 1 if there are any.")
        {
            directory,
        };
        command.SetAction(parse =>
        {
            var folder = CatalogueCommand.ResolveDirectory(parse.GetValue(directory));
            var result = IndicatorCatalogue.TryLoad(folder);
            if (result.Catalogue is not { } catalogue)
            {
                throw new UserErrorException(CatalogueCommand.DescribeProblems(folder, result.Problems));
            }

            parse.InvocationConfiguration.Output.WriteLine(
                $"catalogue {folder} is valid: version {catalogue.Version}; {catalogue.SubGoals.Count} sub-goals, " +
                $"{catalogue.Indicators.Count} indicators, {catalogue.Questionnaire.Items.Count} survey items, " +
                $"{catalogue.RegisterVariables.Count} register variables, {catalogue.Classifications.Count} classifications");
            var languages = new QuestionnaireLanguages(catalogue.Questionnaire);
            parse.InvocationConfiguration.Output.WriteLine(
                $"questionnaire languages: {string.Join(", ", languages.All.Select(l => l.Code))} (every text present, placeholders and answer codes as in the source)");
            foreach (var language in languages.All.Where(l => !l.IsSource))
            {
                parse.InvocationConfiguration.Output.WriteLine(
                    $"  {language.Code} {language.Name}: {QuestionnaireLanguages.Describe(language)}{(language.IsAdjudicated ? string.Empty : " (draft: fielded only with --allow-draft-translations)")}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}

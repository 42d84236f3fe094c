using System.CommandLine;
using Barometer.Catalogue;
using Barometer.Catalogue.Loading;
using Barometer.Catalogue.Text;
using Barometer.Cli.Hosting;
using Spectre.Console;

namespace Barometer.Cli.Commands.Catalogue;

/// <summary>
/// <c>barometer catalogue list|show|validate|doc</c>: inspect and check the indicator catalogue (catalogue/ in the
/// repository, or any folder laid out like it).
/// </summary>
internal static class CatalogueCommand
{
    public static Command Create()
    {
        var command = new Command(
            "catalogue",
            "Inspect and check the indicator catalogue: sub-goals, indicators, questionnaire and classifications.");
        command.Subcommands.Add(CatalogueListCommand.Create());
        command.Subcommands.Add(CatalogueShowCommand.Create());
        command.Subcommands.Add(CatalogueValidateCommand.Create());
        command.Subcommands.Add(CatalogueDocCommand.Create());
        return command;
    }

    internal static Option<string?> DirectoryOption() => new("--dir")
    {
        Description = "The catalogue folder (default: catalogue/ in the repository).",
    };

    internal static Option<string> LanguageOption() => new("--lang")
    {
        Description = "Language of names and texts: sv (default) or en.",
        DefaultValueFactory = _ => "sv",
        CustomParser = result =>
        {
            var value = result.Tokens.Count == 0 ? "sv" : result.Tokens[0].Value;
            if (value is not ("sv" or "en"))
            {
                result.AddError($"--lang must be sv or en, not '{value}'");
            }

            return value;
        },
    };

    internal static Language ParseLanguage(string value) => value == "en" ? Language.En : Language.Sv;

    /// <summary>Loads the catalogue, turning a defective one into a user error that lists every problem.</summary>
    internal static IndicatorCatalogue Load(string? directory)
    {
        var folder = ResolveDirectory(directory);
        var result = IndicatorCatalogue.TryLoad(folder);
        if (result.Catalogue is { } catalogue)
        {
            return catalogue;
        }

        throw new UserErrorException(DescribeProblems(folder, result.Problems) +
            $"{Environment.NewLine}Run `barometer catalogue validate {folder}` after fixing them.");
    }

    internal static string ResolveDirectory(string? directory)
    {
        if (directory is not null)
        {
            return Path.GetFullPath(directory);
        }

        try
        {
            return CatalogueLocator.Locate();
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new UserErrorException(ex.Message, ex);
        }
    }

    internal static string DescribeProblems(string folder, IReadOnlyList<CatalogueProblem> problems) =>
        $"the catalogue in {folder} has {problems.Count} problem(s); paths are relative to that folder:{Environment.NewLine}" +
        string.Join(Environment.NewLine, problems.Select(p => "  " + p));

    /// <summary>A Spectre console that writes plain text to the command's output (no colours, fixed width).</summary>
    internal static IAnsiConsole Console(ParseResult parse)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(parse.InvocationConfiguration.Output),
        });
        console.Profile.Width = 160;
        return console;
    }
}

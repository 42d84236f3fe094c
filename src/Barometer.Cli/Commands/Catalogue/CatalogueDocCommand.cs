using System.CommandLine;
using System.Text;
using Barometer.Catalogue.Documentation;
using Barometer.Cli.Hosting;

namespace Barometer.Cli.Commands.Catalogue;

/// <summary><c>barometer catalogue doc --out docs/catalogue.md</c>: write the bilingual reference generated from the data.</summary>
internal static class CatalogueDocCommand
{
    public static Command Create()
    {
        var directory = CatalogueCommand.DirectoryOption();
        var output = new Option<string?>("--out")
        {
            Description = "Write the Markdown to this file (default: print it). The repository keeps it in docs/catalogue.md.",
        };
        var command = new Command(
            "doc",
            "Generate the bilingual Markdown reference of the catalogue (every indicator with definition, source and " +
            "breakdowns; the questionnaire; the classifications) from the data files.")
        {
            directory, output,
        };
        command.SetAction(parse =>
        {
            var catalogue = CatalogueCommand.Load(parse.GetValue(directory));
            var markdown = CatalogueMarkdown.Render(catalogue);
            if (parse.GetValue(output) is { } path)
            {
                var full = Path.GetFullPath(path);
                if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
                {
                    throw new UserErrorException($"cannot write {full}: the folder {folder} does not exist");
                }

                File.WriteAllText(full, markdown, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                parse.InvocationConfiguration.Output.WriteLine($"wrote {full} ({catalogue.Indicators.Count} indicators, catalogue version {catalogue.Version})");
            }
            else
            {
                parse.InvocationConfiguration.Output.Write(markdown);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

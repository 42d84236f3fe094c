using System.CommandLine;

namespace Barometer.Cli.Hosting;

/// <summary>Builds the <c>barometer</c> command tree and maps outcomes to exit codes.</summary>
internal static class CliApplication
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "Integrationsbarometern: follow up Sweden's integration policy goal by comparing foreign-born and " +
            "native-born with registers and a calibrated sample survey.");
        root.Subcommands.Add(Commands.Demo.DemoCommand.Create());
        root.Subcommands.Add(Commands.Catalogue.CatalogueCommand.Create());
        root.Subcommands.Add(Commands.Estimate.EstimateCommand.Create());
        root.Subcommands.Add(Commands.Synth.SynthCommand.Create());
        root.Subcommands.Add(Commands.Ingest.IngestCommand.Create());
        root.Subcommands.Add(Commands.Status.StatusCommand.Create());
        root.Subcommands.Add(Commands.Run.RunCommand.Create());
        root.Subcommands.Add(Commands.Design.DesignCommand.Create());
        root.Subcommands.Add(Commands.Plan.PlanCommand.Create());
        root.Subcommands.Add(Commands.Draw.DrawCommand.Create());
        root.Subcommands.Add(Commands.Field.FieldCommand.Create());
        root.Subcommands.Add(Commands.Release.ReleaseCommand.Create());
        root.Subcommands.Add(Commands.Publish.PublishCommand.Create());
        root.Subcommands.Add(Commands.Report.ReportCommand.Create());
        root.Subcommands.Add(Commands.Profile.ProfileCommand.Create());
        root.Subcommands.Add(Commands.Serve.ServeCommand.Create());
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = BuildRoot();
        var config = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            var parse = root.Parse(args);
            return parse.Invoke(config);
        }
        catch (UserErrorException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return ExitCodes.UserError;
        }
#pragma warning disable CA1031 // The last line of defence: any unanticipated exception is a defect, reported as such.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stderr.WriteLine("internal error: the barometer hit a defect it did not anticipate. Please report it with the text below.");
            stderr.WriteLine(ex.ToString());
            return ExitCodes.InternalError;
        }
    }
}

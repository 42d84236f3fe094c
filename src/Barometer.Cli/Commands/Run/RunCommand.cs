using System.CommandLine;
using System.Globalization;
using Barometer.Catalogue;
using Barometer.Cli.Hosting;
using Barometer.Production;
using Barometer.Production.Runs;
using Barometer.Storage;
using Spectre.Console;

namespace Barometer.Cli.Commands.Run;

/// <summary>
/// <c>barometer run --wave 2026</c>: the production run of one wave into the store, in one transaction, with a
/// progress bar per phase and a summary table of what was computed, suppressed and flagged.
/// </summary>
internal static class RunCommand
{
    /// <summary>
    /// Crash-safety test hook: when set to a file path, the run writes that file just before it commits and then
    /// waits, so a test can kill the process with the transaction open. Never set in normal use.
    /// </summary>
    public const string HoldBeforeCommitVariable = "BAROMETER_TEST_HOLD_RUN_BEFORE_COMMIT";

    public static Command Create()
    {
        var waveOption = new Option<int>("--wave") { Description = "The survey wave (a year) to run, e.g. 2026.", Required = true };
        var storeOption = StoreOptions.Store();
        var catalogueOption = StoreOptions.Catalogue();
        var command = new Command(
            "run",
            "Calibrate a wave, estimate every indicator of the catalogue for every published breakdown and group (gaps, " +
            "standardised gaps, change since the previous wave), compute the register indicators, apply the quality and " +
            "disclosure rules, and store the results in one transaction.")
        {
            waveOption, storeOption, catalogueOption,
        };
        command.SetAction(parse =>
        {
            var catalogue = StoreOptions.LoadCatalogue(parse.GetValue(catalogueOption));
            var output = parse.InvocationConfiguration.Output;
            using var store = StoreOptions.OpenExisting(parse.GetValue(storeOption)!);
            Execute(store, catalogue, parse.GetValue(waveOption), output);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static RunOutcome Execute(BarometerStore store, IndicatorCatalogue catalogue, int wave, TextWriter output)
    {
        var console = StoreOptions.Console(output);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        RunOutcome outcome;
        try
        {
            outcome = console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context => new ProductionRun(store, catalogue) { BeforeCommit = TransactionTestHook.HoldBeforeCommit(HoldBeforeCommitVariable, "run") }.Run(wave, new PhaseProgress(context)));
        }
        catch (ProductionException ex)
        {
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"run of wave {wave}: {ex.Message}"), ex);
        }

        var table = new Table()
            .AddColumn("source").AddColumn("measure")
            .AddColumn(new TableColumn("computed").RightAligned()).AddColumn(new TableColumn("published").RightAligned())
            .AddColumn(new TableColumn("suppressed").RightAligned()).AddColumn(new TableColumn("flagged").RightAligned());
        foreach (var line in outcome.Summary)
        {
            table.AddRow(line.Source, line.Measure, N(line.Computed), N(line.Published), N(line.Suppressed), N(line.Flagged));
        }

        console.Write(table);
        foreach (var problem in outcome.Problems.Take(10))
        {
            console.WriteLine("not estimable: " + problem);
        }

        if (outcome.Problems.Count > 10)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"… and {outcome.Problems.Count - 10} more estimates the engine could not compute."));
        }

        var phases = string.Join(", ", outcome.PhaseSeconds.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:F1} s")));
        var since = outcome.ChangesAgainst is { } b
            ? string.Create(CultureInfo.InvariantCulture, $"change since {b.Wave} (its released version {b.Version}; ")
              + (outcome.CommonRespondents > 0
                  ? string.Create(CultureInfo.InvariantCulture, $"{outcome.CommonRespondents:N0} respondents in both waves, whose covariance is in the change intervals)")
                  : "no respondents in both waves: independent samples)")
            : outcome.PreviousWave is { } p
                ? string.Create(CultureInfo.InvariantCulture, $"wave {p} is not released, so no change (release it and run this wave again)")
                : "no earlier wave run, so no change";
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Run {outcome.RunId} of wave {wave}: {outcome.Rows:N0} results stored in {watch.Elapsed.TotalSeconds:F1} s ({phases}); {since}. Store: {store.Path}."));
        return outcome;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);


}

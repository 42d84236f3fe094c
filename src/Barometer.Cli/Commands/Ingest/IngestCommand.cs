using System.CommandLine;
using System.Globalization;
using Barometer.Cli.Hosting;
using Barometer.Storage.Calibration;
using Barometer.Storage.Ingestion;
using Spectre.Console;

namespace Barometer.Cli.Commands.Ingest;

/// <summary>
/// <c>barometer ingest</c>: loads a register extract and/or a survey wave into the store, checked against the
/// codebook and the catalogue's classifications before anything is written. One transaction: either everything
/// is stored or, with any problem, nothing.
/// </summary>
internal static class IngestCommand
{
    /// <summary>
    /// Crash-safety test hook: when set to a file path, the ingest writes that file just before it commits and then
    /// waits, so a test can kill the process with the transaction open. Never set in normal use.
    /// </summary>
    public const string HoldBeforeCommitVariable = "BAROMETER_TEST_HOLD_BEFORE_COMMIT";

    public static Command Create()
    {
        var registerOption = new Option<string?>("--register") { Description = "A register file (.parquet, .csv) or a folder of them." };
        var surveyOption = new Option<string?>("--survey") { Description = "The wave's survey files: a file or a folder (gross sample, responses)." };
        var waveOption = new Option<int?>("--wave") { Description = "The survey wave (a year), e.g. 2026; required with --survey." };
        var codebookOption = new Option<string?>("--codebook")
        {
            Description = "The codebook describing the files. [default: the nearest codebook.yaml at or above the inputs]",
        };
        var totalsOption = new Option<string?>("--totals")
        {
            Description = "Calibration totals for the wave: a PX or JSON-stat file from Statistikdatabasen, or a CSV (variables…, total). Imported on its own.",
        };
        var totalsSetOption = new Option<string?>("--totals-set") { Description = "The name of the totals set. [default: the file name without extension]" };
        var allowDroppingOption = new Option<bool>("--allow-dropping")
        {
            Description = "Let a re-ingest drop a file stored earlier for the register extract or the wave that the new input no longer has (refused without it).",
        };
        var storeOption = StoreOptions.Store();
        var catalogueOption = StoreOptions.Catalogue();
        var designOption = Plan.SampleDesignOptions.Design();
        designOption.Description += " A register ingest keeps the frame's sizes per combination of its strata columns and age, for `barometer plan`.";
        var command = new Command(
            "ingest",
            "Load a register extract and/or a survey wave into the store, checked against the codebook and the catalogue " +
            "first: with any problem nothing is written. The same files again change nothing; changed files replace the " +
            "earlier register extract or unreleased wave.")
        {
            registerOption, surveyOption, waveOption, codebookOption, totalsOption, totalsSetOption, allowDroppingOption, storeOption, catalogueOption, designOption,
        };
        command.SetAction(parse =>
        {
            var register = parse.GetValue(registerOption);
            var survey = parse.GetValue(surveyOption);
            var wave = parse.GetValue(waveOption);
            var totals = parse.GetValue(totalsOption);
            if (totals is not null)
            {
                if (register is not null || survey is not null)
                {
                    throw new UserErrorException(
                        "--totals is imported on its own (one transaction per ingest): run 'barometer ingest --totals FILE --wave YEAR' separately. Nothing was written.");
                }

                if (wave is null)
                {
                    throw new UserErrorException("--totals needs --wave (the wave the totals calibrate). Nothing was written.");
                }

                return RunTotals(totals, parse.GetValue(totalsSetOption), wave.Value, parse.GetValue(storeOption)!,
                    parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            }

            if (register is null && survey is null)
            {
                throw new UserErrorException("give --register, --survey or both (or --totals). Nothing was written.");
            }

            if (survey is not null && wave is null)
            {
                throw new UserErrorException("--survey needs --wave (the year of the wave, e.g. --wave 2026). Nothing was written.");
            }

            if (wave is < 1900 or > 2200)
            {
                throw new UserErrorException($"--wave: {wave} is not a plausible survey year. Nothing was written.");
            }

            var catalogue = StoreOptions.LoadCatalogue(parse.GetValue(catalogueOption));
            var frameCells = register is null ? null : Plan.SampleDesignOptions.FrameCells(parse.GetValue(designOption), parse.GetValue(catalogueOption), catalogue);
            var request = new IngestRequest(register, survey, wave, parse.GetValue(codebookOption),
                catalogue.ClassificationCodes, parse.GetValue(allowDroppingOption), frameCells);
            return Run(request, parse.GetValue(storeOption)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private static int Run(IngestRequest request, string storePath, TextWriter output, TextWriter error)
    {
        var console = StoreOptions.Console(output);
        using var store = StoreOptions.Open(storePath);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var outcome = console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var ingestor = new Ingestor(store, new PhaseProgress(context)) { BeforeCommit = TransactionTestHook.HoldBeforeCommit(HoldBeforeCommitVariable, "ingest") };
                return ingestor.Ingest(request);
            });

        if (outcome.Status == IngestStatus.Rejected)
        {
            ReportProblems(outcome, error);
        }

        foreach (var message in outcome.Messages)
        {
            console.WriteLine(message);
        }

        var files = new Table().AddColumn("file").AddColumn("kind").AddColumn(new TableColumn("rows").RightAligned()).AddColumn("table");
        foreach (var file in outcome.Files)
        {
            files.AddRow(Markup.Escape(file.Path), file.Kind, file.Rows.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(file.TableName));
        }

        console.Write(files);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Store: {store.Path} ({watch.Elapsed.TotalSeconds:F1} s)."));
        return ExitCodes.Ok;
    }

    private static int RunTotals(string path, string? setId, int wave, string storePath, TextWriter output, TextWriter error)
    {
        var problems = new IngestProblems();
        var totals = TotalsFile.Read(path, problems);
        IngestOutcome outcome;
        if (problems.Count > 0)
        {
            outcome = new IngestOutcome(IngestStatus.Rejected, [], [], problems.Listed, problems.Count);
        }
        else
        {
            using var store = StoreOptions.Open(storePath);
            var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
            outcome = new CalibrationTotalsStore(store).Import(setId ?? Path.GetFileNameWithoutExtension(path), wave, Path.GetFileName(path), sha256, totals);
        }

        if (outcome.Status == IngestStatus.Rejected)
        {
            ReportProblems(outcome, error);
        }

        foreach (var message in outcome.Messages)
        {
            output.WriteLine(message);
        }

        return ExitCodes.Ok;
    }

    private static void ReportProblems(IngestOutcome outcome, TextWriter error)
    {
        var errors = StoreOptions.Console(error);
        var table = new Table().AddColumn("file").AddColumn(new TableColumn("row").RightAligned()).AddColumn("column").AddColumn("expected").AddColumn("actual");
        foreach (var p in outcome.Problems)
        {
            table.AddRow(
                Markup.Escape(p.File), p.Row?.ToString("N0", CultureInfo.InvariantCulture) ?? "", Markup.Escape(p.Column ?? ""),
                Markup.Escape(p.Expected), Markup.Escape(p.Actual));
        }

        errors.Write(table);
        var rest = outcome.ProblemCount - outcome.Problems.Count;
        if (rest > 0)
        {
            errors.WriteLine(string.Create(CultureInfo.InvariantCulture, $"… and {rest:N0} more problem(s) not listed."));
        }

        throw new UserErrorException(string.Create(CultureInfo.InvariantCulture,
            $"ingest rejected: {outcome.ProblemCount:N0} problem(s) in the input (listed above). Nothing was written; the store is as it was."));
    }
}

using System.CommandLine;
using System.Globalization;
using Barometer.Catalogue;
using Barometer.Cli.Commands.Release;
using Barometer.Cli.Commands.Run;
using Barometer.Cli.Commands.Synth;
using Barometer.Cli.Hosting;
using Barometer.Production.Runs;
using Barometer.Storage;
using Barometer.Storage.Ingestion;
using Barometer.Synthetic;
using Barometer.Synthetic.Output;
using Spectre.Console;

namespace Barometer.Cli.Commands.Demo;

/// <summary>
/// <c>barometer demo</c>: synthetic Sweden → ingest (register and every wave) → run (every wave) → release (due now)
/// → serve. Each stage reuses what is already there: an existing synthetic folder of the same scale, files already
/// ingested (same SHA-256), runs whose input and catalogue have not changed, waves already released.
/// </summary>
internal static class DemoCommand
{
    /// <summary>
    /// The largest scale that finishes in about a minute on the 2-core reference machine: 2.6 million persons and
    /// five waves of about 14,500 respondents, 45 s from nothing to released (`demo --scale 0.25 --no-serve`).
    /// </summary>
    public const double DefaultScale = 0.25;

    public static Command Create()
    {
        var scaleOption = new Option<double>("--scale")
        {
            Description = "Fraction of Sweden to generate (1 = 10.6 million persons).",
            DefaultValueFactory = _ => DefaultScale,
        };
        var storeOption = StoreOptions.Store();
        var noServeOption = new Option<bool>("--no-serve") { Description = "Stop after the release instead of serving the dashboard and API." };
        var catalogueOption = StoreOptions.Catalogue();
        var command = new Command(
            "demo",
            "Build a synthetic Sweden, run the whole barometer on it into the embedded store (ingest, run every wave, " +
            "release), and serve the dashboard and API on http://127.0.0.1:5080. Running it again reuses what exists.")
        {
            scaleOption, storeOption, noServeOption, catalogueOption,
        };
        command.SetAction(parse =>
        {
            var scale = parse.GetValue(scaleOption);
            var options = new SynthOptions(scale, SynthCommand.DefaultSeed, SynthOptions.DefaultWaves, OutputFormat.Parquet) { CountyEffect = SynthOptions.DemoCountyEffect };
            var problems = options.Validate();
            if (problems.Count > 0)
            {
                throw new UserErrorException("--scale: " + string.Join(" ", problems) + " Nothing was written.");
            }

            var output = parse.InvocationConfiguration.Output;
            var storePath = Path.GetFullPath(parse.GetValue(storeOption)!);
            var catalogue = StoreOptions.LoadCatalogue(parse.GetValue(catalogueOption));
            var frameCells = Plan.SampleDesignOptions.FrameCells(null, parse.GetValue(catalogueOption), catalogue);
            Prepare(options, storePath, catalogue, frameCells, output);
            if (parse.GetValue(noServeOption))
            {
                output.WriteLine("Demo ready (--no-serve): the store holds every wave, run and released.");
                return ExitCodes.Ok;
            }

            var serve = parse.RootCommandResult.Command.Subcommands.FirstOrDefault(c => c.Name == "serve");
            if (serve is null)
            {
                throw new UserErrorException(
                    $"serving is not available yet: the publication server (barometer serve) has not been built. The store {storePath} " +
                    "holds the released results; use --no-serve to stop after the release.");
            }

            return parse.RootCommandResult.Command.Parse(["serve", "--store", storePath]).Invoke(parse.InvocationConfiguration);
        });
        return command;
    }

    private static void Prepare(SynthOptions options, string storePath, IndicatorCatalogue catalogue, Storage.Sampling.FrameCellSpec? frameCells, TextWriter output)
    {
        var console = StoreOptions.Console(output);
        var directory = Path.GetDirectoryName(storePath)!;
        Directory.CreateDirectory(directory);
        var data = Path.Combine(directory, "synthetic-sweden-" + options.Scale.ToString("0.#####", CultureInfo.InvariantCulture));

        console.Write(new Rule("1. synthetic Sweden").LeftJustified());
        if (File.Exists(Path.Combine(data, "_COMPLETE")))
        {
            console.WriteLine($"Reusing {data}.");
        }
        else
        {
            var result = SyntheticSweden.Generate(options, data, new LineProgress(console), catalogue);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {result.Persons:N0} persons, {result.Files.Count} files to {result.OutputPath}."));
        }

        using var store = StoreOptions.Open(storePath);
        console.Write(new Rule("2. ingest").LeftJustified());
        Ingest(store, new IngestRequest(Path.Combine(data, "register"), null, null, null, catalogue.ClassificationCodes, FrameCells: frameCells), "register", console);
        foreach (var wave in options.Waves)
        {
            if (RunHistory.LatestRelease(store, wave) is not null)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wave {wave}: released, so its input is frozen; reused."));
                continue;
            }

            Ingest(store, new IngestRequest(null, Path.Combine(data, "survey", wave.ToString(CultureInfo.InvariantCulture)), wave, null, catalogue.ClassificationCodes),
                "wave " + wave.ToString(CultureInfo.InvariantCulture), console);
        }

        // Each wave is released before the next is run: a wave's changes are computed only against the previous
        // wave's released version (ChangeBase), never against an unreleased run.
        console.Write(new Rule("3. run and release").LeftJustified());
        foreach (var wave in options.Waves)
        {
            if (RunHistory.CurrentRun(store, catalogue, wave) is { } run)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wave {wave}: run {run} is current (same input, catalogue, software and previous release); reused."));
            }
            else
            {
                RunCommand.Execute(store, catalogue, wave, output);
            }

            var latestRun = RunHistory.CurrentRun(store, catalogue, wave);
            var released = RunHistory.LatestRelease(store, wave);
            if (released is { } r && r.RunId == latestRun)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wave {wave}: version {r.Version} (run {r.RunId}) already released; reused."));
                continue;
            }

            var note = released is null ? null : "demo: new run after the input, catalogue, software or previous release changed";
            ReleaseCommand.Execute(store, catalogue, wave, store.Clock.GetUtcNow(), note, output);
        }
    }

    private static void Ingest(BarometerStore store, IngestRequest request, string what, IAnsiConsole console)
    {
        var outcome = new Ingestor(store).Ingest(request);
        if (outcome.Status == IngestStatus.Rejected)
        {
            var first = string.Join("; ", outcome.Problems.Take(5).Select(p => p.ToString()));
            throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"demo: ingest of {what} rejected with {outcome.ProblemCount:N0} problem(s): {first}"));
        }

        console.WriteLine(outcome.Status == IngestStatus.Unchanged ? $"{what}: unchanged, reused." : string.Join(" ", outcome.Messages));
    }

    private sealed class LineProgress(IAnsiConsole console) : IGenerationProgress
    {
        private readonly Lock _lock = new();

        public void Start(string phase, long units)
        {
        }

        public void Advance(string phase, long units)
        {
        }

        public void Complete(string phase)
        {
            lock (_lock)
            {
                console.WriteLine("  " + phase + " done");
            }
        }
    }
}

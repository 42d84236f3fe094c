using System.CommandLine;
using System.Globalization;
using Barometer.Cli.Hosting;
using Barometer.Synthetic;
using Barometer.Synthetic.Output;
using Spectre.Console;

namespace Barometer.Cli.Commands.Synth;

/// <summary>
/// <c>barometer synth</c>: generates a synthetic Sweden (population register with register variables, survey
/// waves, truth and calibration totals) into a folder with a codebook.
/// </summary>
internal static class SynthCommand
{
    public const ulong DefaultSeed = 20241231;

    public static Command Create()
    {
        var outOption = new Option<string>("--out")
        {
            Description = "The folder to write (created; an earlier synth folder there is replaced).",
            Required = true,
        };
        var scaleOption = new Option<double>("--scale")
        {
            Description = "Fraction of Sweden to generate: 1 = 10.6 million persons, 0.1 a tenth. Proportions are kept.",
            DefaultValueFactory = _ => 1.0,
        };
        var seedOption = new Option<ulong>("--seed")
        {
            Description = "Random seed; the same seed and options give byte-identical files.",
            DefaultValueFactory = _ => DefaultSeed,
        };
        var wavesOption = new Option<string>("--waves")
        {
            Description = "Survey waves: a year, a range such as 2022-2026, or a comma-separated list.",
            DefaultValueFactory = _ => "2022-2026",
        };
        var formatOption = new Option<string>("--format")
        {
            Description = "File format: parquet (default) or csv.",
            DefaultValueFactory = _ => "parquet",
        };
        var respondOption = new Option<string?>("--respond")
        {
            Description = "Field a gross sample drawn by `barometer draw` (its sample.csv) for --wave in the synthetic world of --seed and --scale " +
                "(those the store's register was generated with): writes survey/WAVE/ (gross sample with responded, responses) and codebook.yaml for `barometer ingest`.",
        };
        var waveOption = new Option<int?>("--wave") { Description = "With --respond: the wave the sample was drawn for (a year)." };
        var command = new Command(
            "synth",
            "Generate a synthetic Sweden: population register and register variables (31 Dec 2024), survey waves with " +
            "nonresponse, the true population value of every indicator, and calibration totals, with codebook.yaml. " +
            "With --respond: answer a drawn gross sample with the same response and answer models.")
        {
            outOption, scaleOption, seedOption, wavesOption, formatOption, respondOption, waveOption,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var format = ParseFormat(parse.GetValue(formatOption)!);
            if (parse.GetValue(respondOption) is { } samplePath)
            {
                if (parse.GetValue(waveOption) is not { } wave)
                {
                    throw new UserErrorException("--respond: give the wave the sample was drawn for with --wave YEAR. Nothing was written.");
                }

                if (parse.GetResult(wavesOption) is { Implicit: false })
                {
                    throw new UserErrorException("--waves: not used with --respond (the wave is --wave). Nothing was written.");
                }

                return Respond(new SynthOptions(parse.GetValue(scaleOption), parse.GetValue(seedOption), [wave], format), wave, samplePath, parse.GetValue(outOption)!, output);
            }

            if (parse.GetValue(waveOption) is not null)
            {
                throw new UserErrorException("--wave: only used with --respond; to generate waves use --waves. Nothing was written.");
            }

            var options = new SynthOptions(parse.GetValue(scaleOption), parse.GetValue(seedOption), ParseWaves(parse.GetValue(wavesOption)!), format);
            var problems = options.Validate();
            if (problems.Count > 0)
            {
                throw new UserErrorException(string.Join(" ", problems) + " Nothing was written.");
            }

            return Run(options, parse.GetValue(outOption)!, output);
        });
        return command;
    }

    /// <summary>Parses <c>2022-2026</c>, <c>2024</c> or <c>2022,2024</c>.</summary>
    public static IReadOnlyList<int> ParseWaves(string text)
    {
        var waves = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length == 2 && int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first) &&
                int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last) && first <= last && last - first < 100)
            {
                waves.AddRange(Enumerable.Range(first, last - first + 1));
            }
            else if (range.Length == 1 && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                waves.Add(year);
            }
            else
            {
                throw new UserErrorException($"--waves: '{part}' is not a year or a range of years such as 2022-2026. Nothing was written.");
            }
        }

        return waves;
    }

    private static OutputFormat ParseFormat(string text) => text.ToUpperInvariant() switch
    {
        "PARQUET" => OutputFormat.Parquet,
        "CSV" => OutputFormat.Csv,
        _ => throw new UserErrorException($"--format: '{text}' is not a known format; use parquet or csv. Nothing was written."),
    };

    private static int Run(SynthOptions options, string outPath, TextWriter output)
    {
        var console = Terminal.Console(output);
        SynthResult result;
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            result = WithProgress(console, progress => SyntheticSweden.Generate(options, outPath, progress));
            console.MarkupLineInterpolated(
                $"Wrote [bold]{result.Persons:N0}[/] persons, {result.Files.Count} files to [bold]{result.OutputPath}[/] in {watch.Elapsed.TotalSeconds:F1} s.");
        }
        catch (OutputFolderException ex)
        {
            throw new UserErrorException($"--out: {ex.Message} Nothing was written.", ex);
        }

        WriteFiles(console, result);
        return ExitCodes.Ok;
    }

    private static int Respond(SynthOptions options, int wave, string samplePath, string outPath, TextWriter output)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new UserErrorException(string.Join(" ", problems).Replace("--waves", "--wave", StringComparison.Ordinal) + " Nothing was written.");
        }

        var console = Terminal.Console(output);
        SynthResult result;
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            result = WithProgress(console, progress => SyntheticFieldwork.Respond(options, wave, samplePath, outPath, progress));
            console.MarkupLineInterpolated(
                $"Fielded the gross sample {samplePath} for wave {wave} in the synthetic world of seed {options.Seed}, scale {options.Scale} in {watch.Elapsed.TotalSeconds:F1} s: wrote [bold]{result.OutputPath}[/].");
        }
        catch (SampleFileException ex)
        {
            throw new UserErrorException(ex.Message + " Nothing was written.", ex);
        }
        catch (OutputFolderException ex)
        {
            throw new UserErrorException($"--out: {ex.Message} Nothing was written.", ex);
        }

        WriteFiles(console, result);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Ingest with: barometer ingest --survey {Path.Combine(result.OutputPath, "survey", wave.ToString(CultureInfo.InvariantCulture))} --wave {wave}"));
        return ExitCodes.Ok;
    }

    /// <summary>Runs a generation step under the command's progress display.</summary>
    private static SynthResult WithProgress(IAnsiConsole console, Func<IGenerationProgress, SynthResult> step) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context => step(new SpectreProgress(context)));

    /// <summary>The files a step wrote, with their rows.</summary>
    private static void WriteFiles(IAnsiConsole console, SynthResult result)
    {
        var table = new Table().AddColumn("file").AddColumn(new TableColumn("rows").RightAligned());
        foreach (var file in result.Files)
        {
            table.AddRow(Markup.Escape(file.Path), file.Rows.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
    }

    private sealed class SpectreProgress(ProgressContext context) : IGenerationProgress
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        public void Start(string phase, long units)
        {
            lock (_lock)
            {
                _tasks[phase] = context.AddTask(phase, maxValue: Math.Max(1, units));
            }
        }

        public void Advance(string phase, long units)
        {
            lock (_lock)
            {
                if (_tasks.TryGetValue(phase, out var task))
                {
                    task.Increment(units);
                }
            }
        }

        public void Complete(string phase)
        {
            lock (_lock)
            {
                if (_tasks.TryGetValue(phase, out var task))
                {
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            }
        }
    }
}

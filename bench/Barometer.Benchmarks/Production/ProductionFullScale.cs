using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Barometer.Benchmarks.Synthetic;
using Barometer.Catalogue;
using Barometer.Production.Runs;
using Barometer.Storage;
using Barometer.Storage.Ingestion;
using Barometer.Synthetic;
using Barometer.Synthetic.Output;

namespace Barometer.Benchmarks.Production;

/// <summary>
/// <c>production-full-scale [scale] [--data DIR] [--out FILE]</c>: synthetic Sweden (generated into DIR, or reused
/// when DIR is complete) → ingest of the register and every wave into a new store → a production run of every wave
/// in order, each step timed (wall and CPU time), with its peak resident memory and the load averages around it.
/// Writes a Markdown table (default bench/results/production-full-scale.md).
/// <c>production-breakdowns [scale] [--data DIR] [--k 1,2,4,all] [--out FILE]</c>: how a run's time grows with
/// the number of breakdowns: one store with the register and waves 2025–2026, wave 2025 run (survey only, for the
/// changes), then wave 2026 run with a copy of the catalogue in which every indicator keeps only its first k
/// breakdowns (register results computed afresh each time: the catalogue's content hash differs).
/// Not timed tests: measurements with their conditions written next to them.
/// </summary>
internal static partial class ProductionFullScale
{
    internal const ulong Seed = 20241231;

    public static int Run(string[] args)
    {
        var scale = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0;
        var repository = FindRepository();
        var data = Option(args, "--data") ?? Path.Combine(Path.GetTempPath(), "barometer-bench", "synthetic-" + scale.ToString(CultureInfo.InvariantCulture));
        var waves = Enumerable.Range(2022, 5).ToList();
        var steps = new List<Step>();
        var catalogue = IndicatorCatalogue.Load(Path.Combine(repository, "catalogue"));
        Synthesise(scale, data, waves, catalogue, steps);
        return args[0] == "production-breakdowns"
            ? Breakdowns(args, scale, data, repository, catalogue, steps)
            : FullRun(args, scale, data, repository, waves, catalogue, steps);
    }

    /// <summary>
    /// Every ingest and run as the statistician does it: the CLI (<c>./barometer</c>), one process per step, so each
    /// step's peak memory is that of its own process (not of this one, which may hold the synthetic population).
    /// </summary>
    private static int FullRun(string[] args, double scale, string data, string repository, List<int> waves, IndicatorCatalogue catalogue, List<Step> steps)
    {
        var storePath = NewStorePath("full");
        Cli(repository, ["--help"]); // builds the CLI first, outside the measurements
        steps.Add(MeasureCli("ingest register", repository, ["ingest", "--register", Path.Combine(data, "register"), "--store", storePath]));
        foreach (var wave in waves)
        {
            var w = wave.ToString(CultureInfo.InvariantCulture);
            steps.Add(MeasureCli("ingest wave " + w, repository, ["ingest", "--survey", Path.Combine(data, "survey", w), "--wave", w, "--store", storePath]));
        }

        foreach (var wave in waves)
        {
            var w = wave.ToString(CultureInfo.InvariantCulture);
            steps.Add(MeasureCli("run wave " + w, repository, ["run", "--wave", w, "--store", storePath]));
        }

        var storeBytes = new FileInfo(storePath).Length;
        File.Delete(storePath);
        var sb = Header("Production run on synthetic Sweden: ingest and run of every wave", scale, data, args);
        sb.Append("Ingest and run steps: `./barometer ingest|run ... --store STORE`, one process each; wall time of the process, CPU time and peak RSS ");
        sb.Append("(VmHWM) read from /proc/PID every 10 ms while it runs (the last reading before exit). ");
        sb.Append(CultureInfo.InvariantCulture, $"Store file after all runs: {storeBytes / (1024.0 * 1024 * 1024):F2} GB.\n\n");
        AppendTable(sb, steps);
        var ingest = steps.Where(s => s.Name.StartsWith("ingest", StringComparison.Ordinal)).ToList();
        var runs = steps.Where(s => s.Name.StartsWith("run", StringComparison.Ordinal)).ToList();
        var cli = ingest.Concat(runs).ToList();
        sb.Append(CultureInfo.InvariantCulture, $"\n**Ingest total** {ingest.Sum(s => s.Wall):F1} s wall, {ingest.Sum(s => s.Cpu):F1} s CPU (target < 180 s). ");
        sb.Append(CultureInfo.InvariantCulture, $"**Runs total** {runs.Sum(s => s.Wall):F1} s wall, {runs.Sum(s => s.Cpu):F1} s CPU; ");
        sb.Append(CultureInfo.InvariantCulture, $"slowest wave {runs.Max(s => s.Wall):F1} s wall (target < 60 s). ");
        sb.Append(CultureInfo.InvariantCulture, $"**Peak memory** of an ingest or run process {cli.Max(s => s.PeakGb):F2} GB (target < 6 GB).\n");
        return Write(args, repository, "production-full-scale.md", sb);
    }

    /// <summary>Runs the CLI to its end; throws with its output when it fails.</summary>
    internal static string Cli(string repository, IReadOnlyList<string> arguments, Action<Process>? watch = null)
    {
        var info = new ProcessStartInfo(Path.Combine(repository, "barometer")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repository };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        watch?.Invoke(process);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"barometer {string.Join(' ', arguments)} exited with {process.ExitCode}: {output.Result}{errors.Result}");
        }

        return output.Result;
    }

    /// <summary>Times one CLI process: wall time, its CPU time and peak resident memory (polled from /proc), load averages.</summary>
    internal static Step MeasureCli(string name, string repository, IReadOnlyList<string> arguments)
    {
        var loadBefore = LoadAverage();
        Console.WriteLine($"{name} (load {loadBefore})...");
        var cpu = 0.0;
        var peakKb = 0L;
        var watch = Stopwatch.StartNew();
        var output = Cli(repository, arguments, process =>
        {
            while (!process.HasExited)
            {
                try
                {
                    var status = File.ReadAllLines($"/proc/{process.Id}/status");
                    var hwm = status.FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                    if (hwm is not null)
                    {
                        peakKb = Math.Max(peakKb, long.Parse(hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture));
                    }

                    // utime and stime are fields 14 and 15 of /proc/PID/stat, after the parenthesised command name.
                    var stat = File.ReadAllText($"/proc/{process.Id}/stat");
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    cpu = Math.Max(cpu, (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
                }
                catch (IOException)
                {
                    // The process ended between the check and the read.
                }

                Thread.Sleep(10);
            }
        });
        watch.Stop();
        var detail = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l =>
            l.StartsWith("Run ", StringComparison.Ordinal) || l.Contains("ingested:", StringComparison.Ordinal) || l.StartsWith("Drew ", StringComparison.Ordinal) || l.StartsWith("Planned ", StringComparison.Ordinal)) ?? "";
        var step = new Step(name, detail.Trim(), watch.Elapsed.TotalSeconds, cpu, peakKb / (1024.0 * 1024), loadBefore, LoadAverage());
        Console.WriteLine($"  {step.Wall:F1} s wall, {step.Cpu:F1} s CPU, peak {step.PeakGb:F2} GB, load {step.LoadAfter}: {detail}");
        return step;
    }

    private static int Breakdowns(string[] args, double scale, string data, string repository, IndicatorCatalogue catalogue, List<Step> steps)
    {
        var ks = (Option(args, "--k") ?? "1,2,4,all").Split(',');
        var storePath = NewStorePath("breakdowns");
        var rows = new List<(string K, int Breakdowns, Step Step, IReadOnlyDictionary<string, double> Phases, int Rows)>();
        using (var store = BarometerStore.Open(storePath, TimeProvider.System))
        {
            steps.Add(Measure("ingest register", () => Ingest(store, catalogue, new IngestRequest(Path.Combine(data, "register"), null, null, null, catalogue.ClassificationCodes))));
            foreach (var wave in new[] { 2025, 2026 })
            {
                var w = wave.ToString(CultureInfo.InvariantCulture);
                steps.Add(Measure("ingest wave " + w, () => Ingest(store, catalogue, new IngestRequest(null, Path.Combine(data, "survey", w), wave, null, catalogue.ClassificationCodes))));
            }

            steps.Add(Measure("run wave 2025 (survey only)", () => DescribeRun(store, catalogue, 2025, includeRegister: false)));
            foreach (var k in ks)
            {
                int? restricted = k == "all" ? null : int.Parse(k, CultureInfo.InvariantCulture);
                var folder = RestrictedCatalogue(Path.Combine(repository, "catalogue"), restricted);
                try
                {
                    var c = IndicatorCatalogue.Load(folder);
                    RunOutcome? outcome = null;
                    var step = Measure("run wave 2026, k = " + k, () =>
                    {
                        outcome = RunWave(store, c, 2026, includeRegister: true);
                        return outcome.Rows.ToString("N0", CultureInfo.InvariantCulture) + " rows";
                    });
                    steps.Add(step);
                    rows.Add((k, c.Indicators.Sum(i => i.Breakdowns.Count), step, outcome!.PhaseSeconds, outcome.Rows));
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        File.Delete(storePath);
        var sb = Header("Run time against the number of breakdowns (wave 2026)", scale, data, args);
        sb.Append("Every indicator keeps its first k breakdowns (`all`: the catalogue as it is). Phases in seconds (wall) from the run's own timer.\n\n");
        sb.Append("| k | breakdowns (sum over indicators) | result rows | survey s | register s | total s wall | CPU s | peak GB | load before → after |\n");
        sb.Append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var (k, count, step, phases, resultRows) in rows)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"| {k} | {count} | {resultRows:N0} | {phases.GetValueOrDefault("survey"):F1} | {phases.GetValueOrDefault("register"):F1} | {step.Wall:F1} | {step.Cpu:F1} | {step.PeakGb:F2} | {step.LoadBefore} → {step.LoadAfter} |\n");
        }

        sb.Append("\nPreparation steps:\n\n");
        AppendTable(sb, steps.Where(s => !s.Name.Contains("k =", StringComparison.Ordinal)).ToList());
        return Write(args, repository, "production-breakdowns.md", sb);
    }

    /// <summary>A copy of the catalogue folder in which every indicator's breakdown list keeps its first <paramref name="k"/> entries.</summary>
    private static string RestrictedCatalogue(string source, int? k)
    {
        var target = Path.Combine(Path.GetTempPath(), "barometer-bench", "catalogue-k" + (k?.ToString(CultureInfo.InvariantCulture) ?? "all") + "-" + Environment.ProcessId);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            if (k is { } keep && Path.GetRelativePath(source, file).StartsWith("indicators", StringComparison.Ordinal))
            {
                // `breakdowns: [a, b, c]` and `breakdowns: &anchor [a, b, c]`; aliases (`*anchor`) follow their anchor.
                var text = BreakdownList().Replace(File.ReadAllText(file), m =>
                    m.Groups["head"].Value + "[" + string.Join(", ", m.Groups["list"].Value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).Take(keep)) + "]");
                File.WriteAllText(to, text, new UTF8Encoding(false));
            }
            else
            {
                File.Copy(file, to);
            }
        }

        return target;
    }

    [GeneratedRegex(@"(?<head>breakdowns:\s*(&\w+\s*)?)\[(?<list>[^\]]*)\]")]
    private static partial Regex BreakdownList();

    private static void Synthesise(double scale, string data, List<int> waves, IndicatorCatalogue catalogue, List<Step> steps)
    {
        if (File.Exists(Path.Combine(data, "_COMPLETE")))
        {
            Console.WriteLine($"Reusing {data}.");
            return;
        }

        steps.Add(Measure("synth (" + waves.Count.ToString(CultureInfo.InvariantCulture) + " waves)", () =>
        {
            var result = SyntheticSweden.Generate(new SynthOptions(scale, Seed, waves, OutputFormat.Parquet), data, new TimingProgress(Console.Out), catalogue);
            return result.Persons.ToString("N0", CultureInfo.InvariantCulture) + " persons";
        }));
    }

    private static string Ingest(BarometerStore store, IndicatorCatalogue catalogue, IngestRequest request)
    {
        var outcome = new Ingestor(store).Ingest(request);
        if (outcome.Status == IngestStatus.Rejected)
        {
            throw new InvalidOperationException("ingest rejected: " + string.Join("; ", outcome.Problems.Take(5)));
        }

        return outcome.Files.Sum(f => f.Rows).ToString("N0", CultureInfo.InvariantCulture) + " rows";
    }

    private static RunOutcome RunWave(BarometerStore store, IndicatorCatalogue catalogue, int wave, bool includeRegister) =>
        new ProductionRun(store, catalogue) { IncludeRegister = includeRegister }.Run(wave);

    private static string DescribeRun(BarometerStore store, IndicatorCatalogue catalogue, int wave, bool includeRegister)
    {
        var outcome = RunWave(store, catalogue, wave, includeRegister);
        return outcome.Rows.ToString("N0", CultureInfo.InvariantCulture) + " rows; phases " +
            string.Join(", ", outcome.PhaseSeconds.Select(p => p.Key + " " + p.Value.ToString("F1", CultureInfo.InvariantCulture)));
    }

    internal sealed record Step(string Name, string Detail, double Wall, double Cpu, double PeakGb, string LoadBefore, string LoadAfter);

    /// <summary>Times a step: wall time, CPU time of the process (user + system), the step's peak resident memory, load averages.</summary>
    private static Step Measure(string name, Func<string> action)
    {
        GC.Collect();
        ResetPeakMemory();
        var loadBefore = LoadAverage();
        var cpu = TimingProgress.CpuSeconds();
        var watch = Stopwatch.StartNew();
        Console.WriteLine($"{name} (load {loadBefore})...");
        var detail = action();
        watch.Stop();
        var step = new Step(name, detail, watch.Elapsed.TotalSeconds, TimingProgress.CpuSeconds() - cpu, PeakResidentGb(), loadBefore, LoadAverage());
        Console.WriteLine($"  {step.Wall:F1} s wall, {step.Cpu:F1} s CPU, peak {step.PeakGb:F2} GB, load {step.LoadAfter}: {detail}");
        return step;
    }

    internal static void AppendTable(StringBuilder sb, IReadOnlyList<Step> steps)
    {
        sb.Append("| step | wall s | CPU s (user+sys) | peak RSS GB | load before → after | detail |\n|---|---:|---:|---:|---|---|\n");
        foreach (var s in steps)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {s.Name} | {s.Wall:F1} | {s.Cpu:F1} | {s.PeakGb:F2} | {s.LoadBefore} → {s.LoadAfter} | {s.Detail} |\n");
        }
    }

    private static StringBuilder Header(string title, double scale, string data, string[] args)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(title).Append("\n\n");
        sb.Append("Command: `dotnet run -c Release --project bench/Barometer.Benchmarks -- ").Append(string.Join(' ', args)).Append("`  \n");
        sb.Append(CultureInfo.InvariantCulture, $"Scale {scale} (seed {Seed}), data {data}; {Environment.ProcessorCount} cores, .NET {Environment.Version}; ");
        sb.Append("load averages (1, 5, 15 min) from /proc/loadavg around every step — the machine is shared, so CPU time is the steadier figure. ");
        sb.Append("For steps run inside the benchmark process (synth, and the runs of the breakdowns benchmark) peak RSS is VmHWM after resetting it ");
        sb.Append("(/proc/self/clear_refs) at the step's start, so it includes what the process already held.\n\n");
        return sb;
    }

    private static int Write(string[] args, string repository, string name, StringBuilder sb)
    {
        var path = Option(args, "--out") ?? Path.Combine(repository, "bench", "results", name);
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    internal static string NewStorePath(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "barometer-bench");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + "-" + Environment.ProcessId + ".duckdb");
        File.Delete(path);
        File.Delete(path + ".wal");
        return path;
    }

    internal static string? Option(string[] args, string name) => Array.IndexOf(args, name) is var k and >= 0 && k + 1 < args.Length ? args[k + 1] : null;

    internal static string LoadAverage()
    {
        var parts = File.ReadAllText("/proc/loadavg").Split(' ');
        return string.Join(' ', parts.Take(3));
    }

    private static void ResetPeakMemory()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
            // Not permitted here: the peak is then the process's peak so far.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static double PeakResidentGb()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kb / (1024.0 * 1024);
    }

    internal static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Barometer.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (Barometer.slnx) not found above " + AppContext.BaseDirectory);
    }
}

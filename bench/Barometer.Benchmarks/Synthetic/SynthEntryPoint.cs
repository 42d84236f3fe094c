using System.Diagnostics;
using System.Globalization;
using Barometer.Catalogue;
using Barometer.Synthetic;
using Barometer.Synthetic.Output;
using Barometer.Synthetic.Validation;

namespace Barometer.Benchmarks.Synthetic;

/// <summary>
/// <c>dotnet run -c Release --project bench/Barometer.Benchmarks -- synth-timing [scale] [waves] [--keep DIR]</c>:
/// generates a synthetic Sweden into a temporary folder (or DIR, kept, to compare outputs byte for byte) and
/// reports the time of every phase, the total and the peak memory.
/// <c>synth-marginals [scale]</c>: the register's marginals against SCB's population figures for 31 December 2024.
/// </summary>
public static class SynthEntryPoint
{
    public static int Run(string[] args)
    {
        var scale = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0;
        switch (args[0])
        {
            case "synth-timing":
                {
                    var waves = args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? args[2].Split('-').Select(int.Parse).ToArray() : [2022, 2026];
                    var list = Enumerable.Range(waves[0], waves[^1] - waves[0] + 1).ToList();
                    var keep = Array.IndexOf(args, "--keep") is var k and >= 0 && k + 1 < args.Length ? args[k + 1] : null;
                    var folder = keep ?? Path.Combine(Path.GetTempPath(), "synth-timing-" + Environment.ProcessId);
                    var progress = new TimingProgress(Console.Out);
                    var watch = Stopwatch.StartNew();
                    var result = SyntheticSweden.Generate(new SynthOptions(scale, 20241231, list, OutputFormat.Parquet), folder, progress);
                    watch.Stop();
                    using var process = Process.GetCurrentProcess();
                    Console.WriteLine($"scale {scale}: {result.Persons:N0} persons, {list.Count} waves, {result.Files.Count} files in {watch.Elapsed.TotalSeconds:F1} s; peak working set {process.PeakWorkingSet64 / (1024.0 * 1024 * 1024):F2} GB");
                    if (keep is null)
                    {
                        Directory.Delete(folder, recursive: true);
                    }

                    return 0;
                }

            case "synth-marginals":
                {
                    var register = SyntheticWorld.CreateRegister(new SynthOptions(scale, 20241231, [2025], OutputFormat.Parquet), IndicatorCatalogue.LoadDefault(), SilentGenerationProgress.Instance);
                    foreach (var row in MarginalCheck.Compare(register, scale))
                    {
                        Console.WriteLine($"{row.Name,-58} target {row.Target,14:N1} actual {row.Actual,14:N1} diff {row.RelativeDifference,8:P2}");
                    }

                    return 0;
                }

            default:
                Console.Error.WriteLine($"unknown entry point '{args[0]}'");
                return 1;
        }
    }
}

using System.Globalization;
using System.Text;
using Barometer.Benchmarks.Production;
using Barometer.Synthetic;
using Barometer.Synthetic.Output;

namespace Barometer.Benchmarks.Sampling;

/// <summary>
/// <c>sample-design-store [scale] [--data DIR] [--out FILE]</c>: <c>plan</c> and <c>draw</c> through the store at
/// full scale, each step a separate <c>./barometer</c> process timed with its CPU time and peak RSS (polled from
/// /proc, as <c>production-full-scale</c> does). Synthetic Sweden with wave 2026 (generated into DIR, or reused
/// when complete) → ingest of the register and wave 2026 → run of 2026 (so that <c>plan</c> takes the design effect
/// of weighting, and Neyman the deviations, from a run) → <c>plan</c> optimal and Neyman → the first <c>draw</c>,
/// which gives every person of the new register extract a PRN → draws of later waves with the PRNs in place
/// (independent, negative coordination, panel). Writes bench/results/sample-design-store.md. <c>--prepared STORE</c>
/// starts from a copy of a store that already holds the register, wave 2026 and its run (nothing drawn).
/// Not timed tests: measurements with their conditions written next to them.
/// </summary>
internal static class SampleDesignStore
{
    public static int Run(string[] args)
    {
        var scale = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0;
        var repository = ProductionFullScale.FindRepository();
        var data = ProductionFullScale.Option(args, "--data") ?? Path.Combine(Path.GetTempPath(), "barometer-bench", "synthetic-2026-" + scale.ToString(CultureInfo.InvariantCulture));
        if (!File.Exists(Path.Combine(data, OutputFolder.CompletionMarker)))
        {
            Console.WriteLine($"Generating synthetic Sweden at scale {scale} into {data}...");
            SyntheticSweden.Generate(new SynthOptions(scale, ProductionFullScale.Seed, [2026], OutputFormat.Parquet), data, SilentGenerationProgress.Instance);
        }

        var store = ProductionFullScale.NewStorePath("sample-design");
        var prepared = ProductionFullScale.Option(args, "--prepared");
        var work = Path.Combine(Path.GetTempPath(), "barometer-bench", "sample-design-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        string In(string name) => Path.Combine(work, name);
        ProductionFullScale.Cli(repository, ["--help"]); // builds the CLI first, outside the measurements
        var prep = new List<ProductionFullScale.Step>();
        if (prepared is not null)
        {
            // A copy of a store prepared by the steps below in an earlier invocation (register and wave 2026 ingested,
            // 2026 run, nothing drawn): saves the ingest and the run on a busy machine.
            File.Copy(prepared, store, overwrite: true);
        }
        else
        {
            prep.Add(ProductionFullScale.MeasureCli("ingest register", repository, ["ingest", "--register", Path.Combine(data, "register"), "--store", store]));
            prep.Add(ProductionFullScale.MeasureCli("ingest wave 2026", repository, ["ingest", "--survey", Path.Combine(data, "survey", "2026"), "--wave", "2026", "--store", store]));
            prep.Add(ProductionFullScale.MeasureCli("run wave 2026", repository, ["run", "--wave", "2026", "--store", store]));
        }

        var steps = new List<(ProductionFullScale.Step Step, string Target)>
        {
            (ProductionFullScale.MeasureCli("plan 2027 (optimal)", repository, ["plan", "--wave", "2027", "--out", In("optimal.csv"), "--store", store]), "< 1 s"),
            (ProductionFullScale.MeasureCli("plan 2027 (Neyman, trust_parliament)", repository,
                ["plan", "--wave", "2027", "--out", In("neyman.csv"), "--method", "neyman", "--indicator", "trust_parliament", "--net-size", "18000", "--store", store]), "< 1 s"),
            (ProductionFullScale.MeasureCli("draw 2027: PRNs for the new register extract + draw", repository,
                ["draw", "--wave", "2027", "--allocation", In("optimal.csv"), "--seed", "18", "--out", In("d2027"), "--store", store]), "< 30 s (PRN assignment)"),
            (ProductionFullScale.MeasureCli("draw 2028 (independent, PRNs in place)", repository,
                ["draw", "--wave", "2028", "--allocation", In("optimal.csv"), "--seed", "19", "--out", In("d2028"), "--store", store]), "< 10 s, < 2 GB"),
            (ProductionFullScale.MeasureCli("draw 2029 (negative coordination, 2 waves)", repository,
                ["draw", "--wave", "2029", "--allocation", In("optimal.csv"), "--seed", "20", "--out", In("d2029"), "--coordination", "negative", "--avoid-waves", "2", "--store", store]), "< 10 s, < 2 GB"),
            (ProductionFullScale.MeasureCli("draw 2030 (panel 0.5)", repository,
                ["draw", "--wave", "2030", "--allocation", In("optimal.csv"), "--seed", "21", "--out", In("d2030"), "--coordination", "panel", "--panel-share", "0.5", "--store", store]), "< 10 s, < 2 GB"),
        };
        var storeBytes = new FileInfo(store).Length;
        var frame = File.ReadLines(In("optimal.csv")).Skip(1).Sum(l => long.Parse(l.Split(',')[1], CultureInfo.InvariantCulture));
        var gross = File.ReadLines(In("optimal.csv")).Skip(1).Sum(l => long.Parse(l.Split(',')[4], CultureInfo.InvariantCulture));
        File.Delete(store);
        Directory.Delete(work, recursive: true);

        var sb = new StringBuilder("# Sample design through the store: plan, draw and PRN assignment (issue 18)\n\n");
        sb.Append("Command: `dotnet run -c Release --project bench/Barometer.Benchmarks -- ").Append(string.Join(' ', args)).Append("`  \n");
        sb.Append(CultureInfo.InvariantCulture, $"Scale {scale} (seed {ProductionFullScale.Seed}), data {data}; {Environment.ProcessorCount} cores (shared with other work), .NET {Environment.Version}. ");
        sb.Append(CultureInfo.InvariantCulture, $"Frame (16–84): {frame:N0} persons; optimal gross sample {gross:N0}. ");
        sb.Append("Each step is `./barometer ...` in a process of its own (Release build); wall time of the process including its start, CPU time ");
        sb.Append("and peak RSS (VmHWM) read from /proc/PID every 10 ms; load averages (1, 5, 15 min) around every step. ");
        sb.Append(CultureInfo.InvariantCulture, $"Store file after the draws: {storeBytes / (1024.0 * 1024 * 1024):F2} GB.\n\n");
        sb.Append("| step | target | wall s | CPU s (user+sys) | peak RSS GB | load before → after | detail |\n|---|---|---:|---:|---:|---|---|\n");
        foreach (var (s, target) in steps)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {s.Name} | {target} | {s.Wall:F2} | {s.Cpu:F1} | {s.PeakGb:F2} | {s.LoadBefore} → {s.LoadAfter} | {s.Detail.Replace("|", "/", StringComparison.Ordinal)} |\n");
        }

        if (prep.Count > 0)
        {
            sb.Append("\nPreparation:\n\n");
            ProductionFullScale.AppendTable(sb, prep);
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nPreparation: a copy of {prepared} (register and wave 2026 ingested, 2026 run, nothing drawn), made earlier by the same steps.\n");
        }
        var path = ProductionFullScale.Option(args, "--out") ?? Path.Combine(repository, "bench", "results", "sample-design-store.md");
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
        Console.WriteLine($"wrote {path}");
        return 0;
    }
}

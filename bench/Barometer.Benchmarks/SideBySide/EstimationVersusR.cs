using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Barometer.Estimation;
using Barometer.Estimation.Requests;

namespace Barometer.Benchmarks.SideBySide;

/// <summary>
/// <c>dotnet run -c Release --project bench/Barometer.Benchmarks -- estimation-vs-r [rows]</c>: generates the
/// benchmark survey, times our engine and R's survey package on it in the same run, compares the numbers, and writes
/// bench/results/estimation-vs-r.md. Then measures a 1,000,000-respondent run in a child process (time and peak
/// working set). Not a timed test: a measurement with its environment written next to it.
/// </summary>
internal static class EstimationVersusR
{
    private const int Seed = 20_240_601;
    private const int WarmupRuns = 15;
    private const int WarmRuns = 25;

    public static int Run(string[] args)
    {
        var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50_000;
        var largeRows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
        var repository = FindRepository();
        var work = Path.Combine(Path.GetTempPath(), "barometer-bench");
        Directory.CreateDirectory(work);

        Console.WriteLine($"Generating {rows:N0} respondents (seed {Seed})...");
        var survey = BenchmarkSurvey.Generate(rows, Seed);
        var dataPath = Path.Combine(work, $"estimation_{rows}.csv");
        var totalsPath = Path.Combine(work, $"estimation_{rows}_totals.csv");
        survey.WriteCsv(dataPath);
        survey.WriteTotals(totalsPath);

        var data = survey.ToSurveyData();
        var request = survey.Request();
        var load = LoadAverage();
        var clock = Stopwatch.StartNew();
        var outcome = SurveyEstimation.Run(data, request);
        var cold = clock.Elapsed.TotalSeconds;
        if (!outcome.Succeeded)
        {
            foreach (var problem in outcome.Problems)
            {
                Console.Error.WriteLine($"{problem.Key}: {problem.Message}");
            }

            return 1;
        }

        // Unmeasured runs until tiered compilation has settled (as BenchmarkDotNet's warm-up), then measured runs.
        for (var i = 0; i < WarmupRuns; i++)
        {
            SurveyEstimation.Run(data, request);
        }

        var warm = new double[WarmRuns];
        for (var i = 0; i < WarmRuns; i++)
        {
            clock.Restart();
            SurveyEstimation.Run(data, request);
            warm[i] = clock.Elapsed.TotalSeconds;
        }

        Array.Sort(warm);
        var warmMedian = warm[WarmRuns / 2];
        var warmBest = warm[0];
        Console.WriteLine($"Engine: {outcome.Rows.Count} rows, first run {cold:F3} s, further runs best {warmBest:F3} s, median {warmMedian:F3} s.");

        Console.WriteLine("Running R (calibrate + svyby); this takes minutes...");
        var rResults = Path.Combine(work, $"estimation_{rows}_r.csv");
        var rTimings = Path.Combine(work, $"estimation_{rows}_r_timings.txt");
        var script = Path.Combine(repository, "bench", "r", "estimation_bench.R");
        var r = RunProcess("Rscript", [script, dataPath, totalsPath, rResults, rTimings]);
        if (r.ExitCode != 0)
        {
            Console.Error.WriteLine(r.Output);
            return 1;
        }

        var timings = File.ReadAllLines(rTimings).Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var rCalibrate = double.Parse(timings["calibrate"], CultureInfo.InvariantCulture);
        var rSvyby = double.Parse(timings["svyby"], CultureInfo.InvariantCulture);
        var (maxEstimate, maxSe, compared) = Compare(outcome.Rows, rResults);
        Console.WriteLine($"R: calibrate {rCalibrate:F3} s, svyby {rSvyby:F3} s. Compared {compared} estimates: max relative difference {maxEstimate:E2} (estimates), {maxSe:E2} (SEs).");

        Console.WriteLine($"Scaling run: {largeRows:N0} respondents in a child process...");
        var child = RunProcess(Environment.ProcessPath!, ["estimation-scale", largeRows.ToString(CultureInfo.InvariantCulture)]);
        var scale = child.Output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        Console.WriteLine(scale ?? child.Output);

        var report = Report(rows, cold, warmBest, warmMedian, rCalibrate, rSvyby, timings, maxEstimate, maxSe, compared, outcome.Rows.Count, largeRows, scale, load);
        var reportPath = Path.Combine(repository, "bench", "results", "estimation-vs-r.md");
        File.WriteAllText(reportPath, report, new UTF8Encoding(false));
        Console.WriteLine(report);
        Console.WriteLine($"Written to {reportPath}");
        return 0;
    }

    /// <summary>The child-process measurement: generate, run once, print time and peak working set.</summary>
    public static int Scale(string[] args)
    {
        var rows = int.Parse(args[1], CultureInfo.InvariantCulture);
        var survey = BenchmarkSurvey.Generate(rows, Seed + 1);
        var data = survey.ToSurveyData();
        var request = survey.Request();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.PeakWorkingSet64;
        var clock = Stopwatch.StartNew();
        var outcome = SurveyEstimation.Run(data, request);
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var peak = process.PeakWorkingSet64;
        if (!outcome.Succeeded)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, outcome.Problems.Select(p => p.Message)));
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT rows={rows} seconds={seconds:F3} peak_mb={peak / 1048576.0:F0} peak_before_run_mb={before / 1048576.0:F0} output_rows={outcome.Rows.Count}"));
        return 0;
    }

    private static (double Estimate, double Se, int Compared) Compare(IReadOnlyList<EstimateRow> ours, string rPath)
    {
        var byKey = ours.ToDictionary(r => (r.EstimateId, r.Domain), r => r);
        double maxEstimate = 0, maxSe = 0;
        var compared = 0;
        foreach (var line in File.ReadLines(rPath).Skip(1))
        {
            var parts = line.Split(',');
            var key = (parts[1], "dom=" + parts[0]);
            if (!byKey.TryGetValue(key, out var row))
            {
                throw new InvalidOperationException($"R has {parts[1]} for domain {parts[0]}, the engine does not.");
            }

            maxEstimate = Math.Max(maxEstimate, Relative(row.Value, double.Parse(parts[2], CultureInfo.InvariantCulture)));
            maxSe = Math.Max(maxSe, Relative(row.StandardError, double.Parse(parts[3], CultureInfo.InvariantCulture)));
            compared++;
        }

        if (compared != ours.Count)
        {
            throw new InvalidOperationException($"R gave {compared} estimates, the engine {ours.Count}.");
        }

        return (maxEstimate, maxSe, compared);
    }

    private static double Relative(double a, double b) => a == b ? 0 : Math.Abs(a - b) / Math.Max(Math.Abs(a), Math.Abs(b));

    /// <summary>The 1-minute load average (Linux), recorded because other work on the machine distorts timings.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Report(int rows, double cold, double warm, double warmMedian, double rCalibrate, double rSvyby, Dictionary<string, string> timings, double maxEstimate, double maxSe, int compared, int outputRows, int largeRows, string? scale, string load)
    {
        var rTotal = rCalibrate + rSvyby;
        var s = new StringBuilder();
        s.AppendLine("# Estimation engine versus R's survey package");
        s.AppendLine();
        s.AppendLine("Generated by `dotnet run -c Release --project bench/Barometer.Benchmarks -- estimation-vs-r` (not a timed test).");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Workload (issue 3): {rows:N0} respondents in {BenchmarkSurvey.Strata} strata (seed {Seed}), raking (`calibrate(calfun = \"raking\")`) on sex, 5 age bands, 8 regions of birth and 3 education levels, then the mean of {BenchmarkSurvey.Indicators} binary indicators by a 40-level domain with linearization SEs (`svyby(~y1 + ... + y30, ~dom, design, svymean)`): {outputRows} estimates.");
        s.AppendLine();
        s.AppendLine("| | seconds |");
        s.AppendLine("|---|---:|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| R `calibrate()` | {rCalibrate:F3} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| R `svyby()` | {rSvyby:F3} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| R total | {rTotal:F3} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| engine, first run in the process (includes JIT) | {cold:F3} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| engine, best of {WarmRuns} runs after {WarmupRuns} warm-up runs | {warm:F3} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| engine, median of those {WarmRuns} runs | {warmMedian:F3} |");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"**Ratio R / engine: {rTotal / warmMedian:F0}× (median warm run), {rTotal / warm:F0}× (best warm run), {rTotal / cold:F0}× (first run of the process, including JIT compilation).** Target: at least 250×.");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Same numbers: {compared} estimates compared, largest relative difference {maxEstimate:E2} for the estimates and {maxSe:E2} for the standard errors (iterative calibration; tolerance 1e-6).");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Scaling, {largeRows:N0} respondents, same workload (engine only, separate process): `{scale ?? "not measured"}` (seconds = one run; peak_mb = Process.PeakWorkingSet64 after the run, including the generated data).");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Environment: {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, R {timings.GetValueOrDefault("r_version")}, survey {timings.GetValueOrDefault("survey_version")}; 1-minute load average {load} when the engine was timed (other work on the machine slows both sides).");
        return s.ToString();
    }

    private static (int ExitCode, string Output) RunProcess(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string FindRepository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Barometer.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}

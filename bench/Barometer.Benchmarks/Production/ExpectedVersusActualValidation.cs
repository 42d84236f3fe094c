using System.Globalization;
using Barometer.Benchmarks.Synthetic;
using Barometer.Storage;
using Barometer.Storage.Results;
using Barometer.Storage.Runs;
using Barometer.Synthetic.Registers;

namespace Barometer.Benchmarks.Production;

/// <summary>
/// `expected-versus-actual --store FILE --wave W [--indicator employment_rate]`: judges the run's expected versus
/// actual by municipality against what synthetic Sweden planted (<see cref="PlantedMunicipalEffects"/>): true
/// positives (planted and marked in the planted direction), misses, and false positives (not planted but marked)
/// beside the number the nominal level leads one to expect. Works on a copy of the store.
/// </summary>
internal static class ExpectedVersusActualValidation
{
    public static int Run(string[] args)
    {
        var options = new SimulationArguments(args, "--store", "--wave", "--indicator");
        var source = options.Required("--store");
        var wave = int.Parse(options.Required("--wave"), CultureInfo.InvariantCulture);
        var indicator = options.String("--indicator") ?? "employment_rate";
        var copy = Path.Combine(Path.GetTempPath(), "eva-" + Guid.NewGuid().ToString("N") + ".duckdb");
        File.Copy(source, copy);
        try
        {
            using var store = BarometerStore.OpenExisting(copy, TimeProvider.System);
            var rows = store.InTransaction(transaction =>
            {
                var session = new StoreSession(transaction);
                var run = RunTable.LatestCompleted(session, wave) ?? throw new InvalidOperationException($"wave {wave} has no run");
                return ResultTable.Read(session, run);
            });
            var tested = rows.Where(r => r.Indicator == indicator && r.Breakdown == "kommun" && r.Measure == Measure.ExpectedDifference && !r.IsSuppressed).ToList();
            var level = tested.Select(r => 1 - (2 * (1 - Normal((r.CiUpper!.Value - r.Estimate!.Value) / r.StandardError!.Value)))).FirstOrDefault(0.95);
            var planted = PlantedMunicipalEffects.Employment;
            var plantedTested = tested.Where(r => planted.ContainsKey(r.Cell)).ToList();
            var others = tested.Where(r => !planted.ContainsKey(r.Cell)).ToList();
            var truePositives = plantedTested.Count(r => r.Significant == true && Math.Sign(r.Estimate!.Value) == planted[r.Cell]);
            var wrongWay = plantedTested.Count(r => r.Significant == true && Math.Sign(r.Estimate!.Value) != planted[r.Cell]);
            var falsePositives = others.Count(r => r.Significant == true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| indicator | wave | municipalities tested (≥ threshold) | planted among them | true positives | planted, marked the wrong way | planted, not marked | false positives | expected false positives at {level:P0} |"));
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {indicator} | {wave} | {tested.Count} | {plantedTested.Count} | {truePositives} | {wrongWay} | {plantedTested.Count - truePositives - wrongWay} | {falsePositives} | {others.Count * (1 - level):F1} |"));
            Console.WriteLine();
            Console.WriteLine("| municipality | planted | actual − expected (points) | interval | marked |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var r in plantedTested.OrderBy(r => r.Cell, StringComparer.Ordinal))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Cell} | {(planted[r.Cell] > 0 ? "+" : "−")} | {100 * r.Estimate!.Value:F1} | {100 * r.CiLower!.Value:F1} to {100 * r.CiUpper!.Value:F1} | {(r.Significant == true ? "yes" : "no")} |"));
            }

            foreach (var r in others.Where(r => r.Significant == true).OrderBy(r => r.Cell, StringComparer.Ordinal))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Cell} | none | {100 * r.Estimate!.Value:F1} | {100 * r.CiLower!.Value:F1} to {100 * r.CiUpper!.Value:F1} | yes (false positive) |"));
            }

            return 0;
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static double Normal(double z) => MathNet.Numerics.Distributions.Normal.CDF(0, 1, z);
}

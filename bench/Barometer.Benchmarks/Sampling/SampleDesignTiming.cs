using System.Diagnostics;
using System.Globalization;
using Barometer.Estimation.Sampling;

namespace Barometer.Benchmarks.Sampling;

/// <summary>
/// `sample-design [persons]`: PRN assignment, the PRN draw and the optimal allocation on an in-memory frame of
/// the given size (default 10.6 million, full scale) with 30 strata — the numerics of plan and draw without the store.
/// </summary>
internal static class SampleDesignTiming
{
    public static int Run(string[] args)
    {
        var persons = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_600_000;
        var random = new Random(18);
        var strata = new int[persons];
        var ids = new long[persons];
        for (var i = 0; i < persons; i++)
        {
            ids[i] = i + 1;
            var u = random.NextDouble();
            strata[i] = u < 0.8 ? (int)(u / 0.8 * 3) : 3 + (int)((u - 0.8) / 0.2 * 27);
        }

        var clock = Stopwatch.StartNew();
        var prn = new double[persons];
        for (var i = 0; i < persons; i++)
        {
            prn[i] = PermanentRandomNumbers.For(18, ids[i]);
        }

        var prnTime = clock.Elapsed;
        var allocation = Enumerable.Range(0, 30).Select(h => h < 3 ? 3000 : 1200).ToArray();
        var ago = new byte[persons];
        clock.Restart();
        var first = SampleDrawer.Draw(new SamplingFrame(30, strata, prn, ids, null), allocation, 0.25, Coordination.Independent);
        var drawTime = clock.Elapsed;
        foreach (var row in first.Rows)
        {
            ago[row] = 1;
        }

        clock.Restart();
        var negative = SampleDrawer.Draw(new SamplingFrame(30, strata, prn, ids, ago), allocation, 0.6, Coordination.Negative(1));
        var negativeTime = clock.Elapsed;

        var sizes = new double[30];
        foreach (var s in strata)
        {
            sizes[s]++;
        }

        var rates = Enumerable.Range(0, 30).Select(h => h < 3 ? 0.47 : 0.29).ToArray();
        var z = 1.959963984540054;
        var constraints = new List<PrecisionConstraint>();
        for (var g = 0; g < 10; g++)
        {
            var inside = Enumerable.Range(0, 30).Select(h => h < 3 ? g == 0 : (h - 3) % 9 == g - 1).ToArray();
            var (a, b) = DomainPrecision.Constraint(sizes, inside, rates, 0.5, 1.3, 0.03, z);
            constraints.Add(new PrecisionConstraint("domain " + g, a, b));
        }

        clock.Restart();
        var optimal = OptimalAllocation.Solve(Enumerable.Repeat(1.0, 30).ToArray(), Enumerable.Repeat(30.0, 30).ToArray(), sizes, constraints);
        var planTime = clock.Elapsed;
        var memory = Environment.WorkingSet / 1e9;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"persons {persons:N0}; PRNs {prnTime.TotalSeconds:F2} s; draw (independent, {first.Rows.Length:N0}) {drawTime.TotalSeconds:F2} s; draw (negative, overlap {negative.Strata.Sum(s => s.Overlap)}) {negativeTime.TotalSeconds:F2} s; optimal allocation (30 strata, 10 targets, {optimal.Sweeps} sweeps, cost {optimal.Cost:F0}) {planTime.TotalMilliseconds:F1} ms; working set {memory:F2} GB"));
        return 0;
    }
}

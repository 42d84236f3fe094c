using System.Runtime.CompilerServices;
namespace Barometer.Estimation.Estimators;

/// <summary>All statistics of a run, numbered consecutively across the plans, so one pass over the data serves all.</summary>
internal sealed class StatisticSet
{
    private readonly EstimatePlan[] _plans;

    public StatisticSet(IReadOnlyList<EstimatePlan> plans)
    {
        _plans = [.. plans];
        var offset = 0;
        var perRow = 0;
        foreach (var plan in _plans)
        {
            plan.Offset = offset;
            offset += plan.StatisticCount;
            perRow += (plan.Kind == Requests.EstimateType.Proportion ? plan.CategoryCount : 1) * (plan.LogitCenters is null ? 1 : 2);
        }

        Count = offset;
        MaxPerRow = Math.Max(1, perRow);
    }

    public IReadOnlyList<EstimatePlan> Plans => _plans;

    /// <summary>The number of statistics.</summary>
    public int Count { get; }

    /// <summary>The most influence values one row can have.</summary>
    public int MaxPerRow { get; }

    /// <summary>Writes every non-zero influence value of row <paramref name="row"/> into the buffers; returns how many.</summary>
    public int Emit(int row, double w, int[] ks, double[] zs) => Emit(row, w, ks, zs, new PlanRange(0, _plans.Length));

    /// <summary>The same for the plans of one range only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Emit(int row, double w, int[] ks, double[] zs, PlanRange range)
    {
        var count = 0;
        var plans = _plans;
        for (var p = range.Start; p < range.End; p++)
        {
            count += plans[p].Emit(row, w, ks, zs, count);
        }

        return count;
    }

    /// <summary>
    /// Splits the plans into at most <paramref name="parts"/> consecutive ranges of similar work, so independent
    /// statistics can be accumulated on several threads; each statistic belongs to exactly one range, so the
    /// results do not depend on the split.
    /// </summary>
    public PlanRange[] Partition(int parts)
    {
        parts = Math.Clamp(parts, 1, Math.Max(1, _plans.Length));
        var work = _plans.Select(p => (double)((p.Kind == Requests.EstimateType.Proportion ? p.CategoryCount : 1) * (p.LogitCenters is null ? 1 : 2))).ToArray();
        var total = work.Sum();
        var ranges = new List<PlanRange>();
        var start = 0;
        var done = 0.0;
        for (var p = 0; p < _plans.Length; p++)
        {
            done += work[p];
            if (done >= total * (ranges.Count + 1) / parts && p + 1 < _plans.Length && ranges.Count + 1 < parts)
            {
                ranges.Add(new PlanRange(start, p + 1));
                start = p + 1;
            }
        }

        ranges.Add(new PlanRange(start, _plans.Length));
        return [.. ranges];
    }

    /// <summary>The statistics of a plan range: [first, end).</summary>
    public (int First, int End) Statistics(PlanRange range) =>
        range.Start == range.End ? (0, 0) : (_plans[range.Start].Offset, _plans[range.End - 1].Offset + _plans[range.End - 1].StatisticCount);
}

/// <summary>A range of plans [Start, End).</summary>
internal readonly record struct PlanRange(int Start, int End);

using System.Runtime.CompilerServices;
using Barometer.Estimation.Domains;

namespace Barometer.Estimation.Estimators;

/// <summary>
/// All statistics of a run, numbered so that one pass over the data serves them all. The plans are split into a
/// few ranges accumulated on separate threads; each range's statistics are numbered consecutively. Inside a range,
/// plans with one statistic per domain of the same <c>by</c> (totals, means, ratios) form an interleaved group whose
/// statistics are numbered domain-major (index = base + domain × plans + plan), so the statistics one row feeds are
/// adjacent and can be updated as a vector. Numbering does not change any result.
/// </summary>
internal sealed class StatisticSet
{
    private readonly EstimatePlan[] _plans;

    public StatisticSet(IReadOnlyList<EstimatePlan> plans, int parts = 1)
    {
        _plans = [.. plans];
        var ranges = Partition(_plans, parts);
        var offset = 0;
        var perRow = 0;
        var layouts = new RangeLayout[ranges.Length];
        for (var r = 0; r < ranges.Length; r++)
        {
            var range = ranges[r];
            var first = offset;
            var groups = new List<InterleavedGroup>();
            var grouped = new HashSet<int>();
            for (var p = range.Start; p < range.End; p++)
            {
                if (grouped.Contains(p) || !_plans[p].Interleavable)
                {
                    continue;
                }

                var members = new List<EstimatePlan>();
                for (var q = p; q < range.End; q++)
                {
                    if (!grouped.Contains(q) && _plans[q].Interleavable && ReferenceEquals(_plans[q].Domains, _plans[p].Domains))
                    {
                        members.Add(_plans[q]);
                        grouped.Add(q);
                    }
                }

                var domains = _plans[p].Domains;
                for (var j = 0; j < members.Count; j++)
                {
                    members[j].Offset = offset + j;
                    members[j].Stride = members.Count;
                }

                groups.Add(new InterleavedGroup(offset, [.. members], domains));
                offset += members.Count * domains.Count;
            }

            var others = new List<EstimatePlan>();
            for (var p = range.Start; p < range.End; p++)
            {
                if (!grouped.Contains(p))
                {
                    _plans[p].Offset = offset;
                    _plans[p].Stride = 1;
                    offset += _plans[p].StatisticCount;
                    others.Add(_plans[p]);
                }
            }

            layouts[r] = new RangeLayout(range, first, offset, [.. groups], [.. others]);
        }

        foreach (var plan in _plans)
        {
            perRow += (plan.Kind == Requests.EstimateType.Proportion ? plan.CategoryCount : 1) * (plan.LogitCenters is null ? 1 : 2);
        }

        Ranges = layouts;
        Count = offset;
        MaxPerRow = Math.Max(1, perRow);
    }

    public IReadOnlyList<EstimatePlan> Plans => _plans;

    /// <summary>The plan ranges with their statistics, groups and other plans.</summary>
    public RangeLayout[] Ranges { get; }

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

    /// <summary>Splits the plans into at most <paramref name="parts"/> consecutive ranges of similar work.</summary>
    private static PlanRange[] Partition(EstimatePlan[] plans, int parts)
    {
        parts = Math.Clamp(parts, 1, Math.Max(1, plans.Length));
        var work = plans.Select(p => (double)((p.Kind == Requests.EstimateType.Proportion ? p.CategoryCount : 1) * (p.LogitCenters is null ? 1 : 2))).ToArray();
        var total = work.Sum();
        var ranges = new List<PlanRange>();
        var start = 0;
        var done = 0.0;
        for (var p = 0; p < plans.Length; p++)
        {
            done += work[p];
            if (done >= total * (ranges.Count + 1) / parts && p + 1 < plans.Length && ranges.Count + 1 < parts)
            {
                ranges.Add(new PlanRange(start, p + 1));
                start = p + 1;
            }
        }

        ranges.Add(new PlanRange(start, plans.Length));
        return [.. ranges];
    }
}

/// <summary>A range of plans [Start, End).</summary>
internal readonly record struct PlanRange(int Start, int End);

/// <summary>A range of plans: its statistics [First, End), its interleaved groups and its other plans.</summary>
internal sealed record RangeLayout(PlanRange Range, int First, int End, InterleavedGroup[] Groups, EstimatePlan[] Others);

/// <summary>Plans with one statistic per domain of the same <c>by</c>, numbered Base + domain × plans + plan.</summary>
internal sealed record InterleavedGroup(int Base, EstimatePlan[] Plans, DomainIndex Domains);

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
    public int Emit(int row, double w, int[] ks, double[] zs)
    {
        var count = 0;
        var plans = _plans;
        for (var p = 0; p < plans.Length; p++)
        {
            count += plans[p].Emit(row, w, ks, zs, count);
        }

        return count;
    }
}

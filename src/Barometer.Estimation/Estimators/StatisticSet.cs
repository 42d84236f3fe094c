namespace Barometer.Estimation.Estimators;

/// <summary>All statistics of a run, numbered consecutively across the plans, so one pass over the data serves all.</summary>
internal sealed class StatisticSet
{
    public StatisticSet(IReadOnlyList<EstimatePlan> plans)
    {
        Plans = plans;
        var offset = 0;
        var perRow = 0;
        foreach (var plan in plans)
        {
            plan.Offset = offset;
            offset += plan.StatisticCount;
            perRow += (plan.Kind == Requests.EstimateType.Proportion ? plan.CategoryCount : 1) * (plan.LogitCenters is null ? 1 : 2);
        }

        Count = offset;
        MaxPerRow = perRow;
    }

    public IReadOnlyList<EstimatePlan> Plans { get; }

    /// <summary>The number of statistics.</summary>
    public int Count { get; }

    /// <summary>The most influence values one row can have.</summary>
    public int MaxPerRow { get; }

    /// <summary>Writes every non-zero influence value of row <paramref name="row"/>; returns how many.</summary>
    public int Emit(int row, double w, Span<int> ks, Span<double> zs)
    {
        var count = 0;
        var plans = Plans;
        for (var p = 0; p < plans.Count; p++)
        {
            count += plans[p].Emit(row, w, ks[count..], zs[count..]);
        }

        return count;
    }
}

using Barometer.Estimation.Designs;
using Barometer.Estimation.Estimators;
using Barometer.Estimation.Variance;

namespace Barometer.Estimation.Intervals;

/// <summary>What the intervals of one run need besides each statistic.</summary>
internal sealed record RowContext(SurveyDesign Design, ReplicateDesign? Replicates, double[][]? ReplicateWeights, bool Calibrated, int DegreesOfFreedom, double Level)
{
    /// <summary>R's logistic coefficients of the logit-interval estimates.</summary>
    public IReadOnlyDictionary<EstimatePlan, double[]> LogitCoefficients { get; init; } = new Dictionary<EstimatePlan, double[]>();

    /// <summary>Replicate statistics (replicate-major, <see cref="StatisticCount"/> per replicate), for replicate designs.</summary>
    public double[]? ReplicateThetas { get; init; }

    public int StatisticCount { get; init; }

    /// <summary>t_{1-α/2} on the design degrees of freedom, computed once per run.</summary>
    public double TQuantile { get; } = Quantiles.StudentT(1 - ((1 - Level) / 2), DegreesOfFreedom);
}

/// <summary>The rows and degrees of freedom of the design a domain's proportion is computed on.</summary>
/// <param name="Rows">R's <c>nrow(design)</c>.</param>
/// <param name="DegreesOfFreedom">R's <c>degf(design)</c>.</param>
internal readonly record struct DesignSize(double Rows, int DegreesOfFreedom);

/// <summary>
/// R's <c>svyciprop(method = "beta")</c> reads <c>nrow(design)</c> and <c>degf(design)</c> of the design it is given,
/// which under <c>svyby</c> is the domain's subset: <c>design[domain, ]</c>. A linearization subset keeps its PSUs
/// with rows in the domain (degf = those PSUs - their strata) and drops the other rows, except that a calibrated
/// design keeps every row (weights zeroed); a replicate subset keeps the domain's rows and recomputes the rank of
/// its replicate weights. The whole population is the design itself.
/// </summary>
internal static class DomainDesignSize
{
    public static DesignSize[] Compute(EstimatePlan plan, RowContext context)
    {
        var domains = plan.Domains;
        var design = context.Design;
        var result = new DesignSize[domains.Count];
        if (plan.Spec.By.Count == 0)
        {
            result[0] = new DesignSize(design.RowCount, context.DegreesOfFreedom);
            return result;
        }

        var rowsIn = new int[domains.Count];
        foreach (var d in domains.DomainOfRow)
        {
            if (d >= 0)
            {
                rowsIn[d]++;
            }
        }

        if (context.Replicates is { } replicates)
        {
            for (var d = 0; d < domains.Count; d++)
            {
                var mask = new bool[design.RowCount];
                for (var i = 0; i < mask.Length; i++)
                {
                    mask[i] = domains.DomainOfRow[i] == d;
                }

                var rank = replicates.Rank(design.Weights, context.ReplicateWeights, mask);
                result[d] = new DesignSize(rowsIn[d], rank - 1);
            }

            return result;
        }

        var stage = design.FirstStage;
        var psus = new int[domains.Count];
        var strata = new int[domains.Count];
        var psuSeen = new int[domains.Count];
        var stratumSeen = new int[domains.Count];
        Array.Fill(psuSeen, -1);
        Array.Fill(stratumSeen, -1);
        for (var u = 0; u < stage.UnitCount; u++)
        {
            var g = stage.GroupOfUnit[u];
            for (var r = stage.UnitRowStart[u]; r < stage.UnitRowStart[u + 1]; r++)
            {
                var d = domains.DomainOfRow[stage.RowOrder[r]];
                if (d < 0)
                {
                    continue;
                }

                if (psuSeen[d] != u)
                {
                    psuSeen[d] = u;
                    psus[d]++;
                }

                if (stratumSeen[d] != g)
                {
                    stratumSeen[d] = g;
                    strata[d]++;
                }
            }
        }

        for (var d = 0; d < domains.Count; d++)
        {
            result[d] = new DesignSize(context.Calibrated ? design.RowCount : rowsIn[d], psus[d] - strata[d]);
        }

        return result;
    }
}

using System.Runtime.CompilerServices;
using Barometer.Estimation.Calibration;
using Barometer.Estimation.Data;
using Barometer.Estimation.Estimators;

namespace Barometer.Estimation.Variance;

/// <summary>The replicate estimates of every statistic and what else the run needs from the replicates.</summary>
/// <param name="Variance">scale · Σ rscale_r (θ_r - θ̄)² per statistic (NaN when every replicate is NaN).</param>
/// <param name="DegreesOfFreedom">R's <c>degf</c>: the rank of the replicate analysis weights minus one.</param>
/// <param name="AnalysisWeights">The final replicate weights when they were kept (for domain ranks), else null.</param>
/// <param name="Thetas">Every replicate's statistics, replicate-major.</param>
internal sealed record ReplicateResult(double[] Variance, int DegreesOfFreedom, double[][]? AnalysisWeights, double[] Thetas);

/// <summary>
/// Replicate variance as R's <c>svrVar</c> (Wolter 2007, ch. 3-4): each statistic re-estimated with every set of
/// replicate weights; with calibration each replicate is calibrated afresh to the same totals, as
/// <c>calibrate()</c> on a replicate design does. Replicates whose statistic is NaN (a domain emptied by the
/// deletion) are dropped for that statistic, as R's <c>na.omit</c> does.
/// </summary>
internal static class ReplicateVariance
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReplicateResult? Compute(ReplicateDesign replicates, StatisticSet set, double[] designWeights, Calibrator? calibrator, bool keepWeights, ProblemLog log)
    {
        ArgumentNullException.ThrowIfNull(replicates);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(designWeights);
        ArgumentNullException.ThrowIfNull(log);
        var r = replicates.Count;
        var k = set.Count;
        var n = designWeights.Length;
        var thetas = new double[r * k];
        var keepCalibrated = calibrator is not null && calibrator.IsRegression;
        var kept = keepWeights || keepCalibrated ? new double[r][] : null;
        var weights = new double[n];
        var sums = new double[set.Plans.Max(p => p.SumLength)];
        var local = new double[set.Plans.Max(p => p.VisibleCount)];
        for (var rep = 0; rep < r; rep++)
        {
            replicates.Fill(rep, designWeights, weights);
            if (calibrator is not null)
            {
                var g = calibrator.Fit(weights, log, rep);
                if (g is null)
                {
                    return null;
                }

                for (var i = 0; i < n; i++)
                {
                    weights[i] *= g[i];
                }
            }

            if (kept is not null)
            {
                kept[rep] = (double[])weights.Clone();
            }

            foreach (var plan in set.Plans)
            {
                var span = sums.AsSpan(0, plan.SumLength);
                span.Clear();
                plan.Accumulate(weights, span);
                var values = local.AsSpan(0, plan.VisibleCount);
                plan.Statistics(span, values);
                for (var j = 0; j < values.Length; j++)
                {
                    thetas[(rep * k) + plan.Index(j)] = values[j];
                }
            }
        }

        var variance = new double[k];
        for (var j = 0; j < k; j++)
        {
            variance[j] = Combine(thetas, j, k, replicates.Scale, replicates.RScales);
        }

        // R's degf: the rank of the analysis weights, recomputed after regcalibrate() (linear calibration without
        // bounds) but kept from before calibration by the iterative calibrate().
        var rank = replicates.Rank(designWeights, keepCalibrated ? kept : null, null);
        return new ReplicateResult(variance, rank - 1, kept, thetas);
    }

    /// <summary>R's <c>svrVar</c> for one series of replicate values.</summary>
    public static double Combine(double[] values, double scale, double[] rscales) => Combine(values, 0, 1, scale, rscales);

    /// <summary>R's <c>svrVar</c> with <c>mse = FALSE</c>, dropping NaN replicates (and their rscales).</summary>
    private static double Combine(double[] thetas, int j, int k, double scale, double[] rscales)
    {
        var sum = 0.0;
        var count = 0;
        var any = false;
        for (var rep = 0; rep < rscales.Length; rep++)
        {
            var t = thetas[(rep * k) + j];
            if (double.IsNaN(t))
            {
                continue;
            }

            any = true;
            if (rscales[rep] > 0)
            {
                sum += t;
                count++;
            }
        }

        if (!any || count == 0)
        {
            return double.NaN;
        }

        var mean = sum / count;
        var v = 0.0;
        for (var rep = 0; rep < rscales.Length; rep++)
        {
            var t = thetas[(rep * k) + j];
            if (!double.IsNaN(t))
            {
                v += (t - mean) * (t - mean) * rscales[rep];
            }
        }

        return v * scale;
    }
}

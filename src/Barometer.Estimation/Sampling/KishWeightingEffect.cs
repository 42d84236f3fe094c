namespace Barometer.Estimation.Sampling;

/// <summary>
/// Kish's design effect of unequal weighting, deff_w = 1 + CV²(g) = m Σ g_k² / (Σ g_k)² over m units (Kish 1965,
/// <i>Survey Sampling</i>, §11.7; Kish 1992, "Weighting for unequal P_i", <i>Journal of Official Statistics</i> 8,
/// 183–200), with CV² the population-form squared coefficient of variation of the g_k. Used by <c>plan</c> on the
/// adjustment factors g_k = calibrated weight / design weight of the last run's respondents in a domain: the loss of
/// precision that nonresponse adjustment and calibration add on top of the stratified design.
/// </summary>
public static class KishWeightingEffect
{
    /// <summary>1 + CV²(g) of the positive finite values of <paramref name="g"/>; NaN when there are none.</summary>
    public static double Of(IEnumerable<double> g)
    {
        ArgumentNullException.ThrowIfNull(g);
        double sum = 0, sum2 = 0;
        var m = 0;
        foreach (var x in g)
        {
            if (x > 0 && double.IsFinite(x))
            {
                sum += x;
                sum2 += x * x;
                m++;
            }
        }

        return m == 0 ? double.NaN : m * sum2 / (sum * sum);
    }

    /// <summary>1 + CV²(g) = m Σ g² / (Σ g)² from the sums over <paramref name="m"/> positive, finite g; NaN when m = 0.</summary>
    public static double FromSums(long m, double sum, double sum2) => m == 0 ? double.NaN : m * sum2 / (sum * sum);
}

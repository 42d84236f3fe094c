namespace Barometer.Estimation.Sampling;

/// <summary>
/// The standard deviation S_h of a variable within each stratum, estimated from an earlier wave's respondents with
/// their analysis weights w_k: S_h² = m_h/(m_h − 1) · Σ_k w_k (y_k − ȳ_h)² / Σ_k w_k, ȳ_h = Σ w_k y_k / Σ w_k, over
/// the m_h respondents of stratum h with a value (NaN values are outside the variable's base and skipped). With
/// equal weights this is the usual sample variance. A stratum with fewer than <see cref="MinimumRespondents"/>
/// respondents with a value borrows the pooled deviation of its group, or of all respondents when its group has
/// too few as well (the caller says which).
/// </summary>
public static class StratumDeviation
{
    /// <summary>The fewest respondents with a value from which a stratum's own S_h is used.</summary>
    public const int MinimumRespondents = 10;

    /// <summary>S_h and m_h of each stratum 0 … <paramref name="strata"/> − 1; NaN where m_h &lt; 2.</summary>
    public static (double[] Deviation, int[] Respondents) Estimate(int strata, IReadOnlyList<int> stratumOf, IReadOnlyList<double> y, IReadOnlyList<double> weight)
    {
        ArgumentNullException.ThrowIfNull(stratumOf);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(weight);
        var sw = new double[strata];
        var swy = new double[strata];
        var m = new int[strata];
        for (var k = 0; k < y.Count; k++)
        {
            if (stratumOf[k] >= 0 && !double.IsNaN(y[k]) && weight[k] > 0)
            {
                sw[stratumOf[k]] += weight[k];
                swy[stratumOf[k]] += weight[k] * y[k];
                m[stratumOf[k]]++;
            }
        }

        var ss = new double[strata];
        for (var k = 0; k < y.Count; k++)
        {
            if (stratumOf[k] >= 0 && !double.IsNaN(y[k]) && weight[k] > 0)
            {
                var d = y[k] - (swy[stratumOf[k]] / sw[stratumOf[k]]);
                ss[stratumOf[k]] += weight[k] * d * d;
            }
        }

        var deviation = new double[strata];
        for (var h = 0; h < strata; h++)
        {
            deviation[h] = m[h] < 2 ? double.NaN : Math.Sqrt(m[h] / (m[h] - 1.0) * ss[h] / sw[h]);
        }

        return (deviation, m);
    }

    /// <summary>
    /// S of one stratum from the sums over its <paramref name="m"/> respondents with a value: Σ w, Σ w y and Σ w y²,
    /// S² = m/(m − 1) · (Σ w y² − (Σ w y)²/Σ w) / Σ w — the same estimate as <see cref="Estimate"/>, for sums kept in
    /// the store; NaN where m &lt; 2 or Σ w ≤ 0. A negative rounding residue of the centred sum is taken as 0.
    /// </summary>
    public static double FromSums(long m, double sumW, double sumWy, double sumWy2)
    {
        if (m < 2 || !(sumW > 0))
        {
            return double.NaN;
        }

        var centred = Math.Max(0, sumWy2 - (sumWy * sumWy / sumW));
        return Math.Sqrt(m / (m - 1.0) * centred / sumW);
    }
}

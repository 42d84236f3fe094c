namespace Barometer.Estimation.Sampling;

/// <summary>
/// The expected precision of a share P estimated in a domain d (a union of strata) from a stratified sample whose
/// respondents in stratum h are a simple random subsample of n_h · r_h of its N_h persons (r_h the expected
/// response rate), with the design effect of weighting deff_d on top:
/// V_d = deff_d · Σ_{h∈d} W_h² S_h² (1 / (r_h n_h) − 1 / N_h), W_h = N_h / N_d, S_h² = P(1 − P) N_h / (N_h − 1),
/// and the margin of error z · √V_d (Cochran 1977, 5.4 and 5A.8). A target margin e_d is then the constraint
/// Σ_h a_dh / n_h ≤ b_d with a_dh = deff_d W_h² S_h² / r_h and b_d = (e_d / z)² + deff_d Σ_{h∈d} W_h² S_h² / N_h,
/// linear in 1 / n_h as in Bethel (1989) and Chromy (1987).
/// </summary>
public static class DomainPrecision
{
    /// <summary>The coefficients a_dh (0 outside the domain) and the bound b_d of the target.</summary>
    public static (double[] A, double B) Constraint(IReadOnlyList<double> population, IReadOnlyList<bool> inDomain, IReadOnlyList<double> responseRate,
        double share, double designEffect, double margin, double z)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(inDomain);
        ArgumentNullException.ThrowIfNull(responseRate);
        var (w2s2, domainSize) = Terms(population, inDomain, share);
        var a = new double[population.Count];
        var fpc = 0.0;
        for (var h = 0; h < a.Length; h++)
        {
            if (inDomain[h] && domainSize > 0)
            {
                a[h] = designEffect * w2s2[h] / responseRate[h];
                fpc += designEffect * w2s2[h] / population[h];
            }
        }

        return (a, (margin / z * (margin / z)) + fpc);
    }

    /// <summary>The expected margin of error z · √V_d of the domain's share for gross sample sizes <paramref name="sample"/>.</summary>
    public static double Margin(IReadOnlyList<double> population, IReadOnlyList<bool> inDomain, IReadOnlyList<double> responseRate,
        IReadOnlyList<double> sample, double share, double designEffect, double z)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(inDomain);
        ArgumentNullException.ThrowIfNull(responseRate);
        ArgumentNullException.ThrowIfNull(sample);
        var (w2s2, _) = Terms(population, inDomain, share);
        var v = 0.0;
        for (var h = 0; h < population.Count; h++)
        {
            if (inDomain[h])
            {
                var net = sample[h] * responseRate[h];
                if (net <= 0)
                {
                    return double.PositiveInfinity;
                }

                v += w2s2[h] * ((1 / net) - (1 / population[h]));
            }
        }

        return z * Math.Sqrt(Math.Max(0, designEffect * v));
    }

    private static (double[] W2S2, double DomainSize) Terms(IReadOnlyList<double> population, IReadOnlyList<bool> inDomain, double share)
    {
        var domainSize = population.Where((_, h) => inDomain[h]).Sum();
        var terms = new double[population.Count];
        for (var h = 0; h < terms.Length; h++)
        {
            if (inDomain[h] && population[h] > 1)
            {
                var w = population[h] / domainSize;
                terms[h] = w * w * share * (1 - share) * population[h] / (population[h] - 1);
            }
        }

        return (terms, domainSize);
    }
}

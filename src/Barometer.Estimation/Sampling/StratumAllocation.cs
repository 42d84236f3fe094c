namespace Barometer.Estimation.Sampling;

/// <summary>
/// Allocations of a fixed sample size to strata, each n_h = k · w_h with k such that Σ n_h = n, and with bounds
/// lower_h ≤ n_h ≤ upper_h met by fixing a stratum at its bound and sharing the rest among the others (the usual
/// iteration, e.g. Cochran 1977 §5.5 for Neyman allocation with n_h > N_h):
/// proportional w_h = N_h; Neyman w_h = N_h S_h (Neyman 1934); power allocation w_h = S_h N_h^q with 0 ≤ q ≤ 1
/// (Bankier 1988's n_h ∝ S_h X_h^q / Ȳ_h with the stratum size as X_h and a common mean, as for a share).
/// </summary>
public static class StratumAllocation
{
    /// <summary>Proportional allocation: n_h ∝ N_h.</summary>
    public static double[] Proportional(IReadOnlyList<double> population, double total, IReadOnlyList<double> lower, IReadOnlyList<double> upper) =>
        Bounded(population, total, lower, upper);

    /// <summary>Neyman allocation: n_h ∝ N_h S_h.</summary>
    public static double[] Neyman(IReadOnlyList<double> population, IReadOnlyList<double> deviation, double total, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(deviation);
        return Bounded(population.Select((n, h) => n * deviation[h]).ToArray(), total, lower, upper);
    }

    /// <summary>Power allocation (Bankier 1988): n_h ∝ S_h N_h^q.</summary>
    public static double[] Power(IReadOnlyList<double> population, IReadOnlyList<double> deviation, double power, double total, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(deviation);
        return Bounded(population.Select((n, h) => deviation[h] * Math.Pow(n, power)).ToArray(), total, lower, upper);
    }

    /// <summary>n_h = k · w_h, with strata outside [lower_h, upper_h] fixed at the bound and k recomputed for the others.</summary>
    /// <exception cref="ArgumentException">When the bounds cannot sum to the total, or a weight is negative.</exception>
    public static double[] Bounded(IReadOnlyList<double> weights, double total, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        var h = weights.Count;
        if (weights.Any(w => w < 0 || !double.IsFinite(w)))
        {
            throw new ArgumentException("allocation weights must be finite and non-negative.", nameof(weights));
        }

        if (lower.Sum() > total + 1e-9 || upper.Sum() < total - 1e-9)
        {
            throw new ArgumentException($"a total of {total} cannot be allocated within the bounds (from {lower.Sum()} to {upper.Sum()}).", nameof(total));
        }

        var n = new double[h];
        var fixedAt = new double?[h];
        for (var iteration = 0; iteration <= h; iteration++)
        {
            var free = Enumerable.Range(0, h).Where(s => fixedAt[s] is null).ToList();
            var left = total - fixedAt.Sum(x => x ?? 0);
            var weight = free.Sum(s => weights[s]);
            foreach (var s in free)
            {
                n[s] = weight > 0 ? left * weights[s] / weight : left / free.Count;
            }

            // Fix the strata furthest beyond their bounds in the direction of the imbalance, then recompute.
            var over = free.Where(s => n[s] > upper[s]).ToList();
            var under = free.Where(s => n[s] < lower[s]).ToList();
            if (over.Count == 0 && under.Count == 0)
            {
                break;
            }

            var excess = over.Sum(s => n[s] - upper[s]);
            var shortfall = under.Sum(s => lower[s] - n[s]);
            if (excess >= shortfall)
            {
                foreach (var s in over)
                {
                    fixedAt[s] = upper[s];
                }
            }
            else
            {
                foreach (var s in under)
                {
                    fixedAt[s] = lower[s];
                }
            }
        }

        for (var s = 0; s < h; s++)
        {
            n[s] = fixedAt[s] ?? n[s];
        }

        return n;
    }

    /// <summary>
    /// Whole numbers from a continuous allocation with the same (rounded) total: the floors, then one more to the
    /// largest remainders (ties to the lower stratum index), never above <paramref name="upper"/>.
    /// </summary>
    public static int[] Round(IReadOnlyList<double> allocation, IReadOnlyList<double> upper)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(upper);
        var total = (int)Math.Round(allocation.Sum());
        var n = allocation.Select(x => (int)Math.Floor(x + 1e-9)).ToArray();
        var order = Enumerable.Range(0, n.Length).OrderByDescending(s => allocation[s] - n[s]).ThenBy(s => s).ToList();
        var left = total - n.Sum();
        foreach (var s in order)
        {
            if (left <= 0)
            {
                break;
            }

            if (n[s] + 1 <= upper[s] + 1e-9)
            {
                n[s]++;
                left--;
            }
        }

        return n;
    }
}

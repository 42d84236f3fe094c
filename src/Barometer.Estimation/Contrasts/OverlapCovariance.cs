namespace Barometer.Estimation.Contrasts;

/// <summary>
/// The sampling covariance of two estimates from two stratified samples of the same population that share units
/// (a rotating panel): Tam's (1984) covariance for stratified simple random sampling without replacement, on the
/// linearization values of the estimates (docs/methodology/changes-and-overlap.md):
/// <code>
///   Cov(θ̂₂, θ̂₁) = Σ_h (m_h − n₂ₕ n₁ₕ / N_h) · s₂₁ₕ,
///   s₂₁ₕ = Σ_{k ∈ common part of h} (z₂ₖ − z̄₂ₕ)(z₁ₖ − z̄₁ₕ) / (m_h − 1),
/// </code>
/// where n₁ₕ and n₂ₕ are the units of stratum h in each sample, m_h the units in both (in h in both waves), N_h the
/// stratum's population and z the engine's weighted (and, after calibration, residual) influence values
/// (<see cref="Variance.InfluenceValues"/>). With the same sample twice it is the engine's variance,
/// (1 − n_h/N_h) n_h s²ₕ. A stratum with fewer than two common units adds nothing, except under R's <c>adjust</c>
/// rule for lonely strata (<see cref="Requests.LonelyPsuRule.Adjust"/>): a stratum with one unit in each wave, the same
/// unit, adds (1 − 1/N_h) z₂ z₁ (uncentred, as the engine's variance of that stratum).
/// </summary>
public sealed class OverlapCovariance
{
    private readonly int[] _stratumOfPair;
    private readonly double[] _factor;
    private readonly bool[] _uncentred;

    private OverlapCovariance(IReadOnlyList<(int Later, int Earlier)> pairs, int[] stratumOfPair, string[] strata, int[] common, double[] factor, bool[] uncentred)
    {
        _uncentred = uncentred;
        Pairs = pairs;
        _stratumOfPair = stratumOfPair;
        Strata = strata;
        CommonByStratum = common;
        _factor = factor;
    }

    /// <summary>The units in both samples and in the same stratum in both: (row in the later wave's data, row in the earlier's), ordered by stratum then later row.</summary>
    public IReadOnlyList<(int Later, int Earlier)> Pairs { get; }

    /// <summary>The strata of the later sample, in ordinal order.</summary>
    public IReadOnlyList<string> Strata { get; }

    /// <summary>m_h: the common units of each stratum in <see cref="Strata"/>.</summary>
    public IReadOnlyList<int> CommonByStratum { get; }

    /// <summary>True when no stratum has two common units, so every covariance is 0.</summary>
    public bool IsEmpty => _factor.All(f => f == 0);

    /// <summary>
    /// Matches the units of two samples. <paramref name="laterUnits"/>/<paramref name="earlierUnits"/> identify the
    /// unit of each data row (a person id), the strata give its stratum in that wave, and
    /// <paramref name="laterPopulation"/> the stratum population N_h of each row of the later sample (the finite
    /// population correction; +∞ or NaN for none). A unit counts as common in stratum h when it is in h in both
    /// samples. <paramref name="lonely"/>: the designs' rule for strata with one unit (the engine's variance of such a
    /// stratum is mirrored under <see cref="Requests.LonelyPsuRule.Adjust"/>; otherwise it adds nothing).
    /// </summary>
    /// <exception cref="ArgumentException">Lists of different lengths, a unit twice in one sample, or a stratum with two populations.</exception>
    public static OverlapCovariance Match(IReadOnlyList<string> laterUnits, IReadOnlyList<string> laterStrata, IReadOnlyList<double> laterPopulation,
        IReadOnlyList<string> earlierUnits, IReadOnlyList<string> earlierStrata, Requests.LonelyPsuRule lonely = Requests.LonelyPsuRule.Fail)
    {
        ArgumentNullException.ThrowIfNull(laterUnits);
        ArgumentNullException.ThrowIfNull(laterStrata);
        ArgumentNullException.ThrowIfNull(laterPopulation);
        ArgumentNullException.ThrowIfNull(earlierUnits);
        ArgumentNullException.ThrowIfNull(earlierStrata);
        if (laterUnits.Count != laterStrata.Count || laterUnits.Count != laterPopulation.Count || earlierUnits.Count != earlierStrata.Count)
        {
            throw new ArgumentException("Every data row needs its unit, stratum (and, in the later sample, stratum population).");
        }

        var strata = laterStrata.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = strata.Select((s, h) => (s, h)).ToDictionary(x => x.s, x => x.h, StringComparer.Ordinal);
        var later = new int[strata.Length];
        var population = new double[strata.Length];
        Array.Fill(population, double.NaN);
        for (var r = 0; r < laterUnits.Count; r++)
        {
            var h = index[laterStrata[r]];
            later[h]++;
            var n = double.IsFinite(laterPopulation[r]) ? laterPopulation[r] : double.PositiveInfinity;
            if (!double.IsNaN(population[h]) && population[h] != n)
            {
                throw new ArgumentException($"Stratum '{strata[h]}' has two populations ({population[h]} and {n}).", nameof(laterPopulation));
            }

            population[h] = n;
        }

        var earlier = new int[strata.Length];
        var earlierRow = new Dictionary<string, int>(earlierUnits.Count, StringComparer.Ordinal);
        for (var r = 0; r < earlierUnits.Count; r++)
        {
            if (!earlierRow.TryAdd(earlierUnits[r], r))
            {
                throw new ArgumentException($"Unit '{earlierUnits[r]}' is twice in the earlier sample.", nameof(earlierUnits));
            }

            if (index.TryGetValue(earlierStrata[r], out var h))
            {
                earlier[h]++;
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new List<(int Later, int Earlier, int Stratum)>();
        for (var r = 0; r < laterUnits.Count; r++)
        {
            if (!seen.Add(laterUnits[r]))
            {
                throw new ArgumentException($"Unit '{laterUnits[r]}' is twice in the later sample.", nameof(laterUnits));
            }

            if (earlierRow.TryGetValue(laterUnits[r], out var e) && string.Equals(earlierStrata[e], laterStrata[r], StringComparison.Ordinal))
            {
                pairs.Add((r, e, index[laterStrata[r]]));
            }
        }

        pairs.Sort((a, b) => a.Stratum != b.Stratum ? a.Stratum.CompareTo(b.Stratum) : a.Later.CompareTo(b.Later));
        var common = new int[strata.Length];
        foreach (var pair in pairs)
        {
            common[pair.Stratum]++;
        }

        var factor = new double[strata.Length];
        var uncentred = new bool[strata.Length];
        for (var h = 0; h < strata.Length; h++)
        {
            if (common[h] >= 2)
            {
                factor[h] = (common[h] - (later[h] * (double)earlier[h] / population[h])) / (common[h] - 1);
            }
            else if (common[h] == 1 && later[h] == 1 && earlier[h] == 1 && lonely == Requests.LonelyPsuRule.Adjust)
            {
                factor[h] = 1 - (1 / population[h]);
                uncentred[h] = true;
            }
        }

        return new OverlapCovariance([.. pairs.Select(p => (p.Later, p.Earlier))], [.. pairs.Select(p => p.Stratum)], strata, common, factor, uncentred);
    }

    /// <summary>
    /// The covariance of each pair of estimates: <paramref name="later"/>[e] and <paramref name="earlier"/>[e] hold the
    /// influence values of the e-th estimate of each wave at the common units, in <see cref="Pairs"/> order.
    /// </summary>
    public double[] Covariances(IReadOnlyList<double[]> later, IReadOnlyList<double[]> earlier)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(earlier);
        if (later.Count != earlier.Count)
        {
            throw new ArgumentException("Both waves need the same number of estimates.", nameof(earlier));
        }

        var result = new double[later.Count];
        for (var e = 0; e < later.Count; e++)
        {
            result[e] = Covariance(later[e], earlier[e]);
        }

        return result;
    }

    /// <summary>The covariance of one pair of estimates (influence values at the common units, in <see cref="Pairs"/> order).</summary>
    public double Covariance(IReadOnlyList<double> later, IReadOnlyList<double> earlier)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(earlier);
        if (later.Count != Pairs.Count || earlier.Count != Pairs.Count)
        {
            throw new ArgumentException($"The influence values must be given at the {Pairs.Count} common units.", nameof(later));
        }

        var total = 0.0;
        var start = 0;
        while (start < Pairs.Count)
        {
            var h = _stratumOfPair[start];
            var end = start;
            while (end < Pairs.Count && _stratumOfPair[end] == h)
            {
                end++;
            }

            if (_factor[h] != 0)
            {
                var m = end - start;
                double mean2 = 0, mean1 = 0;
                for (var k = start; k < end; k++)
                {
                    mean2 += later[k];
                    mean1 += earlier[k];
                }

                mean2 = _uncentred[h] ? 0 : mean2 / m;
                mean1 = _uncentred[h] ? 0 : mean1 / m;
                var cross = 0.0;
                for (var k = start; k < end; k++)
                {
                    cross += (later[k] - mean2) * (earlier[k] - mean1);
                }

                total += _factor[h] * cross;
            }

            start = end;
        }

        return total;
    }
}

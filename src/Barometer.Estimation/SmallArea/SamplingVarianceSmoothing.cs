namespace Barometer.Estimation.SmallArea;

/// <summary>
/// Smoothed sampling variances for the Fay–Herriot model, which treats ψ_i as known. A direct variance estimate from
/// a few dozen respondents is itself very uncertain; an area whose ψ̂_i happens to be small gets too much weight on
/// its direct estimate and too small an MSE (Rao &amp; Molina 2015, section 6.4.1; Bell 2008). The generalised variance
/// function used here assumes a common unit variance times design effect φ across the areas: ψ̃_i = φ̂ / n_i with
/// φ̂ = Σ_i n_i (n_i ψ̂_i) / Σ_i n_i, the respondent-weighted mean of n_i ψ̂_i (dominated by the large areas, whose ψ̂_i
/// are precise).
/// </summary>
public static class SamplingVarianceSmoothing
{
    /// <summary>ψ̃_i = φ̂ / n_i.</summary>
    /// <param name="variances">ψ̂_i ≥ 0, the direct variance estimates (an area's may be 0 when all its respondents answered alike).</param>
    /// <param name="respondents">n_i ≥ 1, the respondents behind each direct estimate.</param>
    /// <exception cref="ArgumentException">Ragged, negative or non-finite input, an n_i below 1, or every ψ̂_i zero.</exception>
    public static double[] Pooled(IReadOnlyList<double> variances, IReadOnlyList<double> respondents)
    {
        ArgumentNullException.ThrowIfNull(variances);
        ArgumentNullException.ThrowIfNull(respondents);
        if (variances.Count != respondents.Count || variances.Count == 0)
        {
            throw new ArgumentException($"expected as many respondent counts as variances ({variances.Count}), at least one.", nameof(respondents));
        }

        var numerator = 0.0;
        var denominator = 0.0;
        for (var i = 0; i < variances.Count; i++)
        {
            if (!(variances[i] >= 0) || !double.IsFinite(variances[i]) || !(respondents[i] >= 1) || !double.IsFinite(respondents[i]))
            {
                throw new ArgumentException($"area {i + 1}: expected a finite variance ≥ 0 and at least one respondent; got {variances[i]} and {respondents[i]}.", nameof(variances));
            }

            numerator += respondents[i] * respondents[i] * variances[i];
            denominator += respondents[i];
        }

        var phi = numerator / denominator;
        if (!(phi > 0))
        {
            throw new ArgumentException("every direct variance is 0: there is nothing to pool.", nameof(variances));
        }

        return [.. respondents.Select(n => phi / n)];
    }
}

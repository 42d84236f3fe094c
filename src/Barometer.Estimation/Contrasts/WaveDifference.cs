using Barometer.Estimation.Intervals;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Contrasts;

/// <summary>
/// The change between two survey waves: the difference of two estimates of the same statistic, with variance
/// Var(θ̂₁) + Var(θ̂₂) for independent samples, or Var(θ̂₁) + Var(θ̂₂) − 2 Cov(θ̂₁, θ̂₂) when the samples share units
/// (the covariance from <see cref="OverlapCovariance"/>; docs/methodology/changes-and-overlap.md).
/// </summary>
public static class WaveDifference
{
    /// <summary>
    /// <paramref name="later"/> minus <paramref name="earlier"/>. The degrees of freedom follow Welch and
    /// Satterthwaite, ν = (v₁ + v₂)² / (v₁²/ν₁ + v₂²/ν₂) with vᵢ = SEᵢ², which lies between the smaller of the two
    /// design degrees of freedom and their sum; when both variances are zero it is the smaller ν. The interval is
    /// the Wald interval with the t quantile on ν (the same ν with overlapping samples: the waves' own degrees of
    /// freedom, with no credit taken for the covariance). N is the respondents of both waves; the design effect is not
    /// defined for a difference (NaN).
    /// </summary>
    /// <param name="later">The estimate of the later wave.</param>
    /// <param name="earlier">The estimate of the earlier wave, for the same estimate id, domain and category.</param>
    /// <param name="level">The confidence level, in (0, 1).</param>
    /// <param name="covariance">Cov(θ̂_later, θ̂_earlier): 0 for independent samples. A variance that the covariance would make negative is taken as 0.</param>
    /// <returns>A row with the later wave's id, index, domain and category.</returns>
    /// <exception cref="ArgumentException">The rows describe different statistics, or a level outside (0, 1).</exception>
    public static EstimateRow Between(EstimateRow later, EstimateRow earlier, double level = 0.95, double covariance = 0)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(earlier);
        if (!string.Equals(later.EstimateId, earlier.EstimateId, StringComparison.Ordinal)
            || !string.Equals(later.Domain, earlier.Domain, StringComparison.Ordinal)
            || !string.Equals(later.Category, earlier.Category, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A wave difference compares the same statistic: '{later.EstimateId}' [{later.Domain}] [{later.Category}] versus '{earlier.EstimateId}' [{earlier.Domain}] [{earlier.Category}].", nameof(earlier));
        }

        if (!(level > 0 && level < 1))
        {
            throw new ArgumentException("The confidence level must lie in (0, 1).", nameof(level));
        }

        if (!double.IsFinite(covariance))
        {
            throw new ArgumentException("The covariance of the two waves must be a finite number.", nameof(covariance));
        }

        var v1 = later.StandardError * later.StandardError;
        var v2 = earlier.StandardError * earlier.StandardError;
        var variance = v1 + v2;
        var df = variance > 0
            ? variance * variance / ((v1 * v1 / later.DegreesOfFreedom) + (v2 * v2 / earlier.DegreesOfFreedom))
            : Math.Min(later.DegreesOfFreedom, earlier.DegreesOfFreedom);
        var difference = later.Value - earlier.Value;
        var se = Math.Sqrt(Math.Max(0, variance - (2 * covariance)));
        var q = Quantiles.StudentT(1 - ((1 - level) / 2), df);
        var cv = difference == 0 ? double.NaN : se / Math.Abs(difference);
        return later with
        {
            Value = difference,
            StandardError = se,
            CiLow = difference - (q * se),
            CiHigh = difference + (q * se),
            DegreesOfFreedom = df,
            N = later.N + earlier.N,
            Cv = cv,
            DesignEffect = double.NaN,
        };
    }
}

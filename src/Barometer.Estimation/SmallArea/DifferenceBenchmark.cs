namespace Barometer.Estimation.SmallArea;

/// <summary>
/// EBLUPs benchmarked by difference so that their population-share-weighted sum equals the national direct estimate.
/// </summary>
/// <param name="Estimates">θ̂ᵇ_i = θ̂_i + (ŷ − Σ_j w_j θ̂_j), the same shift in every area.</param>
/// <param name="Adjustment">ŷ − Σ_j w_j θ̂_j, the shift.</param>
/// <param name="G4">g4 = Var(Σ_j w_j (1 − γ_j)(y_j − x_j'β̂)) at σ̂²_u: the MSE the shift adds to every area.</param>
/// <param name="Mse">g1 + g2 + 2 g3 + g4 of each area.</param>
public sealed record BenchmarkedEstimates(double[] Estimates, double Adjustment, double G4, double[] Mse);

/// <summary>
/// Difference benchmarking of Fay–Herriot EBLUPs (Rao &amp; Molina 2015, section 6.4; its MSE Steorts &amp; Ghosh 2013):
/// θ̂ᵇ_i = θ̂_i + (ŷ − Σ_j w_j θ̂_j) with the population shares w_j (Σ w_j = 1). When ŷ = Σ_j w_j y_j the shift is
/// Σ_j w_j (1 − γ_j)(y_j − x_j'β̂), a zero-mean linear combination of y (an error contrast), uncorrelated with the
/// error of every BLUP; so the benchmarked MSE is the unbenchmarked one plus the shift's variance,
/// g4 = Σ_j w_j² (1 − γ_j)² (σ²_u + ψ_j) − Σ_j Σ_k w_j w_k (1 − γ_j)(1 − γ_k) x_j'(X'V⁻¹X)⁻¹x_k, the same in every area.
/// </summary>
public static class DifferenceBenchmark
{
    /// <summary>Benchmarks a converged fit.</summary>
    /// <param name="fit">The fitted model (must have converged).</param>
    /// <param name="data">The data it was fitted to.</param>
    /// <param name="shares">w_i ≥ 0, each area's share of the population; normalised to sum 1.</param>
    /// <param name="national">ŷ, the national direct estimate; normally Σ w_i y_i.</param>
    public static BenchmarkedEstimates Apply(FayHerriotFit fit, FayHerriotData data, IReadOnlyList<double> shares, double national)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shares);
        if (!fit.Converged)
        {
            throw new ArgumentException("the fit did not converge: there is nothing to benchmark.", nameof(fit));
        }

        var w = NormalisedShares(shares, data.Areas);
        var m = data.Areas;
        var weighted = 0.0;
        for (var i = 0; i < m; i++)
        {
            weighted += w[i] * fit.Eblup[i];
        }

        var adjustment = national - weighted;
        var g4 = G4(fit, data, w);
        var estimates = fit.Eblup.Select(e => e + adjustment).ToArray();
        var mse = fit.Mse.Select(e => e.Mse + g4).ToArray();
        return new BenchmarkedEstimates(estimates, adjustment, g4, mse);
    }

    /// <summary>The variance of the benchmark shift, Σ w_j² (1 − γ_j)² (σ²_u + ψ_j) − c'(X'V⁻¹X)⁻¹c with c = Σ w_j (1 − γ_j) x_j.</summary>
    internal static double G4(FayHerriotFit fit, FayHerriotData data, double[] w)
    {
        var m = data.Areas;
        var p = data.Columns;
        var c = new double[p];
        var first = 0.0;
        for (var i = 0; i < m; i++)
        {
            var oneMinus = 1 - fit.Shrinkage[i];
            first += w[i] * w[i] * oneMinus * oneMinus * (fit.ModelVariance + data.SamplingVariances[i]);
            for (var j = 0; j < p; j++)
            {
                c[j] += w[i] * oneMinus * data.Covariates[i][j];
            }
        }

        var second = 0.0;
        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k < p; k++)
            {
                second += c[j] * fit.CoefficientCovariance[(j * p) + k] * c[k];
            }
        }

        return Math.Max(0, first - second);
    }

    internal static double[] NormalisedShares(IReadOnlyList<double> shares, int areas)
    {
        if (shares.Count != areas || shares.Any(s => !(s >= 0) || !double.IsFinite(s)))
        {
            throw new ArgumentException($"expected {areas} finite population shares ≥ 0, one per area.", nameof(shares));
        }

        var total = shares.Sum();
        if (!(total > 0))
        {
            throw new ArgumentException("the population shares sum to 0.", nameof(shares));
        }

        return [.. shares.Select(s => s / total)];
    }
}

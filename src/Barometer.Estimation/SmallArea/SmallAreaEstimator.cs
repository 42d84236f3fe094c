using MathNet.Numerics.Distributions;

namespace Barometer.Estimation.SmallArea;

/// <summary>The diagnostics of a small-area fit; the texts users read are made from these codes by the publishing side.</summary>
public enum SmallAreaCheck
{
    /// <summary>The REML iteration converged. Fails: the estimates are held back.</summary>
    Convergence,

    /// <summary>
    /// σ̂²_u &gt; 0. At 0 the EBLUPs are purely regression-synthetic and their MSE has no area-effect term, so their
    /// intervals undercover every area the covariates do not explain; held back unless the options say otherwise.
    /// </summary>
    ModelVarianceAboveZero,

    /// <summary>No standardised residual beyond the Bonferroni bound Φ⁻¹(1 − α/(2m)). Fails: held back.</summary>
    Residuals,

    /// <summary>
    /// The weighted mean of the unbenchmarked EBLUPs agrees with that of the direct estimates: |Σ w_i (θ̂_i − y_i)| / √g4
    /// within Φ⁻¹(1 − α/2); under the model Σ w_i (θ̂_i − y_i) has mean 0 and variance g4. Fails: held back (the model
    /// misses the aggregate level, which benchmarking would only hide).
    /// </summary>
    Aggregate,
}

/// <summary>One diagnostic of a small-area fit.</summary>
/// <param name="Check">What is checked.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="HoldsBack">Whether its failure holds the estimates back (false when it passed).</param>
/// <param name="Value">The statistic: iterations, σ̂²_u, the largest |standardised residual|, or the standardised aggregate difference.</param>
/// <param name="Threshold">The bound the statistic is held to (NaN where none).</param>
/// <param name="Detail">A short English account for logs and tests; users read texts made from <paramref name="Check"/>.</param>
public sealed record SmallAreaDiagnostic(SmallAreaCheck Check, bool Passed, bool HoldsBack, double Value, double Threshold, string Detail);

/// <summary>The rules of <see cref="SmallAreaEstimator"/>.</summary>
/// <param name="Level">Confidence level of the intervals θ̂ᵇ_i ± z √MSE_i.</param>
/// <param name="ResidualAlpha">Family-wise level of the residual check (Bonferroni over the areas).</param>
/// <param name="AggregateAlpha">Two-sided level of the aggregate check.</param>
/// <param name="HoldBackAtZero">Whether σ̂²_u = 0 holds the estimates back (the default).</param>
public sealed record SmallAreaOptions(double Level = 0.95, double ResidualAlpha = 0.01, double AggregateAlpha = 0.01, bool HoldBackAtZero = true);

/// <summary>The model-based estimate of one area.</summary>
/// <param name="Direct">y_i.</param>
/// <param name="DirectVariance">ψ_i.</param>
/// <param name="Shrinkage">γ_i, the weight of the direct estimate.</param>
/// <param name="Eblup">θ̂_i before benchmarking.</param>
/// <param name="Estimate">θ̂ᵇ_i, the benchmarked EBLUP: what is published.</param>
/// <param name="Mse">MSE of θ̂ᵇ_i: g1 + g2 + 2 g3 + g4.</param>
/// <param name="Components">g1, g2, g3 and their unbenchmarked MSE.</param>
/// <param name="Low">θ̂ᵇ_i − z √MSE_i.</param>
/// <param name="High">θ̂ᵇ_i + z √MSE_i.</param>
/// <param name="StandardisedResidual">(y_i − x_i'β̂) / √(σ̂²_u + ψ_i).</param>
public sealed record SmallAreaEstimate(
    double Direct,
    double DirectVariance,
    double Shrinkage,
    double Eblup,
    double Estimate,
    double Mse,
    PrasadRaoMse Components,
    double Low,
    double High,
    double StandardisedResidual);

/// <summary>
/// The small-area estimates of one indicator: the fit, the benchmarked estimates and the diagnostics. When
/// <see cref="Published"/> is false the estimates are held back and <see cref="HeldBackBy"/> names the failed checks;
/// <see cref="Areas"/> still holds what was computed (empty when REML failed) for the quality report, never for
/// publication.
/// </summary>
/// <param name="Published">Whether every holding-back check passed.</param>
/// <param name="HeldBackBy">The failed checks that hold the estimates back.</param>
/// <param name="Fit">The Fay–Herriot fit.</param>
/// <param name="Benchmark">The benchmarking (null when REML failed).</param>
/// <param name="Areas">One estimate per area, in input order.</param>
/// <param name="Diagnostics">Every check, passed or not.</param>
public sealed record SmallAreaResult(
    bool Published,
    IReadOnlyList<SmallAreaCheck> HeldBackBy,
    FayHerriotFit Fit,
    BenchmarkedEstimates? Benchmark,
    IReadOnlyList<SmallAreaEstimate> Areas,
    IReadOnlyList<SmallAreaDiagnostic> Diagnostics);

/// <summary>
/// Fay–Herriot small-area estimation of one indicator over areas that partition the population: REML fit, EBLUP,
/// Prasad–Rao MSE, difference benchmarking to the national direct estimate, normal intervals from the benchmarked
/// MSE, and the diagnostics with the hold-back rule of docs/methodology/small-area.md.
/// </summary>
public static class SmallAreaEstimator
{
    /// <summary>Fits, benchmarks and checks.</summary>
    /// <param name="data">The areas' direct estimates, sampling variances and covariates.</param>
    /// <param name="shares">Each area's share of the population (normalised to sum 1).</param>
    /// <param name="national">The national direct estimate the areas are benchmarked to; normally Σ w_i y_i.</param>
    /// <param name="options">Interval level and diagnostic rules; the defaults when null.</param>
    public static SmallAreaResult Estimate(FayHerriotData data, IReadOnlyList<double> shares, double national, SmallAreaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shares);
        options ??= new SmallAreaOptions();
        if (!(options.Level > 0 && options.Level < 1) || !(options.ResidualAlpha > 0 && options.ResidualAlpha < 1) || !(options.AggregateAlpha > 0 && options.AggregateAlpha < 1))
        {
            throw new ArgumentException("the interval level and the diagnostic levels must lie strictly between 0 and 1.", nameof(options));
        }

        if (!double.IsFinite(national))
        {
            throw new ArgumentException($"the national direct estimate must be finite; got {national}.", nameof(national));
        }

        var fit = FayHerriotModel.Fit(data);
        var diagnostics = new List<SmallAreaDiagnostic>();
        if (!fit.Converged)
        {
            diagnostics.Add(new SmallAreaDiagnostic(SmallAreaCheck.Convergence, false, true, fit.Iterations, FayHerriotModel.MaxIterations, fit.Failure!));
            return new SmallAreaResult(false, [SmallAreaCheck.Convergence], fit, null, [], diagnostics);
        }

        diagnostics.Add(new SmallAreaDiagnostic(SmallAreaCheck.Convergence, true, false, fit.Iterations, FayHerriotModel.MaxIterations, $"REML converged in {fit.Iterations} iterations."));
        diagnostics.Add(fit.AtZero
            ? new SmallAreaDiagnostic(SmallAreaCheck.ModelVarianceAboveZero, false, options.HoldBackAtZero, 0, 0, "σ²_u is estimated at 0: every estimate is the regression-synthetic x'β̂.")
            : new SmallAreaDiagnostic(SmallAreaCheck.ModelVarianceAboveZero, true, false, fit.ModelVariance, 0, $"σ²_u = {fit.ModelVariance:G6}."));

        var m = data.Areas;
        var residualBound = Normal.InvCDF(0, 1, 1 - (options.ResidualAlpha / (2 * m)));
        var largest = fit.StandardisedResiduals.Select(Math.Abs).Max();
        var worst = Array.FindIndex(fit.StandardisedResiduals, r => Math.Abs(r) == largest);
        diagnostics.Add(largest <= residualBound
            ? new SmallAreaDiagnostic(SmallAreaCheck.Residuals, true, false, largest, residualBound, $"largest |standardised residual| {largest:F2} (area {worst + 1}) ≤ {residualBound:F2}.")
            : new SmallAreaDiagnostic(SmallAreaCheck.Residuals, false, true, largest, residualBound, $"area {worst + 1} has standardised residual {fit.StandardisedResiduals[worst]:F2}, beyond ±{residualBound:F2}: the model does not fit it."));

        var benchmark = DifferenceBenchmark.Apply(fit, data, shares, national);
        var w = DifferenceBenchmark.NormalisedShares(shares, m);
        var difference = 0.0;
        for (var i = 0; i < m; i++)
        {
            difference += w[i] * (fit.Eblup[i] - data.Direct[i]);
        }

        var aggregateBound = Normal.InvCDF(0, 1, 1 - (options.AggregateAlpha / 2));
        var standardised = benchmark.G4 > 0 ? Math.Abs(difference) / Math.Sqrt(benchmark.G4) : (difference == 0 ? 0 : double.PositiveInfinity);
        diagnostics.Add(standardised <= aggregateBound
            ? new SmallAreaDiagnostic(SmallAreaCheck.Aggregate, true, false, standardised, aggregateBound, $"weighted mean of the EBLUPs differs from that of the direct estimates by {difference:G4} ({standardised:F2} standard errors).")
            : new SmallAreaDiagnostic(SmallAreaCheck.Aggregate, false, true, standardised, aggregateBound, $"weighted mean of the EBLUPs differs from that of the direct estimates by {difference:G4}, {standardised:F2} standard errors (bound {aggregateBound:F2})."));

        var z = Normal.InvCDF(0, 1, 1 - ((1 - options.Level) / 2));
        var areas = new SmallAreaEstimate[m];
        for (var i = 0; i < m; i++)
        {
            var estimate = benchmark.Estimates[i];
            var half = z * Math.Sqrt(benchmark.Mse[i]);
            areas[i] = new SmallAreaEstimate(
                data.Direct[i],
                data.SamplingVariances[i],
                fit.Shrinkage[i],
                fit.Eblup[i],
                estimate,
                benchmark.Mse[i],
                fit.Mse[i],
                estimate - half,
                estimate + half,
                fit.StandardisedResiduals[i]);
        }

        var heldBackBy = diagnostics.Where(d => d.HoldsBack).Select(d => d.Check).ToList();
        return new SmallAreaResult(heldBackBy.Count == 0, heldBackBy, fit, benchmark, areas, diagnostics);
    }
}

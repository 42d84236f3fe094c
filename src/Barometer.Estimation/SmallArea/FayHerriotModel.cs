using MathNet.Numerics.LinearAlgebra;

namespace Barometer.Estimation.SmallArea;

/// <summary>
/// The areas of a Fay–Herriot model: each area's direct estimate y_i, its sampling variance ψ_i (treated as known)
/// and its covariates x_i, the first of which is normally the intercept 1.
/// </summary>
/// <param name="Direct">y_i, the direct (design-based) estimate of each area.</param>
/// <param name="SamplingVariances">ψ_i &gt; 0, the sampling variance of y_i.</param>
/// <param name="Covariates">x_i of each area, all of the same length p &lt; m; the columns must be linearly independent.</param>
public sealed record FayHerriotData(IReadOnlyList<double> Direct, IReadOnlyList<double> SamplingVariances, IReadOnlyList<IReadOnlyList<double>> Covariates)
{
    /// <summary>m, the number of areas.</summary>
    public int Areas => Direct.Count;

    /// <summary>p, the number of covariates (columns of X).</summary>
    public int Columns => Covariates.Count == 0 ? 0 : Covariates[0].Count;
}

/// <summary>The mean squared error of one area's EBLUP by Prasad–Rao with the REML correction (Datta &amp; Lahiri 2000).</summary>
/// <param name="G1">g1 = σ̂²_u ψ_i / (σ̂²_u + ψ_i) = γ_i ψ_i: the error of the BLUP with β and σ²_u known.</param>
/// <param name="G2">g2 = (1 − γ_i)² x_i' (X'V̂⁻¹X)⁻¹ x_i: the cost of estimating β.</param>
/// <param name="G3">g3 = ψ_i² / (σ̂²_u + ψ_i)³ · V̄(σ̂²_u), V̄ = 2 / Σ_j (σ̂²_u + ψ_j)⁻²: the cost of estimating σ²_u.</param>
/// <param name="Mse">g1 + g2 + 2 g3, second-order unbiased for REML.</param>
public sealed record PrasadRaoMse(double G1, double G2, double G3, double Mse);

/// <summary>
/// A fitted Fay–Herriot model. When <see cref="Converged"/> is false the REML iteration failed, <see cref="Failure"/>
/// says why and every other member except <see cref="Iterations"/> is empty or NaN: nothing may be published from it.
/// </summary>
/// <param name="Converged">Whether the REML iteration converged.</param>
/// <param name="Failure">Why it did not, or null.</param>
/// <param name="Iterations">REML iterations taken.</param>
/// <param name="ModelVariance">σ̂²_u, the REML estimate of the area-effect variance, truncated at 0.</param>
/// <param name="AtZero">Whether σ̂²_u = 0: the EBLUP is then the regression-synthetic estimate x_i'β̂ in every area.</param>
/// <param name="RestrictedLogLikelihood">The REML log-likelihood at σ̂²_u, with its constant −(m − p)/2 log 2π.</param>
/// <param name="Coefficients">β̂ = (X'V̂⁻¹X)⁻¹ X'V̂⁻¹ y, the GLS coefficients at σ̂²_u.</param>
/// <param name="CoefficientCovariance">(X'V̂⁻¹X)⁻¹, row-major p × p.</param>
/// <param name="Shrinkage">γ_i = σ̂²_u / (σ̂²_u + ψ_i), the weight of the direct estimate.</param>
/// <param name="Synthetic">x_i'β̂, the regression-synthetic estimate.</param>
/// <param name="Eblup">θ̂_i = γ_i y_i + (1 − γ_i) x_i'β̂.</param>
/// <param name="Mse">The Prasad–Rao MSE of each θ̂_i.</param>
/// <param name="StandardisedResiduals">(y_i − x_i'β̂) / √(σ̂²_u + ψ_i).</param>
public sealed record FayHerriotFit(
    bool Converged,
    string? Failure,
    int Iterations,
    double ModelVariance,
    bool AtZero,
    double RestrictedLogLikelihood,
    double[] Coefficients,
    double[] CoefficientCovariance,
    double[] Shrinkage,
    double[] Synthetic,
    double[] Eblup,
    PrasadRaoMse[] Mse,
    double[] StandardisedResiduals);

/// <summary>
/// The Fay–Herriot area-level model (Fay &amp; Herriot 1979): y_i = x_i'β + u_i + e_i with u_i ~ N(0, σ²_u) and
/// e_i ~ N(0, ψ_i), ψ_i known. σ²_u is estimated by REML with Fisher scoring (Newton steps where the observed information is positive), truncated at 0; β by GLS; θ_i = x_i'β + u_i
/// by the EBLUP; its MSE by Prasad &amp; Rao (1990) with the REML correction of Datta &amp; Lahiri (2000). Formulas and
/// sources in docs/methodology/small-area.md. The same model as R's <c>metafor::rma(yi, vi, mods = X, method = "REML")</c>
/// with <c>blup()</c>, against which tests/Barometer.Estimation.Tests/SmallArea checks it.
/// </summary>
public static class FayHerriotModel
{
    /// <summary>Largest number of REML iterations before the fit is declared not converged.</summary>
    public const int MaxIterations = 200;

    /// <summary>Convergence: the step (after truncation at 0) |σ²_(k+1) − σ²_(k)| ≤ this × (σ²_(k) + mean ψ).</summary>
    public const double Tolerance = 1e-10;

    /// <summary>Fits the model by REML.</summary>
    /// <param name="data">The areas.</param>
    /// <exception cref="ArgumentException">Fewer than p + 1 areas, ragged or non-finite inputs, ψ_i ≤ 0, or X not of full column rank.</exception>
    public static FayHerriotFit Fit(FayHerriotData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (y, psi, x) = Validate(data);
        var scale = psi.Average();
        var a = StartingValue(y, psi, x);
        var state = Evaluate(a, y, psi, x);
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            // Newton–Raphson where the observed information is positive (quadratic convergence near the maximum),
            // Fisher scoring elsewhere (far from the maximum, where the observed information can be ≤ 0).
            var curvature = state.Observed > 0 ? state.Observed : state.Information;
            var step = state.Score / curvature;
            var next = Math.Max(0, a + step);
            if (Math.Abs(next - a) <= Tolerance * (a + scale))
            {
                return Finish(next, next == a ? state : Evaluate(next, y, psi, x), iteration, y, psi, x);
            }

            var nextState = Evaluate(next, y, psi, x);
            for (var halving = 0; halving < 30 && nextState.LogLikelihood < state.LogLikelihood - (1e-9 * (1 + Math.Abs(state.LogLikelihood))); halving++)
            {
                step /= 2;
                next = Math.Max(0, a + step);
                nextState = Evaluate(next, y, psi, x);
            }

            a = next;
            state = nextState;
        }

        return new FayHerriotFit(
            false,
            $"the REML iteration did not converge in {MaxIterations} iterations (last σ²_u = {a:G6}).",
            MaxIterations,
            double.NaN,
            false,
            double.NaN,
            [],
            [],
            [],
            [],
            [],
            [],
            []);
    }

    private static (IReadOnlyList<double> Y, IReadOnlyList<double> Psi, Matrix<double> X) Validate(FayHerriotData data)
    {
        var m = data.Areas;
        var p = data.Columns;
        if (data.SamplingVariances.Count != m || data.Covariates.Count != m)
        {
            throw new ArgumentException($"{m} direct estimates: the sampling variances ({data.SamplingVariances.Count}) and covariate rows ({data.Covariates.Count}) must be as many.", nameof(data));
        }

        if (p < 1 || m < p + 1)
        {
            throw new ArgumentException($"a Fay–Herriot model needs at least one covariate and more areas than covariates; got {m} areas and {p} covariates.", nameof(data));
        }

        for (var i = 0; i < m; i++)
        {
            if (!double.IsFinite(data.Direct[i]))
            {
                throw new ArgumentException($"area {i + 1}: the direct estimate must be finite; got {data.Direct[i]}.", nameof(data));
            }

            if (!(data.SamplingVariances[i] > 0) || !double.IsFinite(data.SamplingVariances[i]))
            {
                throw new ArgumentException($"area {i + 1}: the sampling variance must be finite and > 0; got {data.SamplingVariances[i]}.", nameof(data));
            }

            if (data.Covariates[i].Count != p || data.Covariates[i].Any(v => !double.IsFinite(v)))
            {
                throw new ArgumentException($"area {i + 1}: expected {p} finite covariates.", nameof(data));
            }
        }

        var x = Matrix<double>.Build.Dense(m, p, (i, j) => data.Covariates[i][j]);
        if (x.Rank() < p)
        {
            throw new ArgumentException($"the {p} covariate columns are linearly dependent over the {m} areas; drop an aliased covariate.", nameof(data));
        }

        return (data.Direct, data.SamplingVariances, x);
    }

    /// <summary>The moment estimate of Prasad &amp; Rao (1990) from the OLS residuals, floored at a small fraction of mean ψ.</summary>
    private static double StartingValue(IReadOnlyList<double> y, IReadOnlyList<double> psi, Matrix<double> x)
    {
        var m = y.Count;
        var p = x.ColumnCount;
        var yv = Vector<double>.Build.DenseOfEnumerable(y);
        var hat = x * (x.TransposeThisAndMultiply(x)).Inverse() * x.Transpose();
        var residual = yv - (hat * yv);
        var sum = 0.0;
        for (var i = 0; i < m; i++)
        {
            sum += (1 - hat[i, i]) * psi[i];
        }

        var moment = (residual.DotProduct(residual) - sum) / (m - p);
        return Math.Max(moment, 0.01 * psi.Average());
    }

    private readonly record struct RemlState(double LogLikelihood, double Score, double Information, double Observed, Vector<double> Beta, Matrix<double> Covariance);

    /// <summary>
    /// The REML log-likelihood, score, expected and observed information at σ²_u = a: with V = diag(a + ψ_i) and
    /// P = V⁻¹ − V⁻¹X(X'V⁻¹X)⁻¹X'V⁻¹, l = −½[Σ log(a + ψ_i) + log|X'V⁻¹X| + y'Py + (m − p) log 2π],
    /// s = ½[y'P²y − tr P], I = ½ tr P².
    /// </summary>
    private static RemlState Evaluate(double a, IReadOnlyList<double> y, IReadOnlyList<double> psi, Matrix<double> x)
    {
        // With W = V⁻¹ and B = (X'WX)⁻¹: Py = W(y − Xβ̂), y'Py = r'Wr, tr P = Σ w_i − tr(B X'W²X) and
        // tr P² = Σ w_i² − 2 tr(B X'W³X) + tr((B X'W²X)²), without forming the m × m matrix P (more accurate when ψ is small).
        var m = y.Count;
        var p = x.ColumnCount;
        var w = Vector<double>.Build.Dense(m, i => 1 / (a + psi[i]));
        var xw = Matrix<double>.Build.Dense(m, p, (i, j) => x[i, j] * w[i]);
        var xw2 = Matrix<double>.Build.Dense(m, p, (i, j) => xw[i, j] * w[i]);
        var xw3 = Matrix<double>.Build.Dense(m, p, (i, j) => xw2[i, j] * w[i]);
        var information = x.TransposeThisAndMultiply(xw);
        var cholesky = information.Cholesky();
        var covariance = cholesky.Solve(Matrix<double>.Build.DenseIdentity(p));
        var yv = Vector<double>.Build.DenseOfEnumerable(y);
        var beta = cholesky.Solve(xw.TransposeThisAndMultiply(yv));
        var residual = yv - (x * beta);
        var py = residual.PointwiseMultiply(w);
        var bh2 = covariance * x.TransposeThisAndMultiply(xw2);
        var bh3 = covariance * x.TransposeThisAndMultiply(xw3);
        var logDetV = 0.0;
        var sumW = 0.0;
        var sumW2 = 0.0;
        for (var i = 0; i < m; i++)
        {
            logDetV += Math.Log(a + psi[i]);
            sumW += w[i];
            sumW2 += w[i] * w[i];
        }

        var traceP = sumW - bh2.Trace();
        var traceP2 = sumW2 - (2 * bh3.Trace()) + (bh2 * bh2).Trace();
        var logLikelihood = -0.5 * (logDetV + cholesky.DeterminantLn + residual.DotProduct(py) + ((m - p) * Math.Log(2 * Math.PI)));
        var score = 0.5 * (py.DotProduct(py) - traceP);
        // Observed information −∂²l/∂σ² = y'P³y − ½ tr P², with y'P³y = (Py)'P(Py) and Pv = Wv − WXB X'Wv.
        var ppy = py.PointwiseMultiply(w) - (xw * (covariance * xw.TransposeThisAndMultiply(py)));
        var observed = py.DotProduct(ppy) - (0.5 * traceP2);
        return new RemlState(logLikelihood, score, 0.5 * traceP2, observed, beta, covariance);
    }

    private static FayHerriotFit Finish(double a, RemlState state, int iterations, IReadOnlyList<double> y, IReadOnlyList<double> psi, Matrix<double> x)
    {
        var m = y.Count;
        var p = x.ColumnCount;
        var beta = state.Beta;
        var covariance = state.Covariance;
        var vBar = 0.0;
        for (var i = 0; i < m; i++)
        {
            vBar += 1 / ((a + psi[i]) * (a + psi[i]));
        }

        vBar = 2 / vBar;
        var gamma = new double[m];
        var synthetic = new double[m];
        var eblup = new double[m];
        var mse = new PrasadRaoMse[m];
        var residuals = new double[m];
        for (var i = 0; i < m; i++)
        {
            var xi = x.Row(i);
            gamma[i] = a / (a + psi[i]);
            synthetic[i] = xi.DotProduct(beta);
            eblup[i] = (gamma[i] * y[i]) + ((1 - gamma[i]) * synthetic[i]);
            var g1 = gamma[i] * psi[i];
            var g2 = (1 - gamma[i]) * (1 - gamma[i]) * xi.DotProduct(covariance * xi);
            var g3 = psi[i] * psi[i] / Math.Pow(a + psi[i], 3) * vBar;
            mse[i] = new PrasadRaoMse(g1, g2, g3, g1 + g2 + (2 * g3));
            residuals[i] = (y[i] - synthetic[i]) / Math.Sqrt(a + psi[i]);
        }

        return new FayHerriotFit(
            true,
            null,
            iterations,
            a,
            a == 0,
            state.LogLikelihood,
            beta.ToArray(),
            covariance.ToRowMajorArray(),
            gamma,
            synthetic,
            eblup,
            mse,
            residuals);
    }
}

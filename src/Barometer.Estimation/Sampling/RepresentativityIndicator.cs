using MathNet.Numerics.LinearAlgebra;

namespace Barometer.Estimation.Sampling;

/// <summary>A categorical frame covariate of the gross sample: its name and each unit's category.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Values">One category per gross-sample unit (compared ordinally).</param>
public sealed record FrameCovariate(string Name, IReadOnlyList<string> Values);

/// <summary>The unconditional partial R-indicator of one category: P_u(X_k, h) = √(N_h / N) (ρ̄_h − ρ̄).</summary>
/// <param name="Category">The category.</param>
/// <param name="Share">N_h / N, its design-weighted share of the gross sample.</param>
/// <param name="MeanPropensity">ρ̄_h, the design-weighted mean propensity in the category.</param>
/// <param name="Partial">P_u(X_k, h), signed: negative where the category responds less than the whole.</param>
public sealed record CategoryPartialIndicator(string Category, double Share, double MeanPropensity, double Partial);

/// <summary>The unconditional partial R-indicator of one variable: P_u(X_k) = √(Σ_h P_u(X_k, h)²).</summary>
/// <param name="Variable">The variable's name.</param>
/// <param name="Partial">P_u(X_k).</param>
/// <param name="Categories">Each category's P_u(X_k, h), in ordinal order of the category.</param>
public sealed record VariablePartialIndicator(string Variable, double Partial, IReadOnlyList<CategoryPartialIndicator> Categories);

/// <summary>The R-indicator of a gross sample with its propensity model and partial indicators.</summary>
/// <param name="R">R(ρ̂) = 1 − 2 S(ρ̂).</param>
/// <param name="StandardDeviation">S(ρ̂) = √(Σ d_i (ρ̂_i − ρ̄)² / (N − 1)), N = Σ d_i.</param>
/// <param name="MeanPropensity">ρ̄ = Σ d_i ρ̂_i / N, the design-weighted response rate.</param>
/// <param name="Propensities">ρ̂_i of each unit.</param>
/// <param name="Partials">The unconditional partial indicator of each covariate, in the order given.</param>
/// <param name="Iterations">Newton iterations of the propensity fit.</param>
/// <param name="DroppedColumns">Dummy columns left out as aliased with earlier ones (as "variable=category").</param>
public sealed record RepresentativityResult(
    double R,
    double StandardDeviation,
    double MeanPropensity,
    double[] Propensities,
    IReadOnlyList<VariablePartialIndicator> Partials,
    int Iterations,
    IReadOnlyList<string> DroppedColumns);

/// <summary>The response propensity model cannot be fitted (separation, no convergence, no respondents).</summary>
/// <param name="message">What is wrong.</param>
public sealed class PropensityModelException(string message) : Exception(message);

/// <summary>
/// The R-indicator of representativity (Schouten, Cobben &amp; Bethlehem 2009) and unconditional partial
/// R-indicators (Schouten, Shlomo &amp; Skinner 2011) of a gross sample; see docs/methodology/representativity.md.
/// The response propensities ρ̂_i are those of a main-effects logistic model — an intercept and, for each
/// categorical covariate, a dummy for every category but its first in ordinal order (R's treatment contrasts) —
/// fitted by design-weighted maximum likelihood, i.e. maximising Σ d_i [r_i log ρ_i + (1 − r_i) log(1 − ρ_i)],
/// as R's <c>glm(r ~ x1 + x2 + …, family = quasibinomial, weights = d)</c>. Newton's method from β = 0 with step
/// halving whenever the log-likelihood would fall; it stops when no coefficient moves by more than 1e-12 (absolute
/// plus relative) and fails after 100 iterations. Dummies aliased with earlier columns (a category that is a union
/// of categories of earlier variables, an empty-of-weight category) are dropped, as glm's pivoted QR does; the
/// propensities do not depend on which aliased column goes. A category whose units all respond or all do not
/// makes the likelihood's maximum lie at infinity (separation): refused with <see cref="PropensityModelException"/>.
/// </summary>
public static class RepresentativityIndicator
{
    private const double Tolerance = 1e-12;
    private const int MaxIterations = 100;

    /// <summary>Fits the propensity model and computes R and the partial indicators.</summary>
    /// <param name="responded">r_i: whether unit i responded.</param>
    /// <param name="weights">d_i &gt; 0: the design weight of unit i.</param>
    /// <param name="covariates">The categorical frame covariates (may be empty: then every ρ̂_i = ρ̄ and R = 1).</param>
    /// <exception cref="PropensityModelException">Nobody or everybody responded, separation, or no convergence.</exception>
    public static RepresentativityResult Compute(IReadOnlyList<bool> responded, IReadOnlyList<double> weights, IReadOnlyList<FrameCovariate> covariates)
    {
        ArgumentNullException.ThrowIfNull(responded);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(covariates);
        var n = responded.Count;
        if (weights.Count != n || covariates.Any(c => c.Values.Count != n))
        {
            throw new ArgumentException($"the response indicator has {n} units; the weights and every covariate must have as many.", nameof(weights));
        }

        if (n < 2 || weights.Any(w => !(w > 0) || double.IsInfinity(w)))
        {
            throw new ArgumentException("at least two units, and every design weight finite and > 0.", nameof(weights));
        }

        var respondents = responded.Count(r => r);
        if (respondents == 0 || respondents == n)
        {
            throw new PropensityModelException(respondents == 0 ? "nobody responded: no propensity model can be fitted." : "everybody responded: no propensity model can be fitted.");
        }

        var (columns, names, dropped) = Design(covariates, weights, n);
        foreach (var c in covariates)
        {
            foreach (var group in Enumerable.Range(0, n).GroupBy(i => c.Values[i], StringComparer.Ordinal))
            {
                var yes = group.Count(i => responded[i]);
                if (yes == 0 || yes == group.Count())
                {
                    throw new PropensityModelException(
                        $"every unit with {c.Name} = {group.Key} {(yes == 0 ? "did not respond" : "responded")}: the propensity model is separated (its maximum likelihood lies at infinity); merge the category with another.");
                }
            }
        }

        var (rho, iterations) = Fit(responded, weights, columns, names);
        var total = weights.Sum();
        var mean = Enumerable.Range(0, n).Sum(i => weights[i] * rho[i]) / total;
        var sd = Math.Sqrt(Enumerable.Range(0, n).Sum(i => weights[i] * (rho[i] - mean) * (rho[i] - mean)) / (total - 1));
        var partials = new List<VariablePartialIndicator>();
        foreach (var c in covariates)
        {
            var categories = new List<CategoryPartialIndicator>();
            foreach (var group in Enumerable.Range(0, n).GroupBy(i => c.Values[i], StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var nh = group.Sum(i => weights[i]);
                var meanH = group.Sum(i => weights[i] * rho[i]) / nh;
                categories.Add(new CategoryPartialIndicator(group.Key, nh / total, meanH, Math.Sqrt(nh / total) * (meanH - mean)));
            }

            partials.Add(new VariablePartialIndicator(c.Name, Math.Sqrt(categories.Sum(h => h.Partial * h.Partial)), categories));
        }

        return new RepresentativityResult(1 - 2 * sd, sd, mean, rho, partials, iterations, dropped);
    }

    /// <summary>Intercept and treatment dummies; a column is dropped when its weighted residual on the kept ones is below 1e-9 of its norm.</summary>
    private static (List<double[]> Columns, List<string> Names, List<string> Dropped) Design(IReadOnlyList<FrameCovariate> covariates, IReadOnlyList<double> weights, int n)
    {
        var kept = new List<double[]> { Enumerable.Repeat(1.0, n).ToArray() };
        var orthogonal = new List<double[]> { Enumerable.Repeat(1.0, n).ToArray() };
        var names = new List<string> { "(Intercept)" };
        var dropped = new List<string>();
        foreach (var c in covariates)
        {
            var levels = c.Values.Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).Skip(1);
            foreach (var level in levels)
            {
                var x = c.Values.Select(v => string.Equals(v, level, StringComparison.Ordinal) ? 1.0 : 0.0).ToArray();
                var residual = (double[])x.Clone();
                foreach (var q in orthogonal)
                {
                    var coefficient = Dot(q, residual, weights) / Dot(q, q, weights);
                    for (var i = 0; i < n; i++)
                    {
                        residual[i] -= coefficient * q[i];
                    }
                }

                if (Dot(residual, residual, weights) <= 1e-18 * Dot(x, x, weights))
                {
                    dropped.Add($"{c.Name}={level}");
                    continue;
                }

                kept.Add(x);
                orthogonal.Add(residual);
                names.Add($"{c.Name}={level}");
            }
        }

        return (kept, names, dropped);
    }

    private static (double[] Propensities, int Iterations) Fit(IReadOnlyList<bool> responded, IReadOnlyList<double> weights, List<double[]> columns, List<string> names)
    {
        var n = responded.Count;
        var p = columns.Count;
        var scale = weights.Sum() / n;
        var d = weights.Select(w => w / scale).ToArray();
        var beta = new double[p];
        var rho = Propensities(columns, beta, n);
        var logLikelihood = LogLikelihood(responded, d, rho);
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            var information = Matrix<double>.Build.Dense(p, p);
            var score = Vector<double>.Build.Dense(p);
            for (var i = 0; i < n; i++)
            {
                var v = d[i] * rho[i] * (1 - rho[i]);
                var u = d[i] * ((responded[i] ? 1.0 : 0.0) - rho[i]);
                for (var a = 0; a < p; a++)
                {
                    var xa = columns[a][i];
                    if (xa == 0)
                    {
                        continue;
                    }

                    score[a] += u * xa;
                    for (var b = 0; b < p; b++)
                    {
                        information[a, b] += v * xa * columns[b][i];
                    }
                }
            }

            var step = information.Cholesky().Solve(score).ToArray();
            var factor = 1.0;
            double[] candidate;
            double[] candidateRho;
            double candidateLikelihood;
            while (true)
            {
                candidate = [.. beta.Select((b, a) => b + factor * step[a])];
                candidateRho = Propensities(columns, candidate, n);
                candidateLikelihood = LogLikelihood(responded, d, candidateRho);
                if (candidateLikelihood >= logLikelihood - 1e-12 * Math.Abs(logLikelihood) || factor < 1e-10)
                {
                    break;
                }

                factor /= 2;
            }

            var moved = Enumerable.Range(0, p).Max(a => Math.Abs(candidate[a] - beta[a]) / (1 + Math.Abs(beta[a])));
            beta = candidate;
            rho = candidateRho;
            logLikelihood = candidateLikelihood;
            if (moved <= Tolerance)
            {
                return (rho, iteration);
            }
        }

        throw new PropensityModelException(
            $"the propensity model ({string.Join(" + ", names)}) did not converge in {MaxIterations} Newton iterations.");
    }

    private static double[] Propensities(List<double[]> columns, double[] beta, int n)
    {
        var rho = new double[n];
        for (var i = 0; i < n; i++)
        {
            var eta = 0.0;
            for (var a = 0; a < columns.Count; a++)
            {
                eta += beta[a] * columns[a][i];
            }

            rho[i] = 1 / (1 + Math.Exp(-eta));
        }

        return rho;
    }

    private static double LogLikelihood(IReadOnlyList<bool> responded, double[] d, double[] rho)
    {
        var sum = 0.0;
        for (var i = 0; i < rho.Length; i++)
        {
            sum += d[i] * Math.Log(responded[i] ? rho[i] : 1 - rho[i]);
        }

        return sum;
    }

    private static double Dot(double[] x, double[] y, IReadOnlyList<double> w)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += w[i] * x[i] * y[i];
        }

        return sum;
    }
}

namespace Barometer.Estimation.Intervals;

/// <summary>Confidence intervals as R's <c>confint(svystat, df = degf(design))</c> and <c>svyciprop</c>.</summary>
internal static class ConfidenceInterval
{
    /// <summary>Wald: θ̂ ± t_{1-α/2, df} SE, given the quantile <paramref name="q"/>.</summary>
    public static (double Low, double High) Wald(double estimate, double se, double q) => (estimate - (q * se), estimate + (q * se));

    /// <summary>
    /// R's <c>svyciprop(method = "beta")</c> (Korn and Graubard 1998): the Clopper-Pearson interval with the
    /// effective sample size n* = p(1-p)/Var(p) · (t_{α/2, n-1} / t_{α/2, df})², where n is the number of rows and
    /// df the degrees of freedom of the design the proportion is computed on. At p = 0 or 1, or with zero
    /// variance, the interval is [p, p] (R gives NaN).
    /// </summary>
    public static (double Low, double High) Beta(double p, double variance, double rows, double df, double level)
    {
        if (!(p > 0 && p < 1) || !(variance > 0))
        {
            return (p, p);
        }

        var alpha = 1 - level;
        var nEffective = p * (1 - p) / variance;
        var ratio = Quantiles.StudentT(alpha / 2, rows - 1) / Quantiles.StudentT(alpha / 2, df);
        nEffective *= ratio * ratio;
        var low = Quantiles.Beta(alpha / 2, nEffective * p, (nEffective * (1 - p)) + 1);
        var high = Quantiles.Beta(1 - (alpha / 2), (nEffective * p) + 1, nEffective * (1 - p));
        return (low, high);
    }
}

using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Barometer.Estimation.Intervals;

/// <summary>
/// Student t and beta quantiles from MathNet.Numerics, polished by Newton steps on MathNet's distribution
/// functions so they agree with R's <c>qt</c> and <c>qbeta</c> to about 1e-14 (MathNet's own inverses are good to
/// about 1e-10 and return 0 for beta quantiles below ~1e-160).
/// </summary>
internal static class Quantiles
{
    private const int NewtonSteps = 8;

    /// <summary>The p-quantile of Student's t with <paramref name="df"/> degrees of freedom (normal when infinite).</summary>
    public static double StudentT(double p, double df)
    {
        if (double.IsPositiveInfinity(df))
        {
            return Normal.InvCDF(0, 1, p);
        }

        var x = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, p);
        for (var step = 0; step < NewtonSteps; step++)
        {
            var density = MathNet.Numerics.Distributions.StudentT.PDF(0, 1, df, x);
            if (!(density > 0))
            {
                break;
            }

            var delta = (MathNet.Numerics.Distributions.StudentT.CDF(0, 1, df, x) - p) / density;
            x -= delta;
            if (Math.Abs(delta) <= 1e-15 * Math.Abs(x))
            {
                break;
            }
        }

        return x;
    }

    /// <summary>The p-quantile of Beta(a, b); a = 0 gives 0 and b = 0 gives 1, as R's <c>qbeta</c>.</summary>
    public static double Beta(double p, double a, double b)
    {
        if (a == 0)
        {
            return 0;
        }

        if (b == 0)
        {
            return 1;
        }

        var x = MathNet.Numerics.Distributions.Beta.InvCDF(a, b, p);
        if (!(x > 0) || !double.IsFinite(x))
        {
            // Lower tail: I_x(a, b) ≈ x^a / (a B(a, b)).
            x = Math.Exp((Math.Log(p) + Math.Log(a) + SpecialFunctions.BetaLn(a, b)) / a);
        }

        if (x >= 1)
        {
            return x;
        }

        // Newton on log x keeps tiny quantiles positive and accurate.
        var t = Math.Log(x);
        for (var step = 0; step < NewtonSteps; step++)
        {
            var xi = Math.Exp(t);
            var density = MathNet.Numerics.Distributions.Beta.PDF(a, b, xi);
            var slope = density * xi;
            if (!(slope > 0) || !double.IsFinite(slope))
            {
                break;
            }

            var delta = (MathNet.Numerics.Distributions.Beta.CDF(a, b, xi) - p) / slope;
            t -= delta;
            if (t >= 0)
            {
                t = Math.Log((xi + 1) / 2);
            }

            if (Math.Abs(delta) <= 1e-15)
            {
                break;
            }
        }

        return Math.Exp(t);
    }
}

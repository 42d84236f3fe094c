namespace Barometer.Synthetic.Randomness;

/// <summary>
/// Finds the intercept α of a logistic model so that the expected number of persons with the property,
/// Σ σ(α + η_i), equals a target. Used to make a modelled share hit a published figure while the model keeps
/// its gradients (by years in Sweden, region, education).
/// </summary>
internal static class InterceptCalibration
{
    /// <param name="linearPredictors">η_i for every person the target counts.</param>
    /// <param name="target">The expected number of persons with the property.</param>
    public static double Solve(float[] linearPredictors, double target)
    {
        double lo = -25, hi = 25;
        for (var iteration = 0; iteration < 36; iteration++)
        {
            var alpha = 0.5 * (lo + hi);
            var expected = Chunking.Sum(linearPredictors.Length, (start, end) =>
            {
                var s = 0.0;
                for (var i = start; i < end; i++)
                {
                    s += Logistic(alpha + linearPredictors[i]);
                }

                return s;
            });
            if (expected < target)
            {
                lo = alpha;
            }
            else
            {
                hi = alpha;
            }
        }

        return 0.5 * (lo + hi);
    }

    public static double Logistic(double x) => 1.0 / (1.0 + Math.Exp(-x));
}

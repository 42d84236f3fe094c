using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Calibration;

/// <summary>
/// A calibration distance as R's <c>calfun</c> objects: <c>Fm1(u)</c> = F(u) - 1, the g-weight minus one for the
/// linear predictor u = xᵢᵀη, and its derivative <c>dF(u)</c>. Bounds (L, U) apply to the g-weights.
/// </summary>
internal abstract class DistanceFunction(double lower, double upper)
{
    public double Lower { get; } = lower;

    public double Upper { get; } = upper;

    public abstract double Fm1(double u);

    public abstract double DF(double u);

    /// <summary>Fm1(u) and dF(u) together (one exponential where the function has one).</summary>
    public virtual (double Fm1, double DF) Both(double u) => (Fm1(u), DF(u));

    public static DistanceFunction Create(CalibrationMethod method, GWeightBounds? bounds)
    {
        var lower = bounds?.Lower ?? double.NegativeInfinity;
        var upper = bounds?.Upper ?? double.PositiveInfinity;
        return method switch
        {
            CalibrationMethod.Linear => new LinearDistance(lower, upper),
            CalibrationMethod.Raking => new RakingDistance(lower, upper),
            CalibrationMethod.Logit => new LogitDistance(lower, upper),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
    }

    /// <summary>R's <c>cal.linear</c>: g = 1 + u truncated to [L, U].</summary>
    private sealed class LinearDistance(double lower, double upper) : DistanceFunction(lower, upper)
    {
        public override double Fm1(double u) => Math.Min(Math.Max(u + 1, Lower), Upper) - 1;

        public override double DF(double u) => u < Upper - 1 && u > Lower - 1 ? 1.0 : 0.0;
    }

    /// <summary>
    /// R's <c>cal.raking</c>: g = exp(u) truncated to [L, U]. Its derivative is zeroed where u (not exp(u)) is
    /// outside (L - 1, U - 1), exactly as survey 4.1 does, so the Newton steps follow R's.
    /// </summary>
    private sealed class RakingDistance(double lower, double upper) : DistanceFunction(lower, upper)
    {
        public override double Fm1(double u) => Math.Min(Math.Max(Math.Exp(u), Lower), Upper) - 1;

        public override double DF(double u) => u < Upper - 1 && u > Lower - 1 ? Math.Exp(u) : 0.0;

        public override (double Fm1, double DF) Both(double u)
        {
            var e = Math.Exp(u);
            return (Math.Min(Math.Max(e, Lower), Upper) - 1, u < Upper - 1 && u > Lower - 1 ? e : 0.0);
        }
    }

    /// <summary>R's <c>cal.logit</c> (Deville and Särndal 1992, case 6): g in (L, U), g(0) = 1, g'(0) = 1.</summary>
    private sealed class LogitDistance(double lower, double upper) : DistanceFunction(lower, upper)
    {
        private readonly double _a = (upper - lower) / ((upper - 1) * (1 - lower));

        public override double Fm1(double u)
        {
            var eAu = Math.Exp(_a * u);
            return (((Lower * (Upper - 1)) + (Upper * (1 - Lower) * eAu)) / (Upper - 1 + ((1 - Lower) * eAu))) - 1;
        }

        public override double DF(double u)
        {
            var eAu = Math.Exp(_a * u);
            var denominator = Upper - 1 + ((1 - Lower) * eAu);
            return (Upper * (1 - Lower) * eAu * _a / denominator)
                - (((Lower * (Upper - 1)) + (Upper * (1 - Lower) * eAu)) * ((1 - Lower) * eAu * _a) / (denominator * denominator));
        }
    }
}

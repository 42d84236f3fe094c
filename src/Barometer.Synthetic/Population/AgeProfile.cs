namespace Barometer.Synthetic.Population;

/// <summary>
/// A base shape of the age distribution (relative weights for ages 0–<see cref="MaxAge"/>), tilted exponentially
/// (p(a) ∝ w(a)·exp(λa)) to reach a group's mean age. Tilting keeps the shape plausible (survival at old ages,
/// few foreign-born children) while hitting the published mean exactly.
/// </summary>
internal sealed class AgeProfile
{
    public const int MaxAge = 104;

    private readonly double[] _weights;

    private AgeProfile(Func<int, double> weight)
    {
        _weights = new double[MaxAge + 1];
        for (var a = 0; a <= MaxAge; a++)
        {
            _weights[a] = weight(a);
        }
    }

    /// <summary>Survival shape of the whole population: flat to 60, then a steep decline.</summary>
    public static AgeProfile SwedishBorn { get; } = new(a => Survival(a) * (a < 20 ? 1.05 : 1.0));

    /// <summary>Born 1950 or later mostly (a parent who immigrated after the war).</summary>
    public static AgeProfile MixedParents { get; } = new(a => Survival(a) * (a <= 70 ? 1.0 : Math.Exp(-(a - 70) / 4.0)));

    /// <summary>Children of immigrants: few older than 50.</summary>
    public static AgeProfile SecondGeneration { get; } = new(a => a <= 40 ? 1.0 : Math.Exp(-Math.Pow((a - 40) / 12.0, 2)));

    /// <summary>Few children, a peak in working ages, survival at old ages.</summary>
    public static AgeProfile ForeignBorn { get; } = new(a =>
        (a < 18 ? 0.25 + (0.035 * a) : a < 25 ? 0.85 + (0.03 * (a - 18)) : 1.0) * Survival(a));

    /// <summary>Probabilities by age (index = age in completed years) with the given mean.</summary>
    public double[] Tilted(double meanAge)
    {
        double lo = -1.0, hi = 1.0;
        var p = new double[_weights.Length];
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var lambda = 0.5 * (lo + hi);
            if (Mean(lambda, p) < meanAge)
            {
                lo = lambda;
            }
            else
            {
                hi = lambda;
            }
        }

        Mean(0.5 * (lo + hi), p);
        return p;
    }

    private double Mean(double lambda, double[] p)
    {
        var total = 0.0;
        var sum = 0.0;
        for (var a = 0; a < _weights.Length; a++)
        {
            p[a] = _weights[a] * Math.Exp(lambda * (a - 40));
            total += p[a];
            sum += a * p[a];
        }

        for (var a = 0; a < p.Length; a++)
        {
            p[a] /= total;
        }

        return sum / total;
    }

    private static double Survival(int a) => a < 60 ? 1.0 : Math.Exp(-Math.Pow((a - 60) / 22.0, 3));
}

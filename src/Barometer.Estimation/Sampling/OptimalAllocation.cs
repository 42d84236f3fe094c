namespace Barometer.Estimation.Sampling;

/// <summary>A precision constraint Σ_h A[h] / n_h ≤ Bound (see <see cref="DomainPrecision"/>).</summary>
/// <param name="Name">The target's name, for messages.</param>
/// <param name="A">The coefficient of each stratum (≥ 0; 0 for strata outside the domain).</param>
/// <param name="Bound">b_d &gt; 0.</param>
public sealed record PrecisionConstraint(string Name, IReadOnlyList<double> A, double Bound);

/// <summary>The optimal allocation: continuous gross sizes, their cost, each constraint's value and the solver's sweeps.</summary>
/// <param name="Sizes">n_h (continuous).</param>
/// <param name="Cost">Σ c_h n_h.</param>
/// <param name="Values">Σ_h A[h] / n_h for each constraint.</param>
/// <param name="Multipliers">The Lagrange multiplier λ_d of each constraint (0 when not binding).</param>
/// <param name="Sweeps">Sweeps of coordinate ascent until convergence.</param>
public sealed record OptimalAllocationResult(double[] Sizes, double Cost, double[] Values, double[] Multipliers, int Sweeps);

/// <summary>A precision target that cannot be met even with every stratum of its domain at its upper bound.</summary>
/// <param name="target">The target's name.</param>
/// <param name="message">What is wrong.</param>
public sealed class InfeasibleAllocationException(string target, string message) : Exception(message)
{
    /// <summary>The target that cannot be met.</summary>
    public string Target { get; } = target;
}

/// <summary>
/// Multivariate optimal allocation (Bethel 1989; Chromy 1987): the least cost Σ c_h n_h subject to every
/// precision constraint Σ_h a_dh / n_h ≤ b_d and lower_h ≤ n_h ≤ upper_h. The problem is convex (in x_h = 1/n_h
/// the constraints are linear and c_h / x_h is convex). Solved through its Lagrange dual: for multipliers λ ≥ 0 the
/// minimiser of c_h n_h + (Σ_d λ_d a_dh) / n_h over [lower_h, upper_h] is n_h(λ) = clamp(√(Σ_d λ_d a_dh / c_h)) —
/// Chromy's form of the solution — and the dual is maximised by exact coordinate ascent: each λ_d in turn is set,
/// by bisection, to the smallest value at which constraint d holds (0 when it holds at λ_d = 0). The sweeps stop when
/// every constraint holds within a relative 1e-10 and every binding one (λ_d &gt; 0) is tight within the same.
/// </summary>
public static class OptimalAllocation
{
    private const double Tolerance = 1e-10;
    private const int MaxSweeps = 200_000;

    /// <summary>Solves the problem.</summary>
    /// <exception cref="InfeasibleAllocationException">A constraint that no allocation within the upper bounds meets.</exception>
    public static OptimalAllocationResult Solve(IReadOnlyList<double> cost, IReadOnlyList<double> lower, IReadOnlyList<double> upper, IReadOnlyList<PrecisionConstraint> constraints)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(constraints);
        var h = cost.Count;
        var d = constraints.Count;
        for (var s = 0; s < h; s++)
        {
            if (!(cost[s] > 0) || !(lower[s] > 0) || upper[s] < lower[s])
            {
                throw new ArgumentException($"stratum {s}: the cost must be > 0 and 0 < lower ≤ upper (cost {cost[s]}, lower {lower[s]}, upper {upper[s]}).", nameof(cost));
            }
        }

        foreach (var c in constraints)
        {
            var best = Enumerable.Range(0, h).Sum(s => c.A[s] / upper[s]);
            if (best > c.Bound * (1 + Tolerance))
            {
                throw new InfeasibleAllocationException(c.Name,
                    $"the target '{c.Name}' cannot be met: even with every stratum at its maximum the constraint is {best:G6} against a bound of {c.Bound:G6} ({Math.Sqrt(best / c.Bound):F3} times the target margin, roughly).");
            }
        }

        var lambda = new double[d];
        var weight = new double[h]; // Σ_d λ_d a_dh
        var n = new double[h];
        for (var s = 0; s < h; s++)
        {
            n[s] = lower[s];
        }

        var sweeps = 0;
        while (sweeps < MaxSweeps)
        {
            sweeps++;
            for (var k = 0; k < d; k++)
            {
                var a = constraints[k].A;
                var b = constraints[k].Bound;
                // weight without this constraint's part
                for (var s = 0; s < h; s++)
                {
                    weight[s] -= lambda[k] * a[s];
                    if (weight[s] < 0)
                    {
                        weight[s] = 0;
                    }
                }

                double Value(double l)
                {
                    var v = 0.0;
                    for (var s = 0; s < h; s++)
                    {
                        if (a[s] > 0)
                        {
                            v += a[s] / Size(s, weight[s] + (l * a[s]));
                        }
                    }

                    return v;
                }

                double l;
                if (Value(0) <= b)
                {
                    l = 0;
                }
                else
                {
                    var lo = 0.0;
                    var hi = Math.Max(lambda[k], 1e-300);
                    for (var i = 0; i < 4000 && Value(hi) > b; i++)
                    {
                        lo = hi;
                        hi *= 2;
                    }

                    for (var i = 0; i < 200 && hi - lo > hi * 1e-15; i++)
                    {
                        var mid = 0.5 * (lo + hi);
                        if (Value(mid) > b)
                        {
                            lo = mid;
                        }
                        else
                        {
                            hi = mid;
                        }
                    }

                    l = hi;
                }

                lambda[k] = l;
                for (var s = 0; s < h; s++)
                {
                    weight[s] += l * a[s];
                }
            }

            for (var s = 0; s < h; s++)
            {
                n[s] = Size(s, weight[s]);
            }

            var done = true;
            for (var k = 0; k < d && done; k++)
            {
                var v = Evaluate(constraints[k], n);
                var b = constraints[k].Bound;
                done = v <= b * (1 + Tolerance) && (lambda[k] == 0 || v >= b * (1 - Tolerance));
            }

            if (done)
            {
                break;
            }
        }

        var values = constraints.Select(c => Evaluate(c, n)).ToArray();
        return new OptimalAllocationResult(n, n.Select((x, s) => x * cost[s]).Sum(), values, lambda, sweeps);

        double Size(int s, double w) => Math.Clamp(Math.Sqrt(w / cost[s]), lower[s], upper[s]);
    }

    /// <summary>Σ_h A[h] / n_h.</summary>
    public static double Evaluate(PrecisionConstraint constraint, IReadOnlyList<double> sizes)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        ArgumentNullException.ThrowIfNull(sizes);
        var v = 0.0;
        for (var s = 0; s < sizes.Count; s++)
        {
            if (constraint.A[s] > 0)
            {
                v += constraint.A[s] / sizes[s];
            }
        }

        return v;
    }
}

using Barometer.Estimation.Sampling;
using Barometer.Storage;
using Barometer.Storage.Sampling;

namespace Barometer.Production.Sampling;

/// <summary>The allocation methods of <c>barometer plan</c>.</summary>
public enum AllocationMethod
{
    Proportional,
    Power,
    Optimal,
}

/// <summary>
/// <c>barometer plan</c>: the allocation of the next wave over the strata of the frame in the store. Expected
/// response rates come from earlier waves' gross samples (by stratum, shrunk toward the stratum's group — the
/// first strata variable — with <see cref="SampleDesignFile.Shrinkage"/> pseudo-persons at the group's rate), or
/// from the design file where the store has no earlier wave with the stratum. Proportional and power allocation
/// share out the expected net sample (<c>--net-size</c>) and inflate by the response rate; the optimal allocation
/// is the least cost meeting every target (Bethel–Chromy, <see cref="OptimalAllocation"/>).
/// </summary>
public static class WavePlanner
{
    public static readonly double Z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.975);

    public static AllocationPlan Plan(BarometerStore store, SampleDesignFile design, int wave, AllocationMethod method, int? netSize, double power)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(design);
        var (frame, responses) = store.InTransaction(tx =>
        {
            try
            {
                return (SampleStore.ReadFrame(store, tx, design.Strata, design.MinAge, design.MaxAge), SampleStore.ResponseByStratum(store, tx, wave));
            }
            catch (StoreException ex)
            {
                throw new ProductionException($"{design.Path}: {ex.Message}", ex);
            }
        });
        var codes = frame.Stratum.Distinct().Order(StringComparer.Ordinal).ToArray();
        if (codes.Length == 0)
        {
            throw new ProductionException($"the frame is empty: no person of the register extract is aged {design.MinAge}–{design.MaxAge}.");
        }

        var population = codes.ToDictionary(c => c, _ => 0L, StringComparer.Ordinal);
        foreach (var s in frame.Stratum)
        {
            population[s]++;
        }

        var n = codes.Select(c => (double)population[c]).ToArray();
        var rates = ResponseRates(design, codes, responses);
        var cost = codes.Select(c => design.Cost.For(design.Codes(c))).ToArray();
        var lower = n.Select(x => Math.Min(design.MinSize, x)).ToArray();
        var upper = n.Select(x => Math.Min(design.MaxSize, x)).ToArray();
        var domains = design.Targets.Select(t => codes.Select(c => Matches(design, c, t)).ToArray()).ToList();
        for (var d = 0; d < domains.Count; d++)
        {
            if (!domains[d].Any(x => x))
            {
                throw new ProductionException($"{design.Path}: target '{design.Targets[d].Name}': no stratum of the frame matches its 'when'.");
            }
        }

        int[] gross;
        switch (method)
        {
            case AllocationMethod.Optimal:
                var constraints = design.Targets.Select((t, d) =>
                {
                    var (a, b) = DomainPrecision.Constraint(n, domains[d], rates, t.Share, design.DesignEffect, t.Margin, Z);
                    return new PrecisionConstraint(t.Name, a, b);
                }).ToList();
                OptimalAllocationResult result;
                try
                {
                    result = OptimalAllocation.Solve(cost, lower, upper, constraints);
                }
                catch (InfeasibleAllocationException ex)
                {
                    throw new ProductionException($"{design.Path}: {ex.Message} Relax the target's margin, raise sample_size.max, or accept fewer targets.", ex);
                }

                gross = [.. result.Sizes.Select((x, h) => (int)Math.Min(upper[h], Math.Ceiling(x - 1e-9)))];
                break;
            default:
                if (netSize is not { } net || net <= 0)
                {
                    throw new ProductionException($"--net-size: the {method.ToString().ToLowerInvariant()} allocation needs the expected net sample size (a whole number > 0).");
                }

                var weights = method == AllocationMethod.Power ? n.Select(x => Math.Pow(x, power)).ToArray() : n;
                double[] netAllocation;
                try
                {
                    netAllocation = StratumAllocation.Bounded(weights, net, lower.Select((x, h) => x * rates[h]).ToArray(), upper.Select((x, h) => x * rates[h]).ToArray());
                }
                catch (ArgumentException ex)
                {
                    throw new ProductionException($"--net-size: {ex.Message}", ex);
                }

                gross = StratumAllocation.Round(netAllocation.Select((x, h) => x / rates[h]).ToArray(), upper);
                break;
        }

        var strata = codes.Select((c, h) => new PlannedStratum(c, population[c], rates[h], cost[h], gross[h])).ToList();
        var sizes = gross.Select(x => (double)x).ToArray();
        var targets = design.Targets.Select((t, d) => new PlannedTarget(t.Name, t.Margin,
            DomainPrecision.Margin(n, domains[d], rates, sizes, t.Share, design.DesignEffect, Z),
            strata.Where((_, h) => domains[d][h]).Sum(s => s.ExpectedNet))).ToList();
        return new AllocationPlan(wave, method.ToString().ToLowerInvariant(), strata, targets);
    }

    private static bool Matches(SampleDesignFile design, string stratum, PrecisionTarget target)
    {
        var codes = design.Codes(stratum);
        return target.When.All(w => codes.TryGetValue(w.Key, out var c) && c == w.Value);
    }

    /// <summary>r_h = (responded_h + k · r_g) / (gross_h + k), r_g the pooled rate of the stratum's group or the design's default.</summary>
    internal static double[] ResponseRates(SampleDesignFile design, IReadOnlyList<string> codes, IReadOnlyList<WaveStratumResponse> responses)
    {
        var byStratum = responses.GroupBy(r => r.Stratum, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Gross: g.Sum(x => x.Gross), Responded: g.Sum(x => x.Responded)), StringComparer.Ordinal);
        var first = design.Strata[0].Name;
        var byGroup = byStratum.GroupBy(kv => design.Codes(kv.Key).GetValueOrDefault(first) ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Gross: g.Sum(x => x.Value.Gross), Responded: g.Sum(x => x.Value.Responded)), StringComparer.Ordinal);
        var k = design.Shrinkage;
        return [.. codes.Select(c =>
        {
            var prior = design.Response.For(design.Codes(c));
            var group = design.Codes(c).GetValueOrDefault(first) ?? "";
            var rg = byGroup.TryGetValue(group, out var g) && g.Gross > 0 ? (double)g.Responded / g.Gross : prior;
            var (gross, responded) = byStratum.GetValueOrDefault(c);
            var r = (responded + (k * rg)) / (gross + k);
            return Math.Clamp(r, 0.01, 1.0);
        })];
    }
}

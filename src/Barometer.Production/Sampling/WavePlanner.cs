using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Estimation.Sampling;
using Barometer.Storage;
using Barometer.Storage.Sampling;

namespace Barometer.Production.Sampling;

/// <summary>The allocation methods of <c>barometer plan</c>.</summary>
public enum AllocationMethod
{
    Proportional,
    Neyman,
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

    /// <summary>Plans wave <paramref name="wave"/>; <paramref name="indicatorId"/> names the survey indicator of Neyman allocation.</summary>
    public static AllocationPlan Plan(BarometerStore store, IndicatorCatalogue catalogue, SampleDesignFile design, int wave, AllocationMethod method, int? netSize, double power,
        string? indicatorId = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(design);
        var indicator = method == AllocationMethod.Neyman ? NeymanIndicator(catalogue, indicatorId) : null;
        if (method != AllocationMethod.Optimal && (netSize is not { } size || size <= 0))
        {
            throw new ProductionException($"--net-size: the {method.ToString().ToLowerInvariant()} allocation needs the expected net sample size (a whole number > 0).");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var phases = new List<(string Phase, double Seconds)>();
        void Phase(string name)
        {
            phases.Add((name, clock.Elapsed.TotalSeconds));
            clock.Restart();
        }

        FrameSizes frame;
        IReadOnlyList<WaveStratumResponse> responses;
        try
        {
            frame = store.InTransaction(tx => SampleStore.FrameStrata(store, tx, design.Strata, design.MinAge, design.MaxAge));
            Phase("frame");
            responses = store.InTransaction(tx => SampleStore.ResponseByStratum(store, tx, design.Strata, wave));
            Phase("earlier waves' response");
        }
        catch (StoreException ex)
        {
            throw new ProductionException($"{design.Path}: {ex.Message}", ex);
        }

        var codes = frame.Strata.Select(f => f.Stratum).ToArray();
        if (codes.Length == 0)
        {
            throw new ProductionException($"the frame is empty: no person of the register extract is aged {design.MinAge}–{design.MaxAge}.");
        }

        var population = frame.Strata.ToDictionary(f => f.Stratum, f => f.Persons, StringComparer.Ordinal);
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

        var notes = new List<string>();
        if (!frame.FromKeptCounts)
        {
            notes.Add("N_h counted over the register extract: the store keeps no frame sizes for this design's columns (a register ingest with this design file keeps them; `barometer ingest --register DIR` again).");
        }

        var waves = responses.Select(r => r.Wave).Distinct().Order().ToList();
        notes.Add(waves.Count == 0
            ? "No earlier wave's gross sample in the store: expected response rates are the design file's."
            : string.Create(CultureInfo.InvariantCulture,
                $"Expected response rates from the gross samples of wave(s) {string.Join(", ", waves)} ({responses.Sum(r => r.Gross):N0} persons in the frame's register, by person id in the strata of this design), shrunk toward the group's rate with {design.Shrinkage} pseudo-persons."));
        var last = LastRunSums.Read(store, catalogue, design, codes, wave, indicator, Phase);
        var deff = DesignEffects(design, domains, last, notes);
        double[]? deviation = null;
        int[] gross;
        switch (method)
        {
            case AllocationMethod.Optimal:
                var constraints = design.Targets.Select((t, d) =>
                {
                    var (a, b) = DomainPrecision.Constraint(n, domains[d], rates, t.Share, deff[d], t.Margin, Z);
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
                var net = netSize!.Value;
                double[] weights;
                if (method == AllocationMethod.Neyman)
                {
                    deviation = Deviations(design, codes, indicator!, wave, last, notes);
                    weights = [.. n.Select((x, h) => x * deviation[h])];
                }
                else
                {
                    weights = method == AllocationMethod.Power ? [.. n.Select(x => Math.Pow(x, power))] : n;
                }

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

        var strata = codes.Select((c, h) => new PlannedStratum(c, population[c], rates[h], cost[h], gross[h]) { Deviation = deviation?[h] }).ToList();
        var sizes = gross.Select(x => (double)x).ToArray();
        var targets = design.Targets.Select((t, d) =>
        {
            var margin = DomainPrecision.Margin(n, domains[d], rates, sizes, t.Share, deff[d], Z);
            return new PlannedTarget(t.Name, t.Margin, margin, strata.Where((_, h) => domains[d][h]).Sum(s => s.ExpectedNet)) { DesignEffect = deff[d] };
        }).ToList();
        var label = method.ToString().ToLowerInvariant() + (indicator is null ? "" : ":" + indicator.Id);
        Phase("allocation");
        return new AllocationPlan(wave, label, strata, targets) { Notes = notes, Phases = phases };
    }

    private static Indicator NeymanIndicator(IndicatorCatalogue catalogue, string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ProductionException("--indicator: Neyman allocation needs the survey indicator whose stratum standard deviations it uses (e.g. --indicator trust_parliament).");
        }

        var indicator = catalogue.Indicators.FirstOrDefault(i => i.Id == id)
            ?? throw new ProductionException($"--indicator: '{id}' is not an indicator of the catalogue.");
        if (indicator.Source.Kind != SourceKind.Survey)
        {
            throw new ProductionException($"--indicator: '{id}' is a register indicator; Neyman allocation of the survey needs a survey indicator.");
        }

        if (indicator.Statistic is not (StatisticKind.Proportion or StatisticKind.Mean))
        {
            throw new ProductionException($"--indicator: '{id}' is a {indicator.Statistic.ToString().ToLowerInvariant()}; Neyman allocation needs the standard deviation of a share or a mean.");
        }

        return indicator;
    }

    /// <summary>
    /// Kish's 1 + CV² of the last run's adjustment factors g = calibrated / design weight among the respondents of
    /// each target domain (strata of the next design, by person id); 1 with a note when there is no run or the
    /// domain has fewer than two respondents in it.
    /// </summary>
    private static double[] DesignEffects(SampleDesignFile design, List<bool[]> domains, LastRunSums? last, List<string> notes)
    {
        var deff = new double[domains.Count];
        if (last is null)
        {
            Array.Fill(deff, 1.0);
            notes.Add("No completed run of an earlier wave in the store: the design effect of weighting is taken as 1 for every target (plan again after the first run).");
            return deff;
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Design effect of weighting from run {last.RunId} (wave {last.Wave}): Kish's 1 + CV² of calibrated / design weight among the domain's respondents."));
        for (var d = 0; d < domains.Count; d++)
        {
            var domain = domains[d];
            long m = 0;
            double sum = 0, sum2 = 0;
            for (var h = 0; h < domain.Length; h++)
            {
                if (domain[h])
                {
                    m += last.Respondents[h];
                    sum += last.SumG[h];
                    sum2 += last.SumG2[h];
                }
            }

            var value = m >= 2 ? KishWeightingEffect.FromSums(m, sum, sum2) : double.NaN;
            if (double.IsNaN(value))
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Target '{design.Targets[d].Name}': {m} respondent(s) of run {last.RunId} in the domain; its design effect of weighting is taken as 1."));
                value = 1;
            }

            deff[d] = value;
        }

        return deff;
    }

    /// <summary>S_h of the indicator from the last run's respondents (calibrated weights); small strata borrow their group's, then everyone's.</summary>
    private static double[] Deviations(SampleDesignFile design, string[] codes, Indicator indicator, int wave, LastRunSums? last, List<string> notes)
    {
        if (last?.Y is not { } y)
        {
            throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
                $"--method neyman: the store holds no completed run of a wave before {wave}, so there are no respondents to estimate the stratum standard deviations of '{indicator.Id}' from. Run the last wave first (`barometer run --wave W`), or use --method proportional or power."));
        }

        var first = design.Strata[0].Name;
        var groupOf = codes.Select(c => design.Codes(c).GetValueOrDefault(first) ?? "").ToArray();
        var groups = groupOf.Distinct(StringComparer.Ordinal).ToList();
        var pooled = new LastRunSums.ValueSums(new long[groups.Count], new double[groups.Count], new double[groups.Count], new double[groups.Count]);
        long allM = 0;
        double allW = 0, allWy = 0, allWy2 = 0;
        for (var h = 0; h < codes.Length; h++)
        {
            var g = groups.IndexOf(groupOf[h]);
            pooled.Respondents[g] += y.Respondents[h];
            pooled.SumW[g] += y.SumW[h];
            pooled.SumWy[g] += y.SumWy[h];
            pooled.SumWy2[g] += y.SumWy2[h];
            allM += y.Respondents[h];
            allW += y.SumW[h];
            allWy += y.SumWy[h];
            allWy2 += y.SumWy2[h];
        }

        if (allM < StratumDeviation.MinimumRespondents)
        {
            throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
                $"--indicator: run {last.RunId} (wave {last.Wave}) has {allM} respondent(s) with a value of '{indicator.Id}' in the frame's strata; Neyman allocation needs at least {StratumDeviation.MinimumRespondents}."));
        }

        var all = StratumDeviation.FromSums(allM, allW, allWy, allWy2);
        var deviation = new double[codes.Length];
        var borrowed = new List<string>();
        for (var h = 0; h < codes.Length; h++)
        {
            var g = groups.IndexOf(groupOf[h]);
            deviation[h] = y.Respondents[h] >= StratumDeviation.MinimumRespondents ? StratumDeviation.FromSums(y.Respondents[h], y.SumW[h], y.SumWy[h], y.SumWy2[h])
                : pooled.Respondents[g] >= StratumDeviation.MinimumRespondents ? StratumDeviation.FromSums(pooled.Respondents[g], pooled.SumW[g], pooled.SumWy[g], pooled.SumWy2[g])
                : all;
            if (y.Respondents[h] < StratumDeviation.MinimumRespondents)
            {
                borrowed.Add(codes[h]);
            }
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Neyman allocation for '{indicator.Id}': S_h from {allM:N0} respondents of run {last.RunId} (wave {last.Wave}), calibrated weights{(last.FromKeptSums ? ", from the sums the run kept per stratum cell" : "")}."));
        if (borrowed.Count > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{borrowed.Count} stratum/strata with fewer than {StratumDeviation.MinimumRespondents} respondents with a value take their group's pooled S (else everyone's): {string.Join(", ", borrowed)}."));
        }

        return deviation;
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

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Barometer.Benchmarks.Synthetic;
using Barometer.Catalogue;
using Barometer.Estimation;
using Barometer.Estimation.Requests;
using Barometer.Estimation.SmallArea;
using Barometer.Synthetic;
using Barometer.Synthetic.Calibration;
using Barometer.Synthetic.Output;
using Barometer.Synthetic.Registers;
using Barometer.Synthetic.Survey;
using Barometer.Synthetic.Truth;
using static Barometer.Benchmarks.Synthetic.CoverageSimulation;

namespace Barometer.Benchmarks.SmallArea;

/// <summary>
/// <c>dotnet run -c Release --project bench/Barometer.Benchmarks -- small-area-simulation [--samples 200] [--scale 0.1]
/// [--seed 20241231] [--wave 2025] [--county-effect 0.25] [--write docs/validation.md]</c>: the Fay–Herriot
/// small-area estimates of survey indicators for the foreign-born by county, judged against each county's truth over
/// repeated samples of one synthetic Sweden with planted county effects (<see cref="SynthOptions.CountyEffect"/>).
/// Per sample: the direct estimates and their variances by county from the estimation engine (stratified, weights
/// N_h / r_h raked to the calibration totals, as the coverage simulation), covariates from the register aggregates
/// of the county's foreign-born in the frame, the FH model fitted, benchmarked to the national direct estimate.
/// </summary>
internal static class SmallAreaSimulation
{
    private static readonly string[] Indicators = ["belonging", "generalised_trust", "experienced_discrimination", "unexpected_expense"];

    /// <summary>
    /// The two treatments of ψ_i: pooled by the generalised variance function φ̂ / n_i (what the run uses), and the
    /// direct variance estimates as they come (for comparison).
    /// </summary>
    private static readonly string[] Variants = ["pooled (ψ̃_i = φ̂ / n_i)", "direct (ψ̂_i as estimated)"];

    public static int Run(string[] args)
    {
        var arguments = new SimulationArguments(args, "--samples", "--scale", "--seed", "--wave", "--county-effect", "--write");
        var samples = arguments.Int("--samples", 200);
        var scale = arguments.Double("--scale", 0.1);
        var seed = arguments.ULong("--seed", 20241231);
        var wave = arguments.Int("--wave", 2025);
        var effect = arguments.Double("--county-effect", 0.25);
        var write = arguments.String("--write");

        var watch = Stopwatch.StartNew();
        var catalogue = IndicatorCatalogue.LoadDefault();
        var options = new SynthOptions(scale, seed, [wave], OutputFormat.Parquet) { CountyEffect = effect };
        var world = SyntheticWorld.Create(options, catalogue, SilentGenerationProgress.Instance);
        var design = new StratifiedSampler(seed, scale, world.Variables, wave);
        var model = new AnswerModel(seed, catalogue, world.Variables, effect);
        var indicators = Indicators.Select(id => catalogue.Indicators.Single(i => i.Id == id)).ToArray();
        var persons = new PersonCache(catalogue, world, model, seed, wave, indicators);
        var counties = world.Register.Municipalities.Select(m => m.CountyCode).Distinct().Order(StringComparer.Ordinal).ToArray();
        var countyIndex = counties.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var (truth, baseCount, covariates) = Truth(catalogue, world, design, model, persons, indicators, countyIndex);
        Console.WriteLine($"world: scale {scale}, {world.Register.Count:N0} persons, frame {design.FrameSize:N0}, gross sample {design.SampleSize:N0}, county effect {effect}; truth ready in {watch.Elapsed.TotalSeconds:F1} s");

        var totals = FrameCalibrationTotals.Compute(catalogue, world.Variables, design);
        var margins = Enumerable.Range(1, catalogue.Calibration.Margins.Count)
            .Select(m => (CalibrationMargin)new CategoricalMargin("cal" + m, totals.Where(t => t.Margin == m).ToDictionary(t => t.Cell, t => (double)t.Total, StringComparer.Ordinal)))
            .ToList();
        var spec = new List<EstimateSpec>();
        for (var n = 0; n < indicators.Length; n++)
        {
            spec.Add(new EstimateSpec(indicators[n].Id + ":lan", EstimateType.Mean, "y" + n, ["fb", "lan"]));
            spec.Add(new EstimateSpec(indicators[n].Id + ":all", EstimateType.Mean, "y" + n, ["fb"]));
        }

        var request = new EstimationRequest(new DesignSpec([], "stratum", ["population"], "weight", LonelyPsuRule.Adjust),
            new CalibrationSpec(CalibrationMethod.Raking, null, margins), null, spec);
        var m = counties.Length;
        var records = Variants.Select(_ => indicators.Select(_ => counties.Select(_ => new List<Outcome>()).ToArray()).ToArray()).ToArray();
        var fits = Variants.Select(_ => indicators.Select(_ => new List<SmallAreaResult>()).ToArray()).ToArray();
        var incomplete = Variants.Select(_ => new int[indicators.Length]).ToArray();
        var failures = 0;
        for (var replicate = 1; replicate <= samples; replicate++)
        {
            var data = persons.Data(design.Draw(replicate));
            var outcome = SurveyEstimation.Run(data, request);
            if (!outcome.Succeeded)
            {
                failures++;
                Console.WriteLine($"replicate {replicate}: " + string.Join(" | ", outcome.Problems.Take(3).Select(p => p.Message)));
                continue;
            }

            for (var n = 0; n < indicators.Length; n++)
            {
                var direct = new double[m];
                var variance = new double[m];
                var respondents = new double[m];
                foreach (var row in outcome.Rows.Where(r => r.EstimateIndex == 2 * n && r.DomainValues[0].Code == "foreign"))
                {
                    var c = countyIndex[row.DomainValues[1].Code];
                    direct[c] = row.Value;
                    variance[c] = row.StandardError * row.StandardError;
                    respondents[c] = double.IsFinite(row.Value) && double.IsFinite(row.StandardError) ? row.N : 0;
                }

                var national = outcome.Rows.Single(r => r.EstimateIndex == (2 * n) + 1 && r.DomainValues[0].Code == "foreign").Value;
                for (var v = 0; v < Variants.Length; v++)
                {
                    // Direct ψ̂_i needs a variance estimate above 0; pooled ψ̃_i = φ̂ / n_i needs one respondent.
                    var areas = Enumerable.Range(0, m).Where(c => v == 0 ? respondents[c] >= 1 : respondents[c] >= 2 && variance[c] > 0).ToArray();
                    if (areas.Length < m)
                    {
                        incomplete[v][n]++;
                    }

                    var psi = v == 0
                        ? SamplingVarianceSmoothing.Pooled([.. areas.Select(c => variance[c])], [.. areas.Select(c => respondents[c])])
                        : [.. areas.Select(c => variance[c])];
                    var fh = new FayHerriotData([.. areas.Select(c => direct[c])], psi, [.. areas.Select(c => (IReadOnlyList<double>)[1.0, .. covariates[c]])]);
                    var result = SmallAreaEstimator.Estimate(fh, [.. areas.Select(c => baseCount[n][c])], national);
                    fits[v][n].Add(result);
                    for (var k = 0; k < result.Areas.Count; k++)
                    {
                        var c = areas[k];
                        var a = result.Areas[k];
                        var t = truth[n][c];
                        records[v][n][c].Add(new Outcome(direct[c], a.Estimate, a.Mse, a.Low <= t && t <= a.High, result.Published, result.Fit.AtZero));
                    }
                }
            }

            if (replicate % 20 == 0)
            {
                Console.WriteLine($"  {replicate} samples ({watch.Elapsed.TotalSeconds:F0} s)");
            }
        }

        var reports = Variants.Select((_, v) => Report(indicators.Select(i => i.Id).ToArray(), counties, truth, records[v], fits[v], incomplete[v])).ToArray();
        for (var v = 0; v < Variants.Length; v++)
        {
            Console.WriteLine($"sampling variances: {Variants[v]}");
            Console.WriteLine(reports[v].Table);
            Console.WriteLine(reports[v].Summary);
        }

        Console.WriteLine($"total {watch.Elapsed.TotalSeconds:F1} s");
        if (write is not null)
        {
            SimulationArguments.WriteSection(write, "small-area", Section(samples, failures, scale, seed, wave, effect, design, reports));
        }

        return 0;
    }

    private sealed record Outcome(double Direct, double Estimate, double Mse, bool Covers, bool Published, bool AtZero);

    /// <summary>
    /// Each indicator's truth among the county's foreign-born in the frame (the model answers without item
    /// nonresponse, as the truth files), the number of foreign-born in its base per county (the population shares),
    /// and the county's register covariates over its foreign-born in the frame.
    /// </summary>
    private static (double[][] Truth, double[][] BaseCount, double[][] Covariates) Truth(IndicatorCatalogue catalogue, SyntheticWorld world, StratifiedSampler design,
        AnswerModel model, PersonCache persons, Catalogue.Indicators.Indicator[] indicators, Dictionary<string, int> countyIndex)
    {
        var r = world.Register;
        var o = world.Variables.Outcomes;
        var m = countyIndex.Count;
        var sum = indicators.Select(_ => new double[m]).ToArray();
        var count = indicators.Select(_ => new double[m]).ToArray();
        var foreign = new double[m];
        var outside = new double[m];
        var recent = new double[m];
        var working = new double[m];
        var workingAge = new double[m];
        var values = new PersonValues(catalogue, world.Variables, design.Wave);
        var session = model.NewSession(design.Wave);
        var answers = new int[model.ItemCount];
        foreach (var person in design.FramePersons)
        {
            if (!r.IsForeignBorn(person))
            {
                continue;
            }

            var c = countyIndex[r.Municipalities[r.Municipality[person]].CountyCode];
            foreign[c]++;
            outside[c] += r.Countries[r.Country[person]].OutsideEurope ? 1 : 0;
            recent[c] += design.Wave - 1 - r.ImmigrationYear[person] < 10 ? 1 : 0;
            var age = r.Age(person);
            if (age is >= 20 and <= 64)
            {
                workingAge[c]++;
                working[c] += o.Employed[person] == Flag.Yes ? 1 : 0;
            }

            session.Answers(person, answers);
            var lookup = catalogue.Evaluator.For(name => values.Get(name, person, answers));
            for (var n = 0; n < indicators.Length; n++)
            {
                var y = persons.Value(indicators[n], lookup);
                if (!double.IsNaN(y))
                {
                    sum[n][c] += y;
                    count[n][c]++;
                }
            }
        }

        var truth = indicators.Select((_, n) => Enumerable.Range(0, m).Select(c => sum[n][c] / count[n][c]).ToArray()).ToArray();
        var covariates = Enumerable.Range(0, m).Select(c => new[] { outside[c] / foreign[c], recent[c] / foreign[c], working[c] / workingAge[c] }).ToArray();
        return (truth, count, covariates);
    }

    private static (string Table, string Summary) Report(string[] ids, string[] counties, double[][] truth, List<Outcome>[][] records, List<SmallAreaResult>[] fits, int[] incomplete)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("| indicator | county SD of truth | mean σ̂²_u (share at 0) | published | counties EBLUP RMSE < direct | mean RMSE ratio EBLUP / direct | estimated / empirical MSE: mean of ratios (ratio of means) | coverage of 95 % intervals |\n");
        sb.Append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        var published = Enumerable.Range(0, ids.Length).Select(n => Measure(truth[n], records[n], o => o.Published)).ToArray();
        for (var n = 0; n < ids.Length; n++)
        {
            var mean = truth[n].Average();
            var sd = Math.Sqrt(truth[n].Sum(v => (v - mean) * (v - mean)) / (truth[n].Length - 1));
            var converged = fits[n].Where(f => f.Fit.Converged).ToList();
            var p = published[n];
            sb.Append(c, $"| {ids[n]} | {sd:G3} | {converged.Average(f => f.Fit.ModelVariance):G3} ({converged.Count(f => f.Fit.AtZero) / (double)Math.Max(1, converged.Count):P0}) | ")
              .Append(c, $"{fits[n].Count(f => f.Published)} of {fits[n].Count} | {p.Better} of {p.Counted} | {p.RmseRatio:F3} | {p.MseRatio:F3} ({p.MseOfMeans:F3}) | {p.Coverage:P1} |\n");
        }

        var all = Enumerable.Range(0, ids.Length).Select(n => Measure(truth[n], records[n], _ => true)).ToArray();
        string Line(Measures[] m) => string.Create(c,
            $"EBLUP RMSE below the direct estimate's in {m.Sum(x => x.Better)} of {m.Sum(x => x.Counted)} indicator × county pairs ({m.Sum(x => x.Better) / (double)m.Sum(x => x.Counted):P0}); mean RMSE ratio {m.Average(x => x.RmseRatio):F3}; "
            + $"estimated / empirical MSE {m.Average(x => x.MseRatio):F3} as a mean of per-county ratios, {m.Average(x => x.MseOfMeans):F3} as a ratio of means; coverage {m.Sum(x => x.Covered) / (double)m.Sum(x => x.Intervals):P1}");
        var reasons = fits.SelectMany(f => f).SelectMany(f => f.HeldBackBy).GroupBy(x => x).Select(g => $"{g.Key} {g.Count()}");
        var flat = records.SelectMany(r => r).SelectMany(r => r).ToList();
        double Coverage(IEnumerable<Outcome> o) => o.Count(x => x.Covers) / (double)Math.Max(1, o.Count());
        var split = string.Create(c, $". Coverage over every sample when σ̂²_u > 0: {Coverage(flat.Where(x => !x.AtZero)):P1}; when σ̂²_u = 0: {Coverage(flat.Where(x => x.AtZero)):P1} ({flat.Count(x => x.AtZero) / (double)flat.Count:P0} of the intervals)");
        var summary = "Published estimates (the table): " + Line(published) + ".\n\nEvery sample, held back or not: " + Line(all) + split
            + string.Create(c, $". Fits held back, by check (a fit can fail several): {(reasons.Any() ? string.Join(", ", reasons) : "none")}. ")
            + string.Create(c, $"Samples in which a county had no usable direct estimate (left out of that fit): {string.Join(", ", ids.Select((id, n) => $"{id} {incomplete[n]}"))}.");
        return (sb.ToString(), summary);
    }

    private sealed record Measures(int Better, int Counted, double RmseRatio, double MseRatio, double MseOfMeans, long Covered, long Intervals)
    {
        public double Coverage => Covered / (double)Math.Max(1, Intervals);
    }

    /// <summary>Per county over the samples kept by the filter: RMSE of the direct and the EBLUP against the truth, mean estimated MSE over empirical MSE, coverage.</summary>
    private static Measures Measure(double[] truth, List<Outcome>[] records, Func<Outcome, bool> keep)
    {
        var better = 0;
        var rmseRatio = new List<double>();
        var mseRatio = new List<double>();
        double estimated = 0, empiricalSum = 0;
        long covered = 0, intervals = 0;
        for (var k = 0; k < records.Length; k++)
        {
            var list = records[k].Where(keep).ToList();
            if (list.Count < 2)
            {
                continue;
            }

            var t = truth[k];
            var direct = Math.Sqrt(list.Average(x => (x.Direct - t) * (x.Direct - t)));
            var empirical = list.Average(x => (x.Estimate - t) * (x.Estimate - t));
            better += Math.Sqrt(empirical) < direct ? 1 : 0;
            rmseRatio.Add(Math.Sqrt(empirical) / direct);
            mseRatio.Add(list.Average(x => x.Mse) / empirical);
            estimated += list.Average(x => x.Mse);
            empiricalSum += empirical;
            covered += list.Count(x => x.Covers);
            intervals += list.Count;
        }

        return new Measures(better, rmseRatio.Count, rmseRatio.Average(), mseRatio.Average(), estimated / empiricalSum, covered, intervals);
    }

    private static string Section(int samples, int failures, double scale, ulong seed, int wave, double effect, StratifiedSampler design, (string Table, string Summary)[] reports)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<!-- small-area:begin (generated by small-area-simulation; do not edit by hand) -->\n");
        sb.Append("## Small-area simulation\n\n");
        sb.Append(c, $"`dotnet run -c Release --project bench/Barometer.Benchmarks -- small-area-simulation --samples {samples} --scale {scale.ToString("R", c)} --seed {seed} --wave {wave} --county-effect {effect.ToString("R", c)} --write docs/validation.md`\n\n");
        sb.Append(c, $"One synthetic Sweden (scale {scale.ToString("R", c)}, seed {seed}) with planted county effects of {effect.ToString("R", c)} logits on every latent answer dimension ");
        sb.Append("(`SynthOptions.CountyEffect`; 36 % of their variance tied to the county's share born outside Europe among its foreign-born, the rest county noise no covariate sees). ");
        sb.Append(c, $"Wave {wave}: frame {design.FrameSize:N0}, gross sample {design.SampleSize:N0}; {samples - failures} samples (of {samples}; {failures} failed), each an independent redraw with its own nonresponse, estimated as in the coverage simulation ");
        sb.Append("(weights N_h / r_h raked to the calibration totals). Per indicator and sample: the direct estimate of the foreign-born in each county and its linearisation variance ψ_i, ");
        sb.Append("covariates from the register over the county's foreign-born in the frame (intercept, share born outside Europe, share with fewer than ten years in Sweden, employment rate 20–64), ");
        sb.Append("the Fay–Herriot model by REML, the EBLUP benchmarked by difference to the national direct estimate of the foreign-born (population shares: the county's foreign-born in the indicator's base), ");
        sb.Append("the MSE g1 + g2 + 2 g3 + g4 and the interval ± 1.96 √MSE (docs/methodology/small-area.md). Truth: the county's finite-population value among its foreign-born in the frame. ");
        sb.Append("RMSE and MSE per county over the samples whose estimates were published (σ̂²_u > 0 and every diagnostic passed; docs/methodology/small-area.md), the same for the direct estimate in those samples; \"mean\" is over counties; coverage over counties × samples. The lines under each table give the same over published estimates and over every sample.\n\n");
        for (var v = 0; v < Variants.Length; v++)
        {
            sb.Append(c, $"**Sampling variances {Variants[v]}.**\n\n");
            sb.Append(reports[v].Table).Append('\n');
            sb.Append(reports[v].Summary).Append("\n\n");
        }

        sb.Append("Targets (issue 20): EBLUP error below the direct estimate's for most counties; estimated MSE within 15 % of the empirical MSE on average; coverage 93–97 %.\n");
        sb.Append("<!-- small-area:end -->\n");
        return sb.ToString();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Estimation;
using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;
using Barometer.Synthetic;
using Barometer.Synthetic.Calibration;
using Barometer.Synthetic.Output;
using Barometer.Synthetic.Survey;
using Barometer.Synthetic.Truth;

namespace Barometer.Benchmarks.Synthetic;

/// <summary>
/// <c>dotnet run -c Release --project bench/Barometer.Benchmarks -- synth-coverage [--samples 200] [--scale 0.1]
/// [--seed 20241231] [--wave 2025] [--write docs/validation.md]</c>: draws independent samples of one wave of a
/// synthetic Sweden (each with its own nonresponse), estimates fourteen key survey indicators (the host-society module's four among them) for foreign-born and
/// native-born with the estimation engine — with stratum-level nonresponse weights N_h / r_h, and raked on the
/// catalogue's calibration margins to the generator's register totals — and compares them with the
/// finite-population truth: coverage of the 95 % intervals, bias, and the spread of the estimates against the
/// mean standard error.
/// </summary>
internal static class CoverageSimulation
{
    private static readonly string[] KeyIndicators =
    [
        "belonging", "generalised_trust", "association_membership", "experienced_discrimination", "unexpected_expense",
        "trust_parliament", "democracy_support", "knowledge_of_society", "life_satisfaction", "gender_equality_attitude",

        // The host-society module (asked of everyone).
        "contact_other_origin", "immigration_positive", "integration_works_well", "trust_other_origin",
    ];

    private static readonly string[] Sides = ["foreign", "native"];

    public static int Run(string[] args)
    {
        var options = new SimulationArguments(args, "--samples", "--scale", "--seed", "--wave", "--write");
        var samples = options.Int("--samples", 200);
        var scale = options.Double("--scale", 0.1);
        var seed = options.ULong("--seed", 20241231);
        var wave = options.Int("--wave", 2025);
        var write = options.String("--write");

        var watch = Stopwatch.StartNew();
        var catalogue = IndicatorCatalogue.LoadDefault();
        var world = SyntheticWorld.Create(new SynthOptions(scale, seed, [wave], OutputFormat.Parquet), catalogue, SilentGenerationProgress.Instance);
        var design = new StratifiedSampler(seed, scale, world.Variables, wave);
        var model = new AnswerModel(seed, catalogue, world.Variables);
        var indicators = KeyIndicators.Select(id => catalogue.Indicators.Single(i => i.Id == id)).ToArray();
        var truth = new TruthCalculator(catalogue, world.Variables).Survey(design, model, SilentGenerationProgress.Instance)
            .Where(t => t.Breakdown == "total" && t.Sex.Length == 0 && t.Group.StartsWith("foreign_vs_native:", StringComparison.Ordinal))
            .ToDictionary(t => (t.Indicator, t.Group.EndsWith(":focal", StringComparison.Ordinal) ? "foreign" : "native"), t => t.Value);
        var totals = FrameCalibrationTotals.Compute(catalogue, world.Variables, design);
        var marginCount = catalogue.Calibration.Margins.Count;
        var margins = Enumerable.Range(1, marginCount)
            .Select(m => (CalibrationMargin)new CategoricalMargin("cal" + m, totals.Where(t => t.Margin == m).ToDictionary(t => t.Cell, t => (double)t.Total, StringComparer.Ordinal)))
            .ToList();
        Console.WriteLine($"world: scale {scale}, {world.Register.Count:N0} persons, frame {design.FrameSize:N0}, gross sample {design.SampleSize:N0}; ready in {watch.Elapsed.TotalSeconds:F1} s");

        var levels = Levels(catalogue, world, design, model, truth);
        Console.WriteLine(levels);
        var persons = new PersonCache(catalogue, world, model, seed, wave, indicators);
        var spec = indicators.Select((indicator, n) => new EstimateSpec(indicator.Id, EstimateType.Mean, "y" + n, ["fb"],
            Interval: indicator.Statistic == StatisticKind.Proportion ? IntervalMethod.Logit : IntervalMethod.Wald)).ToList();
        var designSpec = new DesignSpec([], "stratum", ["population"], "weight", LonelyPsuRule.Adjust);
        var uncalibrated = new EstimationRequest(designSpec, null, null, spec);
        var calibrated = new EstimationRequest(designSpec, new CalibrationSpec(CalibrationMethod.Raking, null, margins), null, spec);
        var results = new Dictionary<(string, string), List<(double Uncal, bool UncalCovers, double UncalSe, double Cal, bool CalCovers, double CalSe)>>();
        var respondentsTotal = 0L;
        var failures = 0;
        for (var replicate = 1; replicate <= samples; replicate++)
        {
            var sample = design.Draw(replicate);
            var data = persons.Data(sample);
            respondentsTotal += data.RowCount;
            var u = SurveyEstimation.Run(data, uncalibrated);
            var c = SurveyEstimation.Run(data, calibrated);
            if (!u.Succeeded || !c.Succeeded)
            {
                failures++;
                Console.WriteLine($"replicate {replicate}: " + string.Join(" | ", u.Problems.Concat(c.Problems).Take(3).Select(p => p.Message)));
                continue;
            }

            foreach (var indicator in indicators)
            {
                foreach (var side in Sides)
                {
                    var t = truth[(indicator.Id, side)];
                    var ur = u.Rows.Single(r => r.EstimateId == indicator.Id && r.Domain == "fb=" + side);
                    var cr = c.Rows.Single(r => r.EstimateId == indicator.Id && r.Domain == "fb=" + side);
                    var key = (indicator.Id, side);
                    if (!results.TryGetValue(key, out var list))
                    {
                        results[key] = list = [];
                    }

                    list.Add((ur.Value, ur.CiLow <= t && t <= ur.CiHigh, ur.StandardError, cr.Value, cr.CiLow <= t && t <= cr.CiHigh, cr.StandardError));
                }
            }

            if (replicate % 20 == 0)
            {
                Console.WriteLine($"  {replicate} samples ({watch.Elapsed.TotalSeconds:F0} s)");
            }
        }

        var table = Table(indicators, truth, results, out var overallCal, out var overallUncal);
        var done = samples - failures;
        var summary = $"{done} samples (of {samples} drawn; {failures} failed), {respondentsTotal / (double)Math.Max(1, done):N0} respondents per sample on average; "
                      + $"coverage of the calibrated 95 % intervals {overallCal:P1} over all {indicators.Length * 2} estimates ({overallUncal:P1} without calibration)";
        Console.WriteLine(table);
        Console.WriteLine(summary);
        Console.WriteLine($"total {watch.Elapsed.TotalSeconds:F1} s");
        if (write is not null)
        {
            SimulationArguments.WriteSection(write, "coverage", Section(samples, scale, seed, wave, design, table, summary, levels), heading: "## Coverage simulation");
        }

        return 0;
    }

    private static string Table(Indicator[] indicators, Dictionary<(string, string), double> truth,
        Dictionary<(string, string), List<(double Uncal, bool UncalCovers, double UncalSe, double Cal, bool CalCovers, double CalSe)>> results,
        out double overallCal, out double overallUncal)
    {
        var sb = new StringBuilder();
        sb.Append("| indicator | group | truth | bias uncalibrated | bias calibrated | bias removed | coverage uncalibrated | coverage calibrated | SD of estimates | mean SE (calibrated) |\n");
        sb.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        var covered = 0;
        var coveredUncal = 0;
        double absU = 0, absC = 0;
        var count = 0;
        foreach (var indicator in indicators)
        {
            var percent = indicator.Statistic == StatisticKind.Proportion;
            string F(double v) => percent ? (100 * v).ToString("F2", CultureInfo.InvariantCulture) : v.ToString("F3", CultureInfo.InvariantCulture);
            foreach (var side in Sides)
            {
                if (!results.TryGetValue((indicator.Id, side), out var list) || list.Count == 0)
                {
                    continue;
                }

                var t = truth[(indicator.Id, side)];
                var biasU = list.Average(x => x.Uncal) - t;
                var biasC = list.Average(x => x.Cal) - t;
                var mean = list.Average(x => x.Cal);
                var sd = Math.Sqrt(list.Sum(x => (x.Cal - mean) * (x.Cal - mean)) / Math.Max(1, list.Count - 1));
                covered += list.Count(x => x.CalCovers);
                coveredUncal += list.Count(x => x.UncalCovers);
                count += list.Count;
                // Monte Carlo error of a mean bias is about SD / √samples; a smaller uncalibrated bias is noise.
                var noise = 2 * sd / Math.Sqrt(list.Count);
                var removed = Math.Abs(biasU) < noise ? "(none to remove)" : (1 - (Math.Abs(biasC) / Math.Abs(biasU))).ToString("P0", CultureInfo.InvariantCulture);
                absU += Math.Abs(biasU) / sd;
                absC += Math.Abs(biasC) / sd;
                sb.Append(CultureInfo.InvariantCulture, $"| {indicator.Id}{(percent ? " (%)" : string.Empty)} | {side}-born | {F(t)} | {F(biasU)} | {F(biasC)} | {removed} | ")
                  .Append(CultureInfo.InvariantCulture, $"{list.Count(x => x.UncalCovers) / (double)list.Count:P1} | {list.Count(x => x.CalCovers) / (double)list.Count:P1} | {F(sd)} | {F(list.Average(x => x.CalSe))} |\n");
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"\nMean |bias| / SD of the estimates over the {results.Count} estimates: {absU / Math.Max(1, results.Count):F2} uncalibrated, {absC / Math.Max(1, results.Count):F2} calibrated ")
          .Append(CultureInfo.InvariantCulture, $"(calibration removes {1 - (absC / absU):P0} of it). \"(none to remove)\": the uncalibrated bias is within twice its Monte Carlo error (SD / √samples).\n");
        overallCal = covered / (double)Math.Max(1, count);
        overallUncal = coveredUncal / (double)Math.Max(1, count);
        return sb.ToString();
    }

    /// <summary>
    /// Truth levels of the model answers against the orders of magnitude in SCB, Integration – en beskrivning av läget i Sverige (2019): the share who cannot meet an
    /// unexpected expense (born outside Europe with fewer than ten years in Sweden vs born in Sweden: 70 % vs 14 %)
    /// and the share who feel part of society (about 7 in 10 in all groups), over the whole frame.
    /// </summary>
    private static string Levels(IndicatorCatalogue catalogue, SyntheticWorld world, StratifiedSampler design, AnswerModel model, Dictionary<(string, string), double> truth)
    {
        var r = world.Register;
        var values = new PersonValues(catalogue, world.Variables, design.Wave);
        var session = model.NewSession(design.Wave);
        var answers = new int[model.ItemCount];
        var groups = new[] { "born outside Europe, < 10 years in Sweden", "born outside Europe, 10+ years", "born in Sweden" };
        var counts = new (long Expense, long ExpenseBase, long Belonging, long BelongingBase)[groups.Length];
        foreach (var person in design.FramePersons)
        {
            var foreign = r.IsForeignBorn(person);
            var outside = foreign && r.Countries[r.Country[person]].OutsideEurope;
            if (foreign && !outside)
            {
                continue;
            }

            var g = !foreign ? 2 : design.Wave - 1 - r.ImmigrationYear[person] < 10 ? 0 : 1;
            session.Answers(person, answers);
            var lookup = catalogue.Evaluator.For(name => values.Get(name, person, answers));
            if (lookup("cannot_meet_expense") is { IsMissing: false } e)
            {
                counts[g].ExpenseBase++;
                counts[g].Expense += e.Number == 1 ? 1 : 0;
            }

            if (lookup("belonging_high") is { IsMissing: false } b)
            {
                counts[g].BelongingBase++;
                counts[g].Belonging += b.Number == 1 ? 1 : 0;
            }
        }

        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("| group (whole frame, model answers) | cannot meet an unexpected expense | feel part of society |\n|---|---:|---:|\n");
        for (var g = 0; g < groups.Length; g++)
        {
            sb.Append(c, $"| {groups[g]} | {counts[g].Expense / (double)counts[g].ExpenseBase:P1} | {counts[g].Belonging / (double)counts[g].BelongingBase:P1} |\n");
        }

        sb.Append(c, $"| foreign-born / born in Sweden (truth file) | {truth[("unexpected_expense", "foreign")]:P1} / {truth[("unexpected_expense", "native")]:P1} | {truth[("belonging", "foreign")]:P1} / {truth[("belonging", "native")]:P1} |\n");
        return sb.ToString();
    }

    private static string Section(int samples, double scale, ulong seed, int wave, StratifiedSampler design, string table, string summary, string levels)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<!-- coverage:begin (generated by synth-coverage; do not edit by hand) -->\n");
        sb.Append("## Coverage simulation\n\n");
        sb.Append(c, $"`dotnet run -c Release --project bench/Barometer.Benchmarks -- synth-coverage --samples {samples} --scale {scale.ToString("R", c)} --seed {seed} --wave {wave} --write docs/validation.md`\n\n");
        sb.Append(c, $"One synthetic Sweden (scale {scale.ToString("R", c)}, seed {seed}); wave {wave}: frame {design.FrameSize:N0} persons 16–84, gross sample {design.SampleSize:N0} ");
        sb.Append("in the wave's strata. Each sample is an independent redraw of the whole wave (`StratifiedSampler.Draw(replicate)`, replicates 1…): ");
        sb.Append("new stratified simple random samples and new unit nonresponse (expected 45 %; lower among the foreign-born, recent arrivals, the young, ");
        sb.Append("men, the less educated, and — outside the calibration variables — the non-employed and those with low institutional trust). ");
        sb.Append("Answers and item nonresponse are fixed per person (the model answer of the truth files, with \"no answer\" drawn from the person's own stream).\n\n");
        sb.Append("Estimation: `SurveyEstimation.Run` on the respondents, stratified design with the stratum's frame count as fpc and weights N_h / r_h ");
        sb.Append("(r_h respondents in the stratum: the usual response-homogeneity-group adjustment; lonely strata `adjust`). *Uncalibrated* uses these ");
        sb.Append("weights; *calibrated* rakes them to the generator's calibration totals (catalogue/calibration.yaml: sex × age, region of birth, years in ");
        sb.Append("Sweden, education, riksområde). Each indicator is the weighted mean of its catalogue definition (0/1 for shares, in the base only) in the ");
        sb.Append("domains foreign-born / native-born; 95 % intervals logit for shares, Wald for means. Truth: the finite-population value of the same ");
        sb.Append("definition over the wave's frame (truth files, `foreign_vs_native`, total). Bias = mean estimate − truth, in percentage points for shares; ");
        sb.Append("\"bias removed\" = 1 − |bias calibrated| / |bias uncalibrated|.\n\n");
        sb.Append(table).Append('\n');
        sb.Append(summary).Append(".\n\n");
        sb.Append("Levels against SCB, Integration – en beskrivning av läget i Sverige, 2019 (70 % vs 14 % cannot meet an unexpected expense; about 7 in 10 feel part of society in all groups):\n\n");
        sb.Append(levels);
        sb.Append("<!-- coverage:end -->\n");
        return sb.ToString();
    }

    /// <summary>Each sampled person's indicator values, calibration cells and county, computed once per person.</summary>
    internal sealed class PersonCache(IndicatorCatalogue catalogue, SyntheticWorld world, AnswerModel model, ulong seed, int wave, Indicator[] indicators)
    {
        private readonly Dictionary<int, (double[] Y, string[] Cells, bool Foreign)> _cache = [];
        private readonly AnswerModel.Session _session = model.NewSession(wave);
        private readonly PersonValues _values = new(catalogue, world.Variables, wave);
        private readonly Func<int, string[]?> _cells = FrameCalibrationTotals.Cells(catalogue, world.Variables, wave);

        public SurveyData Data(DrawnSample sample)
        {
            var rows = Enumerable.Range(0, sample.Persons.Length).Where(k => sample.Responded[k]).ToArray();
            var respondents = new int[sample.Strata.Count];
            foreach (var k in rows)
            {
                respondents[sample.StratumOf[k]]++;
            }

            var stratum = new string?[rows.Length];
            var population = new double[rows.Length];
            var weight = new double[rows.Length];
            var fb = new string?[rows.Length];
            var lan = new string?[rows.Length];
            var cells = Enumerable.Range(0, catalogue.Calibration.Margins.Count).Select(_ => new string?[rows.Length]).ToArray();
            var y = indicators.Select(_ => new double[rows.Length]).ToArray();
            for (var j = 0; j < rows.Length; j++)
            {
                var k = rows[j];
                var h = sample.StratumOf[k];
                var person = Person(sample.Persons[k]);
                stratum[j] = sample.Strata[h].Code;
                population[j] = sample.Strata[h].Population;
                weight[j] = (double)sample.Strata[h].Population / respondents[h];
                fb[j] = person.Foreign ? "foreign" : "native";
                lan[j] = world.Register.Municipalities[world.Register.Municipality[sample.Persons[k]]].CountyCode;
                for (var m = 0; m < cells.Length; m++)
                {
                    cells[m][j] = person.Cells[m];
                }

                for (var n = 0; n < y.Length; n++)
                {
                    y[n][j] = person.Y[n];
                }
            }

            var columns = new List<SurveyColumn>
            {
                new TextColumn("stratum", stratum),
                new NumericColumn("population", population),
                new NumericColumn("weight", weight),
                new TextColumn("fb", fb),
                new TextColumn("lan", lan),
            };
            columns.AddRange(cells.Select((c, m) => new TextColumn("cal" + (m + 1), c)));
            columns.AddRange(y.Select((v, n) => new NumericColumn("y" + n, v)));
            return new SurveyData(columns);
        }

        private (double[] Y, string[] Cells, bool Foreign) Person(int person)
        {
            if (_cache.TryGetValue(person, out var cached))
            {
                return cached;
            }

            var answers = new int[model.ItemCount];
            SurveyTables.RespondentAnswers(_session, model, world.Variables, seed, wave, person, answers);
            var lookup = catalogue.Evaluator.For(name => _values.Get(name, person, answers));
            var y = indicators.Select(i => Value(i, lookup)).ToArray();
            var result = (y, _cells(person) ?? throw new InvalidOperationException($"person {person} of the frame is outside the calibration population"),
                world.Register.IsForeignBorn(person));
            _cache[person] = result;
            return result;
        }

        /// <summary>The person's value of the indicator's definition: 0/1 or the amount in the base, NaN outside it.</summary>
        public double Value(Indicator indicator, Func<string, Value> lookup)
        {
            var population = indicator.Population;
            var age = population.Age ?? catalogue.Questionnaire.Population;
            var inside = lookup("age") is { IsMissing: false } a && age.Contains((int)a.Number)
                && population.Born switch
                {
                    BirthScope.ForeignBorn => lookup("foreign_born") is { Kind: ValueKind.Boolean, Boolean: true },
                    BirthScope.NativeBorn => lookup("foreign_born") is { Kind: ValueKind.Boolean, Boolean: false },
                    _ => true,
                }
                && (population.Filter is null || population.Filter.Holds(lookup));
            if (!inside)
            {
                return double.NaN;
            }

            var numerator = indicator.Numerator.Evaluate(lookup);
            if (indicator.Statistic == StatisticKind.Proportion)
            {
                var denominator = indicator.Denominator?.Evaluate(lookup) ?? Catalogue.Expressions.Value.Of(true);
                return denominator is { Kind: ValueKind.Boolean, Boolean: true }
                    ? numerator is { Kind: ValueKind.Boolean, Boolean: true } ? 1.0 : 0.0
                    : double.NaN;
            }

            return numerator.IsMissing ? double.NaN : numerator.Number;
        }
    }
}

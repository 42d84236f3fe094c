using System.Diagnostics;
using System.Globalization;
using System.Text;
using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Estimation;
using Barometer.Estimation.Contrasts;
using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;
using Barometer.Synthetic;
using Barometer.Synthetic.Calibration;
using Barometer.Synthetic.Output;
using Barometer.Synthetic.Survey;
using Barometer.Synthetic.Truth;

namespace Barometer.Benchmarks.Synthetic;

/// <summary>
/// <c>dotnet run -c Release --project bench/Barometer.Benchmarks -- overlap-coverage [--pairs 1000] [--scale 0.1]
/// [--seed 20241231] [--wave 2025] [--panel 0.5] [--stay 0.8] [--write docs/validation.md]</c>: coverage of the change intervals
/// between two waves whose samples share a panel part. One synthetic Sweden; the population is the frame of the first
/// wave (fixed persons, strata and calibration totals), and every person answers in both waves from the answer
/// model, whose persistent person effect makes a person's answers correlated across waves — but weakly (the item
/// noise dominates; a correlation of about 0.1), so the simulation adds persistence: with probability <c>--stay</c>
/// (keyed by person) a person's second-wave value of an indicator is their first-wave value, otherwise the model's
/// second-wave answer. Each replicated pair:
/// a stratified sample of the first wave (<c>StratifiedSampler.Draw</c>); the second wave keeps a share
/// <c>--panel</c> of the first wave's sample in every stratum (chosen at random) and draws the rest anew from the
/// stratum's other persons; each wave has its own unit nonresponse (the generator's response model, drawn
/// independently). Both waves are raked to the same register totals; the change of every key indicator in the
/// foreign-born and native-born is compared with the true change of the frame, with the interval that includes the
/// covariance of the common part (<see cref="OverlapCovariance"/>) and with the independent-waves interval.
/// </summary>
internal static class OverlapCoverage
{
    private static readonly string[] KeyIndicators =
    [
        "belonging", "generalised_trust", "trust_parliament", "democracy_support", "life_satisfaction", "gender_equality_attitude",
    ];

    private static readonly string[] Sides = ["foreign", "native"];

    public static int Run(string[] args)
    {
        var options = new SimulationArguments(args, "--pairs", "--scale", "--seed", "--wave", "--panel", "--stay", "--write");
        var pairs = options.Int("--pairs", 1000);
        var scale = options.Double("--scale", 0.1);
        var seed = options.ULong("--seed", 20241231);
        var wave = options.Int("--wave", 2025);
        var panel = options.Double("--panel", 0.5);
        var stay = options.Double("--stay", 0.8);
        var write = options.String("--write");

        var watch = Stopwatch.StartNew();
        var catalogue = IndicatorCatalogue.LoadDefault();
        var waves = new[] { wave, wave + 1 };
        var world = SyntheticWorld.Create(new SynthOptions(scale, seed, [wave], OutputFormat.Parquet), catalogue, SilentGenerationProgress.Instance);
        var design = new StratifiedSampler(seed, scale, world.Variables, wave);
        var model = new AnswerModel(seed, catalogue, world.Variables);
        var indicators = KeyIndicators.Select(id => catalogue.Indicators.Single(i => i.Id == id)).ToArray();
        var register = world.Register;
        var frame = design.FramePersons.ToArray();

        // Every frame person's value of every indicator in both waves (model answers), and calibration cells.
        var values = new double[waves.Length][][];
        var truth = new Dictionary<(string Indicator, string Side), double[]>();
        for (var w = 0; w < waves.Length; w++)
        {
            values[w] = indicators.Select(_ => new double[register.Count]).ToArray();
            var personValues = new PersonValues(catalogue, world.Variables, waves[w]);
            var session = model.NewSession(waves[w]);
            var answers = new int[model.ItemCount];
            foreach (var person in frame)
            {
                session.Answers(person, answers);
                var copy = answers;
                var lookup = catalogue.Evaluator.For(name => personValues.Get(name, person, copy));
                for (var n = 0; n < indicators.Length; n++)
                {
                    values[w][n][person] = Value(catalogue, indicators[n], lookup);
                }
            }
        }

        // Persistence: a person keeps their first-wave value with probability `stay` (one uniform per person and indicator).
        var persistence = new Random(unchecked((int)seed) ^ 0x5EED);
        foreach (var person in frame)
        {
            for (var n = 0; n < indicators.Length; n++)
            {
                if (persistence.NextDouble() < stay && !double.IsNaN(values[0][n][person]) && !double.IsNaN(values[1][n][person]))
                {
                    values[1][n][person] = values[0][n][person];
                }
            }
        }

        foreach (var (indicator, n) in indicators.Select((i, n) => (i, n)))
        {
            foreach (var side in Sides)
            {
                var change = new double[2];
                for (var w = 0; w < 2; w++)
                {
                    double sum = 0, count = 0;
                    foreach (var person in frame)
                    {
                        if ((register.IsForeignBorn(person) ? "foreign" : "native") == side && !double.IsNaN(values[w][n][person]))
                        {
                            sum += values[w][n][person];
                            count++;
                        }
                    }

                    change[w] = sum / count;
                }

                truth[(indicator.Id, side)] = change;
            }
        }

        var cellsOf = FrameCalibrationTotals.Cells(catalogue, world.Variables, wave);
        var cells = new Dictionary<int, string[]>();
        foreach (var person in frame)
        {
            cells[person] = cellsOf(person) ?? throw new InvalidOperationException($"person {person} of the frame is outside the calibration population");
        }

        var totals = FrameCalibrationTotals.Compute(catalogue, world.Variables, design);
        var margins = Enumerable.Range(1, catalogue.Calibration.Margins.Count)
            .Select(m => (CalibrationMargin)new CategoricalMargin("cal" + m, totals.Where(t => t.Margin == m).ToDictionary(t => t.Cell, t => (double)t.Total, StringComparer.Ordinal)))
            .ToList();
        var spec = indicators.Select((indicator, n) => new EstimateSpec(indicator.Id, EstimateType.Mean, "y" + n, ["fb"])).ToList();
        var request = new EstimationRequest(new DesignSpec([], "stratum", ["population"], "weight", LonelyPsuRule.Adjust),
            new CalibrationSpec(CalibrationMethod.Raking, null, margins), null, spec);
        Console.WriteLine($"world: scale {scale}, frame {frame.Length:N0}, gross sample {design.SampleSize:N0}, panel share {panel:P0}; ready in {watch.Elapsed.TotalSeconds:F1} s");

        var members = frame.GroupBy(p => StratifiedSampler.StratumCode(register, p, wave)).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var results = new List<(string Indicator, string Side, bool Overlap, bool Independent, double SeOverlap, double SeIndependent, double Change, double Correlation)>();
        var failures = 0;
        var common = 0L;
        for (var replicate = 1; replicate <= pairs; replicate++)
        {
            var first = design.Draw(replicate);
            var second = PanelDraw(first, members, panel, seed, replicate);
            var secondResponse = design.Respond(second.Persons, replicate + 1_000_000);
            var (data1, units1, strata1, _) = Data(first.Persons, first.StratumOf, first.Responded, first, cells, values[0], register);
            var (data2, units2, strata2, population2) = Data(second.Persons, second.StratumOf, secondResponse, first, cells, values[1], register);
            var (o1, i1) = SurveyEstimation.Linearize(data1, request);
            var (o2, i2) = SurveyEstimation.Linearize(data2, request);
            if (i1 is null || i2 is null)
            {
                failures++;
                Console.WriteLine($"pair {replicate}: " + string.Join(" | ", o1.Problems.Concat(o2.Problems).Take(3).Select(p => p.Message)));
                continue;
            }

            var overlap = OverlapCovariance.Match(units2, strata2, population2, units1, strata1);
            common += overlap.Pairs.Count;
            var rows2 = Enumerable.Range(0, o2.Rows.Count).ToArray();
            var rows1 = rows2.Select(r => IndexOf(o1.Rows, o2.Rows[r])).ToArray();
            var z2 = i2.At(rows2, overlap.Pairs.Select(p => p.Later).ToArray());
            var z1 = i1.At(rows1, overlap.Pairs.Select(p => p.Earlier).ToArray());
            var covariance = overlap.Covariances(z2, z1);
            for (var r = 0; r < rows2.Length; r++)
            {
                var later = o2.Rows[r];
                var earlier = o1.Rows[rows1[r]];
                var side = later.Domain["fb=".Length..];
                var t = truth[(later.EstimateId, side)];
                var trueChange = t[1] - t[0];
                var dependent = WaveDifference.Between(later, earlier, 0.95, covariance[r]);
                var independent = WaveDifference.Between(later, earlier, 0.95);
                var correlation = covariance[r] / (later.StandardError * earlier.StandardError);
                results.Add((later.EstimateId, side, dependent.CiLow <= trueChange && trueChange <= dependent.CiHigh,
                    independent.CiLow <= trueChange && trueChange <= independent.CiHigh, dependent.StandardError, independent.StandardError, dependent.Value - trueChange, correlation));
            }

            if (replicate % 50 == 0)
            {
                Console.WriteLine($"  {replicate} pairs ({watch.Elapsed.TotalSeconds:F0} s); coverage so far {results.Count(x => x.Overlap) / (double)results.Count:P1} with the covariance, {results.Count(x => x.Independent) / (double)results.Count:P1} as independent");
            }
        }

        var done = pairs - failures;
        var table = Table(indicators, results, out var overall, out var overallIndependent);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{done} pairs (of {pairs}; {failures} failed), {common / (double)Math.Max(1, done):N0} respondents in both waves per pair on average; coverage of the 95 % change intervals over all {indicators.Length * Sides.Length} changes: {overall:P1} with the overlap covariance, {overallIndependent:P1} with the independent-waves formula");
        Console.WriteLine(table);
        Console.WriteLine(summary);
        Console.WriteLine($"total {watch.Elapsed.TotalSeconds:F1} s");
        if (write is not null)
        {
            SimulationArguments.WriteSection(write, "overlap-coverage", Section(pairs, scale, seed, wave, panel, stay, design, table, summary));
        }

        return 0;
    }

    private static int IndexOf(IReadOnlyList<EstimateRow> rows, EstimateRow like)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].EstimateId == like.EstimateId && rows[r].Domain == like.Domain && rows[r].Category == like.Category)
            {
                return r;
            }
        }

        throw new InvalidOperationException($"the first wave has no estimate {like.EstimateId} [{like.Domain}]");
    }

    /// <summary>The second wave's sample: in every stratum, a random share of the first wave's sample, the rest new persons of the stratum.</summary>
    private static (int[] Persons, int[] StratumOf) PanelDraw(DrawnSample first, Dictionary<string, int[]> members, double panel, ulong seed, int replicate)
    {
        var random = new Random(unchecked((int)(seed ^ ((ulong)replicate * 0x9E3779B97F4A7C15UL))));
        var persons = new List<int>();
        var strata = new List<int>();
        for (var h = 0; h < first.Strata.Count; h++)
        {
            var sampled = Enumerable.Range(0, first.Persons.Length).Where(k => first.StratumOf[k] == h).Select(k => first.Persons[k]).ToArray();
            var n = sampled.Length;
            if (n == 0)
            {
                continue;
            }

            var keep = (int)Math.Round(panel * n, MidpointRounding.AwayFromZero);
            var inFirst = sampled.ToHashSet();
            random.Shuffle(sampled);
            var others = members[first.Strata[h].Code].Where(p => !inFirst.Contains(p)).ToArray();
            random.Shuffle(others);
            var chosen = sampled.Take(keep).Concat(others.Take(n - keep)).ToArray();
            if (chosen.Length < n)
            {
                // A stratum too small for a fresh part: take the rest from the first wave's sample.
                chosen = [.. chosen, .. sampled.Skip(keep).Take(n - chosen.Length)];
            }

            persons.AddRange(chosen);
            strata.AddRange(Enumerable.Repeat(h, chosen.Length));
        }

        return ([.. persons], [.. strata]);
    }

    private static (SurveyData Data, string[] Units, string[] Strata, double[] Population) Data(int[] persons, int[] stratumOf, bool[] responded, DrawnSample design,
        Dictionary<int, string[]> cells, double[][] values, Barometer.Synthetic.Population.PopulationRegister register)
    {
        var rows = Enumerable.Range(0, persons.Length).Where(k => responded[k]).ToArray();
        var respondents = new int[design.Strata.Count];
        foreach (var k in rows)
        {
            respondents[stratumOf[k]]++;
        }

        var stratum = new string[rows.Length];
        var population = new double[rows.Length];
        var weight = new double[rows.Length];
        var units = new string[rows.Length];
        var fb = new string?[rows.Length];
        var marginCount = cells.Values.First().Length;
        var cal = Enumerable.Range(0, marginCount).Select(_ => new string?[rows.Length]).ToArray();
        var y = values.Select(_ => new double[rows.Length]).ToArray();
        for (var j = 0; j < rows.Length; j++)
        {
            var k = rows[j];
            var h = stratumOf[k];
            var person = persons[k];
            units[j] = person.ToString(CultureInfo.InvariantCulture);
            stratum[j] = design.Strata[h].Code;
            population[j] = design.Strata[h].Population;
            weight[j] = (double)design.Strata[h].Population / respondents[h];
            fb[j] = register.IsForeignBorn(person) ? "foreign" : "native";
            for (var m = 0; m < marginCount; m++)
            {
                cal[m][j] = cells[person][m];
            }

            for (var n = 0; n < y.Length; n++)
            {
                y[n][j] = values[n][person];
            }
        }

        var columns = new List<SurveyColumn>
        {
            new TextColumn("stratum", stratum),
            new NumericColumn("population", population),
            new NumericColumn("weight", weight),
            new TextColumn("fb", fb),
        };
        columns.AddRange(cal.Select((c, m) => new TextColumn("cal" + (m + 1), c)));
        columns.AddRange(y.Select((v, n) => new NumericColumn("y" + n, v)));
        return (new SurveyData(columns), units, stratum, population);
    }

    private static string Table(Indicator[] indicators, List<(string Indicator, string Side, bool Overlap, bool Independent, double SeOverlap, double SeIndependent, double Change, double Correlation)> results,
        out double overall, out double overallIndependent)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("| indicator | group | coverage with overlap covariance | coverage as independent waves | SD of estimated change | mean SE with covariance | mean SE as independent | mean estimated correlation of the waves | bias of change |\n");
        sb.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var indicator in indicators)
        {
            var percent = indicator.Statistic == StatisticKind.Proportion;
            string F(double v) => percent ? (100 * v).ToString("F2", c) : v.ToString("F3", c);
            foreach (var side in Sides)
            {
                var list = results.Where(r => r.Indicator == indicator.Id && r.Side == side).ToList();
                if (list.Count == 0)
                {
                    continue;
                }

                var mean = list.Average(x => x.Change);
                var sd = Math.Sqrt(list.Sum(x => (x.Change - mean) * (x.Change - mean)) / Math.Max(1, list.Count - 1));
                sb.Append(c, $"| {indicator.Id}{(percent ? " (%)" : string.Empty)} | {side}-born | {list.Count(x => x.Overlap) / (double)list.Count:P1} | {list.Count(x => x.Independent) / (double)list.Count:P1} | ")
                  .Append(c, $"{F(sd)} | {F(list.Average(x => x.SeOverlap))} | {F(list.Average(x => x.SeIndependent))} | {list.Average(x => x.Correlation):F2} | {F(mean)} |\n");
            }
        }

        overall = results.Count(x => x.Overlap) / (double)Math.Max(1, results.Count);
        overallIndependent = results.Count(x => x.Independent) / (double)Math.Max(1, results.Count);
        return sb.ToString();
    }

    private static string Section(int pairs, double scale, ulong seed, int wave, double panel, double stay, StratifiedSampler design, string table, string summary)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<!-- overlap-coverage:begin (generated by overlap-coverage; do not edit by hand) -->\n");
        sb.Append("## Change intervals with overlapping samples\n\n");
        sb.Append(c, $"`dotnet run -c Release --project bench/Barometer.Benchmarks -- overlap-coverage --pairs {pairs} --scale {scale.ToString("R", c)} --seed {seed} --wave {wave} --panel {panel.ToString("R", c)} --stay {stay.ToString("R", c)} --write docs/validation.md`\n\n");
        sb.Append(c, $"One synthetic Sweden (scale {scale.ToString("R", c)}, seed {seed}). The population is wave {wave}'s frame ({design.FrameSize:N0} persons 16–84, fixed strata and ");
        sb.Append(c, $"register totals); every person answers in wave {wave} and in wave {wave + 1} from the answer model, whose persistent person effect makes the two answers ");
        sb.Append("correlated, but weakly (the item noise dominates: the waves' estimates correlate by 0.02–0.05 with the model's answers alone, ");
        sb.Append(c, $"which no interval can tell apart). So the simulation's population persists: with probability {stay:P0} (drawn once per person and indicator) ");
        sb.Append("a person's wave-2 value is their wave-1 value (when both are in the indicator's base), otherwise the model's wave-2 answer. Each replicated pair of samples: wave 1 is a stratified simple random sample (`StratifiedSampler.Draw`, gross ");
        sb.Append(c, $"{design.SampleSize:N0}); wave 2 keeps {panel:P0} of wave 1's sample in every stratum (at random) and draws the rest from the stratum's other ");
        sb.Append("persons; each wave has its own unit nonresponse from the generator's response model (45 % expected). Both waves: weights N_h / r_h, raked to the ");
        sb.Append("same register totals; the change of the weighted mean in foreign-born / native-born, with a 95 % Wald interval whose variance is ");
        sb.Append("SE₂² + SE₁² − 2 Cov (the linearized Tam covariance over the respondents of both waves, docs/methodology/changes-and-overlap.md) or, ");
        sb.Append("for comparison, SE₂² + SE₁² (independent waves). Truth: the change of the same definition over the whole frame.\n\n");
        sb.Append(table).Append('\n');
        sb.Append(summary).Append(".\n");
        sb.Append("<!-- overlap-coverage:end -->\n");
        return sb.ToString();
    }

    /// <summary>The person's value of the indicator's definition: 0/1 or the amount in the base, NaN outside it.</summary>
    private static double Value(IndicatorCatalogue catalogue, Indicator indicator, Func<string, Value> lookup)
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

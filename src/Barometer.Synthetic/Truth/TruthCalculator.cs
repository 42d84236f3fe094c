using System.Collections.Concurrent;
using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Synthetic.Randomness;
using Barometer.Synthetic.Registers;
using Barometer.Synthetic.Survey;

namespace Barometer.Synthetic.Truth;

/// <summary>One true population value.</summary>
/// <param name="Wave">The survey wave, or the register year for register indicators.</param>
/// <param name="Indicator">The indicator id.</param>
/// <param name="Breakdown">The breakdown variable, or <c>total</c>.</param>
/// <param name="Code">The breakdown code, or empty for the total.</param>
/// <param name="Group">all, or comparison id + <c>:focal</c> / <c>:reference</c>.</param>
/// <param name="Sex">Empty for both sexes, else the sex code (indicators published separately for girls and boys).</param>
/// <param name="Value">The population value (a share in [0, 1] for proportions; NaN when the base is empty).</param>
/// <param name="Numerator">The population total of the numerator.</param>
/// <param name="Denominator">The population total of the denominator (persons in the base for proportions and means).</param>
/// <param name="Persons">Persons in the indicator's population within the cell.</param>
internal sealed record TruthRow(int Wave, string Indicator, string Breakdown, string Code, string Group, string Sex, double Value, double Numerator, double Denominator, long Persons);

/// <summary>
/// The true value of every indicator for every published breakdown, by full enumeration of the synthetic
/// population: register indicators over the register; survey indicators over every person of the wave's frame
/// with the answer every person would give (<see cref="AnswerModel"/>, without item nonresponse), so the truth is
/// the finite-population value the survey estimates. Formulas are the catalogue's, evaluated with its evaluator
/// (memoised by <see cref="FormulaMemo"/>). Sums are kept in fixed point (0.001) so that the result does not
/// depend on the order in which threads add them.
/// </summary>
internal sealed class TruthCalculator(IndicatorCatalogue catalogue, RegisterVariables variables)
{
    private const double FixedPoint = 1000.0;
    private readonly IndicatorCatalogue _catalogue = catalogue;
    private readonly RegisterVariables _variables = variables;

    public IReadOnlyList<TruthRow> Register(IGenerationProgress progress)
    {
        var indicators = _catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Register).ToList();
        var persons = _variables.Register.Count;
        return Compute(indicators, null, persons, p => p, null, progress, "truth (register)");
    }

    public IReadOnlyList<TruthRow> Survey(SurveyDesign design, AnswerModel answers, IGenerationProgress progress)
    {
        var indicators = _catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Survey).ToList();
        var frame = design.FramePersons.ToArray();
        return Compute(indicators, design.Wave, frame.Length, k => frame[k], answers, progress, $"truth (survey {design.Wave})");
    }

    private List<TruthRow> Compute(List<Indicator> indicators, int? wave, int count, Func<int, int> person, AnswerModel? model, IGenerationProgress progress, string phase)
    {
        progress.Start(phase, count);
        var values = new PersonValues(_catalogue, _variables, wave);
        var layout = indicators.Select(i => new Layout(_catalogue, i)).ToList();
        var totals = new ConcurrentBag<Accumulator[]>();
        var medians = new ConcurrentBag<List<(int Indicator, int Slot, long Value)>>();
        Parallel.For(0, Chunking.ChunkCount(count), () => new Worker(this, values, layout, model, wave), (chunk, _, worker) =>
        {
            var end = Math.Min(count, (chunk + 1) * Chunking.ChunkSize);
            for (var k = chunk * Chunking.ChunkSize; k < end; k++)
            {
                worker.Add(person(k));
            }

            progress.Advance(phase, end - (chunk * Chunking.ChunkSize));
            return worker;
        }, worker =>
        {
            totals.Add(worker.Accumulators);
            medians.Add(worker.MedianValues);
        });

        var rows = new List<TruthRow>();
        var year = wave ?? _variables.Register.ReferenceYear;
        for (var n = 0; n < layout.Count; n++)
        {
            var l = layout[n];
            var sum = new Accumulator[l.Slots];
            foreach (var part in totals)
            {
                for (var s = 0; s < l.Slots; s++)
                {
                    sum[s].Add(part[l.Offset + s]);
                }
            }

            Dictionary<int, List<long>>? medianValues = null;
            if (l.Indicator.Statistic == StatisticKind.Median)
            {
                medianValues = [];
                foreach (var part in medians)
                {
                    foreach (var (indicator, slot, value) in part)
                    {
                        if (indicator == n)
                        {
                            (medianValues.TryGetValue(slot, out var list) ? list : medianValues[slot] = []).Add(value);
                        }
                    }
                }
            }

            foreach (var (slot, breakdown, code, group, sex) in l.Describe())
            {
                var a = sum[slot];
                if (a.Persons == 0 && breakdown != "total")
                {
                    continue;
                }

                var value = l.Indicator.Statistic switch
                {
                    StatisticKind.Median => medianValues!.TryGetValue(slot, out var list) ? Median(list) / FixedPoint : double.NaN,
                    _ => a.Denominator == 0 ? double.NaN : (double)a.Numerator / a.Denominator,
                };
                rows.Add(new TruthRow(year, l.Indicator.Id, breakdown, code, group, sex, value, a.Numerator / FixedPoint,
                    l.Indicator.Statistic is StatisticKind.Proportion or StatisticKind.Mean or StatisticKind.Median ? a.Denominator / FixedPoint : a.Denominator / FixedPoint, a.Persons));
            }
        }

        progress.Complete(phase);
        return rows;
    }

    private static double Median(List<long> values)
    {
        values.Sort();
        var n = values.Count;
        return n == 0 ? double.NaN : n % 2 == 1 ? values[n / 2] : 0.5 * (values[(n / 2) - 1] + values[n / 2]);
    }

    private struct Accumulator
    {
        public long Numerator;
        public long Denominator;
        public long Persons;

        public void Add(Accumulator other)
        {
            Numerator += other.Numerator;
            Denominator += other.Denominator;
            Persons += other.Persons;
        }
    }

    /// <summary>Where an indicator's cells live: breakdown (0 = total) × code × group × sex.</summary>
    private sealed class Layout
    {
        public Layout(IndicatorCatalogue catalogue, Indicator indicator)
        {
            Indicator = indicator;
            Breakdowns = ["total", .. indicator.Breakdowns];
            Codes = Breakdowns.Select(b => b == "total" ? [""] : catalogue.Classification(catalogue.Variable(b).Classification!).Codes.Select(c => c.Code).ToArray()).ToArray();
            Groups = ["all", .. indicator.Comparisons.SelectMany(c => new[] { c + ":focal", c + ":reference" })];
            Sexes = indicator.SeparateBySex ? ["", "1", "2"] : [""];
            BreakdownOffset = new int[Breakdowns.Length];
            var slots = 0;
            for (var b = 0; b < Breakdowns.Length; b++)
            {
                BreakdownOffset[b] = slots;
                slots += Codes[b].Length * Groups.Length * Sexes.Length;
            }

            Slots = slots;
        }

        public Indicator Indicator { get; }

        public string[] Breakdowns { get; }

        public string[][] Codes { get; }

        public string[] Groups { get; }

        public string[] Sexes { get; }

        public int[] BreakdownOffset { get; }

        public int Slots { get; }

        public int Offset { get; set; }

        public int Slot(int breakdown, int code, int group, int sex) =>
            BreakdownOffset[breakdown] + (((code * Groups.Length) + group) * Sexes.Length) + sex;

        public IEnumerable<(int Slot, string Breakdown, string Code, string Group, string Sex)> Describe()
        {
            for (var b = 0; b < Breakdowns.Length; b++)
            {
                for (var c = 0; c < Codes[b].Length; c++)
                {
                    for (var g = 0; g < Groups.Length; g++)
                    {
                        for (var s = 0; s < Sexes.Length; s++)
                        {
                            yield return (Slot(b, c, g, s), Breakdowns[b], Codes[b][c], Groups[g], Sexes[s]);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Per-thread state: memoised formulas and accumulators.</summary>
    private sealed class Worker
    {
        private readonly TruthCalculator _owner;
        private readonly List<Layout> _layout;
        private readonly AnswerModel.Session? _session;
        private readonly int[] _answers;
        private readonly FormulaMemo[] _populationMemo;
        private readonly FormulaMemo?[] _numeratorMemo;
        private readonly FormulaMemo?[] _denominatorMemo;
        private readonly Func<int, Value>?[] _numeratorGetter;
        private readonly Func<int, Value>?[] _denominatorGetter;
        private readonly FormulaMemo[][] _codeMemo;
        private readonly PersonValues _values;
        private readonly int? _wave;

        public Worker(TruthCalculator owner, PersonValues values, List<Layout> layout, AnswerModel? model, int? wave)
        {
            _owner = owner;
            _values = values;
            _layout = layout;
            _wave = wave;
            _session = model?.NewSession(wave!.Value);
            _answers = new int[model?.ItemCount ?? 0];
            var catalogue = owner._catalogue;
            var offset = 0;
            foreach (var l in layout)
            {
                l.Offset = offset;
                offset += l.Slots;
            }

            Accumulators = new Accumulator[offset];
            _populationMemo = new FormulaMemo[layout.Count];
            _numeratorMemo = new FormulaMemo?[layout.Count];
            _denominatorMemo = new FormulaMemo?[layout.Count];
            _numeratorGetter = new Func<int, Value>?[layout.Count];
            _denominatorGetter = new Func<int, Value>?[layout.Count];
            _codeMemo = new FormulaMemo[layout.Count][];
            for (var n = 0; n < layout.Count; n++)
            {
                var l = layout[n];
                var indicator = l.Indicator;
                var population = indicator.Population;
                var numeratorDirect = Direct(indicator.Numerator);
                var denominatorDirect = indicator.Statistic == StatisticKind.Ratio ? Direct(indicator.Denominator) : null;
                _numeratorGetter[n] = numeratorDirect;
                _denominatorGetter[n] = denominatorDirect;
                var age = population.Age ?? (indicator.Source.Kind == SourceKind.Survey ? catalogue.Questionnaire.Population : null);
                var populationDeps = new List<string> { "age" };
                if (population.Born != BirthScope.Everyone)
                {
                    populationDeps.Add("birth_country");
                }

                populationDeps.AddRange(FormulaMemo.RawDependencies(catalogue, population.Filter));
                _populationMemo[n] = new FormulaMemo(catalogue, values, populationDeps, lookup =>
                [
                    Value.Of((age is null || (lookup("age") is { IsMissing: false } a && age.Contains((int)a.Number)))
                        && population.Born switch
                        {
                            BirthScope.ForeignBorn => lookup("foreign_born") is { Kind: ValueKind.Boolean, Boolean: true },
                            BirthScope.NativeBorn => lookup("foreign_born") is { Kind: ValueKind.Boolean, Boolean: false },
                            _ => true,
                        }
                        && (population.Filter is null || population.Filter.Holds(lookup))),
                ]);
                _numeratorMemo[n] = numeratorDirect is null
                    ? new FormulaMemo(catalogue, values, FormulaMemo.RawDependencies(catalogue, indicator.Numerator), lookup => [indicator.Numerator.Evaluate(lookup)])
                    : null;
                _denominatorMemo[n] = denominatorDirect is null && indicator.Denominator is { } denominatorFormula
                    ? new FormulaMemo(catalogue, values, FormulaMemo.RawDependencies(catalogue, denominatorFormula), lookup => [denominatorFormula.Evaluate(lookup)])
                    : null;
                _codeMemo[n] = l.Breakdowns.Skip(1).Select(b => new FormulaMemo(catalogue, values, FormulaMemo.RawDependencies(catalogue, b), lookup =>
                {
                    var code = lookup(b);
                    return [code.IsMissing ? Value.Missing : Value.Of(Array.IndexOf(l.Codes[l.Breakdowns.ToList().IndexOf(b)], code.Text))];
                })).Concat(
                [
                    new FormulaMemo(catalogue, values, indicator.Comparisons.SelectMany(c => FormulaMemo.RawDependencies(catalogue, catalogue.Comparison(c).Focal.Condition)
                        .Concat(FormulaMemo.RawDependencies(catalogue, catalogue.Comparison(c).Reference.Condition))).Append("sex"), lookup =>
                    {
                        var result = new List<Value>();
                        foreach (var c in indicator.Comparisons)
                        {
                            var comparison = catalogue.Comparison(c);
                            result.Add(Value.Of(comparison.Focal.Condition.Holds(lookup) ? 1 : comparison.Reference.Condition.Holds(lookup) ? 2 : 0));
                        }

                        result.Add(lookup("sex"));
                        return [.. result];
                    }),
                ]).ToArray();
            }
        }

        public Accumulator[] Accumulators { get; }

        public List<(int Indicator, int Slot, long Value)> MedianValues { get; } = [];

        private Func<int, Value>? Direct(Formula? formula)
        {
            if (formula?.Root is not VariableReference v)
            {
                return null;
            }

            return _values.MaxCode(v.Name) < 0 && _owner._variables.Has(v.Name) ? _owner._variables.Getter(v.Name) : null;
        }

        public void Add(int person)
        {
            _session?.Answers(person, _answers);
            Span<int> codes = stackalloc int[32];
            for (var n = 0; n < _layout.Count; n++)
            {
                var l = _layout[n];
                if (!_populationMemo[n].Evaluate(person, _answers)[0].Boolean)
                {
                    continue;
                }

                var numerator = _numeratorGetter[n]?.Invoke(person) ?? _numeratorMemo[n]!.Evaluate(person, _answers)[0];
                var denominator = _denominatorGetter[n]?.Invoke(person) ?? _denominatorMemo[n]?.Evaluate(person, _answers)[0] ?? Value.Of(true);
                long num = 0, den = 0;
                var counts = true;
                switch (l.Indicator.Statistic)
                {
                    case StatisticKind.Proportion:
                        counts = denominator is { Kind: ValueKind.Boolean, Boolean: true };
                        num = counts && numerator is { Kind: ValueKind.Boolean, Boolean: true } ? (long)FixedPoint : 0;
                        den = (long)FixedPoint;
                        break;
                    case StatisticKind.Ratio:
                        counts = !numerator.IsMissing && !denominator.IsMissing;
                        num = counts ? (long)Math.Round(numerator.Number * FixedPoint) : 0;
                        den = counts ? (long)Math.Round(denominator.Number * FixedPoint) : 0;
                        break;
                    default:
                        counts = !numerator.IsMissing;
                        num = counts ? (long)Math.Round(numerator.Number * FixedPoint) : 0;
                        den = (long)FixedPoint;
                        break;
                }

                if (!counts)
                {
                    continue;
                }

                var memos = _codeMemo[n];
                var breakdownCount = l.Breakdowns.Length - 1;
                for (var b = 0; b < breakdownCount; b++)
                {
                    var c = memos[b].Evaluate(person, _answers)[0];
                    codes[b] = c.IsMissing ? -1 : (int)c.Number;
                }

                var groupsAndSex = memos[breakdownCount].Evaluate(person, _answers);
                var sexIndex = l.Sexes.Length == 1 ? -1 : groupsAndSex[^1] is { IsMissing: false } sx ? Array.IndexOf(l.Sexes, sx.Text) : -1;
                for (var g = 0; g < l.Groups.Length; g++)
                {
                    if (g > 0)
                    {
                        var side = (int)groupsAndSex[(g - 1) / 2].Number;
                        if (side != ((g - 1) % 2) + 1)
                        {
                            continue;
                        }
                    }

                    for (var b = 0; b <= breakdownCount; b++)
                    {
                        var code = b == 0 ? 0 : codes[b - 1];
                        if (code < 0)
                        {
                            continue;
                        }

                        Add(n, l, l.Slot(b, code, g, 0), num, den);
                        if (sexIndex > 0)
                        {
                            Add(n, l, l.Slot(b, code, g, sexIndex), num, den);
                        }
                    }
                }
            }
        }

        private void Add(int n, Layout l, int slot, long num, long den)
        {
            ref var a = ref Accumulators[l.Offset + slot];
            a.Numerator += num;
            a.Denominator += den;
            a.Persons++;
            if (l.Indicator.Statistic == StatisticKind.Median)
            {
                MedianValues.Add((n, slot, num));
            }
        }
    }
}

using System.Collections.Concurrent;
using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Variables;
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
/// (memoised by <see cref="MemoisedFormulas"/>). Sums are kept in fixed point (0.001) so that the result does not
/// depend on the order in which threads add them.
/// </summary>
internal sealed class TruthCalculator(IndicatorCatalogue catalogue, RegisterVariables variables)
{
    private const double FixedPoint = 1000.0;
    private readonly IndicatorCatalogue _catalogue = catalogue;
    private readonly RegisterVariables _variables = variables;

    /// <summary>Memo caches of numerators and denominators shared by workers and waves (by indicator and role).</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<UInt128, Value[]>> _sharedMemos = new(StringComparer.Ordinal);

    public IReadOnlyList<TruthRow> Register(IGenerationProgress progress)
    {
        var indicators = _catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Register).ToList();
        var persons = _variables.Register.Count;
        return Compute(indicators, null, persons, p => p, null, progress, "truth (register)");
    }

    public IReadOnlyList<TruthRow> Survey(StratifiedSampler design, AnswerModel answers, IGenerationProgress progress)
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
        var plan = new SharedPlan(_catalogue, layout);
        var totals = new ConcurrentBag<Accumulator[]>();
        var medians = new ConcurrentBag<Dictionary<int, MedianRecords>>();
        // One worker per core, each taking the next chunk: every worker builds its formula memos once. The sums are
        // integers and the median lists are sorted, so the result does not depend on which worker took which chunk.
        var chunks = Chunking.ChunkCount(count);
        var next = -1;
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, chunks));
        // Workers are built here, not on pool threads: building one encodes the register columns it reads (in
        // parallel), which must not wait for pool threads that are busy waiting for it.
        var pool = Enumerable.Range(0, workers).Select(_ => new Worker(this, values, layout, plan, model, wave)).ToArray();
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var worker = pool[w];
            int chunk;
            while ((chunk = Interlocked.Increment(ref next)) < chunks)
            {
                var end = Math.Min(count, (chunk + 1) * Chunking.ChunkSize);
                for (var k = chunk * Chunking.ChunkSize; k < end; k++)
                {
                    worker.Add(person(k));
                }

                progress.Advance(phase, end - (chunk * Chunking.ChunkSize));
            }

            totals.Add(worker.ExpandCells());
            medians.Add(worker.Medians);
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

            var medianOf = l.Indicator.Statistic == StatisticKind.Median
                ? SlotMedians(l, medians.Select(m => m.GetValueOrDefault(n)).OfType<MedianRecords>().ToList())
                : null;

            foreach (var (slot, breakdown, code, group, sex) in l.Describe())
            {
                var a = sum[slot];
                if (a.Persons == 0 && breakdown != "total")
                {
                    continue;
                }

                var value = l.Indicator.Statistic switch
                {
                    StatisticKind.Median => medianOf![slot] / FixedPoint,
                    _ => a.Denominator == 0 ? double.NaN : (double)a.Numerator / a.Denominator,
                };
                rows.Add(new TruthRow(year, l.Indicator.Id, breakdown, code, group, sex, value, a.Numerator / FixedPoint,
                    l.Indicator.Statistic is StatisticKind.Proportion or StatisticKind.Mean or StatisticKind.Median ? a.Denominator / FixedPoint : a.Denominator / FixedPoint, a.Persons));
            }
        }

        progress.Complete(phase);
        return rows;
    }

    /// <summary>
    /// The median of every slot of a median indicator (NaN for an empty slot), from one compact record per person
    /// (value and breakdown codes, comparison sides, sex) rather than one stored value per slot: per breakdown,
    /// the values are bucketed by slot (counting sort), and each bucket is sorted.
    /// </summary>
    private static double[] SlotMedians(Layout l, List<MedianRecords> parts)
    {
        var breakdowns = l.Breakdowns.Length - 1;
        var comparisons = l.Indicator.Comparisons.Count;
        var stride = breakdowns + comparisons + 1;
        var result = Enumerable.Repeat(double.NaN, l.Slots).ToArray();
        int SlotsOf(List<ushort> codes, int offset, int b, Span<int> into)
        {
            var code = b == 0 ? 0 : codes[offset + b - 1] - 1;
            if (code < 0)
            {
                return 0;
            }

            var k = 0;
            var sex = codes[offset + breakdowns + comparisons];
            for (var g = 0; g < l.Groups.Length; g++)
            {
                if (g > 0 && codes[offset + breakdowns + ((g - 1) / 2)] != ((g - 1) % 2) + 1)
                {
                    continue;
                }

                into[k++] = l.Slot(b, code, g, 0);
                if (sex > 0)
                {
                    into[k++] = l.Slot(b, code, g, sex);
                }
            }

            return k;
        }

        // Breakdowns fill disjoint slots, so they are done in parallel.
        Parallel.For(0, breakdowns + 1, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, b =>
        {
            var counts = new int[l.Slots];
            var cursor = new int[l.Slots];
            Span<int> slots = stackalloc int[2 * l.Groups.Length];
            foreach (var part in parts)
            {
                for (var r = 0; r < part.Values.Count; r++)
                {
                    var k = SlotsOf(part.Codes, r * stride, b, slots);
                    for (var j = 0; j < k; j++)
                    {
                        counts[slots[j]]++;
                    }
                }
            }

            var total = 0;
            for (var slot = 0; slot < l.Slots; slot++)
            {
                cursor[slot] = total;
                total += counts[slot];
            }

            var buffer = new long[total];
            foreach (var part in parts)
            {
                for (var r = 0; r < part.Values.Count; r++)
                {
                    var k = SlotsOf(part.Codes, r * stride, b, slots);
                    for (var j = 0; j < k; j++)
                    {
                        buffer[cursor[slots[j]]++] = part.Values[r];
                    }
                }
            }

            var start = 0;
            for (var slot = 0; slot < l.Slots; slot++)
            {
                var n = counts[slot];
                if (n > 0)
                {
                    result[slot] = Median(buffer.AsSpan(start, n));
                }

                start += n;
            }
        });

        return result;
    }

    /// <summary>
    /// The median of the values (reordered in place): the middle value, or the mean of the two middle values, found by
    /// selection rather than a full sort.
    /// </summary>
    internal static double Median(Span<long> values)
    {
        var n = values.Length;
        var upper = Select(values, n / 2);
        if (n % 2 == 1)
        {
            return upper;
        }

        // After selection every value left of n / 2 is at most the upper middle one: the lower middle is their maximum.
        var lower = long.MinValue;
        foreach (var v in values[..(n / 2)])
        {
            lower = Math.Max(lower, v);
        }

        return 0.5 * (lower + upper);
    }

    /// <summary>
    /// The k-th smallest value (0-based); afterwards values[..k] are at most it and values[(k + 1)..] at least it.
    /// </summary>
    private static long Select(Span<long> values, int k)
    {
        var lo = 0;
        var hi = values.Length - 1;
        while (hi - lo > 16)
        {
            // Median of three as pivot, then a three-way partition (many equal values are common).
            var mid = lo + ((hi - lo) / 2);
            var a = values[lo];
            var b = values[mid];
            var c = values[hi];
            var pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
            int lt = lo, i = lo, gt = hi;
            while (i <= gt)
            {
                var v = values[i];
                if (v < pivot)
                {
                    (values[lt], values[i]) = (values[i], values[lt]);
                    lt++;
                    i++;
                }
                else if (v > pivot)
                {
                    (values[gt], values[i]) = (values[i], values[gt]);
                    gt--;
                }
                else
                {
                    i++;
                }
            }

            if (k < lt)
            {
                hi = lt - 1;
            }
            else if (k > gt)
            {
                lo = gt + 1;
            }
            else
            {
                return pivot;
            }
        }

        values[lo..(hi + 1)].Sort();
        return values[k];
    }

    /// <summary>One record per person in a median indicator's base: the value and the codes that place it in slots.</summary>
    private sealed class MedianRecords
    {
        public List<long> Values { get; } = [];

        /// <summary>Per person: breakdown code + 1 (0 = missing) for each breakdown, the side of each comparison, the sex index (0 = not separate).</summary>
        public List<ushort> Codes { get; } = [];
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

    /// <summary>
    /// What every indicator of one computation shares: the distinct breakdown variables, comparisons and
    /// populations, so each is evaluated once per person rather than once per indicator.
    /// </summary>
    private sealed class SharedPlan
    {
        public SharedPlan(IndicatorCatalogue catalogue, List<Layout> layout)
        {
            Breakdowns = layout.SelectMany(l => l.Breakdowns.Skip(1)).Distinct(StringComparer.Ordinal).ToArray();
            Comparisons = layout.SelectMany(l => l.Indicator.Comparisons).Distinct(StringComparer.Ordinal).ToArray();
            var populations = new List<(Indicator Indicator, AgeRange? Age)>();
            var keys = new Dictionary<string, int>(StringComparer.Ordinal);
            PopulationOf = new int[layout.Count];
            BreakdownIndex = new int[layout.Count][];
            ComparisonIndex = new int[layout.Count][];
            for (var n = 0; n < layout.Count; n++)
            {
                var indicator = layout[n].Indicator;
                var population = indicator.Population;
                var age = population.Age ?? (indicator.Source.Kind == SourceKind.Survey ? catalogue.Questionnaire.Population : null);
                var key = $"{age?.Min}|{age?.Max}|{population.Born}|{population.Filter?.Text}";
                if (!keys.TryGetValue(key, out var p))
                {
                    p = populations.Count;
                    keys[key] = p;
                    populations.Add((indicator, age));
                }

                PopulationOf[n] = p;
                BreakdownIndex[n] = layout[n].Breakdowns.Skip(1).Select(b => Array.IndexOf(Breakdowns, b)).ToArray();
                ComparisonIndex[n] = indicator.Comparisons.Select(c => Array.IndexOf(Comparisons, c)).ToArray();
            }

            Populations = [.. populations];
            Codes = Breakdowns.Select(b => catalogue.Classification(catalogue.Variable(b).Classification!).Codes.Select(c => c.Code).ToArray()).ToArray();
        }

        public string[] Breakdowns { get; }

        public string[][] Codes { get; }

        public string[] Comparisons { get; }

        public (Indicator Indicator, AgeRange? Age)[] Populations { get; }

        public int[] PopulationOf { get; }

        public int[][] BreakdownIndex { get; }

        public int[][] ComparisonIndex { get; }
    }

    /// <summary>Per-thread state: memoised formulas and accumulators.</summary>
    private sealed class Worker
    {
        private static readonly string[] SexCodes = ["", "1", "2"];
        private readonly TruthCalculator _owner;
        private readonly List<Layout> _layout;
        private readonly SharedPlan _plan;
        private readonly AnswerModel.Session? _session;
        private readonly int[] _answers;
        private readonly PopulationTest[] _populationMemo;
        private readonly MemoisedFormulas[] _breakdownMemo;
        private readonly MemoisedFormulas[] _comparisonMemo;
        private readonly MemoisedFormulas _sexMemo;
        private readonly MemoisedFormulas?[] _numeratorMemo;
        private readonly MemoisedFormulas?[] _denominatorMemo;
        private readonly Func<int, Value>?[] _numeratorGetter;
        private readonly LayeredFormula?[] _numeratorLayered;
        private readonly Func<int, Value>?[] _denominatorGetter;
        private readonly bool[] _inPopulation;
        private readonly int[] _code;
        private readonly int[] _side;
        private readonly CellBlock[] _blocks;
        private readonly int[] _blockCell;
        private readonly bool[][] _usesBlock;
        private readonly (int Position, int Breakdown)[][][] _spread;
        private readonly PersonValues _values;

        public Worker(TruthCalculator owner, PersonValues values, List<Layout> layout, SharedPlan plan, AnswerModel? model, int? wave)
        {
            _owner = owner;
            _values = values;
            _layout = layout;
            _plan = plan;
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
            _populationMemo = plan.Populations.Select(p => PopulationMemo(catalogue, values, p.Indicator.Population, p.Age)).ToArray();
            _inPopulation = new bool[_populationMemo.Length];
            _breakdownMemo = plan.Breakdowns.Select((b, k) => new MemoisedFormulas(catalogue, values, new RawDependencies(catalogue).Of([b]), lookup =>
            {
                var code = lookup(b);
                return [code.IsMissing ? Value.Missing : Value.Of(Array.IndexOf(plan.Codes[k], code.Text))];
            })).ToArray();
            _code = new int[_breakdownMemo.Length];
            var codeCounts = plan.Codes.Select(c => c.Length).ToArray();
            var blocks = CellBlock.Partition(codeCounts, plan.Comparisons.Length);
            _blocks = blocks.Select(b => new CellBlock(b, codeCounts, plan.Comparisons.Length, layout.Count)).ToArray();
            _blockCell = new int[blocks.Count];
            // Per block and indicator: the indicator's breakdowns (1-based, as in its layout) that the block crosses,
            // and where their codes are in the block's cell; the first block also carries the indicator's total.
            _spread = blocks.Select(block => layout.Select((_, n) => plan.BreakdownIndex[n]
                .Select((p, j) => (Position: Array.IndexOf(block, p), Breakdown: j + 1))
                .Where(x => x.Position >= 0).ToArray()).ToArray()).ToArray();
            _usesBlock = layout.Select((_, n) => blocks.Select((_, k) => k == 0 || _spread[k][n].Length > 0).ToArray()).ToArray();
            _comparisonMemo = plan.Comparisons.Select(c =>
            {
                var comparison = catalogue.Comparison(c);
                return new MemoisedFormulas(catalogue, values, new RawDependencies(catalogue).Of(comparison.Focal.Condition)
                    .Concat(new RawDependencies(catalogue).Of(comparison.Reference.Condition)), lookup =>
                    [Value.Of(comparison.Focal.Condition.Holds(lookup) ? 1 : comparison.Reference.Condition.Holds(lookup) ? 2 : 0)]);
            }).ToArray();
            _side = new int[_comparisonMemo.Length];
            _sexMemo = new MemoisedFormulas(catalogue, values, ["sex"], lookup => [Value.Of(lookup("sex") is { IsMissing: false } sx ? Array.IndexOf(SexCodes, sx.Text) : -1)]);
            _numeratorMemo = new MemoisedFormulas?[layout.Count];
            _denominatorMemo = new MemoisedFormulas?[layout.Count];
            _numeratorGetter = new Func<int, Value>?[layout.Count];
            _numeratorLayered = new LayeredFormula?[layout.Count];
            _denominatorGetter = new Func<int, Value>?[layout.Count];
            for (var n = 0; n < layout.Count; n++)
            {
                var indicator = layout[n].Indicator;
                var numeratorDirect = Direct(indicator.Numerator);
                var denominatorDirect = indicator.Statistic == StatisticKind.Ratio ? Direct(indicator.Denominator) : null;
                _numeratorGetter[n] = numeratorDirect;
                _denominatorGetter[n] = denominatorDirect;
                _numeratorMemo[n] = numeratorDirect is null
                    ? new MemoisedFormulas(catalogue, values, new RawDependencies(catalogue).Of(indicator.Numerator), lookup => [indicator.Numerator.Evaluate(lookup)],
                        owner._sharedMemos.GetOrAdd(indicator.Id + ":numerator", _ => new()))
                    : null;
                if (_numeratorMemo[n] is { Tabled: false } && new LayeredFormula(catalogue, values, indicator.Numerator) is { Layerable: true } layered)
                {
                    // A wide key (e.g. a mean of several items) would miss on nearly every person.
                    _numeratorLayered[n] = layered;
                }

                _denominatorMemo[n] = denominatorDirect is null && indicator.Denominator is { } denominatorFormula
                    ? new MemoisedFormulas(catalogue, values, new RawDependencies(catalogue).Of(denominatorFormula), lookup => [denominatorFormula.Evaluate(lookup)],
                        owner._sharedMemos.GetOrAdd(indicator.Id + ":denominator", _ => new()))
                    : null;
            }
        }

        public Accumulator[] Accumulators { get; }

        public Dictionary<int, MedianRecords> Medians { get; } = [];

        /// <summary>
        /// The population test as separately memoised conjuncts — the age range (on age), the birth scope (on
        /// country of birth) and each top-level conjunct of the filter (on its own variables) — so no memo is keyed
        /// on the crossing of many detailed variables, and a conjunct over amounts is evaluated only when the
        /// others hold. The result equals the catalogue's: the filter holds when its value is true, and an "and"
        /// is true exactly when none of its operands is false or missing (ExpressionEvaluator's three-valued and).
        /// </summary>
        private static PopulationTest PopulationMemo(IndicatorCatalogue catalogue, PersonValues values, Catalogue.Indicators.Population population, AgeRange? age)
        {
            var parts = new List<(MemoisedFormulas Memo, bool Exact)>();
            if (age is not null)
            {
                parts.Add((new MemoisedFormulas(catalogue, values, ["age"], lookup => [Value.Of(lookup("age") is { IsMissing: false } a && age.Contains((int)a.Number))]), true));
            }

            if (population.Born != BirthScope.Everyone)
            {
                var foreign = population.Born == BirthScope.ForeignBorn;
                parts.Add((new MemoisedFormulas(catalogue, values, ["birth_country"], lookup =>
                    [Value.Of(lookup("foreign_born") is { Kind: ValueKind.Boolean } f && f.Boolean == foreign)]), true));
            }

            if (population.Filter is { } filter)
            {
                var conjuncts = Conjuncts(filter.Root).ToList();
                var exact = conjuncts.Count == 1;
                parts.AddRange(conjuncts
                    .Select(c => (Memo: new MemoisedFormulas(catalogue, values, new RawDependencies(catalogue).Of(References(c)),
                        lookup => [ExpressionEvaluator.Evaluate(c, lookup)]), Exact: exact))
                    .OrderBy(p => p.Memo.Memoisable ? 0 : 1));
            }

            return new PopulationTest([.. parts]);
        }

        private static IEnumerable<Expression> Conjuncts(Expression e) => e is BinaryExpression { Operator: BinaryOperator.And } b
            ? Conjuncts(b.Left).Concat(Conjuncts(b.Right))
            : [e];

        private static IEnumerable<string> References(Expression e) => e switch
        {
            VariableReference v => [v.Name],
            UnaryExpression u => References(u.Operand),
            BinaryExpression b => References(b.Left).Concat(References(b.Right)),
            MembershipExpression m => References(m.Operand),
            FunctionCall f => f.Arguments.SelectMany(References),
            _ => [],
        };

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
            var any = false;
            for (var p = 0; p < _populationMemo.Length; p++)
            {
                _inPopulation[p] = _populationMemo[p].Holds(person, _answers);
                any |= _inPopulation[p];
            }

            if (!any)
            {
                return;
            }

            for (var b = 0; b < _breakdownMemo.Length; b++)
            {
                var c = _breakdownMemo[b].Evaluate(person, _answers)[0];
                _code[b] = c.IsMissing ? -1 : (int)c.Number;
            }

            for (var c = 0; c < _comparisonMemo.Length; c++)
            {
                _side[c] = (int)_comparisonMemo[c].Evaluate(person, _answers)[0].Number;
            }

            var sexIndex = (int)_sexMemo.Evaluate(person, _answers)[0].Number;
            for (var k = 0; k < _blocks.Length; k++)
            {
                _blockCell[k] = _blocks[k].Cell(_code, _side, sexIndex);
            }

            for (var n = 0; n < _layout.Count; n++)
            {
                var l = _layout[n];
                if (!_inPopulation[_plan.PopulationOf[n]])
                {
                    continue;
                }

                var numerator = _numeratorGetter[n]?.Invoke(person) ?? _numeratorLayered[n]?.Evaluate(person, _answers) ?? _numeratorMemo[n]!.Evaluate(person, _answers)[0];
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

                var uses = _usesBlock[n];
                for (var k = 0; k < _blocks.Length; k++)
                {
                    if (uses[k])
                    {
                        _blocks[k].Add(_blockCell[k], n, num, den);
                    }
                }
                if (l.Indicator.Statistic == StatisticKind.Median)
                {
                    var breakdowns = _plan.BreakdownIndex[n];
                    var comparisons = _plan.ComparisonIndex[n];
                    var separate = l.Sexes.Length > 1 && sexIndex > 0;
                    if (!Medians.TryGetValue(n, out var records))
                    {
                        Medians[n] = records = new MedianRecords();
                    }

                    records.Values.Add(num);
                    foreach (var b in breakdowns)
                    {
                        records.Codes.Add((ushort)(_code[b] + 1));
                    }

                    foreach (var c in comparisons)
                    {
                        records.Codes.Add((ushort)_side[c]);
                    }

                    records.Codes.Add((ushort)(separate ? sexIndex : 0));
                }
            }
        }

        /// <summary>
        /// Spreads every cell's sums over the slots of every indicator — the total (first block), each breakdown's
        /// code, each comparison side the cell is on, and the sex for indicators published by sex — and returns the
        /// slot sums. The sums are integers, so they equal adding each person to its slots directly.
        /// </summary>
        public Accumulator[] ExpandCells()
        {
            for (var k = 0; k < _blocks.Length; k++)
            {
                var first = k == 0;
                var spread = _spread[k];
                _blocks[k].Expand((n, codes, sides, sexIndex, numerator, denominator, persons) =>
                {
                    var sum = new Accumulator { Numerator = numerator, Denominator = denominator, Persons = persons };
                    var l = _layout[n];
                    var comparisons = _plan.ComparisonIndex[n];
                    var separate = l.Sexes.Length > 1 && sexIndex > 0;
                    for (var g = 0; g < l.Groups.Length; g++)
                    {
                        if (g > 0 && sides[comparisons[(g - 1) / 2]] != ((g - 1) % 2) + 1)
                        {
                            continue;
                        }

                        if (first)
                        {
                            AddToSlot(l, 0, 0, g, separate ? sexIndex : 0, sum);
                        }

                        foreach (var (position, breakdown) in spread[n])
                        {
                            if (codes[position] >= 0)
                            {
                                AddToSlot(l, breakdown, codes[position], g, separate ? sexIndex : 0, sum);
                            }
                        }
                    }
                });
            }

            return Accumulators;
        }

        private void AddToSlot(Layout l, int breakdown, int code, int group, int sexIndex, Accumulator sum)
        {
            Accumulators[l.Offset + l.Slot(breakdown, code, group, 0)].Add(sum);
            if (sexIndex > 0)
            {
                Accumulators[l.Offset + l.Slot(breakdown, code, group, sexIndex)].Add(sum);
            }
        }
    }
}

/// <summary>Whether a person belongs to an indicator's population: every part must hold.</summary>
/// <param name="Parts">
/// The conjuncts: an exact part must be true; a part of an "and" must be neither false nor missing.
/// </param>
internal sealed record PopulationTest((MemoisedFormulas Memo, bool Exact)[] Parts)
{
    public bool Holds(int person, ReadOnlySpan<int> answers)
    {
        foreach (var (memo, exact) in Parts)
        {
            var v = memo.Evaluate(person, answers)[0];
            if (exact ? v is not { Kind: ValueKind.Boolean, Boolean: true } : v.IsMissing || v is { Kind: ValueKind.Boolean, Boolean: false })
            {
                return false;
            }
        }

        return true;
    }
}

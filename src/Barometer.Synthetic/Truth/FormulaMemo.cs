using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Variables;

namespace Barometer.Synthetic.Truth;

/// <summary>
/// Where raw values come from when catalogue formulas are evaluated for one person: register variables (possibly
/// shifted to a survey wave's reference date) and, for the survey, the person's answers.
/// </summary>
internal interface IRawValues
{
    /// <summary>The raw value of a register variable or questionnaire item for a person.</summary>
    Value Get(string name, int person, ReadOnlySpan<int> answers);

    /// <summary>
    /// A small whole-number encoding of the raw value (0 = missing), or -1 when the variable is not discrete
    /// (amounts), so formulas over it cannot be memoised.
    /// </summary>
    int Encode(string name, int person, ReadOnlySpan<int> answers);

    /// <summary>The largest encoding a variable can take, or -1 when it is not discrete.</summary>
    int MaxCode(string name);

    /// <summary>A fast encoder of a discrete variable, equal to <see cref="Encode"/> for every person and answers.</summary>
    RawEncoder Encoder(string name);
}

/// <summary>Encodes one discrete raw value of a person (see <see cref="IRawValues.Encode"/>).</summary>
/// <param name="person">The person.</param>
/// <param name="answers">The person's answers by item position.</param>
internal delegate int RawEncoder(int person, ReadOnlySpan<int> answers);

/// <summary>
/// Evaluates catalogue formulas for many persons fast: the catalogue's own evaluator (so the semantics are the
/// catalogue's) runs once per distinct combination of the raw values a formula depends on, and the result is
/// memoised under a packed key of those values. Formulas over amounts (not discrete) are evaluated every time.
/// </summary>
internal sealed class FormulaMemo
{
    private readonly IndicatorCatalogue _catalogue;
    private readonly IRawValues _raw;
    private readonly string[] _dependencies;
    private readonly int[] _bits;
    private readonly RawEncoder[] _encoders;
    private readonly bool _memoisable;
    private readonly Func<Func<string, Value>, Value[]> _evaluate;
    private readonly Dictionary<UInt128, Value[]> _memo = [];
    private readonly Value[]?[]? _table;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<UInt128, Value[]>? _shared;

    /// <param name="catalogue">The catalogue whose evaluator runs the formulas.</param>
    /// <param name="raw">Where raw values come from.</param>
    /// <param name="dependencies">The raw variables the formulas depend on.</param>
    /// <param name="evaluate">The formulas, given a lookup of variables.</param>
    /// <param name="shared">
    /// A cache shared with other memos of the same formulas and dependencies (other threads, other waves), used
    /// when the key is too wide for a flat table; the results depend only on the key, so sharing is safe.
    /// </param>
    public FormulaMemo(IndicatorCatalogue catalogue, IRawValues raw, IEnumerable<string> dependencies, Func<Func<string, Value>, Value[]> evaluate,
        System.Collections.Concurrent.ConcurrentDictionary<UInt128, Value[]>? shared = null)
    {
        _shared = shared;
        _catalogue = catalogue;
        _raw = raw;
        _evaluate = evaluate;
        _dependencies = dependencies.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _bits = _dependencies.Select(d => raw.MaxCode(d) is var m && m < 0 ? -1 : BitsFor(m)).ToArray();
        _memoisable = _bits.All(b => b > 0) && _bits.Sum() <= 128;
        _encoders = _memoisable ? _dependencies.Select(raw.Encoder).ToArray() : [];
        _table = _memoisable && _bits.Sum() <= TableBits ? new Value[]?[1 << _bits.Sum()] : null;
    }

    /// <summary>Keys of at most this many bits index a flat table instead of a dictionary.</summary>
    public const int TableBits = 16;

    /// <summary>Whether the key is narrow enough for a flat table (every distinct key is then cheap to hold).</summary>
    public bool Tabled => _table is not null;

    /// <summary>Whether results are memoised (every dependency discrete and the packed key fits 128 bits).</summary>
    public bool Memoisable => _memoisable;

    /// <summary>The bits of each dependency in a packed key (-1 for a dependency that is not discrete).</summary>
    public IReadOnlyList<int> Bits => _bits;

    /// <summary>The raw variables (register variables, items) the formulas depend on.</summary>
    public IReadOnlyList<string> Dependencies => _dependencies;

    /// <summary>Evaluates for one person; the returned array is shared and must not be changed.</summary>
    public Value[] Evaluate(int person, ReadOnlySpan<int> answers)
    {
        if (!_memoisable)
        {
            return Compute(person, answers);
        }

        UInt128 key = 0;
        for (var k = 0; k < _dependencies.Length; k++)
        {
            key = (key << _bits[k]) | (uint)_encoders[k](person, answers);
        }

        if (_table is not null)
        {
            return _table[(int)key] ??= Compute(person, answers);
        }

        if (_shared is not null)
        {
            if (!_shared.TryGetValue(key, out var found))
            {
                found = Compute(person, answers);
                _shared.TryAdd(key, found);
            }

            return found;
        }

        if (!_memo.TryGetValue(key, out var result))
        {
            result = Compute(person, answers);
            _memo[key] = result;
        }

        return result;
    }

    private Value[] Compute(int person, ReadOnlySpan<int> answers)
    {
        var copy = answers.ToArray();
        var raw = _raw;
        var lookup = _catalogue.Evaluator.For(name => raw.Get(name, person, copy));
        return _evaluate(lookup);
    }

    /// <summary>The number of bits a packed key needs for codes 0..<paramref name="maxCode"/>.</summary>
    public static int BitsFor(int maxCode)
    {
        var bits = 1;
        while ((1 << bits) <= maxCode)
        {
            bits++;
        }

        return bits;
    }

    /// <summary>The raw variables (register variables and questionnaire items) a catalogue variable depends on.</summary>
    public static IEnumerable<string> RawDependencies(IndicatorCatalogue catalogue, string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var raw = new List<string>();
        void Visit(string n)
        {
            if (!seen.Add(n))
            {
                return;
            }

            var derived = catalogue.DerivedVariables.FirstOrDefault(d => d.Name == n);
            if (derived is not null)
            {
                switch (derived.Derivation)
                {
                    case ExpressionDerivation e:
                        e.Formula.Variables.ToList().ForEach(Visit);
                        break;
                    case MappingDerivation m:
                        Visit(m.From);
                        break;
                    case BandDerivation b:
                        Visit(b.From);
                        break;
                    case RuleDerivation r:
                        r.Inputs.ToList().ForEach(Visit);
                        break;
                    default:
                        break;
                }

                return;
            }

            var item = catalogue.Questionnaire.Items.FirstOrDefault(i => i.Recodes.Any(r => r.Name == n));
            if (item is not null)
            {
                Visit(item.Id);
                return;
            }

            var surveyDerived = catalogue.Questionnaire.Derived.FirstOrDefault(d => d.Name == n);
            if (surveyDerived is not null)
            {
                surveyDerived.Formula.Variables.ToList().ForEach(Visit);
                return;
            }

            raw.Add(n);
        }

        Visit(name);
        return raw;
    }

    /// <summary>The raw dependencies of a formula.</summary>
    public static IEnumerable<string> RawDependencies(IndicatorCatalogue catalogue, Formula? formula) =>
        formula is null ? [] : formula.Variables.SelectMany(v => RawDependencies(catalogue, v));
}

using Barometer.Catalogue;
using Barometer.Catalogue.Evaluation;
using Barometer.Catalogue.Expressions;

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
/// catalogue's) runs once per distinct combination of the raw values a formula depends on, remembered by the
/// catalogue's <see cref="RawValueMemo{T}"/> under a packed key of those values' encodings. Formulas over amounts
/// (not discrete) are evaluated every time.
/// </summary>
internal sealed class MemoisedFormulas
{
    private readonly IndicatorCatalogue _catalogue;
    private readonly IRawValues _raw;
    private readonly string[] _dependencies;
    private readonly RawEncoder[] _encoders;
    private readonly Func<Func<string, Value>, Value[]> _evaluate;
    private readonly RawValueMemo<Value[]> _memo;

    /// <param name="catalogue">The catalogue whose evaluator runs the formulas.</param>
    /// <param name="raw">Where raw values come from.</param>
    /// <param name="dependencies">The raw variables the formulas depend on.</param>
    /// <param name="evaluate">The formulas, given a lookup of variables.</param>
    /// <param name="shared">
    /// A cache shared with other instances of the same formulas and dependencies (other threads, other waves), used
    /// when the key is too wide for a flat table; the results depend only on the key, so sharing is safe.
    /// </param>
    public MemoisedFormulas(IndicatorCatalogue catalogue, IRawValues raw, IEnumerable<string> dependencies, Func<Func<string, Value>, Value[]> evaluate,
        System.Collections.Concurrent.ConcurrentDictionary<UInt128, Value[]>? shared = null)
    {
        _catalogue = catalogue;
        _raw = raw;
        _evaluate = evaluate;
        _dependencies = dependencies.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        _memo = new RawValueMemo<Value[]>(_dependencies.Select(raw.MaxCode), shared);
        _encoders = _memo.Memoisable ? _dependencies.Select(raw.Encoder).ToArray() : [];
    }

    /// <summary>Whether the key is narrow enough for a flat table (every distinct key is then cheap to hold).</summary>
    public bool Tabled => _memo.Tabled;

    /// <summary>Whether results are memoised (every dependency discrete and the packed key fits 128 bits).</summary>
    public bool Memoisable => _memo.Memoisable;

    /// <summary>The bits of each dependency in a packed key (-1 for a dependency that is not discrete).</summary>
    public IReadOnlyList<int> Bits => _memo.Bits;

    /// <summary>The raw variables (register variables, items) the formulas depend on.</summary>
    public IReadOnlyList<string> Dependencies => _dependencies;

    /// <summary>Evaluates for one person; the returned array is shared and must not be changed.</summary>
    public Value[] Evaluate(int person, ReadOnlySpan<int> answers)
    {
        if (!_memo.Memoisable)
        {
            return Compute(person, answers);
        }

        UInt128 key = 0;
        for (var k = 0; k < _encoders.Length; k++)
        {
            key = _memo.Append(key, k, _encoders[k](person, answers));
        }

        return _memo.TryGet(key, out var known) ? known : _memo.Remember(key, Compute(person, answers));
    }

    private Value[] Compute(int person, ReadOnlySpan<int> answers)
    {
        var copy = answers.ToArray();
        var raw = _raw;
        var lookup = _catalogue.Evaluator.For(name => raw.Get(name, person, copy));
        return _evaluate(lookup);
    }
}

using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Variables;

namespace Barometer.Synthetic.Truth;

/// <summary>
/// Evaluates a catalogue formula whose raw dependencies are too many to memoise as a whole (for example a mean of
/// eight recoded items, where nearly every person has a combination of their own): each variable the formula names
/// is memoised on its own raw dependencies (a recode on its one item), and only the formula's top level runs per
/// person. The result equals the catalogue's evaluation: a derived variable's value is the catalogue's value of
/// that variable, and the formula is evaluated by the catalogue's <see cref="ExpressionEvaluator"/>. Not
/// thread-safe: one instance per worker.
/// </summary>
internal sealed class LayeredFormula
{
    private readonly Formula _formula;
    private readonly Dictionary<string, MemoisedFormulas> _memos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LayeredFormula> _nested = new(StringComparer.Ordinal);
    private readonly IRawValues _raw;
    private readonly Func<string, Value> _lookup;
    private int _person;
    private int[] _answers = [];

    public LayeredFormula(IndicatorCatalogue catalogue, IRawValues raw, Formula formula)
    {
        _formula = formula;
        _raw = raw;
        foreach (var name in formula.Variables.Distinct(StringComparer.Ordinal))
        {
            var dependencies = new RawDependencies(catalogue).Of([name]);
            if (dependencies is [var only] && only == name)
            {
                continue;
            }

            var memo = new MemoisedFormulas(catalogue, raw, dependencies, lookup => [lookup(name)]);
            if (!memo.Tabled && DefiningFormula(catalogue, name) is { } inner)
            {
                // The catalogue evaluates such a variable as its formula over its own variables: layer it too.
                _nested[name] = new LayeredFormula(catalogue, raw, inner);
                continue;
            }

            _memos[name] = memo;
        }

        _lookup = name => _memos.TryGetValue(name, out var memo) ? memo.Evaluate(_person, _answers)[0]
            : _nested.TryGetValue(name, out var nested) ? nested.Evaluate(_person, _answers)
            : _raw.Get(name, _person, _answers);
    }

    /// <summary>The formula of a derived survey variable or an expression-derived catalogue variable, else null.</summary>
    private static Formula? DefiningFormula(IndicatorCatalogue catalogue, string name) =>
        catalogue.Questionnaire.Derived.FirstOrDefault(d => d.Name == name)?.Formula
        ?? (catalogue.DerivedVariables.FirstOrDefault(d => d.Name == name)?.Derivation as Catalogue.Variables.ExpressionDerivation)?.Formula;

    /// <summary>Whether every variable the formula names can be memoised on its own.</summary>
    public bool Layerable => _memos.Values.All(m => m.Memoisable) && _nested.Values.All(n => n.Layerable);

    public Value Evaluate(int person, int[] answers)
    {
        _person = person;
        _answers = answers;
        return _formula.Evaluate(_lookup);
    }
}

using Barometer.Catalogue.Expressions;

namespace Barometer.Catalogue.Variables;

/// <summary>
/// The raw inputs (stored columns) a catalogue variable or formula depends on, following derived register variables,
/// recodes and derived survey variables down to the columns of the register or the questionnaire. What a memo of
/// formula results is keyed on (<see cref="Evaluation.RawValueMemo{T}"/>), and what register SQL must read.
/// </summary>
public sealed class RawDependencies(IndicatorCatalogue catalogue)
{
    private readonly IndicatorCatalogue _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));

    public IReadOnlyList<string> Of(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var raw = new List<string>();
        foreach (var name in names)
        {
            Visit(name, seen, raw);
        }

        return raw;
    }

    public IReadOnlyList<string> Of(Formula? formula) => formula is null ? [] : Of(formula.Variables);

    private void Visit(string name, HashSet<string> seen, List<string> raw)
    {
        if (!seen.Add(name))
        {
            return;
        }

        var derived = _catalogue.DerivedVariables.FirstOrDefault(d => d.Name == name);
        if (derived is not null)
        {
            IEnumerable<string> inputs = derived.Derivation switch
            {
                ExpressionDerivation e => e.Formula.Variables,
                MappingDerivation m => [m.From],
                BandDerivation b => [b.From],
                RuleDerivation r => r.Inputs,
                _ => [],
            };
            foreach (var input in inputs)
            {
                Visit(input, seen, raw);
            }

            return;
        }

        var recode = _catalogue.Questionnaire.Items.FirstOrDefault(i => i.Recodes.Any(r => r.Name == name));
        if (recode is not null)
        {
            Visit(recode.Id, seen, raw);
            return;
        }

        var surveyDerived = _catalogue.Questionnaire.Derived.FirstOrDefault(d => d.Name == name);
        if (surveyDerived is not null)
        {
            foreach (var input in surveyDerived.Formula.Variables)
            {
                Visit(input, seen, raw);
            }

            return;
        }

        raw.Add(name);
    }
}

using Barometer.Catalogue.Classifications;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Questionnaires;
using Barometer.Catalogue.Variables;

namespace Barometer.Catalogue.Evaluation;

/// <summary>
/// Computes, for one person, every variable the catalogue defines on top of the raw data: derived register
/// variables (regions of birth, bands, svensk/utländsk bakgrund...), recodes of survey answers and derived
/// survey variables. The raw data are the register variables (codes as text, numbers, truth values) and the
/// survey items (answer codes as numbers; missing when the item was not asked).
/// </summary>
public sealed class VariableEvaluator
{
    private readonly IndicatorCatalogue _catalogue;
    private readonly Dictionary<string, DerivedVariable> _derived;
    private readonly Dictionary<string, (SurveyItem Item, Recode Recode)> _recodes;
    private readonly Dictionary<string, SurveyDerivedVariable> _surveyDerived;

    internal VariableEvaluator(IndicatorCatalogue catalogue)
    {
        _catalogue = catalogue;
        _derived = catalogue.DerivedVariables.ToDictionary(d => d.Name, StringComparer.Ordinal);
        _recodes = catalogue.Questionnaire.Items
            .SelectMany(i => i.Recodes.Select(r => (Item: i, Recode: r)))
            .ToDictionary(p => p.Recode.Name, StringComparer.Ordinal);
        _surveyDerived = catalogue.Questionnaire.Derived.ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    /// <summary>
    /// A lookup of every catalogue variable for the person whose raw values <paramref name="raw"/> gives. Values
    /// are computed on first use and kept, so use one lookup per person.
    /// </summary>
    public Func<string, Value> For(Func<string, Value> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var cache = new Dictionary<string, Value>(StringComparer.Ordinal);
        var inProgress = new HashSet<string>(StringComparer.Ordinal);
        Value Get(string name)
        {
            if (cache.TryGetValue(name, out var known))
            {
                return known;
            }

            if (!inProgress.Add(name))
            {
                throw new InvalidOperationException($"variable '{name}' is defined in terms of itself");
            }

            var value = Compute(name, raw, Get);
            inProgress.Remove(name);
            cache[name] = value;
            return value;
        }

        return Get;
    }

    private Value Compute(string name, Func<string, Value> raw, Func<string, Value> get)
    {
        if (_derived.TryGetValue(name, out var derived))
        {
            return Derive(derived, get);
        }

        if (_recodes.TryGetValue(name, out var recode))
        {
            var answer = get(recode.Item.Id);
            return answer.IsMissing ? Value.Missing : recode.Recode.Apply((int)answer.Number);
        }

        if (_surveyDerived.TryGetValue(name, out var surveyDerived))
        {
            return surveyDerived.Formula.Evaluate(get);
        }

        return raw(name);
    }

    private Value Derive(DerivedVariable variable, Func<string, Value> get)
    {
        switch (variable.Derivation)
        {
            case ExpressionDerivation expression:
                return expression.Formula.Evaluate(get);
            case MappingDerivation mapping:
                var code = get(mapping.From);
                if (code.IsMissing)
                {
                    return Value.Missing;
                }

                var source = _catalogue.Classification(_catalogue.Variable(mapping.From).Classification!);
                return Value.Of(source.MapTo(mapping.Classification, code.Text));
            case BandDerivation bands:
                var number = get(bands.From);
                if (number.IsMissing)
                {
                    return bands.MissingCode is { } missingCode ? Value.Of(missingCode) : Value.Missing;
                }

                return Value.Of(_catalogue.Classification(bands.Classification).BandOf(number.Number)?.Code);
            case RuleDerivation { Rule: SwedishBackground.RuleName, Inputs: [var person, var mother, var father] }:
                var country = get(person);
                if (country.IsMissing)
                {
                    return Value.Missing;
                }

                var motherCountry = get(mother);
                var fatherCountry = get(father);
                return Value.Of(SwedishBackground.DeriveFromCountries(
                    country.Text,
                    motherCountry.IsMissing ? null : motherCountry.Text,
                    fatherCountry.IsMissing ? null : fatherCountry.Text));
            default:
                throw new InvalidOperationException($"derived variable '{variable.Name}' has a derivation this version cannot compute");
        }
    }
}

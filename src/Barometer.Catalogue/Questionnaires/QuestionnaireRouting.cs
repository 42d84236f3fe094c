using System.Globalization;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Variables;

namespace Barometer.Catalogue.Questionnaires;

/// <summary>
/// Who is asked what: the items' filters evaluated by the catalogue's own evaluator over a person's register
/// variables (as text, the way a gross sample file holds them) and their earlier answers, in fielding order. An item
/// that is not asked has a missing answer, also when an answer was given earlier and a changed answer has since routed
/// around it, so later filters never see an answer to a question that is no longer asked. The field host uses it to
/// choose the pages and items to show, <c>barometer field close</c> to decide which answers are kept.
/// </summary>
public sealed class QuestionnaireRouting
{
    private readonly IndicatorCatalogue _catalogue;
    private readonly Dictionary<string, VariableType> _registerTypes;

    public QuestionnaireRouting(IndicatorCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        _catalogue = catalogue;
        _registerTypes = catalogue.RegisterVariables.ToDictionary(v => v.Name, v => v.Type, StringComparer.Ordinal);
    }

    public Questionnaire Questionnaire => _catalogue.Questionnaire;

    /// <summary>
    /// The items asked of a person, in fielding order, with the answers that count (answers to items not asked are
    /// dropped). <paramref name="register"/> gives register variables as text (null or empty is missing).
    /// </summary>
    public IReadOnlyList<SurveyItem> AskedItems(IReadOnlyDictionary<string, string?> register, IReadOnlyDictionary<string, int> answers, out IReadOnlyDictionary<string, int> kept)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(answers);
        var effective = new Dictionary<string, int>(StringComparer.Ordinal);
        var asked = new List<SurveyItem>();
        var items = Questionnaire.Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        Value Raw(string name)
        {
            if (items.Contains(name))
            {
                return effective.TryGetValue(name, out var code) ? Value.Of(code) : Value.Missing;
            }

            return register.TryGetValue(name, out var text) ? RegisterValue(name, text) : Value.Missing;
        }

        foreach (var item in Questionnaire.Items)
        {
            // A fresh lookup per filter: the evaluator keeps values it computed, and answers become known item by item.
            if (item.Filter is null || item.Filter.Holds(_catalogue.Evaluator.For(Raw)))
            {
                asked.Add(item);
                if (answers.TryGetValue(item.Id, out var code))
                {
                    effective[item.Id] = code;
                }
            }
        }

        kept = effective;
        return asked;
    }

    /// <summary>A register variable's text as a value of the expression language, by the variable's type in the catalogue.</summary>
    public Value RegisterValue(string name, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Value.Missing;
        }

        var type = _registerTypes.TryGetValue(name, out var t) ? t : VariableType.Code;
        return type switch
        {
            VariableType.WholeNumber or VariableType.Number =>
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsNaN(number) ? Value.Of(number) : Value.Missing,
            VariableType.Boolean => text switch
            {
                "true" or "TRUE" or "True" or "1" => Value.Of(true),
                "false" or "FALSE" or "False" or "0" => Value.Of(false),
                _ => Value.Missing,
            },
            _ => Value.Of(text),
        };
    }
}

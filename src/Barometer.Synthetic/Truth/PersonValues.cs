using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Variables;
using Barometer.Synthetic.Registers;

namespace Barometer.Synthetic.Truth;

/// <summary>
/// Raw values for formula evaluation: register variables at the register's reference date, or shifted to a survey
/// wave's frame date (31 December of the year before the wave: age and years in Sweden move, the rest is kept),
/// and answers to questionnaire items by item position.
/// </summary>
internal sealed class PersonValues : IRawValues
{
    private readonly RegisterVariables _variables;
    private readonly int? _wave;
    private readonly Dictionary<string, int> _itemIndex;
    private readonly Dictionary<string, int> _itemMax;
    private readonly Dictionary<string, VariableType> _types;
    private readonly Dictionary<string, Dictionary<string, int>> _codes;
    private readonly Dictionary<string, int> _wholeMax;
    private readonly Dictionary<string, Func<int, Value>> _getters;

    public PersonValues(IndicatorCatalogue catalogue, RegisterVariables variables, int? wave)
    {
        _variables = variables;
        _wave = wave;
        var items = catalogue.Questionnaire.Items;
        _itemIndex = items.Select((item, k) => (item.Id, k)).ToDictionary(p => p.Id, p => p.k, StringComparer.Ordinal);
        _itemMax = items.ToDictionary(i => i.Id, i => catalogue.Questionnaire.FindScale(i.Scale)!.Codes.Max(c => c.Code) + 1, StringComparer.Ordinal);
        _types = catalogue.RegisterVariables.ToDictionary(v => v.Name, v => v.Type, StringComparer.Ordinal);
        _codes = catalogue.RegisterVariables.Where(v => v.Classification is not null).ToDictionary(
            v => v.Name,
            v => catalogue.Classification(v.Classification!).Codes.Select((c, k) => (c.Code, k)).ToDictionary(p => p.Code, p => p.k + 1, StringComparer.Ordinal),
            StringComparer.Ordinal);
        _wholeMax = catalogue.RegisterVariables.Where(v => v.Type == VariableType.WholeNumber)
            .ToDictionary(v => v.Name, v => (int)(v.Max ?? 255) + 1, StringComparer.Ordinal);
        _getters = catalogue.RegisterVariables.ToDictionary(v => v.Name, v => variables.Getter(v.Name), StringComparer.Ordinal);
    }

    public int? Wave => _wave;

    /// <summary>
    /// A fast encoder: answers are read by item position; age and years in Sweden at a wave's frame date are
    /// computed from the register's years; every other discrete register variable is encoded once per person into
    /// a column shared by every wave (<see cref="RegisterVariables.EncodedColumn"/>).
    /// </summary>
    public RawEncoder Encoder(string name)
    {
        if (_itemIndex.TryGetValue(name, out var k))
        {
            return (_, answers) => k < answers.Length && answers[k] >= 0 ? answers[k] + 1 : 0;
        }

        if (MaxCode(name) < 0)
        {
            throw new InvalidOperationException($"variable '{name}' is not discrete");
        }

        var r = _variables.Register;
        if (_wave is { } wave && name is "age" or "years_in_sweden")
        {
            var max = _wholeMax[name] - 1;
            var birth = r.BirthYear;
            var immigration = r.ImmigrationYear;
            return name == "age"
                ? (person, _) => Math.Clamp(wave - 1 - birth[person], 0, max) + 1
                : (person, _) => r.IsForeignBorn(person) ? Math.Clamp(wave - 1 - immigration[person], 0, max) + 1 : 0;
        }

        var column = _variables.EncodedColumn(name, RegisterEncoder(name));
        return (person, _) => column[person];
    }

    public int ItemIndex(string id) => _itemIndex[id];

    public Value Get(string name, int person, ReadOnlySpan<int> answers)
    {
        if (_itemIndex.TryGetValue(name, out var k))
        {
            return k < answers.Length && answers[k] >= 0 ? Value.Of(answers[k]) : Value.Missing;
        }

        if (_wave is { } wave)
        {
            var r = _variables.Register;
            switch (name)
            {
                case "age":
                    return Value.Of(wave - 1 - r.BirthYear[person]);
                case "years_in_sweden":
                    return r.IsForeignBorn(person) ? Value.Of(wave - 1 - r.ImmigrationYear[person]) : Value.Missing;
                default:
                    break;
            }
        }

        return _getters.TryGetValue(name, out var getter)
            ? getter(person)
            : throw new InvalidOperationException($"variable '{name}' is neither a register variable nor a questionnaire item");
    }

    public int Encode(string name, int person, ReadOnlySpan<int> answers)
    {
        if (_itemIndex.TryGetValue(name, out var k))
        {
            return k < answers.Length && answers[k] >= 0 ? answers[k] + 1 : 0;
        }

        var value = Get(name, person, answers);
        if (value.IsMissing)
        {
            return 0;
        }

        return _types[name] switch
        {
            VariableType.Boolean => value.Boolean ? 2 : 1,
            VariableType.WholeNumber => Math.Clamp((int)value.Number, 0, _wholeMax[name] - 1) + 1,
            VariableType.Code => _codes[name].TryGetValue(value.Text, out var code) ? code : 0,
            _ => throw new InvalidOperationException($"variable '{name}' is not discrete"),
        };
    }

    /// <summary>
    /// <see cref="Encode"/> for a discrete register variable at the register's reference date, with the variable's
    /// getter, type and codes looked up once rather than per person.
    /// </summary>
    private Func<int, int> RegisterEncoder(string name)
    {
        var getter = _getters[name];
        switch (_types[name])
        {
            case VariableType.Boolean:
                return person => getter(person) is { IsMissing: false } v ? (v.Boolean ? 2 : 1) : 0;
            case VariableType.WholeNumber:
                var max = _wholeMax[name] - 1;
                return person => getter(person) is { IsMissing: false } v ? Math.Clamp((int)v.Number, 0, max) + 1 : 0;
            case VariableType.Code:
                var codes = _codes[name];
                return person => getter(person) is { IsMissing: false } v && codes.TryGetValue(v.Text, out var code) ? code : 0;
            default:
                throw new InvalidOperationException($"variable '{name}' is not discrete");
        }
    }

    public int MaxCode(string name)
    {
        if (_itemMax.TryGetValue(name, out var max))
        {
            return max;
        }

        return _types.TryGetValue(name, out var type)
            ? type switch
            {
                VariableType.Boolean => 2,
                VariableType.WholeNumber => _wholeMax[name],
                VariableType.Code => _codes[name].Count,
                _ => -1,
            }
            : -1;
    }
}

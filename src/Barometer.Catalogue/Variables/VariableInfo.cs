using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Text;

namespace Barometer.Catalogue.Variables;

/// <summary>Where a variable comes from.</summary>
public enum VariableOrigin
{
    /// <summary>Delivered by a register (register-variables.yaml, variables).</summary>
    Register,

    /// <summary>Derived by the catalogue from register variables (register-variables.yaml, derived).</summary>
    RegisterDerived,

    /// <summary>A questionnaire item: its value is the answer code.</summary>
    SurveyItem,

    /// <summary>The recode of a questionnaire item.</summary>
    SurveyRecode,

    /// <summary>Computed from several survey variables (questionnaire.yaml, derived).</summary>
    SurveyDerived,
}

/// <summary>Any variable of the catalogue, whatever its origin, with what expressions may assume about it.</summary>
public sealed record VariableInfo(
    string Name,
    VariableOrigin Origin,
    VariableType Type,
    string? Classification,
    LocalizedText Description,
    VariableDomain Domain,
    SourceLocation Location)
{
    /// <summary>True for variables that exist for every person of the population register (register and derived from it).</summary>
    public bool IsRegister => Origin is VariableOrigin.Register or VariableOrigin.RegisterDerived;
}

/// <summary>A set of variables expressions may use, e.g. the register variables, or those plus the survey's.</summary>
internal sealed class VariableScope(IEnumerable<VariableInfo> variables) : IVariableScope
{
    private readonly Dictionary<string, VariableInfo> _variables = variables
        .Where(v => v.Type != VariableType.Identifier)
        .GroupBy(v => v.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public IEnumerable<string> Names => _variables.Keys;

    public VariableDomain? Find(string name) => _variables.GetValueOrDefault(name)?.Domain;

    public VariableInfo? Info(string name) => _variables.GetValueOrDefault(name);
}

using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Text;

namespace Barometer.Catalogue.Variables;

/// <summary>The type of a variable's values.</summary>
public enum VariableType
{
    Boolean,

    /// <summary>Whole numbers: ages, years, counts.</summary>
    WholeNumber,

    /// <summary>Any number: amounts, scores.</summary>
    Number,

    /// <summary>A text code of a classification.</summary>
    Code,

    /// <summary>A person identifier: never used in expressions.</summary>
    Identifier,
}

/// <summary>A register that variables come from, e.g. RTB (the population register).</summary>
public sealed record Register(string Id, LocalizedText Name, SourceLocation Location);

/// <summary>
/// A variable the synthetic registers must produce (and real register extracts deliver), one value per person.
/// </summary>
/// <param name="Background">A background variable (sex, age, country of birth...): usable in any indicator, survey ones too, without being listed as its source.</param>
/// <param name="MissingAllowed">Whether the value may be missing (e.g. years in Sweden for the native-born); the meaning of missing is in <paramref name="Description"/>.</param>
public sealed record RegisterVariable(
    string Name,
    VariableType Type,
    string Register,
    LocalizedText Description,
    string? Classification,
    double? Min,
    double? Max,
    bool MissingAllowed,
    bool Background,
    string? Unit,
    SourceLocation Location);

/// <summary>How a derived variable is computed from others.</summary>
public abstract record Derivation;

/// <summary>The value of an expression.</summary>
public sealed record ExpressionDerivation(Formula Formula) : Derivation;

/// <summary>The code that a code variable's classification maps to in <paramref name="Classification"/>.</summary>
public sealed record MappingDerivation(string From, string Classification) : Derivation;

/// <summary>The band of <paramref name="Classification"/> containing a number; <paramref name="MissingCode"/> when the number is missing.</summary>
public sealed record BandDerivation(string From, string Classification, string? MissingCode) : Derivation;

/// <summary>A rule implemented in code, e.g. <see cref="Classifications.SwedishBackground"/>, from the named inputs.</summary>
public sealed record RuleDerivation(string Rule, IReadOnlyList<string> Inputs) : Derivation;

/// <summary>A variable the catalogue derives from register variables (regions of birth, bands, background...).</summary>
/// <param name="Classification">For a code result, the classification of its codes.</param>
public sealed record DerivedVariable(
    string Name,
    VariableType Type,
    LocalizedText Description,
    Derivation Derivation,
    string? Classification,
    SourceLocation Location);

namespace Barometer.Catalogue.Expressions;

/// <summary>The type an expression evaluates to.</summary>
public enum ExpressionType
{
    /// <summary>The type could not be determined because of an earlier problem.</summary>
    Unknown,
    Boolean,
    Number,

    /// <summary>A text code of a classification.</summary>
    Code,
}

/// <summary>What the checker knows about a variable: its type and the values it can take.</summary>
public sealed record VariableDomain(string Name, ExpressionType Type, bool MissingAllowed)
{
    /// <summary>For a code variable: the codes of its classification, when it has one.</summary>
    public IReadOnlySet<string>? Codes { get; init; }

    /// <summary>The classification the codes come from, for messages.</summary>
    public string? Classification { get; init; }

    /// <summary>For a survey item: its answer codes; comparisons with other numbers are reported.</summary>
    public IReadOnlySet<double>? NumericCodes { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>True when the variable takes only whole numbers (ages, years, answer codes).</summary>
    public bool WholeNumbers { get; init; }
}

/// <summary>The variables an expression may use.</summary>
public interface IVariableScope
{
    VariableDomain? Find(string name);

    IEnumerable<string> Names { get; }
}

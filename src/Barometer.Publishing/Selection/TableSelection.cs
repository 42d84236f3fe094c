namespace Barometer.Publishing.Selection;

/// <summary>
/// The selection of one variable: value codes and value expressions (<c>*</c>, wildcards, <c>top(n)</c>,
/// <c>bottom(n)</c>, <c>from(code)</c>, <c>to(code)</c>, <c>range(a,b)</c>; see docs/api.md), and optionally the
/// codelist whose values the codes refer to.
/// </summary>
public sealed record VariableSelection(string Code, IReadOnlyList<string> ValueExpressions, string? Codelist = null);

/// <summary>
/// A PxWeb data selection: the selected variables (variables left out are eliminated or take their default) and the
/// placement of the variables in the heading and the stub. A selection without variables is the table's default.
/// </summary>
public sealed record TableSelection(IReadOnlyList<VariableSelection> Variables, IReadOnlyList<string>? Heading = null, IReadOnlyList<string>? Stub = null)
{
    /// <summary>No variables: the table's default selection applies.</summary>
    public static TableSelection Empty { get; } = new([]);

    /// <summary>The selection of <paramref name="code"/> (matched case-insensitively), or null.</summary>
    public VariableSelection? Find(string code) =>
        Variables.FirstOrDefault(v => string.Equals(v.Code, code, StringComparison.OrdinalIgnoreCase));
}

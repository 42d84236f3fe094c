namespace Barometer.Publishing.Px;

/// <summary>Where a variable sits in the table: down the side (stub) or across the top (heading).</summary>
public enum PxPlacement
{
    Stub,
    Heading,
}

/// <summary>
/// One dimension of a PX table. Names and value texts are kept per language; codes are language-neutral.
/// </summary>
public sealed class PxVariable
{
    internal PxVariable(
        string code,
        PxPlacement placement,
        IReadOnlyDictionary<string, string> names,
        IReadOnlyList<string> codes,
        IReadOnlyDictionary<string, IReadOnlyList<string>> values,
        bool isContents,
        bool isTime,
        bool canEliminate,
        string? eliminationCode,
        string? variableType)
    {
        Code = code;
        Placement = placement;
        Names = names;
        Codes = codes;
        Values = values;
        IsContents = isContents;
        IsTime = isTime;
        CanEliminate = canEliminate;
        EliminationCode = eliminationCode;
        VariableType = variableType;
    }

    /// <summary>VARIABLECODE, or the name in the default language when the file gives none.</summary>
    public string Code { get; }

    public PxPlacement Placement { get; }

    /// <summary>The variable's name per language (the text in STUB/HEADING).</summary>
    public IReadOnlyDictionary<string, string> Names { get; }

    /// <summary>CODES, or the default-language VALUES when the file gives none.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>The value texts per language, in the same order as <see cref="Codes"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; }

    /// <summary>The variable named by CONTVARIABLE.</summary>
    public bool IsContents { get; }

    /// <summary>The variable has TIMEVAL (or VARIABLE-TYPE "T").</summary>
    public bool IsTime { get; }

    /// <summary>ELIMINATION is YES or names a value: the variable may be left out of a selection.</summary>
    public bool CanEliminate { get; }

    /// <summary>The code of the value that stands for the whole when the variable is eliminated, if any.</summary>
    public string? EliminationCode { get; }

    /// <summary>VARIABLE-TYPE as written (e.g. "V", "T"), if given.</summary>
    public string? VariableType { get; }

    public int Count => Codes.Count;

    /// <summary>The position of <paramref name="code"/>, or -1.</summary>
    public int IndexOf(string code)
    {
        for (var i = 0; i < Codes.Count; i++)
        {
            if (string.Equals(Codes[i], code, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

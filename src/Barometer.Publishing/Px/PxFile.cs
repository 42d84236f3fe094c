namespace Barometer.Publishing.Px;

/// <summary>
/// A PX table read by <see cref="PxReader"/>: every keyword entry as written, the variables (stub first, then
/// heading) and the data cells in PX order (the last heading variable varies fastest).
/// </summary>
public sealed class PxFile
{
    private readonly IReadOnlyList<PxKeyword> _keywords;
    private readonly int[] _strides;

    internal PxFile(
        string? defaultLanguage,
        IReadOnlyList<string> languages,
        IReadOnlyList<PxKeyword> keywords,
        IReadOnlyList<PxVariable> variables,
        double?[] data,
        PxDataSymbol[] symbols,
        int decimals,
        IReadOnlyList<string> warnings)
    {
        DefaultLanguage = defaultLanguage;
        Languages = languages;
        _keywords = keywords;
        Variables = variables;
        Data = data;
        Symbols = symbols;
        Decimals = decimals;
        Warnings = warnings;
        _strides = new int[variables.Count];
        var stride = 1;
        for (var i = variables.Count - 1; i >= 0; i--)
        {
            _strides[i] = stride;
            stride *= variables[i].Count;
        }
    }

    /// <summary>LANGUAGE, or null when the file does not say.</summary>
    public string? DefaultLanguage { get; }

    /// <summary>LANGUAGES, or just the default language (empty when the file names none).</summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>Every keyword entry in file order, DATA excluded.</summary>
    public IReadOnlyList<PxKeyword> Keywords => _keywords;

    /// <summary>The stub variables in order, then the heading variables in order.</summary>
    public IReadOnlyList<PxVariable> Variables { get; }

    public IEnumerable<PxVariable> Stub => Variables.Where(v => v.Placement == PxPlacement.Stub);

    public IEnumerable<PxVariable> Heading => Variables.Where(v => v.Placement == PxPlacement.Heading);

    /// <summary>The cells; null where the cell holds a dot symbol. A <see cref="PxDataSymbol.Nil"/> cell is 0.</summary>
    public IReadOnlyList<double?> Data { get; }

    /// <summary>The status of each cell, <see cref="PxDataSymbol.None"/> for an ordinary number.</summary>
    public IReadOnlyList<PxDataSymbol> Symbols { get; }

    /// <summary>DECIMALS.</summary>
    public int Decimals { get; }

    /// <summary>Things the reader tolerated and a producer should fix (e.g. a CODEPAGE that does not match the bytes).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>MATRIX.</summary>
    public string Matrix => GetText("MATRIX") ?? string.Empty;

    public string? Title(string? language = null) => GetText("TITLE", language);

    /// <summary>The variable with this code (VARIABLECODE) or default-language name.</summary>
    public PxVariable GetVariable(string codeOrName) =>
        Variables.FirstOrDefault(v => string.Equals(v.Code, codeOrName, StringComparison.Ordinal))
        ?? Variables.FirstOrDefault(v => v.Names.Values.Contains(codeOrName, StringComparer.Ordinal))
        ?? throw new KeyNotFoundException($"The PX table {Matrix} has no variable '{codeOrName}'.");

    /// <summary>The cell at one position per variable (stub then heading order).</summary>
    public double? GetCell(params int[] positions) => Data[CellIndex(positions)];

    /// <summary>The cell at one value code per variable, named by variable code.</summary>
    public double? GetCell(IReadOnlyDictionary<string, string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return Data[CellIndex(codes)];
    }

    public PxDataSymbol GetSymbol(IReadOnlyDictionary<string, string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return Symbols[CellIndex(codes)];
    }

    /// <summary>The text shown for a symbol: DATASYMBOLn / DATASYMBOLNIL, or the dots themselves by default.</summary>
    public string SymbolText(PxDataSymbol symbol, string? language = null) => symbol switch
    {
        PxDataSymbol.None => string.Empty,
        PxDataSymbol.Nil => GetText("DATASYMBOLNIL", language) ?? "-",
        _ => GetText($"DATASYMBOL{(int)symbol}", language) ?? new string('.', (int)symbol),
    };

    public int CellIndex(params int[] positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Length != Variables.Count)
        {
            throw new ArgumentException($"Expected {Variables.Count} positions, got {positions.Length}.", nameof(positions));
        }

        var index = 0;
        for (var i = 0; i < positions.Length; i++)
        {
            if (positions[i] < 0 || positions[i] >= Variables[i].Count)
            {
                throw new ArgumentOutOfRangeException(nameof(positions), $"Position {positions[i]} is outside variable {Variables[i].Code}.");
            }

            index += positions[i] * _strides[i];
        }

        return index;
    }

    private int CellIndex(IReadOnlyDictionary<string, string> codes)
    {
        var positions = new int[Variables.Count];
        for (var i = 0; i < Variables.Count; i++)
        {
            var variable = Variables[i];
            if (!codes.TryGetValue(variable.Code, out var code))
            {
                throw new KeyNotFoundException($"No code given for variable {variable.Code}.");
            }

            positions[i] = variable.IndexOf(code);
            if (positions[i] < 0)
            {
                throw new KeyNotFoundException($"Variable {variable.Code} has no value with code '{code}'.");
            }
        }

        return CellIndex(positions);
    }

    /// <summary>
    /// The entry <paramref name="name"/> in <paramref name="language"/> (default language when null), with these
    /// sub-keys; falls back to the default-language entry when a translation is missing.
    /// </summary>
    public PxKeyword? Find(string name, string? language = null, params string[] subKeys)
    {
        var lang = language is null || language == DefaultLanguage ? null : language;
        var match = _keywords.FirstOrDefault(k => Matches(k, name, lang, subKeys));
        return match ?? (lang is null ? null : _keywords.FirstOrDefault(k => Matches(k, name, null, subKeys)));
    }

    /// <summary>The text of a keyword entry (see <see cref="Find"/>), or null.</summary>
    public string? GetText(string name, string? language = null, params string[] subKeys) =>
        Find(name, language, subKeys)?.Text;

    private static bool Matches(PxKeyword keyword, string name, string? language, string[] subKeys) =>
        string.Equals(keyword.Name, name, StringComparison.Ordinal)
        && string.Equals(keyword.Language, language, StringComparison.Ordinal)
        && keyword.SubKeys.SequenceEqual(subKeys, StringComparer.Ordinal);
}

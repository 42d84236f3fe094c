namespace Barometer.Synthetic.Output;

/// <summary>The physical type of a column in the output files.</summary>
public enum ColumnKind
{
    /// <summary>32-bit integer (codes, years, counts, amounts in SEK).</summary>
    WholeNumber,

    /// <summary>Double-precision number.</summary>
    Number,

    /// <summary>Text (codes that are not numbers, ids).</summary>
    Text,

    /// <summary>True/false.</summary>
    Flag,
}

/// <summary>A label in Swedish and English.</summary>
/// <param name="Sv">Swedish (the default language).</param>
/// <param name="En">English.</param>
public sealed record Label(string Sv, string En);

/// <summary>
/// One column: its name, kind, whether it may be missing, its description, and either the codes it takes (with
/// labels) or the name of the classification that holds them.
/// </summary>
public sealed class ColumnSpec
{
    private ColumnSpec(string name, ColumnKind kind, Label description)
    {
        Name = name;
        Kind = kind;
        Description = description;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The physical type.</summary>
    public ColumnKind Kind { get; }

    /// <summary>What the column holds.</summary>
    public Label Description { get; }

    /// <summary>Whether missing values occur (null in Parquet, empty in CSV).</summary>
    public bool Nullable { get; private init; }

    /// <summary>The codes and their labels, for a categorical column with a short code list.</summary>
    public IReadOnlyList<(string Code, Label Label)>? Codes { get; private init; }

    /// <summary>The classification holding the codes, for long code lists (countries, kommuner).</summary>
    public string? Classification { get; private init; }

    /// <summary>The unit, for amounts and durations.</summary>
    public string? Unit { get; private init; }

    internal Func<int, int>? IntValue { get; private init; }

    internal Func<int, double>? NumberValue { get; private init; }

    internal Func<int, string?>? TextValue { get; private init; }

    internal Func<int, bool>? BoolValue { get; private init; }

    internal Func<int, bool?>? NullableBoolValue { get; private init; }

    /// <summary>The value marking a missing integer.</summary>
    public const int MissingInteger = int.MinValue;

    internal static ColumnSpec Whole(string name, Label description, Func<int, int> value, bool nullable = false,
        IReadOnlyList<(string, Label)>? codes = null, string? unit = null, string? classification = null) =>
        new(name, ColumnKind.WholeNumber, description)
        {
            IntValue = value,
            Nullable = nullable,
            Codes = codes,
            Unit = unit,
            Classification = classification,
        };

    internal static ColumnSpec Num(string name, Label description, Func<int, double> value, bool nullable = false, string? unit = null) =>
        new(name, ColumnKind.Number, description) { NumberValue = value, Nullable = nullable, Unit = unit };

    internal static ColumnSpec Text(string name, Label description, Func<int, string?> value, bool nullable = false,
        IReadOnlyList<(string, Label)>? codes = null, string? classification = null) =>
        new(name, ColumnKind.Text, description) { TextValue = value, Nullable = nullable, Codes = codes, Classification = classification };

    internal static ColumnSpec Flag(string name, Label description, Func<int, bool> value) =>
        new(name, ColumnKind.Flag, description) { BoolValue = value };

    internal static ColumnSpec OptionalFlag(string name, Label description, Func<int, bool?> value) =>
        new(name, ColumnKind.Flag, description) { NullableBoolValue = value, Nullable = true };
}

/// <summary>A table to write: a relative path without extension, a description, a row count and columns whose values are read by row index.</summary>
/// <param name="Path">Relative path inside the output folder, without extension (e.g. <c>survey/2024/sample</c>).</param>
/// <param name="Description">What one row is.</param>
/// <param name="RowCount">The number of rows.</param>
/// <param name="Columns">The columns in file order.</param>
public sealed record SyntheticTable(string Path, Label Description, int RowCount, IReadOnlyList<ColumnSpec> Columns);

namespace Barometer.Estimation.Data;

/// <summary>
/// The respondent-level data an estimation runs on: named columns of equal length, each either numeric
/// (<see cref="NumericColumn"/>, missing as <see cref="double.NaN"/>) or text (<see cref="TextColumn"/>, missing as
/// <see langword="null"/>). Readers (CSV, Parquet, the store) build it; the engine never does I/O.
/// </summary>
public sealed class SurveyData
{
    private readonly Dictionary<string, SurveyColumn> _columns;

    /// <summary>Creates a data set from its columns.</summary>
    /// <param name="columns">The columns, all of the same length, with distinct names.</param>
    /// <exception cref="ArgumentException">Columns differ in length or names repeat.</exception>
    public SurveyData(IEnumerable<SurveyColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = new Dictionary<string, SurveyColumn>(StringComparer.Ordinal);
        var rows = -1;
        foreach (var column in columns)
        {
            if (rows >= 0 && column.Length != rows)
            {
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows; the others have {rows}.", nameof(columns));
            }

            rows = column.Length;
            if (!_columns.TryAdd(column.Name, column))
            {
                throw new ArgumentException($"Column '{column.Name}' appears twice.", nameof(columns));
            }
        }

        RowCount = Math.Max(rows, 0);
    }

    /// <summary>The number of respondents (rows).</summary>
    public int RowCount { get; }

    /// <summary>The column names, in the order they were given.</summary>
    public IEnumerable<string> ColumnNames => _columns.Keys;

    /// <summary>Whether a column of that name exists.</summary>
    public bool HasColumn(string name) => _columns.ContainsKey(name);

    /// <summary>Finds a column by name.</summary>
    public bool TryGetColumn(string name, out SurveyColumn column) => _columns.TryGetValue(name, out column!);
}

/// <summary>One named column of <see cref="SurveyData"/>.</summary>
/// <param name="Name">The column name as written in the data file's header.</param>
public abstract record SurveyColumn(string Name)
{
    /// <summary>The number of rows.</summary>
    public abstract int Length { get; }
}

/// <summary>A numeric column; <see cref="double.NaN"/> marks a missing value.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Values">The values, one per row.</param>
public sealed record NumericColumn(string Name, double[] Values) : SurveyColumn(Name)
{
    /// <inheritdoc />
    public override int Length => Values.Length;
}

/// <summary>A text column; <see langword="null"/> marks a missing value.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Values">The values, one per row.</param>
public sealed record TextColumn(string Name, string?[] Values) : SurveyColumn(Name)
{
    /// <inheritdoc />
    public override int Length => Values.Length;
}

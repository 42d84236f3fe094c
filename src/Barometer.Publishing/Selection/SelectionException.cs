namespace Barometer.Publishing.Selection;

/// <summary>
/// A selection the table cannot answer: an unknown variable or value, a malformed expression, a selection of
/// nothing. <see cref="Variable"/> and <see cref="Value"/> name what is at fault (when the fault has one) and the
/// message names both; it speaks only of what the table publishes.
/// </summary>
public sealed class SelectionException : Exception
{
    public SelectionException(string? variable, string? value, string message)
        : base(message)
    {
        Variable = variable;
        Value = value;
    }

    public SelectionException()
    {
    }

    public SelectionException(string message)
        : base(message)
    {
    }

    public SelectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The variable at fault, or null when the fault is not with one variable.</summary>
    public string? Variable { get; }

    /// <summary>The value code or expression at fault, or null.</summary>
    public string? Value { get; }
}

/// <summary>Thrown before anything is computed when a selection has more cells than allowed.</summary>
public sealed class TooManyCellsException : Exception
{
    public TooManyCellsException(long cells, long maxCells)
        : base($"the selection has {cells} cells, more than the {maxCells} allowed; select fewer values.")
    {
        Cells = cells;
        MaxCells = maxCells;
    }

    public TooManyCellsException()
    {
    }

    public TooManyCellsException(string message)
        : base(message)
    {
    }

    public TooManyCellsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The number of cells the selection has (saturated at <see cref="long.MaxValue"/>).</summary>
    public long Cells { get; }

    public long MaxCells { get; }
}

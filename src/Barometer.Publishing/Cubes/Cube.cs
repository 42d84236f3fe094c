using Barometer.Catalogue.Text;

namespace Barometer.Publishing.Cubes;

/// <summary>The role a dimension plays, as PxWeb and JSON-stat name them.</summary>
public enum DimensionRole
{
    Regular,
    Time,
    Contents,
    Geo,
}

/// <summary>
/// One value of a dimension: its code and its label in Swedish and English. For a value of the contents dimension,
/// <see cref="Unit"/> and <see cref="Decimals"/> say how its numbers are measured and shown.
/// </summary>
public sealed record CubeValue(string Code, LocalizedText Label)
{
    public LocalizedText? Unit { get; init; }

    public int? Decimals { get; init; }

    /// <summary>A note on this value (PX VALUENOTE, JSON-stat category note).</summary>
    public LocalizedText? Note { get; init; }
}

/// <summary>A dimension of a cube with its values in publication order.</summary>
public sealed record CubeDimension(string Code, LocalizedText Label, DimensionRole Role, IReadOnlyList<CubeValue> Values)
{
    /// <summary>Whether the dimension may be left out of a selection (PxWeb "elimination"): it has a total value.</summary>
    public bool Elimination { get; init; }

    /// <summary>Notes on the dimension (PX NOTE for the variable, JSON-stat dimension note).</summary>
    public IReadOnlyList<LocalizedText> Notes { get; init; } = [];

    public int IndexOf(string code)
    {
        for (var i = 0; i < Values.Count; i++)
        {
            if (string.Equals(Values[i].Code, code, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>
/// A status symbol a cell may carry instead of (or beside) its value — e.g. <c>..</c> too uncertain, <c>.</c> not
/// applicable — with its explanation. The same symbol means the same thing in every output format.
/// </summary>
public sealed record CubeSymbol(string Symbol, LocalizedText Explanation, bool HidesValue);

/// <summary>
/// A selected, ready-to-write table: the dimensions (each already narrowed to the selected values) and one value and
/// one status per cell in row-major order over <see cref="Dimensions"/> (the last dimension varies fastest, as in
/// JSON-stat). A cell with a status whose symbol hides the value has a null value. <see cref="Stub"/> and
/// <see cref="Heading"/> give the layout for two-dimensional formats (PX, CSV, XLSX, HTML): together they list every
/// dimension code once. Every output format writes from a cube, and none of them reads anything else.
/// </summary>
public sealed class Cube
{
    public Cube(string tableId, IReadOnlyList<CubeDimension> dimensions, IReadOnlyList<double?> values, IReadOnlyList<string?> status)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableId);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(status);
        var cells = 1L;
        foreach (var dimension in dimensions)
        {
            cells *= dimension.Values.Count;
        }

        if (values.Count != cells || status.Count != cells)
        {
            throw new ArgumentException($"a cube with these dimensions has {cells} cells, but {values.Count} values and {status.Count} statuses were given.");
        }

        TableId = tableId;
        Dimensions = dimensions;
        Values = values;
        Status = status;
        Stub = [.. dimensions.Take(Math.Max(0, dimensions.Count - 1)).Select(d => d.Code)];
        Heading = dimensions.Count == 0 ? [] : [dimensions[^1].Code];
    }

    public string TableId { get; }

    public required LocalizedText Title { get; init; }

    /// <summary>Short description of the contents (PX CONTENTS / DESCRIPTION).</summary>
    public required LocalizedText Contents { get; init; }

    public required LocalizedText Source { get; init; }

    /// <summary>When the data were last updated: the release time of the newest release in the cube.</summary>
    public required DateTimeOffset Updated { get; init; }

    /// <summary>Subject area code and label (PX SUBJECT-CODE / SUBJECT-AREA), e.g. the sub-goal.</summary>
    public string SubjectCode { get; init; } = "IB";

    public LocalizedText SubjectArea { get; init; } = new("Integration", "Integration");

    public LocalizedText? Contact { get; init; }

    public bool OfficialStatistics { get; init; }

    public IReadOnlyList<CubeDimension> Dimensions { get; }

    public IReadOnlyList<double?> Values { get; }

    public IReadOnlyList<string?> Status { get; }

    /// <summary>Codes of the dimensions shown as rows; with <see cref="Heading"/> it lists every dimension once.</summary>
    public IReadOnlyList<string> Stub { get; init; }

    /// <summary>Codes of the dimensions shown as columns.</summary>
    public IReadOnlyList<string> Heading { get; init; }

    /// <summary>The symbols used in <see cref="Status"/>, each explained.</summary>
    public IReadOnlyList<CubeSymbol> Symbols { get; init; } = [];

    /// <summary>Notes on the whole table (definitions, quality, how to read the margin of error).</summary>
    public IReadOnlyList<LocalizedText> Notes { get; init; } = [];

    public CubeDimension Dimension(string code) =>
        Dimensions.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"the cube has no dimension '{code}'.");

    /// <summary>The row-major index of the cell with one value index per dimension, in dimension order.</summary>
    public int IndexOf(ReadOnlySpan<int> valueIndexes)
    {
        if (valueIndexes.Length != Dimensions.Count)
        {
            throw new ArgumentException($"expected {Dimensions.Count} value indexes, got {valueIndexes.Length}.", nameof(valueIndexes));
        }

        var index = 0;
        for (var d = 0; d < Dimensions.Count; d++)
        {
            index = (index * Dimensions[d].Values.Count) + valueIndexes[d];
        }

        return index;
    }
}

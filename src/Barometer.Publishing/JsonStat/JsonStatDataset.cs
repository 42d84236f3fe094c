namespace Barometer.Publishing.JsonStat;

/// <summary>One category of a JSON-stat dimension, in index order.</summary>
public sealed record JsonStatCategory(string Code, string Label);

/// <summary>One dimension of a JSON-stat dataset.</summary>
public sealed class JsonStatDimension(string id, string label, IReadOnlyList<JsonStatCategory> categories)
{
    public string Id { get; } = id;

    public string Label { get; } = label;

    /// <summary>The categories in index order.</summary>
    public IReadOnlyList<JsonStatCategory> Categories { get; } = categories;

    public int IndexOf(string code)
    {
        for (var i = 0; i < Categories.Count; i++)
        {
            if (string.Equals(Categories[i].Code, code, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>
/// A JSON-stat 2.0 dataset (class "dataset"), as served by PxWeb API 2.0 and Statistikdatabasen. Values are in
/// row-major order over <see cref="Dimensions"/> (the last dimension varies fastest).
/// </summary>
public sealed class JsonStatDataset
{
    private readonly int[] _strides;

    internal JsonStatDataset(
        string? label,
        string? source,
        string? updated,
        IReadOnlyList<JsonStatDimension> dimensions,
        IReadOnlyDictionary<string, IReadOnlyList<string>> roles,
        double?[]? values,
        string?[]? status)
    {
        Label = label;
        Source = source;
        Updated = updated;
        Dimensions = dimensions;
        Roles = roles;
        Values = values;
        Status = status;
        _strides = new int[dimensions.Count];
        var stride = 1;
        for (var i = dimensions.Count - 1; i >= 0; i--)
        {
            _strides[i] = stride;
            stride *= dimensions[i].Categories.Count;
        }

        CellCount = stride;
    }

    public string? Label { get; }

    public string? Source { get; }

    public string? Updated { get; }

    /// <summary>The dimensions in the order of <c>id</c>.</summary>
    public IReadOnlyList<JsonStatDimension> Dimensions { get; }

    /// <summary><c>role</c>: time, geo, metric → dimension ids.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; }

    /// <summary>The cells, null where the value is null; null when the document has no <c>value</c> (metadata only).</summary>
    public IReadOnlyList<double?>? Values { get; }

    /// <summary>The status of each cell (null where none), or null when the document has no <c>status</c>.</summary>
    public IReadOnlyList<string?>? Status { get; }

    public int CellCount { get; }

    public JsonStatDimension Dimension(string id) =>
        Dimensions.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"The dataset has no dimension '{id}'.");

    /// <summary>The cell index for one category code per dimension id.</summary>
    public int CellIndex(IReadOnlyDictionary<string, string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var index = 0;
        for (var i = 0; i < Dimensions.Count; i++)
        {
            var dimension = Dimensions[i];
            if (!codes.TryGetValue(dimension.Id, out var code))
            {
                throw new KeyNotFoundException($"No category given for dimension {dimension.Id}.");
            }

            var position = dimension.IndexOf(code);
            if (position < 0)
            {
                throw new KeyNotFoundException($"Dimension {dimension.Id} has no category '{code}'.");
            }

            index += position * _strides[i];
        }

        return index;
    }

    public double? GetValue(IReadOnlyDictionary<string, string> codes) =>
        Values is null ? throw new InvalidOperationException("The dataset has no values (metadata only).") : Values[CellIndex(codes)];
}

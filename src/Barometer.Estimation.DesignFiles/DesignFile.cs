using Barometer.Estimation.Requests;

namespace Barometer.Estimation.DesignFiles;

/// <summary>How a design file uses a data column, which decides what the column must hold.</summary>
public enum ColumnUse
{
    /// <summary>Ids, strata, domains, categories: numbers or text.</summary>
    Any,

    /// <summary>Weights, fpc, replicate weights, analysis variables of totals, means, ratios and differences.</summary>
    Number,
}

/// <summary>A column named in the design file, with the key that names it.</summary>
public sealed record ColumnReference(string Column, string Key, ColumnUse Use);

/// <summary>The replicates section before its column patterns are matched against the data's header.</summary>
public sealed record ReplicatesEntry(ReplicateType Type, IReadOnlyList<string>? ColumnPatterns, double? Rho);

/// <summary>
/// A parsed design file of <c>barometer estimate</c>: the request's parts, the columns it names, and the line of
/// every key so that problems found later (in the data or by the engine) can point back into the file.
/// </summary>
public sealed class DesignFile(
    string path,
    DesignSpec design,
    CalibrationSpec? calibration,
    ReplicatesEntry? replicates,
    IReadOnlyList<EstimateSpec> estimates,
    double level,
    IReadOnlyList<ColumnReference> references,
    IReadOnlyDictionary<string, int> lines)
{
    public string Path { get; } = path;

    public DesignSpec Design { get; } = design;

    public CalibrationSpec? Calibration { get; } = calibration;

    public ReplicatesEntry? Replicates { get; } = replicates;

    public IReadOnlyList<EstimateSpec> Estimates { get; } = estimates;

    public double Level { get; } = level;

    public IReadOnlyList<ColumnReference> References { get; } = references;

    /// <summary>Whether the key path (e.g. <c>estimates[2].by[0]</c>) was written in the file.</summary>
    public bool HasKey(string key) => lines.ContainsKey(key);

    /// <summary>
    /// The line of a key path, or of its nearest written parent (<c>calibration.bounds</c> falls back to
    /// <c>calibration</c> when no bounds were given); <see langword="null"/> when nothing of it is in the file.
    /// </summary>
    public int? LineOf(string key)
    {
        var current = key;
        while (current.Length > 0)
        {
            if (lines.TryGetValue(current, out var line))
            {
                return line;
            }

            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0)
            {
                return null;
            }

            current = current[..cut];
        }

        return null;
    }
}

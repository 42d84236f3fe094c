using Barometer.Storage.Codebooks;

namespace Barometer.Storage.Ingestion;

/// <summary>A file to ingest, with its description from the codebook and its role.</summary>
internal sealed record InputFile(string FullPath, string RelativePath, string Scope, string Kind, CodebookFile Description)
{
    public bool IsCsv => FullPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    public string Sha256 { get; init; } = string.Empty;

    /// <summary>
    /// The path DuckDB reads: <see cref="FullPath"/> itself, or a private copy of exactly the bytes that were hashed
    /// when DuckDB would take the path as a glob pattern (see <see cref="InputScan"/>).
    /// </summary>
    public string ReadPath { get; init; } = string.Empty;

    /// <summary>The CSV header as written (each name exactly as in the file), or null for Parquet.</summary>
    public IReadOnlyList<string>? Header { get; init; }

    /// <summary>The files of an input: the file itself, or every .parquet/.csv file below the folder, in path order.</summary>
    public static IReadOnlyList<string> Enumerate(string input)
    {
        if (File.Exists(input))
        {
            return [Path.GetFullPath(input)];
        }

        return Directory.Exists(input)
            ? Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                .Where(p => p.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                .Where(p => !Path.GetFileName(p).StartsWith('.'))
                .Select(Path.GetFullPath)
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
    }

    /// <summary>The SHA-256 of a regular file (what <see cref="InputScan"/> records for it).</summary>
    public static string HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }
}

using System.Security.Cryptography;
using Barometer.Storage.Codebooks;

namespace Barometer.Storage.Ingestion;

/// <summary>A file to ingest, with its description from the codebook and its role.</summary>
internal sealed record InputFile(string FullPath, string RelativePath, string Scope, string Kind, CodebookFile Description)
{
    public bool IsCsv => FullPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    public string Sha256 { get; init; } = string.Empty;

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

    public static string HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

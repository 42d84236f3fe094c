using System.Security.Cryptography;
using System.Text;

namespace Barometer.Catalogue;

/// <summary>
/// The provenance of a catalogue: the version its authors declared in catalogue.yaml and a SHA-256 over the
/// content of every file (relative path and bytes, in ordinal path order), so that two runs can prove they used the
/// same catalogue even when someone forgot to raise the declared version.
/// </summary>
public sealed record CatalogueVersion(string Declared, string ContentHash)
{
    /// <summary>The first 12 hex digits of the content hash.</summary>
    public string ShortHash => ContentHash[..Math.Min(12, ContentHash.Length)];

    public override string ToString() => $"{Declared}+{ShortHash}";

    internal static CatalogueVersion Compute(string root, string declared)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        foreach (var relative in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(root, relative)));
            hash.AppendData("\0"u8);
        }

        return new CatalogueVersion(declared, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}

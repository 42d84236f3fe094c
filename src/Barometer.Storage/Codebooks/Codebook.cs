namespace Barometer.Storage.Codebooks;

/// <summary>The physical type of a column, as the codebook names it.</summary>
public enum CodebookType
{
    /// <summary><c>integer</c>: whole numbers (stored as BIGINT).</summary>
    WholeNumber,

    /// <summary><c>number</c>: real numbers (stored as DOUBLE).</summary>
    Number,

    /// <summary><c>text</c> (stored as VARCHAR).</summary>
    Text,

    /// <summary><c>boolean</c>.</summary>
    Boolean,
}

/// <summary>One column of a described file.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The physical type.</param>
/// <param name="Nullable">Whether values may be missing.</param>
/// <param name="Codes">The codes the column may take, when the codebook lists them.</param>
/// <param name="Classification">The catalogue classification that holds the codes, when the codebook names one.</param>
/// <param name="Unit">The unit, for amounts.</param>
/// <param name="AllowNonFinite">Whether a number may be NaN or infinite (<c>allow_non_finite: true</c>); refused otherwise.</param>
public sealed record CodebookColumn(
    string Name,
    CodebookType Type,
    bool Nullable,
    IReadOnlyList<string>? Codes,
    string? Classification,
    string? Unit,
    bool AllowNonFinite = false);

/// <summary>One file of the codebook: its path relative to the codebook, its rows and its columns in order.</summary>
/// <param name="Path">The path relative to the codebook's folder.</param>
/// <param name="Rows">The row count the codebook promises, if any.</param>
/// <param name="Kind">What the file is, when the codebook says (<c>register</c>, <c>gross_sample</c>, <c>responses</c>).</param>
/// <param name="Key">The columns that identify a row; <c>person_id</c> when the codebook does not say.</param>
/// <param name="Columns">The columns in file order.</param>
public sealed record CodebookFile(
    string Path,
    long? Rows,
    string? Kind,
    IReadOnlyList<string>? Key,
    IReadOnlyList<CodebookColumn> Columns)
{
    public CodebookColumn? Column(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}

/// <summary>
/// The codebook that describes input files (written by <c>barometer synth</c> as <c>codebook.yaml</c>, or by a
/// producer for real extracts): every file with every column's type, nullability and codes or classification.
/// </summary>
public sealed class Codebook(string directory, IReadOnlyList<CodebookFile> files, string sha256)
{
    /// <summary>The folder the file paths are relative to (where codebook.yaml lies).</summary>
    public string Directory { get; } = directory;

    public IReadOnlyList<CodebookFile> Files { get; } = files;

    public string Sha256 { get; } = sha256;

    /// <summary>The description of <paramref name="fullPath"/>, matched by path relative to the codebook (with or without extension).</summary>
    public CodebookFile? Describe(string fullPath)
    {
        var relative = System.IO.Path.GetRelativePath(Directory, fullPath).Replace('\\', '/');
        var stem = StripExtension(relative);
        return Files.FirstOrDefault(f => string.Equals(f.Path, relative, StringComparison.Ordinal))
            ?? Files.FirstOrDefault(f => string.Equals(StripExtension(f.Path), stem, StringComparison.Ordinal));
    }

    private static string StripExtension(string path)
    {
        var extension = System.IO.Path.GetExtension(path);
        return extension is ".parquet" or ".csv" ? path[..^extension.Length] : path;
    }
}

namespace Barometer.Synthetic.Output;

/// <summary>
/// Writes into a hidden sibling folder (<c>.NAME.partial-PID</c>) and only at the end, after the completion marker
/// is written, renames it to the requested folder. An interrupted run therefore leaves at most a hidden partial
/// folder (removed by the next run) and never a folder that looks complete. An existing folder is replaced only
/// when it is itself a finished synthetic-data folder (it holds the marker); anything else is refused.
/// </summary>
public sealed class OutputFolder
{
    /// <summary>The name of the completion marker written last into a finished folder.</summary>
    public const string CompletionMarker = "_COMPLETE";

    private OutputFolder(string finalPath, string stagingPath)
    {
        FinalPath = finalPath;
        StagingPath = stagingPath;
    }

    /// <summary>The folder the user asked for.</summary>
    public string FinalPath { get; }

    /// <summary>The hidden folder being written.</summary>
    public string StagingPath { get; }

    /// <summary>
    /// Checks the target and creates the staging folder.
    /// </summary>
    /// <exception cref="OutputFolderException">The target exists and is not a finished synthetic-data folder, or the parent cannot be written.</exception>
    public static OutputFolder Prepare(string path, int processId)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full);
        var name = Path.GetFileName(full);
        if (string.IsNullOrEmpty(parent) || string.IsNullOrEmpty(name))
        {
            throw new OutputFolderException($"'{path}' cannot be used as output folder: give a folder below an existing one.");
        }

        if (File.Exists(full))
        {
            throw new OutputFolderException($"'{path}' is a file, not a folder.");
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !File.Exists(Path.Combine(full, CompletionMarker)))
        {
            throw new OutputFolderException(
                $"'{path}' exists and is not a finished synthetic-data folder (no {CompletionMarker} marker); choose an empty or new folder.");
        }

        try
        {
            Directory.CreateDirectory(parent);
            foreach (var stale in Directory.EnumerateDirectories(parent, $".{name}.partial-*"))
            {
                Directory.Delete(stale, recursive: true);
            }

            var staging = Path.Combine(parent, $".{name}.partial-{processId}");
            Directory.CreateDirectory(staging);
            var probe = Path.Combine(staging, ".write-probe");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return new OutputFolder(full, staging);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new OutputFolderException($"cannot write to '{parent}': {ex.Message}", ex);
        }
    }

    /// <summary>The path of a file inside the staging folder.</summary>
    public string StagedFile(string relativePath) => Path.Combine(StagingPath, relativePath);

    /// <summary>Writes the marker and moves the finished folder into place, replacing an earlier finished one.</summary>
    public void Commit(string markerContent)
    {
        File.WriteAllText(Path.Combine(StagingPath, CompletionMarker), markerContent);
        string? old = null;
        if (Directory.Exists(FinalPath))
        {
            old = Path.Combine(Path.GetDirectoryName(FinalPath)!, $".{Path.GetFileName(FinalPath)}.old-{Path.GetFileName(StagingPath)}");
            Directory.Move(FinalPath, old);
        }

        Directory.Move(StagingPath, FinalPath);
        if (old is not null)
        {
            Directory.Delete(old, recursive: true);
        }
    }

    /// <summary>Removes the staging folder after a failure.</summary>
    public void Abandon()
    {
        if (Directory.Exists(StagingPath))
        {
            Directory.Delete(StagingPath, recursive: true);
        }
    }
}

/// <summary>The output folder cannot be used.</summary>
public sealed class OutputFolderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutputFolderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public OutputFolderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OutputFolderException()
    {
    }
}

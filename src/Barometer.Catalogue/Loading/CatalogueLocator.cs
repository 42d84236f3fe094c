namespace Barometer.Catalogue.Loading;

/// <summary>
/// Finds the catalogue folder, by one rule for the command line, the web host and the tests: the folder given, else
/// the nearest <c>catalogue</c> folder (one with a <c>classifications</c> folder in it) at or above the working
/// directory, else the nearest at or above the application's own folder (so a build inside the repository finds the
/// repository's catalogue wherever it is started from).
/// </summary>
public static class CatalogueLocator
{
    /// <summary>The catalogue folder by the rule above, from the process's working directory and base directory; null when there is none.</summary>
    public static string? Find(string? folder = null) => Find(folder, Directory.GetCurrentDirectory(), AppContext.BaseDirectory);

    /// <summary>The catalogue folder by the rule above, from the given working and application directories; null when there is none.</summary>
    public static string? Find(string? folder, string workingDirectory, string applicationDirectory)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        ArgumentNullException.ThrowIfNull(applicationDirectory);
        return folder ?? Nearest(workingDirectory) ?? Nearest(applicationDirectory);
    }

    /// <summary>The catalogue folder by the rule above; throws <see cref="DirectoryNotFoundException"/> when there is none.</summary>
    public static string Locate(string? folder = null) =>
        Find(folder) ?? throw new DirectoryNotFoundException(
            $"no '{IndicatorCatalogue.FolderName}' folder at or above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}; pass the catalogue folder explicitly");

    /// <summary>The nearest catalogue folder at or above <paramref name="start"/>; null when there is none.</summary>
    public static string? Nearest(string start)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, IndicatorCatalogue.FolderName);
            if (Directory.Exists(Path.Combine(candidate, "classifications")))
            {
                return candidate;
            }
        }

        return null;
    }
}

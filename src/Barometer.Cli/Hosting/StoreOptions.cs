using System.CommandLine;
using Barometer.Catalogue;
using Barometer.Catalogue.Loading;
using Barometer.Storage;
using Spectre.Console;

namespace Barometer.Cli.Hosting;

/// <summary>The <c>--store</c> and <c>--catalogue</c> options the producer commands share, and how they are resolved.</summary>
internal static class StoreOptions
{
    public static Option<string> Store() => new("--store")
    {
        Description = "The store file (DuckDB); created by ingest, synth and demo when absent, required by every other command.",
        DefaultValueFactory = _ => BarometerStore.DefaultPath,
    };

    public static Option<string?> Catalogue() => new("--catalogue")
    {
        Description = "The catalogue folder. [default: the nearest 'catalogue' folder at or above the current folder]",
    };

    /// <summary>A Spectre console on <paramref name="writer"/> (<see cref="Terminal.Console"/>).</summary>
    public static IAnsiConsole Console(TextWriter writer) => Terminal.Console(writer);

    public static BarometerStore Open(string path)
    {
        try
        {
            return BarometerStore.Open(path, TimeProvider.System);
        }
        catch (StoreException ex)
        {
            throw new UserErrorException($"--store: {ex.Message}", ex);
        }
    }

    /// <summary>Opens an existing store for a command that needs one (run, release, design, status): never creates one.</summary>
    public static BarometerStore OpenExisting(string path)
    {
        try
        {
            return BarometerStore.OpenExisting(path, TimeProvider.System);
        }
        catch (StoreException ex)
        {
            throw new UserErrorException($"--store: {ex.Message} Nothing was written.", ex);
        }
    }

    /// <summary>Loads the catalogue from <paramref name="folder"/>, or from the nearest catalogue folder above the working directory.</summary>
    public static IndicatorCatalogue LoadCatalogue(string? folder)
    {
        var directory = CatalogueFolder(folder);
        var result = IndicatorCatalogue.TryLoad(directory);
        if (result.Catalogue is null)
        {
            var problems = result.Problems.Take(5).Select(p => $"{p.Location.File}:{p.Location.Line}: {p.Message}");
            throw new UserErrorException(
                $"the catalogue in {directory} has {result.Problems.Count} problem(s): {string.Join("; ", problems)}. Nothing was written.");
        }

        return result.Catalogue;
    }

    /// <summary>The catalogue folder: <paramref name="folder"/>, or the one <see cref="CatalogueLocator"/> finds.</summary>
    public static string CatalogueFolder(string? folder) =>
        CatalogueLocator.Find(folder)
        ?? throw new UserErrorException($"no '{IndicatorCatalogue.FolderName}' folder at or above {Directory.GetCurrentDirectory()}; give one with --catalogue. Nothing was written.");
}

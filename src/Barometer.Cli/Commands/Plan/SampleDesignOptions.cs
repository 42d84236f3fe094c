using System.CommandLine;
using Barometer.Catalogue;
using Barometer.Cli.Hosting;
using Barometer.Production;
using Barometer.Production.Sampling;

namespace Barometer.Cli.Commands.Plan;

/// <summary>The --design option of plan and draw: the sample design file, by default the catalogue's sample-design.yaml.</summary>
internal static class SampleDesignOptions
{
    public static Option<string?> Design() => new("--design")
    {
        Description = $"The sample design file. [default: {SampleDesignFile.FileName} in the catalogue folder]",
    };

    /// <summary>
    /// What a register ingest counts for <c>plan</c> (persons in the frame's ages per combination of the strata
    /// columns), from the design file given or the catalogue's; null when no design file was given and the catalogue has none.
    /// </summary>
    public static Storage.Sampling.FrameCellSpec? FrameCells(string? design, string? catalogueFolder, IndicatorCatalogue catalogue)
    {
        if (design is null && !File.Exists(Path.Combine(StoreOptions.CatalogueFolder(catalogueFolder), SampleDesignFile.FileName)))
        {
            return null;
        }

        return Load(design, catalogueFolder, catalogue).FrameCells;
    }

    public static SampleDesignFile Load(string? design, string? catalogueFolder, IndicatorCatalogue catalogue)
    {
        var path = design ?? Path.Combine(StoreOptions.CatalogueFolder(catalogueFolder), SampleDesignFile.FileName);
        try
        {
            return SampleDesignFile.Read(path, catalogue);
        }
        catch (ProductionException ex)
        {
            throw new UserErrorException($"--design: {ex.Message} Nothing was written.", ex);
        }
    }
}

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

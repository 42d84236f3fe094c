using System.Globalization;
using Barometer.Catalogue;
using Barometer.Storage;
using Barometer.Storage.Ingestion;
using Barometer.Synthetic;
using Barometer.Synthetic.Output;

namespace Barometer.Testing;

/// <summary>Synthetic Sweden generated and ingested for a test fixture's store: the register and every wave.</summary>
public static class SyntheticInputs
{
    public const int Seed = 20241231;

    /// <summary>
    /// Generates synthetic Sweden at <paramref name="scale"/> for <paramref name="waves"/> into
    /// <paramref name="dataPath"/> (Parquet) and ingests its register and every wave into <paramref name="store"/>;
    /// throws when an ingest is rejected.
    /// </summary>
    public static void GenerateAndIngest(BarometerStore store, IndicatorCatalogue catalogue, string dataPath, double scale, IReadOnlyList<int> waves)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(waves);
        SyntheticSweden.Generate(new SynthOptions(scale, Seed, [.. waves], OutputFormat.Parquet), dataPath, SilentGenerationProgress.Instance, catalogue);
        Check(new Ingestor(store).Ingest(new IngestRequest(Path.Combine(dataPath, "register"), null, null, null, catalogue.ClassificationCodes)));
        foreach (var wave in waves)
        {
            var folder = Path.Combine(dataPath, "survey", wave.ToString(CultureInfo.InvariantCulture));
            Check(new Ingestor(store).Ingest(new IngestRequest(null, folder, wave, null, catalogue.ClassificationCodes)));
        }
    }

    private static void Check(IngestOutcome outcome)
    {
        if (outcome.Status == IngestStatus.Rejected)
        {
            throw new InvalidOperationException("ingest rejected: " + string.Join("; ", outcome.Problems.Take(5)));
        }
    }
}

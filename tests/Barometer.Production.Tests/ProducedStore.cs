using Barometer.Catalogue;
using Barometer.Production.Releases;
using Barometer.Production.Runs;
using Barometer.Storage;
using Barometer.Testing;
using DuckDB.NET.Data;

namespace Barometer.Production.Tests;

/// <summary>
/// A small synthetic Sweden (scale 0.005, waves 2025 and 2026) ingested, run and with wave 2026 released, built once
/// for the tests of this collection. Tests that change the store work on their own copy (<see cref="CopyStore"/>).
/// </summary>
public sealed class ProducedStore : IDisposable
{
    public const double Scale = 0.005;
    public static readonly DateTimeOffset ReleaseTime = new(2026, 6, 18, 8, 0, 0, TimeSpan.FromHours(2));

    public ProducedStore()
    {
        Root = Path.Combine(Path.GetTempPath(), "barometer-production-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Catalogue = IndicatorCatalogue.LoadDefault();
        DataPath = Path.Combine(Root, "data");
        StorePath = Path.Combine(Root, "store.duckdb");
        using var store = BarometerStore.Open(StorePath, TimeProvider.System);
        SyntheticInputs.GenerateAndIngest(store, Catalogue, DataPath, Scale, [2025, 2026]);

        var run = new ProductionRun(store, Catalogue);
        First = run.Run(2025);
        Second = run.Run(2026);
        Released = new ReleaseManager(store).Release(2026, ReleaseTime, null);
    }

    public string Root { get; }

    public string DataPath { get; }

    public string StorePath { get; }

    public IndicatorCatalogue Catalogue { get; }

    public RunOutcome First { get; }

    public RunOutcome Second { get; }

    public ReleaseOutcome Released { get; }

    public string TruthPath => Path.Combine(DataPath, "truth", "truth.parquet");

    /// <summary>A private copy of the store for a test that writes to it.</summary>
    public string CopyStore()
    {
        var path = Path.Combine(Root, "copy-" + Guid.NewGuid().ToString("N") + ".duckdb");
        File.Copy(StorePath, path);
        return path;
    }

    /// <summary>Runs a query on the store file (read-only) and maps its rows.</summary>
    public static List<T> Query<T>(string storePath, string sql, Func<DuckDBDataReader, T> map)
    {
        using var connection = new DuckDBConnection($"Data Source={storePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ProducedStoreGroup : ICollectionFixture<ProducedStore>
{
    public const string Name = "produced store";
}

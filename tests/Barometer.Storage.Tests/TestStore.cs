namespace Barometer.Storage.Tests;

/// <summary>A fixed clock for tests.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static FixedClock Default { get; } = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>A temporary folder that is removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "barometer-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public BarometerStore OpenStore() => BarometerStore.Open(File("store.duckdb"), FixedClock.Default);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// The whole content of a store as text-comparable fingerprints: every table with its row count and an
/// order-independent hash of its rows. Two equal snapshots mean the store's content did not change.
/// </summary>
internal static class StoreSnapshot
{
    public static IReadOnlyList<string> Take(BarometerStore store)
    {
        var tables = store.Query("SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name", r => r.GetString(0));
        return tables
            .Select(t => store.Query($"SELECT count(*), coalesce(bit_xor(hash(x)), 0) FROM \"{t}\" x", r => $"{t}: {r.GetInt64(0)} rows, {r.GetValue(1)}").Single())
            .ToList();
    }
}

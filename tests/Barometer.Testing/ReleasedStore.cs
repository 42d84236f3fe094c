using Barometer.Catalogue;
using Barometer.Production.Releases;
using Barometer.Production.Runs;
using Barometer.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Barometer.Testing;

/// <summary>
/// A small synthetic Sweden (scale 0.005, waves 2022–2026) ingested and run, for the tests of the publication side
/// (API, dashboard, report). Relative to <see cref="Now"/> — the clock those tests set with a fake
/// <see cref="TimeProvider"/> — waves 2022–2024 are released and public, wave 2025 is released but due tomorrow
/// (<see cref="EmbargoedReleaseTime"/>), and wave 2026 is run but never released. Built once per test process
/// (<see cref="Shared"/>); a test that writes to the store works on <see cref="CopyStore"/>. The store is built on the
/// fixture's clock (<see cref="BuiltAt"/>, a day before <see cref="Now"/>), never the machine's: runs and releases get
/// their times from it, so nothing in the store depends on the day the tests run.
/// </summary>
public sealed class ReleasedStore : IDisposable
{
    public const double Scale = 0.005;

    /// <summary>The moment the publication tests pretend it is.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>When the fixture's store was built (ingest, runs, releases): the day before <see cref="Now"/>.</summary>
    public static readonly DateTimeOffset BuiltAt = Now.AddDays(-1);

    /// <summary>The release time of wave 2025: the day after <see cref="Now"/>.</summary>
    public static readonly DateTimeOffset EmbargoedReleaseTime = new(2026, 11, 26, 8, 0, 0, TimeSpan.FromHours(1));

    public static readonly IReadOnlyList<int> Waves = [2022, 2023, 2024, 2025, 2026];

    /// <summary>The waves public at <see cref="Now"/>.</summary>
    public static readonly IReadOnlyList<int> PublicWaves = [2022, 2023, 2024];

    public const int EmbargoedWave = 2025;

    public const int UnreleasedWave = 2026;

    private static readonly Lazy<ReleasedStore> SharedStore = new(() => new ReleasedStore(), LazyThreadSafetyMode.ExecutionAndPublication);

    private ReleasedStore()
    {
        Root = Path.Combine(Path.GetTempPath(), "barometer-released-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Catalogue = IndicatorCatalogue.LoadDefault();
        DataPath = Path.Combine(Root, "data");
        StorePath = Path.Combine(Root, "store.duckdb");
        using var store = BarometerStore.Open(StorePath, new FakeTimeProvider(BuiltAt));
        SyntheticInputs.GenerateAndIngest(store, Catalogue, DataPath, Scale, Waves);

        var run = new ProductionRun(store, Catalogue);
        var releases = new ReleaseManager(store);
        var released = new List<ReleaseOutcome>();
        foreach (var wave in Waves)
        {
            run.Run(wave);
            if (wave == UnreleasedWave)
            {
                continue;
            }

            var at = wave == EmbargoedWave ? EmbargoedReleaseTime : new DateTimeOffset(wave, 6, 18, 8, 0, 0, TimeSpan.FromHours(2));
            released.Add(releases.Release(wave, at, null));
        }

        Releases = released;
    }

    /// <summary>The store built once for this test process.</summary>
    public static ReleasedStore Shared => SharedStore.Value;

    public string Root { get; }

    public string DataPath { get; }

    public string StorePath { get; }

    public IndicatorCatalogue Catalogue { get; }

    public IReadOnlyList<ReleaseOutcome> Releases { get; }

    /// <summary>A private copy of the store for a test that writes to it.</summary>
    public string CopyStore()
    {
        var path = Path.Combine(Root, "copy-" + Guid.NewGuid().ToString("N") + ".duckdb");
        File.Copy(StorePath, path);
        return path;
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

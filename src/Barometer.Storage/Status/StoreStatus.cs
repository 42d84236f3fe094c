using Barometer.Storage.Ingestion;
using Barometer.Storage.Releases;

namespace Barometer.Storage.Status;

public sealed record WaveInfo(int Wave, string Status, DateTimeOffset IngestedAt);

public sealed record RunInfo(int RunId, int Wave, string Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// A release; <c>Seal</c> is its seal (null for a release made before seals existed) and <c>SealMatches</c> whether
/// the release and its results still match it (null: no seal).
/// </summary>
public sealed record ReleaseInfo(int Wave, int Version, int RunId, DateTimeOffset ReleaseTime, string? Note, string? Seal, bool? SealMatches);

public sealed record TotalsInfo(string SetId, int Wave, long Cells, int Margins, string Source);

/// <summary>What the store holds: waves, ingested files, runs and releases (for <c>barometer status</c>).</summary>
public sealed record StoreStatus(
    string Path,
    int SchemaVersion,
    IReadOnlyList<WaveInfo> Waves,
    IReadOnlyList<IngestedFile> Files,
    IReadOnlyList<RunInfo> Runs,
    IReadOnlyList<ReleaseInfo> Releases,
    IReadOnlyList<TotalsInfo> CalibrationTotals)
{
    public static StoreStatus Read(BarometerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var broken = store.InSession(ReleaseSeal.Broken)
            .Select(b => (b.Wave, b.Version)).ToHashSet();
        return new StoreStatus(
            store.Path,
            store.SchemaVersion,
            store.Query("SELECT wave, status, ingested_at FROM waves ORDER BY wave",
                r => new WaveInfo(r.GetInt32(0), r.GetString(1), Utc(r.GetDateTime(2)))),
            store.Query("SELECT scope, wave, kind, path, sha256, rows, table_name FROM ingested_files ORDER BY scope, wave, path",
                r => new IngestedFile(r.GetString(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetString(6))),
            store.Query("SELECT run_id, wave, status, started_at, finished_at FROM runs ORDER BY run_id",
                r => new RunInfo(r.GetInt32(0), r.GetInt32(1), r.GetString(2), Utc(r.GetDateTime(3)), r.IsDBNull(4) ? null : Utc(r.GetDateTime(4)))),
            store.Query("SELECT wave, version, run_id, release_time, note, seal_sha256 FROM releases ORDER BY wave, version",
                r => new ReleaseInfo(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), Utc(r.GetDateTime(3)), r.IsDBNull(4) ? null : r.GetString(4),
                    r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(5) ? null : !broken.Contains((r.GetInt32(0), r.GetInt32(1))))),
            store.Query(
                "SELECT set_id, wave, count(*), count(DISTINCT margin), min(source) FROM calibration_totals GROUP BY set_id, wave ORDER BY wave, set_id",
                r => new TotalsInfo(r.GetString(0), r.GetInt32(1), r.GetInt64(2), (int)r.GetInt64(3), r.GetString(4))));
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

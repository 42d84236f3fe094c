using System.Text.Json;
using Barometer.Storage.Results;
using Barometer.Storage.Runs;

namespace Barometer.Storage.Releases;

/// <summary>A release as the store records it (<c>releases</c>): which run of which wave it froze, from when it is public, and its provenance (JSON).</summary>
public sealed record StoredRelease(int Wave, int Version, int RunId, DateTimeOffset ReleaseTime, DateTimeOffset CreatedAt, string? Note, string ProvenanceJson)
{
    /// <summary>The rules of the released run as copied into the provenance (<c>provenance.rules</c>), or null.</summary>
    public RunRules? Rules => RunRules.FromJson(RulesJson);

    /// <summary>The JSON of the released run's rules as copied into the provenance (<c>provenance.rules</c>), or null.</summary>
    public string? RulesJson
    {
        get
        {
            using var document = JsonDocument.Parse(ProvenanceJson);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("rules", out var rules)
                && rules.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
                ? rules.GetRawText()
                : null;
        }
    }
}

/// <summary>
/// The store's <c>releases</c> table: released versions are only ever added, each sealed when it is written
/// (<see cref="ReleaseSeal"/>), and the publication side reads them — with the result rows of their runs — from here.
/// </summary>
public static class ReleaseTable
{
    /// <summary>The latest release of a wave as (version, run id), or null.</summary>
    public static (int Version, int RunId)? Latest(StoreSession session, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        var rows = session.Query<(int Version, int RunId)>("SELECT version, run_id FROM releases WHERE wave = $wave ORDER BY version DESC LIMIT 1",
            r => (r.GetInt32(0), r.GetInt32(1)), ("wave", wave));
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The run a release froze, or null when there is no such release.</summary>
    public static int? RunOf(StoreSession session, int wave, int version)
    {
        ArgumentNullException.ThrowIfNull(session);
        return (int?)session.Number("SELECT run_id FROM releases WHERE wave = $wave AND version = $version", ("wave", wave), ("version", version));
    }

    /// <summary>
    /// Adds a release, seals it, and marks its wave released, in the session's transaction; returns the seal
    /// (SHA-256 over the record and the run's results).
    /// </summary>
    public static string Add(StoreSession session, StoredRelease release)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(release);
        session.Execute(
            "INSERT INTO releases (wave, version, run_id, release_time, created_at, note, provenance) VALUES ($wave, $version, $run, $at, $created, $note, $provenance)",
            ("wave", release.Wave), ("version", release.Version), ("run", release.RunId), ("at", release.ReleaseTime.UtcDateTime),
            ("created", release.CreatedAt.UtcDateTime), ("note", release.Note), ("provenance", release.ProvenanceJson));
        var seal = ReleaseSeal.Seal(session, release.Wave, release.Version);
        session.Execute("UPDATE waves SET status = 'released' WHERE wave = $wave", ("wave", release.Wave));
        return seal;
    }

    /// <summary>Every release, by wave and version.</summary>
    public static List<StoredRelease> All(StoreSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Query(
            "SELECT wave, version, run_id, release_time, created_at, note, provenance::VARCHAR FROM releases ORDER BY wave, version",
            r => new StoredRelease(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), Utc(r.GetDateTime(3)), Utc(r.GetDateTime(4)),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6)));
    }

    /// <summary>
    /// Every result row of every released run, by wave, version, indicator, breakdown, cell, comparison group and measure,
    /// as <paramref name="released"/> makes of the wave, the version that released it, and the row.
    /// </summary>
    public static List<T> Results<T>(StoreSession session, Func<int, int, ResultRow, T> released)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(released);
        return session.Query(
            "SELECT rel.wave, rel.version, " + ResultColumns.All + " FROM releases rel JOIN results r ON r.run_id = rel.run_id " +
            "ORDER BY rel.wave, rel.version, r.indicator, r.breakdown, r.cell, r.comparison_group, r.measure",
            r => released(r.GetInt32(0), r.GetInt32(1), ResultColumns.Read(r, 2)));
    }

    /// <summary>Changes whenever a release is added: the count, the newest creation time and a checksum of versions and runs.</summary>
    public static string Fingerprint(StoreSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Query(
            "SELECT count(*), coalesce(max(created_at)::VARCHAR, ''), coalesce(sum(version * 7919 + run_id), 0) FROM releases",
            r => FormattableString.Invariant($"{r.GetInt64(0)}:{r.GetString(1)}:{r.GetValue(2)}"))[0];
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

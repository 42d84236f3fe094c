using System.Globalization;

namespace Barometer.Storage.Releases;

/// <summary>A release whose stored seal no longer matches its record and results.</summary>
public sealed record BrokenSeal(int Wave, int Version, int RunId, string Sealed, string Actual)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"wave {Wave} version {Version} (run {RunId}): sealed {Sealed[..12]}…, now {Actual[..12]}…");
}

/// <summary>
/// The seal of a release: SHA-256 over its record and every result row of its run, in a fixed order and text form,
/// computed by DuckDB when the release is made and stored with it (<c>releases.seal_sha256</c>). Released versions
/// are immutable by design — nothing in barometer updates them — but DuckDB has no triggers to forbid an UPDATE from
/// another tool; the seal makes such a change detectable, and the publication side refuses a store where a seal
/// does not match. Times enter as microseconds since the epoch and numbers in DuckDB's shortest round-trip text, so
/// the seal does not depend on the session's time zone or locale.
/// </summary>
public static class ReleaseSeal
{
    private const string Null = "chr(29)";

    private static readonly string[] ResultColumns =
    [
        "indicator", "breakdown", "cell", "comparison_group", "measure", "source", "estimate", "standard_error", "ci_lower",
        "ci_upper", "degrees_of_freedom", "respondents", "population", "relative_margin", "significant", "quality_flag", "suppression_rule",
    ];

    /// <summary>The seal of the release row aliased <c>rel</c>, as a SQL expression.</summary>
    private static readonly string Expression =
        "sha256(concat_ws(chr(30), rel.wave, rel.version, rel.run_id, epoch_us(rel.release_time), epoch_us(rel.created_at), " +
        $"coalesce(rel.note, {Null}), CAST(rel.provenance AS VARCHAR), " +
        "(SELECT coalesce(string_agg(concat_ws(chr(31), " +
        string.Join(", ", ResultColumns.Select(c => $"coalesce(CAST(r.{c} AS VARCHAR), {Null})")) +
        "), chr(30) ORDER BY r.indicator, r.breakdown, r.cell, r.comparison_group, r.measure), '') FROM results r WHERE r.run_id = rel.run_id)))";

    /// <summary>Computes and stores the seal of a release just written, in the session's transaction.</summary>
    internal static string Seal(StoreSession session, int wave, int version)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Transaction is null)
        {
            throw new ArgumentException("a release is sealed in the transaction that writes it", nameof(session));
        }

        return (string)session.Scalar(
            $"UPDATE releases rel SET seal_sha256 = {Expression} WHERE rel.wave = $wave AND rel.version = $version RETURNING seal_sha256",
            ("wave", wave), ("version", version))!;
    }

    /// <summary>
    /// Every sealed release whose record or results changed since it was sealed (empty when all match). Releases
    /// without a seal (made before the seal existed) are not checked; a store whose schema has no seals yet gives none.
    /// </summary>
    public static IReadOnlyList<BrokenSeal> Broken(StoreSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Number("SELECT count(*) FROM information_schema.columns WHERE table_name = 'releases' AND column_name = 'seal_sha256'") == 0)
        {
            return [];
        }

        return session.Query(
            $"SELECT wave, version, run_id, seal_sha256, actual FROM (SELECT rel.wave, rel.version, rel.run_id, rel.seal_sha256, {Expression} AS actual " +
            "FROM releases rel WHERE rel.seal_sha256 IS NOT NULL) WHERE actual <> seal_sha256 ORDER BY wave, version",
            r => new BrokenSeal(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetString(3), r.GetString(4)));
    }
}

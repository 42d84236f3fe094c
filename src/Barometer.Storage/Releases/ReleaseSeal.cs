using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;

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

    /// <summary>Computes and stores the seal of a release just written, in the caller's transaction.</summary>
    public static string Seal(DuckDBConnection connection, DuckDBTransaction transaction, int wave, int version)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"UPDATE releases rel SET seal_sha256 = {Expression} WHERE rel.wave = $wave AND rel.version = $version RETURNING seal_sha256";
        command.Parameters.Add(new DuckDBParameter("wave", wave));
        command.Parameters.Add(new DuckDBParameter("version", version));
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Every sealed release whose record or results changed since it was sealed (empty when all match). Releases
    /// without a seal (made before the seal existed) are not checked; a store whose schema has no seals yet gives none.
    /// </summary>
    public static IReadOnlyList<BrokenSeal> Broken(DuckDBConnection connection, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using (var probe = connection.CreateCommand())
        {
            probe.Transaction = (DuckDBTransaction?)transaction;
            probe.CommandText = "SELECT count(*) FROM information_schema.columns WHERE table_name = 'releases' AND column_name = 'seal_sha256'";
            if (Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                return [];
            }
        }

        using var command = connection.CreateCommand();
        command.Transaction = (DuckDBTransaction?)transaction;
        command.CommandText =
            $"SELECT wave, version, run_id, seal_sha256, actual FROM (SELECT rel.wave, rel.version, rel.run_id, rel.seal_sha256, {Expression} AS actual " +
            "FROM releases rel WHERE rel.seal_sha256 IS NOT NULL) WHERE actual <> seal_sha256 ORDER BY wave, version";
        using var reader = command.ExecuteReader();
        var broken = new List<BrokenSeal>();
        while (reader.Read())
        {
            broken.Add(new BrokenSeal(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4)));
        }

        return broken;
    }
}

using System.Globalization;
using Barometer.Storage.Releases;
using DuckDB.NET.Data;

namespace Barometer.Publishing.Results;

/// <summary>
/// Reads released results from the embedded DuckDB store, opened read-only for each read and closed again, so the
/// producer's commands can still write to the store while a server publishes from it (DuckDB allows one writing
/// process). Only rows of released runs are read; unreleased runs never leave the store. A store in which a release
/// no longer matches its seal (changed after release, outside barometer: <see cref="ReleaseSeal"/>) is refused.
/// </summary>
public sealed class DuckDbPublishedResults(string storePath) : IPublishedResultsSource
{
    private readonly string _path = Path.GetFullPath(storePath ?? throw new ArgumentNullException(nameof(storePath)));

    /// <summary>The store file this source reads.</summary>
    public string StorePath => _path;

    public string Fingerprint()
    {
        using var connection = Open();
        return ReadFingerprint(connection, null);
    }

    public PublishedSnapshot Load()
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var fingerprint = ReadFingerprint(connection, transaction);
        var broken = ReleaseSeal.Broken(connection, transaction);
        if (broken.Count > 0)
        {
            throw new PublishedResultsException(
                $"the store '{_path}' has releases that no longer match their seal ({string.Join("; ", broken)}): their record or results " +
                "were changed after release, outside barometer. Nothing is published from it; restore the store from a backup.");
        }

        var releases = new List<PublishedRelease>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText =
                "SELECT wave, version, run_id, release_time, created_at, note, " +
                "TRY_CAST(json_extract_string(provenance, '$.rules.changes.previous_wave') AS INTEGER), " +
                "TRY_CAST(json_extract_string(provenance, '$.rules.changes.previous_version') AS INTEGER) FROM releases ORDER BY wave, version";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                releases.Add(new PublishedRelease(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2),
                    Utc(reader.GetDateTime(3)), Utc(reader.GetDateTime(4)), reader.IsDBNull(5) ? null : reader.GetString(5))
                {
                    ChangesAgainst = reader.IsDBNull(6) || reader.IsDBNull(7) ? null : new ReleaseKey(reader.GetInt32(6), reader.GetInt32(7)),
                });
            }
        }

        var results = new List<PublishedResult>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText =
                "SELECT rel.wave, rel.version, r.indicator, r.measure, r.breakdown, r.cell, r.comparison_group, r.source, r.estimate, " +
                "r.standard_error, r.ci_lower, r.ci_upper, r.respondents, r.population, r.relative_margin, r.significant, r.quality_flag, " +
                "r.suppression_rule FROM releases rel JOIN results r ON r.run_id = rel.run_id " +
                "ORDER BY rel.wave, rel.version, r.indicator, r.breakdown, r.cell, r.comparison_group, r.measure";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                results.Add(PublishedResult.Read(reader));
            }
        }

        transaction.Commit();
        return new PublishedSnapshot(fingerprint, releases, results);
    }

    /// <summary>Changes whenever a release is added: the count, the newest creation time and a checksum of versions and runs.</summary>
    private static string ReadFingerprint(DuckDBConnection connection, DuckDBTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*), coalesce(max(created_at)::VARCHAR, ''), coalesce(sum(version * 7919 + run_id), 0) FROM releases";
        using var reader = command.ExecuteReader();
        reader.Read();
        return string.Create(CultureInfo.InvariantCulture, $"duckdb:{reader.GetInt64(0)}:{reader.GetString(1)}:{reader.GetValue(2)}");
    }

    private DuckDBConnection Open() =>
        ReadOnlyStore.Open(_path, (message, inner) => inner is null ? new PublishedResultsException(message) : new PublishedResultsException(message, inner));

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

using System.Globalization;
using Npgsql;

namespace Barometer.Publishing.Results;

/// <summary>
/// Reads released results from PostgreSQL, where <see cref="PostgresPublisher"/> (<c>barometer publish</c>) copied
/// them: the backend for a deployment with several stateless API instances. Like the DuckDB source it returns every
/// released version, also those whose release time is still in the future; those rows are never served, because the
/// embargo is applied per request by <see cref="PublishedSnapshot.AsOf"/>. The tables are read from the first schema
/// of the connection's search path.
/// </summary>
public sealed class PostgresPublishedResults : IPublishedResultsSource
{
    // One row over the (few) release rows: changes whenever a publication adds a release.
    private const string FingerprintSql =
        "SELECT count(*), coalesce(sum(version::bigint * 7919 + run_id), 0), " +
        "coalesce(extract(epoch FROM max(published_at)) * 1000000, 0)::bigint FROM published_releases";

    private readonly PostgresConnection _connection;

    public PostgresPublishedResults(string connectionString)
    {
        _connection = new PostgresConnection(connectionString);
    }

    /// <summary>Where this source reads from: host, port, database and user (never the password).</summary>
    public string Description => _connection.Description;

    public string Fingerprint()
    {
        using var connection = _connection.Open();
        try
        {
            return ReadFingerprint(connection, null);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw NothingPublished(ex);
        }
        catch (NpgsqlException ex)
        {
            throw _connection.Failure("reading the published releases", ex);
        }
    }

    public PublishedSnapshot Load()
    {
        using var connection = _connection.Open();
        try
        {
            // One consistent view: the fingerprint, the releases and their results from the same snapshot.
            using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
            var version = PostgresSchema.AppliedVersion(connection, transaction);
            if (version is null or 0)
            {
                throw NothingPublished(null);
            }

            if (version > PostgresSchema.CurrentVersion)
            {
                throw new PublishedResultsException(
                    $"{_connection.Description} holds published tables at schema version {version}, newer than this barometer knows ({PostgresSchema.CurrentVersion}).");
            }

            var fingerprint = ReadFingerprint(connection, transaction);
            var releases = new List<PublishedRelease>();
            var checksums = new Dictionary<(int Wave, int Version), string>();
            using (var command = new NpgsqlCommand(
                "SELECT wave, version, run_id, release_time, created_at, note, " + (version >= 2 ? "results_sha256" : "NULL") +
                (version >= 3 ? ", changes_against_wave, changes_against_version" : ", NULL::integer, NULL::integer") +
                (version >= 4 ? ", rules" : ", NULL::text") +
                (version >= 5 ? ", quality" : ", NULL::text") +
                " FROM published_releases ORDER BY wave, version", connection, transaction))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var release = new PublishedRelease(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2),
                        reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5))
                    {
                        ChangesAgainst = reader.IsDBNull(7) || reader.IsDBNull(8) ? null : new ReleaseKey(reader.GetInt32(7), reader.GetInt32(8)),
                        RulesJson = reader.IsDBNull(9) ? null : reader.GetString(9),
                        QualityJson = reader.IsDBNull(10) ? null : reader.GetString(10),
                    };
                    releases.Add(release);
                    if (!reader.IsDBNull(6))
                    {
                        checksums[(release.Wave, release.Version)] = reader.GetString(6);
                    }
                }
            }

            var results = new List<PublishedResult>();
            using (var command = new NpgsqlCommand(
                "SELECT " + PublishedResult.Columns + " FROM published_results " +
                "ORDER BY wave, version, indicator COLLATE \"C\", breakdown COLLATE \"C\", cell COLLATE \"C\", comparison_group COLLATE \"C\", measure COLLATE \"C\"",
                connection, transaction))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    results.Add(PublishedResult.Read(reader));
                }
            }

            transaction.Commit();
            var byRelease = results.ToLookup(r => (r.Wave, r.Version));
            var changed = releases
                .Where(r => checksums.TryGetValue((r.Wave, r.Version), out var expected) && PublishedChecksum.Of(r, byRelease[(r.Wave, r.Version)]) != expected)
                .Select(r => string.Create(CultureInfo.InvariantCulture, $"wave {r.Wave} version {r.Version}")).ToList();
            if (changed.Count > 0)
            {
                throw new PublishedResultsException(
                    $"{_connection.Description} holds releases that no longer match their checksum as published ({string.Join(", ", changed)}): " +
                    "their record or cells were changed after `barometer publish`. Nothing is served from it; publish the store again to an empty database.");
            }

            return new PublishedSnapshot(fingerprint, releases, results);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw NothingPublished(ex);
        }
        catch (NpgsqlException ex)
        {
            throw _connection.Failure("reading the published results", ex);
        }
    }

    internal static string ReadFingerprint(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        using var command = new NpgsqlCommand(FingerprintSql, connection, transaction);
        using var reader = command.ExecuteReader();
        reader.Read();
        return string.Create(CultureInfo.InvariantCulture, $"postgres:{reader.GetInt64(0)}:{reader.GetValue(1)}:{reader.GetInt64(2)}");
    }

    private PublishedResultsException NothingPublished(Exception? inner)
    {
        var message = $"nothing has been published to {_connection.Description} yet; run `barometer publish --store PATH --postgres CONNECTION` first.";
        return inner is null ? new PublishedResultsException(message) : new PublishedResultsException(message, inner);
    }

}

using Barometer.Storage.Results;
using Npgsql;
using NpgsqlTypes;

namespace Barometer.Publishing.Results;

/// <summary>What a publication to PostgreSQL did.</summary>
/// <param name="Added">The releases copied by this publication (with their results), in wave and version order.</param>
/// <param name="AlreadyPublished">Releases of the snapshot PostgreSQL already held, left as they were.</param>
/// <param name="ResultRows">Result rows copied by this publication.</param>
/// <param name="OnlyInPostgres">Releases PostgreSQL holds that the snapshot does not (kept: published rows are never deleted).</param>
/// <param name="Fingerprint">The PostgreSQL source's fingerprint after the publication.</param>
public sealed record PostgresPublishOutcome(
    IReadOnlyList<PublishedRelease> Added,
    int AlreadyPublished,
    long ResultRows,
    IReadOnlyList<PublishedRelease> OnlyInPostgres,
    string Fingerprint);

/// <summary>
/// Copies what a source has released — every released version and its results, nothing else — into the PostgreSQL
/// tables <c>published_releases</c> and <c>published_results</c> that <see cref="PostgresPublishedResults"/> reads.
/// One transaction: the tables are created or migrated, the releases not yet in PostgreSQL are added with binary
/// COPY, and either everything commits or nothing changes. Publishing the same snapshot again changes nothing;
/// released versions are immutable, so a version PostgreSQL holds from a different run is a conflict, not an update.
/// Versions whose release time is in the future are copied too and stay hidden until then: readers apply the embargo
/// with <see cref="PublishedSnapshot.AsOf"/>.
/// </summary>
public sealed class PostgresPublisher
{
    private readonly PostgresConnection _connection;

    public PostgresPublisher(string connectionString)
    {
        _connection = new PostgresConnection(connectionString);
    }

    /// <summary>Where this publisher writes: host, port, database and user (never the password).</summary>
    public string Description => _connection.Description;

    /// <summary>Copies the releases of <paramref name="snapshot"/> that PostgreSQL does not hold yet.</summary>
    public PostgresPublishOutcome Publish(PublishedSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var connection = _connection.Open();
        try
        {
            using var transaction = connection.BeginTransaction();
            using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
            {
                lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PostgresSchema.PublishLockKey });
                lockCommand.ExecuteNonQuery();
            }

            PostgresSchema.Migrate(connection, transaction);
            var existing = ExistingReleases(connection, transaction);
            var added = new List<PublishedRelease>();
            var already = 0;
            foreach (var release in snapshot.AllReleases)
            {
                if (!existing.TryGetValue((release.Wave, release.Version), out var held))
                {
                    added.Add(release);
                    continue;
                }

                if (held.RunId != release.RunId || held.ReleaseTime != release.ReleaseTime)
                {
                    throw new PublishedResultsException(
                        $"{_connection.Description} already holds wave {release.Wave} version {release.Version} from run {held.RunId} " +
                        $"(public from {held.ReleaseTime:u}), but the store's is run {release.RunId} (public from {release.ReleaseTime:u}). " +
                        "Released versions never change; publish this store to an empty database or schema. Nothing was written.");
                }

                already++;
            }

            var inSnapshot = snapshot.AllReleases.Select(r => (r.Wave, r.Version)).ToHashSet();
            var onlyInPostgres = existing.Values.Where(r => !inSnapshot.Contains((r.Wave, r.Version))).OrderBy(r => r.Wave).ThenBy(r => r.Version).ToList();

            long rows = 0;
            if (added.Count > 0)
            {
                CopyReleases(connection, snapshot, added);
                rows = CopyResults(connection, snapshot, added);
            }

            var fingerprint = PostgresPublishedResults.ReadFingerprint(connection, transaction);
            transaction.Commit();
            return new PostgresPublishOutcome(added, already, rows, onlyInPostgres, fingerprint);
        }
        catch (NpgsqlException ex)
        {
            throw _connection.Failure("publishing", ex, "Nothing was written.");
        }
    }

    private static Dictionary<(int Wave, int Version), PublishedRelease> ExistingReleases(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var existing = new Dictionary<(int, int), PublishedRelease>();
        using var command = new NpgsqlCommand("SELECT wave, version, run_id, release_time, created_at, note FROM published_releases", connection, transaction);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var release = new PublishedRelease(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetString(5));
            existing.Add((release.Wave, release.Version), release);
        }

        return existing;
    }

    private static void CopyReleases(NpgsqlConnection connection, PublishedSnapshot snapshot, IEnumerable<PublishedRelease> releases)
    {
        using var writer = connection.BeginBinaryImport(
            "COPY published_releases (wave, version, run_id, release_time, created_at, note, results_sha256, changes_against_wave, changes_against_version, rules, quality) FROM STDIN (FORMAT BINARY)");
        foreach (var release in releases)
        {
            writer.StartRow();
            writer.Write(release.Wave, NpgsqlDbType.Integer);
            writer.Write(release.Version, NpgsqlDbType.Integer);
            writer.Write(release.RunId, NpgsqlDbType.Integer);
            writer.Write(release.ReleaseTime.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            writer.Write(release.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            WriteText(writer, release.Note);
            WriteText(writer, PublishedChecksum.Of(release, snapshot.ResultsOf(release)));
            WriteInteger(writer, release.ChangesAgainst?.Wave);
            WriteInteger(writer, release.ChangesAgainst?.Version);
            WriteText(writer, release.RulesJson);
            WriteText(writer, release.QualityJson);
        }

        writer.Complete();
    }

    private static long CopyResults(NpgsqlConnection connection, PublishedSnapshot snapshot, IEnumerable<PublishedRelease> releases)
    {
        long rows = 0;
        using var writer = connection.BeginBinaryImport(
            "COPY published_results (wave, version, indicator, measure, breakdown, cell, comparison_group, source, estimate, standard_error, " +
            "ci_lower, ci_upper, respondents, population, relative_margin, significant, quality_flag, suppression_rule) FROM STDIN (FORMAT BINARY)");
        foreach (var release in releases)
        {
            foreach (var result in snapshot.ResultsOf(release))
            {
                writer.StartRow();
                writer.Write(result.Wave, NpgsqlDbType.Integer);
                writer.Write(result.Version, NpgsqlDbType.Integer);
                writer.Write(result.Row.Indicator, NpgsqlDbType.Text);
                writer.Write(MeasureCodes.Code(result.Row.Measure), NpgsqlDbType.Text);
                writer.Write(result.Row.Breakdown, NpgsqlDbType.Text);
                writer.Write(result.Row.Cell, NpgsqlDbType.Text);
                writer.Write(result.Row.ComparisonGroup, NpgsqlDbType.Text);
                writer.Write(result.Row.Source, NpgsqlDbType.Text);
                WriteDouble(writer, result.Row.Estimate);
                WriteDouble(writer, result.Row.StandardError);
                WriteDouble(writer, result.Row.CiLower);
                WriteDouble(writer, result.Row.CiUpper);
                if (result.Row.Respondents is { } respondents)
                {
                    writer.Write(respondents, NpgsqlDbType.Bigint);
                }
                else
                {
                    writer.WriteNull();
                }

                WriteDouble(writer, result.Row.Population);
                WriteDouble(writer, result.Row.RelativeMargin);
                if (result.Row.Significant is { } significant)
                {
                    writer.Write(significant, NpgsqlDbType.Boolean);
                }
                else
                {
                    writer.WriteNull();
                }

                WriteText(writer, result.Row.QualityFlag);
                WriteText(writer, result.Row.SuppressionRule);
                rows++;
            }
        }

        writer.Complete();
        return rows;
    }

    private static void WriteDouble(NpgsqlBinaryImporter writer, double? value)
    {
        if (value is { } v)
        {
            writer.Write(v, NpgsqlDbType.Double);
        }
        else
        {
            writer.WriteNull();
        }
    }

    private static void WriteInteger(NpgsqlBinaryImporter writer, int? value)
    {
        if (value is { } v)
        {
            writer.Write(v, NpgsqlDbType.Integer);
        }
        else
        {
            writer.WriteNull();
        }
    }

    private static void WriteText(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Text);
        }
    }
}

using System.Globalization;
using DuckDB.NET.Data;

namespace Barometer.Publishing.Results;

/// <summary>
/// Reads released results from the embedded DuckDB store, opened read-only for each read and closed again, so the
/// producer's commands can still write to the store while a server publishes from it (DuckDB allows one writing
/// process). Only rows of released runs are read; unreleased runs never leave the store.
/// </summary>
public sealed class DuckDbPublishedResults(string storePath) : IPublishedResultsSource
{
    private readonly string _path = Path.GetFullPath(storePath ?? throw new ArgumentNullException(nameof(storePath)));

    /// <summary>The store file this source reads.</summary>
    public string StorePath => _path;

    public string Fingerprint()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(max(created_at)::VARCHAR, ''), coalesce(sum(version * 7919 + run_id), 0) FROM releases";
        using var reader = command.ExecuteReader();
        reader.Read();
        return string.Create(CultureInfo.InvariantCulture, $"duckdb:{reader.GetInt64(0)}:{reader.GetString(1)}:{reader.GetValue(2)}");
    }

    public PublishedSnapshot Load()
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        string fingerprint;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT count(*), coalesce(max(created_at)::VARCHAR, ''), coalesce(sum(version * 7919 + run_id), 0) FROM releases";
            using var reader = command.ExecuteReader();
            reader.Read();
            fingerprint = string.Create(CultureInfo.InvariantCulture, $"duckdb:{reader.GetInt64(0)}:{reader.GetString(1)}:{reader.GetValue(2)}");
        }

        var releases = new List<PublishedRelease>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT wave, version, run_id, release_time, created_at, note FROM releases ORDER BY wave, version";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                releases.Add(new PublishedRelease(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2),
                    Utc(reader.GetDateTime(3)), Utc(reader.GetDateTime(4)), reader.IsDBNull(5) ? null : reader.GetString(5)));
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

    private DuckDBConnection Open()
    {
        if (!File.Exists(_path))
        {
            throw new PublishedResultsException($"the store '{_path}' does not exist; run `barometer demo` or ingest, run and release first.");
        }

        var connection = new DuckDBConnection($"Data Source={_path};ACCESS_MODE=READ_ONLY");
        try
        {
            connection.Open();
            return connection;
        }
        catch (DuckDBException ex)
        {
            connection.Dispose();
            throw new PublishedResultsException($"cannot read the store '{_path}': {ex.Message}", ex);
        }
    }


    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

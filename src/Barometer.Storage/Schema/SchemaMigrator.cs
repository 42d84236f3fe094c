using System.Data;
using System.Globalization;
using System.Reflection;
using DuckDB.NET.Data;

namespace Barometer.Storage.Schema;

/// <summary>One schema migration: a version number and the SQL that takes the schema from version-1 to it.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Applies the store's schema migrations on open. Migrations are the embedded files
/// <c>Schema/Migrations/NNNN_name.sql</c>, applied in version order, each in its own transaction together with its
/// row in <c>schema_version</c>; a store already at the newest version is left untouched, and a store newer than
/// this program is refused.
/// </summary>
public static class SchemaMigrator
{
    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded("Barometer.Storage.Schema.Migrations.");

    /// <summary>The migrations of the field store (<c>Schema/FieldMigrations</c>; see <see cref="Fieldwork.FieldStore"/>).</summary>
    public static IReadOnlyList<Migration> EmbeddedField { get; } = LoadEmbedded("Barometer.Storage.Schema.FieldMigrations.");

    public static int LatestVersion => Embedded[^1].Version;

    /// <summary>Brings the schema up to date; returns the versions applied now.</summary>
    public static IReadOnlyList<int> Apply(DuckDBConnection connection, TimeProvider clock, IReadOnlyList<Migration>? migrations = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(clock);
        migrations ??= Embedded;
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    INTEGER PRIMARY KEY,
                name       VARCHAR NOT NULL,
                applied_at TIMESTAMPTZ NOT NULL
            )
            """);
        var current = CurrentVersion(connection);
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (current > latest)
        {
            throw new StoreException(string.Create(CultureInfo.InvariantCulture,
                $"the store has schema version {current}, newer than this program knows ({latest}); use a newer barometer."));
        }

        var applied = new List<int>();
        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, migration.Sql);
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version VALUES ($version, $name, $at)";
                record.Parameters.Add(new DuckDBParameter("version", migration.Version));
                record.Parameters.Add(new DuckDBParameter("name", migration.Name));
                record.Parameters.Add(new DuckDBParameter("at", clock.GetUtcNow().UtcDateTime));
                record.ExecuteNonQuery();
            }

            transaction.Commit();
            applied.Add(migration.Version);
        }

        return applied;
    }

    public static int CurrentVersion(DuckDBConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(DuckDBConnection connection, IDbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = (DuckDBTransaction?)transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<Migration> LoadEmbedded(string prefix)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var file = resource[prefix.Length..^".sql".Length];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(file[..underscore], NumberStyles.None, CultureInfo.InvariantCulture);
            migrations.Add(new Migration(version, file[(underscore + 1)..], Read(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema migrations must be numbered 1, 2, 3… without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

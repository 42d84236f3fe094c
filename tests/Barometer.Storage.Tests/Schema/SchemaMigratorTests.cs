using Barometer.Storage.Schema;
using DuckDB.NET.Data;

namespace Barometer.Storage.Tests.Schema;

public class SchemaMigratorTests
{
    [Fact]
    public void Open_NewStore_AppliesEveryMigrationInOrder()
    {
        using var folder = new TempFolder();
        using var store = folder.OpenStore();

        Assert.Equal(Enumerable.Range(1, SchemaMigrator.LatestVersion), store.MigrationsApplied);
        Assert.Equal(SchemaMigrator.LatestVersion, store.SchemaVersion);
        var tables = store.Query("SELECT table_name FROM duckdb_tables() ORDER BY 1", r => r.GetString(0));
        Assert.Equal(
            ["calibration_totals", "fieldwork_groups", "fieldwork_strata", "frame_cell_sets", "ingested_files", "nonresponse_bias", "nonresponse_indicator", "nonresponse_partials", "person_prn", "plan_indicator_runs", "releases", "results", "run_respondents", "runs", "sample_draws", "sample_persons", "schema_version", "small_area_fits", "waves"],
            tables);
    }

    [Fact]
    public void Open_ExistingStore_AppliesNothingAgain()
    {
        using var folder = new TempFolder();
        using (folder.OpenStore())
        {
        }

        using var store = folder.OpenStore();

        Assert.Empty(store.MigrationsApplied);
        Assert.Equal(SchemaMigrator.LatestVersion, store.Query("SELECT count(*) FROM schema_version", r => r.GetInt64(0)).Single());
    }

    [Fact]
    public void Apply_NewMigration_RecordsItsVersionAndName()
    {
        using var connection = OpenMemory();
        var migrations = new[] { new Migration(1, "first", "CREATE TABLE a (x INTEGER)"), new Migration(2, "second", "ALTER TABLE a ADD COLUMN y INTEGER") };
        SchemaMigrator.Apply(connection, FixedClock.Default, migrations[..1]);

        var applied = SchemaMigrator.Apply(connection, FixedClock.Default, migrations);

        Assert.Equal([2], applied);
        Assert.Equal(2, SchemaMigrator.CurrentVersion(connection));
    }

    [Fact]
    public void Apply_FailingMigration_LeavesSchemaAtPreviousVersion()
    {
        using var connection = OpenMemory();
        var migrations = new[]
        {
            new Migration(1, "first", "CREATE TABLE a (x INTEGER)"),
            new Migration(2, "broken", "CREATE TABLE b (x INTEGER); CREATE TABLE a (x INTEGER)"),
        };

        Assert.ThrowsAny<DuckDBException>(() => SchemaMigrator.Apply(connection, FixedClock.Default, migrations));

        Assert.Equal(1, SchemaMigrator.CurrentVersion(connection));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'b'";
        Assert.Equal(0L, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Apply_StoreNewerThanProgram_IsRefused()
    {
        using var connection = OpenMemory();
        SchemaMigrator.Apply(connection, FixedClock.Default, [new Migration(1, "a", "SELECT 1"), new Migration(2, "b", "SELECT 1")]);

        var ex = Assert.Throws<StoreException>(() => SchemaMigrator.Apply(connection, FixedClock.Default, [new Migration(1, "a", "SELECT 1")]));

        Assert.Contains("schema version 2, newer than this program knows (1)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedded_MigrationsAreNumberedWithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, SchemaMigrator.Embedded.Count), SchemaMigrator.Embedded.Select(m => m.Version));
    }

    private static DuckDBConnection OpenMemory()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }
}

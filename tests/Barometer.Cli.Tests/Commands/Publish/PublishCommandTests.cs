using Barometer.Publishing.Results;
using Barometer.Testing;

namespace Barometer.Cli.Tests.Commands.Publish;

public class PublishCommandTests
{
    [RequiresPostgresFact]
    public void Publish_ReleasedStoreTwice_CopiesOnceThenReportsNothingToPublish()
    {
        using var schema = PostgresTestDatabase.CreateSchema();

        var first = CliRunner.Run("publish", "--store", ReleasedStore.Shared.StorePath, "--postgres", schema.ConnectionString);
        var second = CliRunner.Run("publish", "--store", ReleasedStore.Shared.StorePath, "--postgres", schema.ConnectionString);

        Assert.True(first.ExitCode == 0, first.Err);
        Assert.Contains("Published 4 released version(s)", first.Out, StringComparison.Ordinal);
        Assert.Contains("wave 2025 version 1", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already holds all 4 released version(s)", second.Out, StringComparison.Ordinal);
        var published = new PostgresPublishedResults(schema.ConnectionString).Load();
        Assert.Equal(new DuckDbPublishedResults(ReleasedStore.Shared.StorePath).Load().AllReleases, published.AllReleases);
    }

    [Fact]
    public void Publish_NoServerListening_ExitsOneNamingServerButNotPassword()
    {
        var store = Path.Combine(Path.GetTempPath(), "barometer-publish-" + Guid.NewGuid().ToString("N") + ".duckdb");
        try
        {
            using (Barometer.Storage.BarometerStore.Open(store, TimeProvider.System))
            {
                // An empty store: nothing released, but the connection is still tried.
            }

            var (code, _, err) = CliRunner.Run("publish", "--store", store, "--postgres",
                "Host=127.0.0.1;Port=1;Database=barometer;Username=publisher;Password=top-secret-0815;Timeout=5");

            Assert.Equal(1, code);
            Assert.StartsWith("error: cannot connect to PostgreSQL at 127.0.0.1:1, database barometer", err, StringComparison.Ordinal);
            Assert.DoesNotContain("top-secret-0815", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(store);
        }
    }

    [Fact]
    public void Publish_MissingStore_ExitsOneNamingStore()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-store-" + Guid.NewGuid().ToString("N") + ".duckdb");

        var (code, _, err) = CliRunner.Run("publish", "--store", missing, "--postgres", "Host=127.0.0.1;Port=1;Database=barometer");

        Assert.Equal(1, code);
        Assert.Contains("--store:", err, StringComparison.Ordinal);
        Assert.Contains(missing, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_NoConnectionString_ExitsOneSayingWhatToGive()
    {
        var (code, _, err) = CliRunner.Run("publish", "--store", "x.duckdb", "--postgres", " ");

        Assert.Equal(1, code);
        Assert.Contains("--postgres: give the PostgreSQL connection string", err, StringComparison.Ordinal);
    }
}

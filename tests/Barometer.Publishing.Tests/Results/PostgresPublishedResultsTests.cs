using Barometer.Publishing.Results;
using Barometer.Testing;

namespace Barometer.Publishing.Tests.Results;

public class PostgresPublishedResultsTests
{
    private static readonly Lazy<PublishedSnapshot> Store = new(() => new DuckDbPublishedResults(ReleasedStore.Shared.StorePath).Load());

    private static PublishedSnapshot StoreSnapshot => Store.Value;

    [RequiresPostgresFact]
    public void Load_PublishedReleasedStore_EqualsStoreSnapshot()
    {
        var published = new PostgresPublishedResults(PostgresTestDatabase.SharedStorePublished).Load();

        Assert.Equal(StoreSnapshot.AllReleases, published.AllReleases);
        // The nonresponse analysis travels with its release, identical to the DuckDB copy.
        Assert.All(StoreSnapshot.AllReleases, r => Assert.NotNull(r.QualityJson));
        Assert.Equal(StoreSnapshot.AllReleases.Select(r => r.QualityJson), published.AllReleases.Select(r => r.QualityJson));
        foreach (var release in StoreSnapshot.AllReleases)
        {
            // Copied cells are the stored doubles themselves, so equality is exact.
            Assert.Equal(StoreSnapshot.ResultsOf(release), published.ResultsOf(release));
        }

        foreach (var now in new[] { ReleasedStore.Now, ReleasedStore.EmbargoedReleaseTime, ReleasedStore.EmbargoedReleaseTime.AddTicks(-10), DateTimeOffset.MaxValue })
        {
            var expected = StoreSnapshot.AsOf(now);
            var actual = published.AsOf(now);
            Assert.Equal(expected.Releases, actual.Releases);
            Assert.Equal(expected.Results, actual.Results);
            Assert.Equal(expected.LastModified, actual.LastModified);
            Assert.Equal(StoreSnapshot.NextReleaseAfter(now), published.NextReleaseAfter(now));
        }
    }

    [RequiresPostgresFact]
    public void Load_PublishedReleasedStore_EmbargoedWaveStoredButNotPublicBeforeItsTime()
    {
        var published = new PostgresPublishedResults(PostgresTestDatabase.SharedStorePublished).Load();

        Assert.Contains(published.AllReleases, r => r.Wave == ReleasedStore.EmbargoedWave);
        Assert.DoesNotContain(published.AllReleases, r => r.Wave == ReleasedStore.UnreleasedWave);
        var view = published.AsOf(ReleasedStore.Now);
        Assert.Equal(ReleasedStore.PublicWaves, view.Releases.Select(r => r.Wave));
        Assert.Equal(ReleasedStore.PublicWaves, view.Results.Select(r => r.Wave).Distinct().Order());
        Assert.Contains(published.AsOf(ReleasedStore.EmbargoedReleaseTime).Releases, r => r.Wave == ReleasedStore.EmbargoedWave);
    }

    [RequiresPostgresFact]
    public void Publish_SameSnapshotAgain_ChangesNothing()
    {
        using var schema = PostgresTestDatabase.CreateSchema();
        var publisher = new PostgresPublisher(schema.ConnectionString);
        var first = publisher.Publish(StoreSnapshot);
        var rows = Convert.ToInt64(schema.Scalar("SELECT count(*) FROM published_results"), System.Globalization.CultureInfo.InvariantCulture);

        var second = publisher.Publish(StoreSnapshot);

        Assert.Equal(StoreSnapshot.AllReleases.Count, first.Added.Count);
        Assert.Equal(rows, first.ResultRows);
        Assert.Empty(second.Added);
        Assert.Equal(StoreSnapshot.AllReleases.Count, second.AlreadyPublished);
        Assert.Equal(0, second.ResultRows);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Equal(first.Fingerprint, new PostgresPublishedResults(schema.ConnectionString).Fingerprint());
        Assert.Equal(rows, Convert.ToInt64(schema.Scalar("SELECT count(*) FROM published_results"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(7, Convert.ToInt32(schema.Scalar("SELECT max(version) FROM published_schema_version"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [RequiresPostgresFact]
    public void Publish_EveryRelease_StoresItsChecksum()
    {
        using var schema = PostgresTestDatabase.CreateSchema();
        new PostgresPublisher(schema.ConnectionString).Publish(StoreSnapshot);
        foreach (var release in StoreSnapshot.AllReleases)
        {
            var stored = schema.Scalar($"SELECT results_sha256 FROM published_releases WHERE wave = {release.Wave} AND version = {release.Version}");
            Assert.Equal(PublishedChecksum.Of(release, StoreSnapshot.ResultsOf(release)), stored);
        }
    }

    [RequiresPostgresFact]
    public void Load_ReleaseChangedAfterPublishing_IsRefusedAndNamed()
    {
        string[] changes =
        [
            "UPDATE published_results SET estimate = estimate + 0.001 WHERE wave = 2023 AND estimate IS NOT NULL AND breakdown = 'total'",
            "UPDATE published_results SET suppression_rule = NULL WHERE wave = 2023 AND suppression_rule IS NOT NULL",
            "DELETE FROM published_results WHERE wave = 2023 AND breakdown = 'sex'",
            "UPDATE published_releases SET release_time = release_time - interval '1 day' WHERE wave = 2023",
        ];
        foreach (var change in changes)
        {
            using var schema = PostgresTestDatabase.CreateSchema();
            new PostgresPublisher(schema.ConnectionString).Publish(StoreSnapshot);
            new PostgresPublishedResults(schema.ConnectionString).Load();
            Assert.True(Convert.ToInt32(schema.Scalar($"WITH changed AS ({change} RETURNING 1) SELECT count(*) FROM changed"), System.Globalization.CultureInfo.InvariantCulture) > 0, change);

            var error = Assert.Throws<PublishedResultsException>(() => new PostgresPublishedResults(schema.ConnectionString).Load());
            Assert.Contains("(wave 2023 version 1)", error.Message, StringComparison.Ordinal);
            Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
        }
    }

    [RequiresPostgresFact]
    public void Publish_NewRelease_AddsOnlyItsRowsAndChangesFingerprint()
    {
        using var schema = PostgresTestDatabase.CreateSchema();
        var publisher = new PostgresPublisher(schema.ConnectionString);
        var source = new PostgresPublishedResults(schema.ConnectionString);
        var earlier = Subset(StoreSnapshot, r => r.Wave <= 2023);
        publisher.Publish(earlier);
        var before = source.Fingerprint();

        var outcome = publisher.Publish(StoreSnapshot);

        Assert.Equal(StoreSnapshot.AllReleases.Where(r => r.Wave > 2023), outcome.Added);
        Assert.Equal(2, outcome.AlreadyPublished);
        Assert.Equal(StoreSnapshot.AllReleases.Where(r => r.Wave > 2023).Sum(r => (long)StoreSnapshot.ResultsOf(r).Count()), outcome.ResultRows);
        Assert.NotEqual(before, source.Fingerprint());
        Assert.Equal(outcome.Fingerprint, source.Fingerprint());
        Assert.Equal(StoreSnapshot.AsOf(DateTimeOffset.MaxValue).Results, source.Load().AsOf(DateTimeOffset.MaxValue).Results);
    }

    [RequiresPostgresFact]
    public void Publish_FailureInLastRelease_LeavesPostgresUnchanged()
    {
        using var schema = PostgresTestDatabase.CreateSchema();
        var publisher = new PostgresPublisher(schema.ConnectionString);
        var source = new PostgresPublishedResults(schema.ConnectionString);
        publisher.Publish(Subset(StoreSnapshot, r => r.Wave <= 2022));
        var fingerprint = source.Fingerprint();
        var before = source.Load();

        // Wave 2025's cells twice: its COPY breaks the primary key after the releases and 2023–2024 were written.
        var broken = new PublishedSnapshot("broken", StoreSnapshot.AllReleases,
            StoreSnapshot.AllReleases.SelectMany(StoreSnapshot.ResultsOf).Concat(StoreSnapshot.ResultsOf(StoreSnapshot.AllReleases[^1])));
        var error = Assert.Throws<PublishedResultsException>(() => publisher.Publish(broken));

        Assert.Contains("Nothing was written.", error.Message, StringComparison.Ordinal);
        Assert.Equal(fingerprint, source.Fingerprint());
        var after = source.Load();
        Assert.Equal(before.AllReleases, after.AllReleases);
        Assert.Equal(before.AsOf(DateTimeOffset.MaxValue).Results, after.AsOf(DateTimeOffset.MaxValue).Results);
    }

    [RequiresPostgresFact]
    public void Publish_FailureIntoEmptySchema_CreatesNoTables()
    {
        using var schema = PostgresTestDatabase.CreateSchema();
        var broken = new PublishedSnapshot("broken", StoreSnapshot.AllReleases,
            StoreSnapshot.AllReleases.SelectMany(StoreSnapshot.ResultsOf).Concat(StoreSnapshot.ResultsOf(StoreSnapshot.AllReleases[0]).Take(1)));

        Assert.Throws<PublishedResultsException>(() => new PostgresPublisher(schema.ConnectionString).Publish(broken));

        Assert.Null(schema.Scalar("SELECT to_regclass('published_releases')::text"));
        Assert.Null(schema.Scalar("SELECT to_regclass('published_schema_version')::text"));
    }

    [RequiresPostgresFact]
    public void Publish_VersionHeldFromAnotherRun_RefusesAndWritesNothing()
    {
        using var schema = PostgresTestDatabase.CreateSchema();
        var publisher = new PostgresPublisher(schema.ConnectionString);
        publisher.Publish(Subset(StoreSnapshot, r => r.Wave <= 2022));
        var fingerprint = new PostgresPublishedResults(schema.ConnectionString).Fingerprint();
        var other = StoreSnapshot.AllReleases.Select(r => r.Wave == 2022 ? r with { RunId = r.RunId + 1000 } : r).ToList();
        var conflicting = new PublishedSnapshot("other", other, StoreSnapshot.AllReleases.SelectMany(StoreSnapshot.ResultsOf));

        var error = Assert.Throws<PublishedResultsException>(() => publisher.Publish(conflicting));

        Assert.Contains("wave 2022 version 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(fingerprint, new PostgresPublishedResults(schema.ConnectionString).Fingerprint());
    }

    [RequiresPostgresFact]
    public void Fingerprint_NothingPublished_SaysToPublishFirst()
    {
        using var schema = PostgresTestDatabase.CreateSchema();

        var error = Assert.Throws<PublishedResultsException>(() => new PostgresPublishedResults(schema.ConnectionString).Fingerprint());

        Assert.Contains("nothing has been published", error.Message, StringComparison.Ordinal);
        Assert.Contains(schema.Schema, error.Message, StringComparison.Ordinal);
    }

    [RequiresPostgresFact]
    public void Fingerprint_PublishedReleasedStore_EqualsLoadedFingerprint()
    {
        var source = new PostgresPublishedResults(PostgresTestDatabase.SharedStorePublished);

        Assert.Equal(source.Load().Fingerprint, source.Fingerprint());
    }

    [RequiresPostgresFact]
    public void Load_WrongPassword_NamesServerButNotPassword()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresTestDatabase.Server) { Password = "wrong-secret-4711" };

        var error = Assert.Throws<PublishedResultsException>(() => new PostgresPublishedResults(builder.ConnectionString).Load());

        Assert.Contains($"{builder.Host}:{builder.Port}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-4711", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_NoServerListening_NamesHostPortAndDatabaseButNotPassword()
    {
        var source = new PostgresPublishedResults("Host=127.0.0.1;Port=1;Database=barometer_nowhere;Username=reader;Password=top-secret-0815;Timeout=5");

        var error = Assert.Throws<PublishedResultsException>(source.Fingerprint);

        Assert.Contains("cannot connect to PostgreSQL at 127.0.0.1:1, database barometer_nowhere", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("top-secret-0815", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MalformedConnectionString_SaysSoWithoutRepeatingIt()
    {
        var error = Assert.Throws<PublishedResultsException>(() => new PostgresPublisher("Hots=x;Password=top-secret-0815"));

        Assert.Contains("connection string is not valid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("top-secret-0815", error.Message, StringComparison.Ordinal);
    }

    private static PublishedSnapshot Subset(PublishedSnapshot snapshot, Func<PublishedRelease, bool> keep)
    {
        var releases = snapshot.AllReleases.Where(keep).ToList();
        return new PublishedSnapshot("subset", releases, releases.SelectMany(snapshot.ResultsOf));
    }
}

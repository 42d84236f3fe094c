using Barometer.Publishing.Results;
using Barometer.Storage.Results;
using Barometer.Testing;

namespace Barometer.Publishing.Tests.Results;

public class DuckDbPublishedResultsTests
{
    private static readonly PublishedSnapshot Snapshot = new DuckDbPublishedResults(ReleasedStore.Shared.StorePath).Load();

    [Fact]
    public void Load_ReleasedStore_ReadsReleasedRunsOnly()
    {
        Assert.Equal([2022, 2023, 2024, 2025], Snapshot.AllReleases.Select(r => r.Wave).Order());
        var view = Snapshot.AsOf(DateTimeOffset.MaxValue);
        Assert.DoesNotContain(view.Results, r => r.Wave == ReleasedStore.UnreleasedWave);
        Assert.Contains(view.Results, r => r.Wave == ReleasedStore.EmbargoedWave);
    }

    [Fact]
    public void AsOf_BeforeReleaseTime_HidesEmbargoedWave()
    {
        var view = Snapshot.AsOf(ReleasedStore.Now);
        Assert.Equal(ReleasedStore.PublicWaves, view.Releases.Select(r => r.Wave));
        Assert.Equal(ReleasedStore.PublicWaves, view.Results.Select(r => r.Wave).Distinct().Order());
        Assert.Equal(ReleasedStore.EmbargoedReleaseTime, Snapshot.NextReleaseAfter(ReleasedStore.Now));
    }

    [Fact]
    public void AsOf_AtReleaseTime_ShowsEmbargoedWave()
    {
        var view = Snapshot.AsOf(ReleasedStore.EmbargoedReleaseTime);
        Assert.Contains(view.Releases, r => r.Wave == ReleasedStore.EmbargoedWave);
        Assert.Null(Snapshot.NextReleaseAfter(ReleasedStore.EmbargoedReleaseTime));
    }

    [Fact]
    public void Load_SuppressedCells_KeepRuleAndNoNumbers()
    {
        var view = Snapshot.AsOf(ReleasedStore.Now);
        Assert.Contains(view.Results, r => r.Row.SuppressionRule is not null);
        Assert.All(view.Results.Where(r => r.Row.SuppressionRule is not null), r =>
        {
            Assert.Null(r.Row.Estimate);
            Assert.Null(r.Margin);
        });
    }

    [Fact]
    public void Load_StoredDegreesOfFreedom_AreNotPublished()
    {
        using (var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={ReleasedStore.Shared.StorePath};ACCESS_MODE=READ_ONLY"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM results r JOIN releases rel ON rel.run_id = r.run_id WHERE r.degrees_of_freedom IS NOT NULL";
            Assert.True(Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        }

        Assert.All(Snapshot.AsOf(DateTimeOffset.MaxValue).Results, r => Assert.Null(r.Row.DegreesOfFreedom));
    }

    [Fact]
    public void PublishedResult_MadeOrChangedWithDegreesOfFreedom_DropsThem()
    {
        var row = new ResultRow("trust_police", "total", "", "all", Measure.Level, ResultSources.Survey, 0.5, 0.01, 0.48, 0.52, 40.0, 900, null, null, null, null, null);
        var released = new PublishedResult(2026, 1, row);
        Assert.Null(released.Row.DegreesOfFreedom);
        Assert.Equal(row with { DegreesOfFreedom = null }, released.Row);
        Assert.Null((released with { Row = row }).Row.DegreesOfFreedom);
    }

    [Fact]
    public void Load_EveryRelease_CarriesItsRunsRulesAsRecorded()
    {
        Assert.All(Snapshot.AllReleases, r =>
        {
            Assert.NotNull(r.RulesJson);
            Assert.Equal(r.RulesJson, r.Rules!.ToJson());
        });
    }

    [Fact]
    public void Fingerprint_SameStore_EqualsSnapshotFingerprint()
    {
        Assert.Equal(Snapshot.Fingerprint, new DuckDbPublishedResults(ReleasedStore.Shared.StorePath).Fingerprint());
    }

    [Fact]
    public void Load_ReleasedResultChangedAfterRelease_RefusesTheStoreAndNamesTheRelease()
    {
        var copy = ReleasedStore.Shared.CopyStore();
        using (var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={copy}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE results SET estimate = estimate + 0.01 WHERE run_id = (SELECT run_id FROM releases WHERE wave = 2023 AND version = 1) " +
                "AND measure = 'level' AND breakdown = 'total' AND comparison_group = 'all' AND estimate IS NOT NULL";
            Assert.True(command.ExecuteNonQuery() > 0);
        }

        var error = Assert.Throws<PublishedResultsException>(() => new DuckDbPublishedResults(copy).Load());
        Assert.Contains("wave 2023 version 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("seal", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wave 2022", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EveryReleaseOfTheFixture_IsSealed()
    {
        var seals = ReleasedStore.Shared.Releases.Select(r => r.Seal).ToList();
        Assert.Equal(4, seals.Count);
        Assert.All(seals, s => Assert.Matches("^[0-9a-f]{64}$", s));
        Assert.Equal(seals.Count, seals.Distinct().Count());
    }

    [Fact]
    public void Load_MissingStore_SaysWhichFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-store-" + Guid.NewGuid().ToString("N") + ".duckdb");
        var error = Assert.Throws<PublishedResultsException>(() => new DuckDbPublishedResults(missing).Load());
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}

using Barometer.Storage.Releases;
using DuckDB.NET.Data;

namespace Barometer.Storage.Tests.Releases;

public class ReleaseSealTests
{
    [Fact]
    public void Broken_AfterSealing_IsEmpty()
    {
        using var folder = new TempFolder();
        using var store = folder.OpenStore();
        var seal = Release(store, run: 1, wave: 2026);

        Assert.Matches("^[0-9a-f]{64}$", seal);
        Assert.Empty(Broken(store));
    }

    [Theory]
    [InlineData("UPDATE results SET estimate = 0.5001 WHERE indicator = 'employment_rate' AND cell = '1'")]
    [InlineData("UPDATE results SET suppression_rule = NULL WHERE cell = '2'")]
    [InlineData("UPDATE results SET respondents = 41 WHERE cell = ''")]
    [InlineData("DELETE FROM results WHERE cell = '2'")]
    [InlineData("INSERT INTO results (run_id, indicator, breakdown, cell, comparison_group, measure, source, estimate) VALUES (1, 'employment_rate', 'sex', '3', 'all', 'level', 'register', 0.7)")]
    [InlineData("UPDATE releases SET release_time = release_time - INTERVAL 1 DAY")]
    [InlineData("UPDATE releases SET note = 'a note added later'")]
    [InlineData("UPDATE releases SET run_id = 2")]
    public void Broken_AfterAChangeToTheReleaseOrItsResults_NamesTheRelease(string change)
    {
        using var folder = new TempFolder();
        using var store = folder.OpenStore();
        var seal = Release(store, run: 1, wave: 2026);
        store.InTransaction(t => Execute(t, change));

        var broken = Assert.Single(Broken(store));
        Assert.Equal((2026, 1, seal), (broken.Wave, broken.Version, broken.Sealed));
        Assert.NotEqual(seal, broken.Actual);
    }

    [Fact]
    public void Broken_ChangeToAnotherRunsResults_LeavesTheSealIntact()
    {
        using var folder = new TempFolder();
        using var store = folder.OpenStore();
        Release(store, run: 1, wave: 2026);
        store.InTransaction(t => Execute(t, "UPDATE results SET estimate = 0.9 WHERE run_id = 2"));

        Assert.Empty(Broken(store));
    }

    [Fact]
    public void Broken_InAnotherTimeZone_StillMatches()
    {
        using var folder = new TempFolder();
        using var store = folder.OpenStore();
        Release(store, run: 1, wave: 2026);

        store.InTransaction(t => Execute(t, "SET TimeZone = 'Asia/Tokyo'"));
        Assert.Empty(Broken(store));
    }

    [Fact]
    public void Broken_ReleaseWithoutSeal_IsNotChecked()
    {
        using var folder = new TempFolder();
        using var store = folder.OpenStore();
        Release(store, run: 1, wave: 2026);
        store.InTransaction(t => Execute(t, "UPDATE releases SET seal_sha256 = NULL; UPDATE results SET estimate = 0.1"));

        Assert.Empty(Broken(store));
    }

    /// <summary>Two runs with a few results, and run <paramref name="run"/> released and sealed.</summary>
    private static string Release(BarometerStore store, int run, int wave) => store.InTransaction(t =>
    {
        Execute(t, """
            INSERT INTO runs (run_id, wave, started_at, status) VALUES (1, 2026, TIMESTAMPTZ '2026-06-01 08:00:00+00', 'completed'),
                (2, 2026, TIMESTAMPTZ '2026-06-02 08:00:00+00', 'completed');
            INSERT INTO results (run_id, indicator, breakdown, cell, comparison_group, measure, source, estimate, respondents, suppression_rule) VALUES
                (1, 'employment_rate', 'total', '', 'all', 'level', 'register', 0.78125, 4000, NULL),
                (1, 'employment_rate', 'sex', '1', 'all', 'level', 'register', 0.8, 2000, NULL),
                (1, 'employment_rate', 'sex', '2', 'all', 'level', 'register', NULL, NULL, 'register.group_size'),
                (2, 'employment_rate', 'total', '', 'all', 'level', 'register', 0.7, 4000, NULL);
            """);
        Execute(t, $"INSERT INTO releases (wave, version, run_id, release_time, created_at, note, provenance) VALUES ({wave}, 1, {run}, " +
            "TIMESTAMPTZ '2026-06-18 06:00:00+00', TIMESTAMPTZ '2026-06-10 09:30:00+00', NULL, '{\"wave\": 2026}')");
        return ReleaseSeal.Seal(new StoreSession(t), wave, 1);
    });

    private static IReadOnlyList<BrokenSeal> Broken(BarometerStore store) =>
        store.InSession(ReleaseSeal.Broken);

    private static int Execute(DuckDBTransaction transaction, string sql)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}

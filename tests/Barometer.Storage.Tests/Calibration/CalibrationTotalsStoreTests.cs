using Barometer.Storage.Calibration;
using Barometer.Storage.Ingestion;

namespace Barometer.Storage.Tests.Calibration;

public class CalibrationTotalsStoreTests
{
    private static readonly CalibrationTotal[] Totals =
    [
        CalibrationTotal.Of([("Kon", "1")], 5324785),
        CalibrationTotal.Of([("Kon", "2")], 5262925),
        CalibrationTotal.Of([("Region", "01"), ("Kon", "1")], 1218000),
    ];

    [Fact]
    public void Import_NewSet_StoredAndReadBack()
    {
        using var folder = new TempFolder();
        using var store = folder.OpenStore();
        var totals = new CalibrationTotalsStore(store);

        var outcome = totals.Import("population", 2026, "bef.px", "aa", Totals);

        Assert.Equal(IngestStatus.Ingested, outcome.Status);
        Assert.Contains("3 cells in 2 margin(s)", Assert.Single(outcome.Messages), StringComparison.Ordinal);
        var read = totals.Read("population", 2026);
        Assert.Equal(3, read.Count);
        Assert.Equal(new CalibrationTotal("Region;Kon", "Region=01;Kon=1", 1218000), read.Single(t => t.Margin == "Region;Kon"));
        Assert.Equal(["population"], totals.Sets(2026));
    }

    [Fact]
    public void Import_SameFileAgain_IsNoOp()
    {
        using var folder = new TempFolder();
        using var store = folder.OpenStore();
        var totals = new CalibrationTotalsStore(store);
        totals.Import("population", 2026, "bef.px", "aa", Totals);
        var before = StoreSnapshot.Take(store);

        var outcome = totals.Import("population", 2026, "bef.px", "aa", Totals);

        Assert.Equal(IngestStatus.Unchanged, outcome.Status);
        Assert.Equal(before, StoreSnapshot.Take(store));
    }

    [Fact]
    public void Import_ChangedFile_ReplacesSet()
    {
        using var folder = new TempFolder();
        using var store = folder.OpenStore();
        var totals = new CalibrationTotalsStore(store);
        totals.Import("population", 2026, "bef.px", "aa", Totals);

        var outcome = totals.Import("population", 2026, "bef.px", "bb", Totals[..2]);

        Assert.Equal(IngestStatus.Replaced, outcome.Status);
        Assert.Equal(2, totals.Read("population", 2026).Count);
    }

    [Fact]
    public void Import_NegativeOrMissingTotal_RejectedAndStoreUnchanged()
    {
        using var folder = new TempFolder();
        using var store = folder.OpenStore();
        var before = StoreSnapshot.Take(store);

        var outcome = new CalibrationTotalsStore(store).Import("population", 2026, "bef.csv", "aa",
            [CalibrationTotal.Of([("Kon", "1")], -1), CalibrationTotal.Of([("Kon", "2")], double.NaN)]);

        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        Assert.Equal(2, outcome.ProblemCount);
        Assert.Equal(("Kon=1", "a total ≥ 0", "-1"), (outcome.Problems[0].Column!, outcome.Problems[0].Expected, outcome.Problems[0].Actual));
        Assert.Equal(before, StoreSnapshot.Take(store));
    }

    [Fact]
    public void Import_ReleasedWave_Rejected()
    {
        using var folder = new TempFolder();
        using var store = folder.OpenStore();
        store.Execute("INSERT INTO waves VALUES (2026, 'released', TIMESTAMPTZ '2026-06-18 06:00:00+00')");
        var before = StoreSnapshot.Take(store);

        var outcome = new CalibrationTotalsStore(store).Import("population", 2026, "bef.px", "aa", Totals);

        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        Assert.Contains("wave 2026 is released", Assert.Single(outcome.Problems).Actual, StringComparison.Ordinal);
        Assert.Equal(before, StoreSnapshot.Take(store));
    }
}

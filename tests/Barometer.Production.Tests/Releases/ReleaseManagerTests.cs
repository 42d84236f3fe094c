using System.Text.Json;
using Barometer.Production.Releases;
using Barometer.Storage;

namespace Barometer.Production.Tests.Releases;

[Collection(ProducedStoreGroup.Name)]
[Trait("Category", "Slow")]
public sealed class ReleaseManagerTests(ProducedStore produced)
{
    [Fact]
    public void Release_FirstVersion_StoresEmbargoTimeAndProvenance()
    {
        var release = produced.Released;
        Assert.Equal(1, release.Version);
        Assert.Equal(produced.Second.RunId, release.RunId);
        var stored = ProducedStore.Query(produced.StorePath, "SELECT release_time, provenance FROM releases WHERE wave = 2026 AND version = 1",
            r => (At: r.GetDateTime(0), Provenance: r.GetString(1))).Single();
        Assert.Equal(ProducedStore.ReleaseTime.UtcDateTime, DateTime.SpecifyKind(stored.At, DateTimeKind.Utc));
        using var json = JsonDocument.Parse(stored.Provenance);
        var root = json.RootElement;
        Assert.Equal(produced.Catalogue.Version.ToString(), root.GetProperty("catalogue_version").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("software_version").GetString()));
        Assert.Equal(3, root.GetProperty("input_files").GetArrayLength());
        Assert.All(root.GetProperty("input_files").EnumerateArray(), f => Assert.Equal(64, f.GetProperty("sha256").GetString()!.Length));
        Assert.Equal(40, root.GetProperty("rules").GetProperty("survey").GetProperty("min_respondents").GetInt32());
        Assert.Equal("released", ProducedStore.Query(produced.StorePath, "SELECT status FROM waves WHERE wave = 2026", r => r.GetString(0)).Single());
        Assert.Equal(release.Seal, ProducedStore.Query(produced.StorePath, "SELECT seal_sha256 FROM releases WHERE wave = 2026 AND version = 1", r => r.GetString(0)).Single());
        using var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System);
        var status = Assert.Single(Barometer.Storage.Status.StoreStatus.Read(store).Releases);
        Assert.Equal((release.Seal, (bool?)true), (status.Seal, status.SealMatches));
    }

    [Fact]
    public void Release_AgainWithoutNote_IsRefusedAndTheReleaseIsUnchanged()
    {
        var copy = produced.CopyStore();
        string Snapshot() => string.Join("|", ProducedStore.Query(copy, "SELECT wave, version, run_id, release_time, provenance FROM releases ORDER BY wave, version",
            r => $"{r.GetValue(0)}/{r.GetValue(1)}/{r.GetValue(2)}/{r.GetValue(3)}/{r.GetValue(4)}"));
        var before = Snapshot();
        using (var store = BarometerStore.Open(copy, TimeProvider.System))
        {
            var ex = Assert.Throws<ProductionException>(() => new ReleaseManager(store).Release(2026, ProducedStore.ReleaseTime.AddDays(1), null));
            Assert.Contains("already released", ex.Message, StringComparison.Ordinal);
            Assert.Contains("--note", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Release_CorrectionWithNote_AddsAVersionAndKeepsTheFirst()
    {
        var copy = produced.CopyStore();
        var first = ProducedStore.Query(copy, "SELECT provenance FROM releases WHERE wave = 2026 AND version = 1", r => r.GetString(0)).Single();
        using (var store = BarometerStore.Open(copy, TimeProvider.System))
        {
            var correction = new ReleaseManager(store).Release(2026, ProducedStore.ReleaseTime.AddDays(7), "corrected kommun codes");
            Assert.Equal(2, correction.Version);
        }

        Assert.Equal(first, ProducedStore.Query(copy, "SELECT provenance FROM releases WHERE wave = 2026 AND version = 1", r => r.GetString(0)).Single());
        Assert.Equal("corrected kommun codes", ProducedStore.Query(copy, "SELECT note FROM releases WHERE wave = 2026 AND version = 2", r => r.GetString(0)).Single());
    }

    [Fact]
    public void Release_WaveWithoutRun_IsRefused()
    {
        var copy = produced.CopyStore();
        using var store = BarometerStore.Open(copy, TimeProvider.System);
        var ex = Assert.Throws<ProductionException>(() => new ReleaseManager(store).Release(2024, ProducedStore.ReleaseTime, null));
        Assert.Contains("no completed run", ex.Message, StringComparison.Ordinal);
    }
}

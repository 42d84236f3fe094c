using Barometer.Publishing.Results;
using Barometer.Testing;
using Barometer.Web.Api;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Barometer.Web.Tests.State;

/// <summary>
/// The state behind every endpoint: it reloads only when the fingerprint changes, keeps serving the last snapshot
/// while the source fails, and rebuilds the model only when the set of visible releases changes.
/// </summary>
public sealed class PublicationStateTests
{
    [Fact]
    public void Current_SameVisibleReleases_IsTheSameModel_AndANewOneWhenTheClockPassesARelease()
    {
        var source = new CountingSource(ReleasedStore.Shared.StorePath);
        var clock = new FakeTimeProvider(ReleasedStore.Now);
        var state = new PublicationState(source, () => ReleasedStore.Shared.Catalogue, clock, NullLogger<PublicationState>.Instance);
        var changes = 0;
        state.EditionChanged += (_, _) => changes++;

        var first = state.Current();
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Same(first, state.Current());
        Assert.Equal(1, source.Loads);
        Assert.Equal(1, changes);
        Assert.DoesNotContain(first.Tables, t => t.LastPeriod == "2025");

        clock.SetUtcNow(ReleasedStore.EmbargoedReleaseTime);
        var released = state.Current();
        Assert.NotSame(first, released);
        Assert.Contains(released.Tables, t => t.LastPeriod == "2025");
        Assert.Equal(2, changes);
        clock.Advance(TimeSpan.FromDays(30));
        Assert.Same(released, state.Current());
        Assert.Equal(1, source.Loads);
    }

    [Fact]
    public void Current_ClockBeforeTheEdition_IsRebuiltSoNothingFutureLeaks()
    {
        var clock = new SettableClock { Now = ReleasedStore.EmbargoedReleaseTime.AddHours(1) };
        var state = new PublicationState(new CountingSource(ReleasedStore.Shared.StorePath), () => ReleasedStore.Shared.Catalogue, clock, NullLogger<PublicationState>.Instance);
        Assert.Contains(state.Current().Tables, t => t.LastPeriod == "2025");
        clock.Now = ReleasedStore.Now;
        Assert.DoesNotContain(state.Current().Tables, t => t.LastPeriod == "2025");
    }

    [Fact]
    public void Refresh_SameFingerprint_DoesNotReload_NewFingerprintDoes_FailureKeepsTheOldSnapshot()
    {
        var source = new CountingSource(ReleasedStore.Shared.StorePath);
        var state = new PublicationState(source, () => ReleasedStore.Shared.Catalogue, new FakeTimeProvider(ReleasedStore.Now), NullLogger<PublicationState>.Instance);
        var model = state.Current();
        Assert.False(state.Refresh());
        Assert.Equal(1, source.Loads);

        source.Suffix = "-changed";
        Assert.True(state.Refresh());
        Assert.Equal(2, source.Loads);

        source.Fail = true;
        source.Suffix = "-again";
        Assert.False(state.Refresh());
        Assert.Equal(model.Tables.Count, state.Current().Tables.Count);
    }

    [Fact]
    public void Current_SourceUnreadableAtFirst_ThrowsPublishedResultsException()
    {
        var source = new CountingSource(ReleasedStore.Shared.StorePath) { Fail = true };
        var state = new PublicationState(source, () => ReleasedStore.Shared.Catalogue, new FakeTimeProvider(ReleasedStore.Now), NullLogger<PublicationState>.Instance);
        Assert.Throws<PublishedResultsException>(() => state.Current());
    }

    [Fact]
    public void Sources_UnknownBackend_IsRefused_AndPostgresNeedsAConnectionString()
    {
        Assert.Throws<InvalidOperationException>(() => PublishedResultsSources.Create(new PublicationOptions { Backend = "oracle" }));
        Assert.Throws<InvalidOperationException>(() => PublishedResultsSources.Create(new PublicationOptions { Backend = "postgres" }));
        Assert.IsType<DuckDbPublishedResults>(PublishedResultsSources.Create(new PublicationOptions { Store = "x.duckdb" }));
        Assert.NotEmpty(new PublicationOptions { Backend = "oracle", MaxDataCells = 0 }.Validate());
        Assert.Empty(new PublicationOptions().Validate());
    }

    /// <summary>A clock that may be set backwards (a FakeTimeProvider may not).</summary>
    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CountingSource(string path) : IPublishedResultsSource
    {
        private readonly DuckDbPublishedResults _inner = new(path);

        public int Loads { get; private set; }

        public string Suffix { get; set; } = string.Empty;

        public bool Fail { get; set; }

        public string Fingerprint() => Fail ? throw new PublishedResultsException("locked") : _inner.Fingerprint() + Suffix;

        public PublishedSnapshot Load()
        {
            if (Fail)
            {
                throw new PublishedResultsException("locked");
            }

            Loads++;
            var snapshot = _inner.Load();
            return new PublishedSnapshot(snapshot.Fingerprint + Suffix, snapshot.AllReleases, snapshot.AllReleases.SelectMany(snapshot.ResultsOf));
        }
    }
}

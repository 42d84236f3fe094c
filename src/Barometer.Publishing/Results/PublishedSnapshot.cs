using Barometer.Storage.Results;

namespace Barometer.Publishing.Results;

/// <summary>
/// Every released version read from a source at one moment. Nothing here is public by itself: <see cref="AsOf"/>
/// returns the view the public may see at a given time — per wave the highest version whose release time has
/// passed — and every publication path (API, dashboard, report) must go through it.
/// </summary>
public sealed class PublishedSnapshot
{
    private readonly IReadOnlyList<PublishedRelease> _releases;
    private readonly ILookup<(int Wave, int Version), PublishedResult> _results;

    public PublishedSnapshot(string fingerprint, IReadOnlyList<PublishedRelease> releases, IEnumerable<PublishedResult> results)
    {
        ArgumentNullException.ThrowIfNull(releases);
        ArgumentNullException.ThrowIfNull(results);
        Fingerprint = fingerprint ?? throw new ArgumentNullException(nameof(fingerprint));
        _releases = [.. releases.OrderBy(r => r.Wave).ThenBy(r => r.Version)];
        _results = results.ToLookup(r => (r.Wave, r.Version));
    }

    /// <summary>The source's fingerprint when this snapshot was read.</summary>
    public string Fingerprint { get; }

    /// <summary>All release records, including future-dated ones. Not for public output.</summary>
    public IReadOnlyList<PublishedRelease> AllReleases => _releases;

    /// <summary>
    /// The results of one released version, whatever its release time. Not for public output: for copying released
    /// rows to another backend (<see cref="PostgresPublisher"/>).
    /// </summary>
    public IEnumerable<PublishedResult> ResultsOf(PublishedRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return _results[(release.Wave, release.Version)];
    }

    /// <summary>
    /// The public view at <paramref name="now"/>: the embargo is enforced here. A release's changes are shown only
    /// while the previous wave's version they were computed against (<see cref="PublishedRelease.ChangesAgainst"/>)
    /// is itself the public version of its wave; otherwise level − change would give a previous level that is
    /// embargoed, unreleased or superseded, so each change is withheld (<see cref="PreviousUnavailable"/>).
    /// </summary>
    public PublicView AsOf(DateTimeOffset now)
    {
        var current = _releases
            .Where(r => r.ReleaseTime <= now)
            .GroupBy(r => r.Wave)
            .Select(g => g.MaxBy(r => r.Version)!)
            .OrderBy(r => r.Wave)
            .ToList();
        var inForce = current.ToDictionary(r => r.Wave, r => r.Version);
        var results = new List<PublishedResult>();
        foreach (var release in current)
        {
            var changesPublic = release.ChangesAgainst is { } basis && inForce.TryGetValue(basis.Wave, out var version) && version == basis.Version;
            foreach (var result in _results[(release.Wave, release.Version)])
            {
                results.Add(changesPublic || result.Row.Measure != Measure.Change || result.Row.SuppressionRule is not null ? result : Withheld(result));
            }
        }

        return new PublicView(now, current, results);
    }

    /// <summary>The rule of a change withheld because the level it was taken against is not public.</summary>
    public const string PreviousUnavailable = SuppressionRules.ChangePreviousUnavailable;

    private static PublishedResult Withheld(PublishedResult change) => change with { Row = change.Row.Suppress(PreviousUnavailable) };

    /// <summary>The earliest release time after <paramref name="now"/>, when the public view will next change.</summary>
    public DateTimeOffset? NextReleaseAfter(DateTimeOffset now) =>
        _releases.Where(r => r.ReleaseTime > now).Select(r => (DateTimeOffset?)r.ReleaseTime).Min();
}

/// <summary>What the public may see at <see cref="Now"/>: the current release of each wave and its results.</summary>
public sealed record PublicView(DateTimeOffset Now, IReadOnlyList<PublishedRelease> Releases, IReadOnlyList<PublishedResult> Results)
{
    /// <summary>When the newest public release was published; the Last-Modified of anything built from this view.</summary>
    public DateTimeOffset? LastModified => Releases.Count == 0 ? null : Releases.Max(r => r.ReleaseTime > r.CreatedAt ? r.ReleaseTime : r.CreatedAt);
}

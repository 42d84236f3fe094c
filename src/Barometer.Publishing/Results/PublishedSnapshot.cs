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

    /// <summary>The public view at <paramref name="now"/>: the embargo is enforced here.</summary>
    public PublicView AsOf(DateTimeOffset now)
    {
        var current = _releases
            .Where(r => r.ReleaseTime <= now)
            .GroupBy(r => r.Wave)
            .Select(g => g.MaxBy(r => r.Version)!)
            .OrderBy(r => r.Wave)
            .ToList();
        return new PublicView(now, current, current.SelectMany(r => _results[(r.Wave, r.Version)]).ToList());
    }

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

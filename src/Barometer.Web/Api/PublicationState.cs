using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Barometer.Catalogue;
using Barometer.Publishing.Results;
using Barometer.Publishing.Tables;

namespace Barometer.Web.Api;

/// <summary>
/// What the public may see now: one table model built from the released results of a source, as of the injected
/// <see cref="TimeProvider"/>'s clock. The snapshot is read once and re-read in the background when the source's
/// fingerprint changes (<see cref="Refresh"/>); while a reload fails (store locked, database down) the last snapshot
/// is served. The model is built through <see cref="PublishedSnapshot.AsOf"/> — the embargo — and rebuilt only when
/// the set of visible releases changes: when the clock passes the next release time or a new snapshot arrives.
/// </summary>
public sealed class PublicationState
{
    private readonly IPublishedResultsSource _source;
    private readonly Func<IndicatorCatalogue> _catalogue;
    private readonly TimeProvider _time;
    private readonly ILogger<PublicationState> _logger;
    private readonly Lock _loadLock = new();
    private readonly Lock _buildLock = new();
    private volatile PublishedSnapshot? _snapshot;
    private volatile PublicationEdition? _edition;

    public PublicationState(IPublishedResultsSource source, Func<IndicatorCatalogue> catalogue, TimeProvider time, ILogger<PublicationState> logger)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Raised after a new edition (a different set of visible releases) replaced the previous one.</summary>
    public event EventHandler? EditionChanged;

    /// <summary>The table model of everything public now.</summary>
    public PublicationModel Current() => Edition().Model;

    /// <summary>
    /// The current edition: the model of everything public now with the key and time that identify it. Reads the
    /// source on first use (the one time a request waits for it); throws <see cref="PublishedResultsException"/> when
    /// nothing has ever been read.
    /// </summary>
    public PublicationEdition Edition()
    {
        var now = _time.GetUtcNow();
        var edition = _edition;
        var snapshot = _snapshot ?? LoadFirst();
        if (edition is not null && ReferenceEquals(edition.Snapshot, snapshot) && edition.IsValidAt(now))
        {
            return edition;
        }

        lock (_buildLock)
        {
            edition = _edition;
            snapshot = _snapshot!;
            if (edition is not null && ReferenceEquals(edition.Snapshot, snapshot) && edition.IsValidAt(now))
            {
                return edition;
            }

            var view = snapshot.AsOf(now);
            var key = EditionKey(snapshot, view);
            var next = snapshot.NextReleaseAfter(now);
            var changed = edition is null || edition.Key != key;
            var model = changed ? PublicationModel.Build(_catalogue(), view) : edition!.Model;
            var fresh = new PublicationEdition(snapshot, view, model, key, now, next);
            _edition = fresh;
            if (changed)
            {
                if (edition is not null)
                {
                    PublicationLog.EditionChanged(_logger, key, view.Releases.Count);
                }

                EditionChanged?.Invoke(this, EventArgs.Empty);
            }

            return fresh;
        }
    }

    /// <summary>
    /// Re-reads the source when its fingerprint changed. Never throws: a failure is logged and the previous snapshot
    /// stays. Returns whether a new snapshot was read.
    /// </summary>
    public bool Refresh()
    {
        try
        {
            var current = _snapshot;
            if (current is not null && string.Equals(_source.Fingerprint(), current.Fingerprint, StringComparison.Ordinal))
            {
                return false;
            }

            lock (_loadLock)
            {
                current = _snapshot;
                if (current is not null && string.Equals(_source.Fingerprint(), current.Fingerprint, StringComparison.Ordinal))
                {
                    return false;
                }

                var loaded = _source.Load();
                _snapshot = loaded;
                PublicationLog.SnapshotLoaded(_logger, loaded.Fingerprint, loaded.AllReleases.Count);
                return true;
            }
        }
#pragma warning disable CA1031 // A reload that fails for any reason must leave the served snapshot in place.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            PublicationLog.ReloadFailed(_logger, ex);
            return false;
        }
    }

    private PublishedSnapshot LoadFirst()
    {
        lock (_loadLock)
        {
            if (_snapshot is { } loaded)
            {
                return loaded;
            }

            try
            {
                var snapshot = _source.Load();
                _snapshot = snapshot;
                return snapshot;
            }
            catch (PublishedResultsException)
            {
                throw;
            }
#pragma warning disable CA1031 // Any backend failure is reported to the caller as results that cannot be read.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                throw new PublishedResultsException("the published results cannot be read.", ex);
            }
        }
    }

    private static string EditionKey(PublishedSnapshot snapshot, PublicView view)
    {
        var text = new StringBuilder(snapshot.Fingerprint);
        foreach (var release in view.Releases)
        {
            text.Append(CultureInfo.InvariantCulture, $"|{release.Wave}.{release.Version}.{release.RunId}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}

/// <summary>
/// One public state of the publication: the model built from the view at <see cref="BuiltAt"/>, valid until the next
/// release time after it. <see cref="Key"/> names the snapshot and the visible releases (for ETags and caches).
/// </summary>
public sealed class PublicationEdition
{
    internal PublicationEdition(PublishedSnapshot snapshot, PublicView view, PublicationModel model, string key, DateTimeOffset builtAt, DateTimeOffset? validUntil)
    {
        Snapshot = snapshot;
        View = view;
        Model = model;
        Key = key;
        BuiltAt = builtAt;
        ValidUntil = validUntil;
    }

    internal PublishedSnapshot Snapshot { get; }

    /// <summary>The public view this edition was built from.</summary>
    public PublicView View { get; }

    public PublicationModel Model { get; }

    /// <summary>A short hash of the snapshot's fingerprint and the visible releases.</summary>
    public string Key { get; }

    public DateTimeOffset BuiltAt { get; }

    /// <summary>The next release time after <see cref="BuiltAt"/>, when the public view changes; null when none is due.</summary>
    public DateTimeOffset? ValidUntil { get; }

    /// <summary>When the newest visible release was published (Last-Modified), or null when nothing is public.</summary>
    public DateTimeOffset? LastModified => View.LastModified;

    internal bool IsValidAt(DateTimeOffset now) => now >= BuiltAt && (ValidUntil is not { } until || now < until);
}

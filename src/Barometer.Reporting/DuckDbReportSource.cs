using System.Globalization;
using System.Text.Json.Nodes;
using Barometer.Catalogue;
using Barometer.Publishing.Results;
using Barometer.Storage;
using Barometer.Storage.Fieldwork;
using Barometer.Storage.Releases;

namespace Barometer.Reporting;

/// <summary>
/// Reads what a report of one release needs from the embedded DuckDB store (read-only): the release records with
/// their provenance, the released results through <see cref="PublishedSnapshot.AsOf"/> at the release's own
/// release time (so earlier waves appear exactly as the public sees them when the report's release is published and
/// later waves never appear), and the fieldwork (response rates) the release's run computed from the gross sample, for the quality appendix.
/// </summary>
public sealed class DuckDbReportSource(string storePath, IndicatorCatalogue catalogue)
{
    private readonly string _path = Path.GetFullPath(storePath ?? throw new ArgumentNullException(nameof(storePath)));
    private readonly IndicatorCatalogue _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));

    /// <summary>Loads the inputs of the report of <paramref name="wave"/>, version <paramref name="version"/> (the latest when null).</summary>
    public ReportInputs Load(int wave, int? version)
    {
        var snapshot = new DuckDbPublishedResults(_path).Load();
        var releases = ReadReleases();
        var ofWave = releases.Where(r => r.Wave == wave).OrderBy(r => r.Version).ToList();
        if (ofWave.Count == 0)
        {
            var known = releases.Select(r => r.Wave).Distinct().Order().Select(w => w.ToString(CultureInfo.InvariantCulture)).ToList();
            throw new ReportException(string.Create(CultureInfo.InvariantCulture,
                $"wave {wave} has no release in the store; a report is generated from a released version (`barometer release --wave {wave} --at TIME`).")
                + (known.Count == 0 ? " The store holds no releases." : " Released waves: " + string.Join(", ", known) + "."));
        }

        var release = version is { } v
            ? ofWave.FirstOrDefault(r => r.Version == v) ?? throw new ReportException(string.Create(CultureInfo.InvariantCulture,
                $"wave {wave} has no version {v}; its versions are {string.Join(", ", ofWave.Select(r => r.Version))}."))
            : ofWave[^1];

        // The public view at the moment this release is published: the embargo logic of every publication path.
        var view = snapshot.AsOf(release.ReleaseTime);
        var shown = view.Releases.FirstOrDefault(r => r.Wave == wave);
        if (shown is null || shown.Version != release.Version)
        {
            throw new ReportException(string.Create(CultureInfo.InvariantCulture,
                $"wave {wave} version {release.Version} is never the public version of the wave (another version is public at its release time); report on that version instead."));
        }

        var earlier = view.Releases.Where(r => r.Wave < wave)
            .Select(r => releases.First(x => x.Wave == r.Wave && x.Version == r.Version)).ToList();
        var results = view.Results.Where(r => r.Wave == wave).ToList();
        var earlierResults = view.Results.Where(r => r.Wave < wave).ToList();
        return new ReportInputs(release, results, earlier, earlierResults, ofWave.Where(r => r.Version <= release.Version).ToList(), ReadFieldwork(release),
            ReadNonresponse(release));
    }

    /// <summary>
    /// Loads the inputs of the latest wave that is public at <paramref name="now"/>, in its public version (the
    /// embargo logic of every publication path, <see cref="PublishedSnapshot.AsOf"/>): what a printed profile is made from.
    /// </summary>
    public ReportInputs LoadLatestPublic(DateTimeOffset now)
    {
        var view = new DuckDbPublishedResults(_path).Load().AsOf(now);
        var latest = view.Releases.MaxBy(r => r.Wave) ?? throw new ReportException(string.Create(CultureInfo.InvariantCulture,
            $"no release is public at {now.ToUniversalTime():yyyy-MM-dd HH:mm} UTC; a profile is made from released, public results only (`barometer release --wave WAVE --at TIME`)."));
        return Load(latest.Wave, latest.Version);
    }

    private List<ReportRelease> ReadReleases()
    {
        using var store = Open();
        return ReleaseTable.All(store.Session()).Select(r => new ReportRelease(r.Wave, r.Version, r.RunId, r.ReleaseTime, r.CreatedAt, r.Note,
            JsonNode.Parse(r.ProvenanceJson) as JsonObject ?? [])).ToList();
    }

    /// <summary>The fieldwork the run of a release stored with it (<see cref="FieldworkTable"/>), or null when it stored none.</summary>
    private SurveyFieldwork? ReadFieldwork(ReportRelease release)
    {
        using var store = Open();
        return FieldworkTable.Read(store.Session(), release.RunId, release.Wave);
    }

    /// <summary>The nonresponse analysis the run of a release stored with it (<see cref="NonresponseTable"/>), or null when it stored none.</summary>
    private NonresponseSummary? ReadNonresponse(ReportRelease release)
    {
        using var store = Open();
        return NonresponseTable.Read(store.Session(), release.RunId);
    }

    private ReadOnlyStore Open() =>
        ReadOnlyStore.Open(_path, (message, inner) => inner is null ? new ReportException(message) : new ReportException(message, inner));
}

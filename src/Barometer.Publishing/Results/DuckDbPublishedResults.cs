using Barometer.Storage;
using Barometer.Storage.Fieldwork;
using Barometer.Storage.Releases;
using Barometer.Storage.SmallArea;

namespace Barometer.Publishing.Results;

/// <summary>
/// Reads released results from the embedded DuckDB store, opened read-only for each read and closed again, so the
/// producer's commands can still write to the store while a server publishes from it (DuckDB allows one writing
/// process). Only rows of released runs are read (<see cref="ReleaseTable"/>); unreleased runs never leave the store.
/// A store in which a release no longer matches its seal (changed after release, outside barometer:
/// <see cref="ReleaseSeal"/>) is refused.
/// </summary>
public sealed class DuckDbPublishedResults(string storePath) : IPublishedResultsSource
{
    private readonly string _path = Path.GetFullPath(storePath ?? throw new ArgumentNullException(nameof(storePath)));

    /// <summary>The store file this source reads.</summary>
    public string StorePath => _path;

    public string Fingerprint()
    {
        using var store = Open();
        return Fingerprint(store.Session());
    }

    public PublishedSnapshot Load()
    {
        using var store = Open();
        return store.InSession(session =>
        {
            var fingerprint = Fingerprint(session);
            var broken = ReleaseSeal.Broken(session);
            if (broken.Count > 0)
            {
                throw new PublishedResultsException(
                    $"the store '{_path}' has releases that no longer match their seal ({string.Join("; ", broken)}): their record or results " +
                    "were changed after release, outside barometer. Nothing is published from it; restore the store from a backup.");
            }

            var releases = ReleaseTable.All(session).Select(r => new PublishedRelease(r.Wave, r.Version, r.RunId, r.ReleaseTime, r.CreatedAt, r.Note)
            {
                ChangesAgainst = r.Rules?.Changes is { PreviousWave: { } wave, PreviousVersion: { } version } ? new ReleaseKey(wave, version) : null,
                RulesJson = r.RulesJson,
                QualityJson = QualityOf(session, r)?.ToJson(),
            }).ToList();
            var results = ReleaseTable.Results(session, (wave, version, row) => new PublishedResult(wave, version, row));
            return new PublishedSnapshot(fingerprint, releases, results);
        });
    }

    /// <summary>
    /// The public nonresponse analysis of a release's run (<see cref="PublishedQuality.Of"/>), under the minimum number
    /// of respondents the run applied; none where the release does not record its run's rules (the rule to apply is
    /// then unknown, and nothing is published rather than too much).
    /// </summary>
    private static PublishedQuality? QualityOf(StoreSession session, StoredRelease release) =>
        release.Rules is { } rules
            ? PublishedQuality.Of(FieldworkTable.Read(session, release.RunId, release.Wave), NonresponseTable.Read(session, release.RunId), rules.Survey.MinRespondents) is { } quality
                ? quality with { SmallArea = SmallAreaFits(session, release.RunId) }
                : null
            : null;

    /// <summary>The released run's small-area fits as published: aggregates of the model only.</summary>
    private static IReadOnlyList<PublishedSmallAreaFit> SmallAreaFits(StoreSession session, int runId) =>
        [.. SmallAreaFitTable.Read(session, runId).Select(f => new PublishedSmallAreaFit(f.Indicator, f.Comparison, f.Area, f.Areas, f.Published, f.ModelVariance, f.Covariates,
            [.. f.Checks.Select(c => new PublishedSmallAreaCheck(c.Check, c.Passed, c.Value, c.Threshold))]))];

    /// <summary>Changes whenever a release is added (<see cref="ReleaseTable.Fingerprint"/>).</summary>
    private static string Fingerprint(StoreSession session) => "duckdb:" + ReleaseTable.Fingerprint(session);

    private ReadOnlyStore Open() =>
        ReadOnlyStore.Open(_path, (message, inner) => inner is null ? new PublishedResultsException(message) : new PublishedResultsException(message, inner));
}

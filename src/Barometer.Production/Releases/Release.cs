using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Barometer.Catalogue;
using Barometer.Storage;
using Barometer.Storage.Ingestion;
using Barometer.Storage.Releases;
using Barometer.Storage.Results;
using Barometer.Storage.Runs;

namespace Barometer.Production.Releases;

/// <summary>A release made; <c>Seal</c> is the SHA-256 over its record and results (<see cref="ReleaseSeal"/>).</summary>
public sealed record ReleaseOutcome(int Wave, int Version, int RunId, DateTimeOffset ReleaseTime, DateTimeOffset CreatedAt, string? Note, string Provenance, string Seal)
{
    /// <summary>The disclosure audit the release passed (<see cref="DisclosureAudit"/>).</summary>
    public DisclosureAuditOutcome? Audit { get; init; }
}

/// <summary>
/// Freezes the latest completed run of a wave as a numbered release with its provenance: the input files and their
/// SHA-256, the catalogue and software versions, when the run ran, and the rules in force. Releases are only ever
/// added: the first version of a wave needs no note, every later version is a correction and must say why. The
/// release time (embargo) is stored as given; the publication side shows nothing before it. Each release is sealed
/// (<see cref="ReleaseSeal"/>) so that a change made to it afterwards, outside barometer, is detected. Before
/// anything is written the run must pass the disclosure audit (<see cref="DisclosureAudit"/>); a run that fails it
/// is refused, naming each exposed cell and the published cells that give it away.
/// </summary>
public sealed class ReleaseManager
{
    private readonly BarometerStore _store;
    private readonly IndicatorCatalogue _catalogue;

    public ReleaseManager(BarometerStore store, IndicatorCatalogue catalogue)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
    }

    /// <summary>With the default catalogue (<see cref="IndicatorCatalogue.LoadDefault"/>), which the audit reads the comparisons' groups from.</summary>
    public ReleaseManager(BarometerStore store)
        : this(store, IndicatorCatalogue.LoadDefault())
    {
    }

    /// <summary>The disclosure audit of the wave's latest completed run (what <see cref="Release"/> checks), without releasing it.</summary>
    public DisclosureAuditOutcome Audit(int wave) => _store.InSession(session =>
    {
        var run = RunTable.LatestCompleted(session, wave) ?? throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
            $"wave {wave} has no completed run to audit; run it first with `barometer run --wave {wave}`."));
        return Audit(session, run, RunRules.FromJson(RunTable.RulesJson(session, run)));
    });

    private DisclosureAuditOutcome Audit(StoreSession session, int runId, RunRules? rules)
    {
        var rows = ResultTable.Read(session, runId);
        IReadOnlyList<ResultRow>? previous = null;
        if (rules?.Changes is { PreviousRun: { } previousRun, PreviousWave: { } previousWave, PreviousVersion: { } previousVersion }
            && ReleaseTable.RunOf(session, previousWave, previousVersion) == previousRun)
        {
            // The base must be the release the rules name, or the changes were taken against an unreleased run.
            previous = ResultTable.Read(session, previousRun);
        }

        return DisclosureAudit.Check(rows, _catalogue, previous);
    }

    /// <summary>The earliest release time there can be: none before 2000, and none before 1 January (UTC) of its wave's year.</summary>
    public static DateTimeOffset EarliestReleaseTime(int wave) => new(Math.Clamp(wave, 2000, 9998), 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ReleaseOutcome Release(int wave, DateTimeOffset releaseTime, string? note)
    {
        if (releaseTime < EarliestReleaseTime(wave))
        {
            throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
                $"the release time {releaseTime:yyyy-MM-ddTHH:mm:sszzz} is before {EarliestReleaseTime(wave):yyyy-MM-dd} UTC; a wave is released no earlier than its own year (and never before 2000). Nothing was released."));
        }

        return _store.InSession(session =>
        {
            if (RunTable.LatestCompletedRecord(session, wave) is not { } run)
            {
                throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
                    $"wave {wave} has no completed run to release; run it first with `barometer run --wave {wave}`. Nothing was released."));
            }

            var audit = Audit(session, run.RunId, run.Rules);
            if (!audit.Passed)
            {
                throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
                    $"run {run.RunId} of wave {wave} fails the disclosure audit: {audit.Findings.Count} cell(s) can be recovered from published figures:")
                    + Environment.NewLine + string.Join(Environment.NewLine, audit.Findings.Take(20).Select(f => "  " + f))
                    + (audit.Findings.Count > 20 ? Environment.NewLine + "  …" : "")
                    + Environment.NewLine + "Fix the disclosure control and run the wave again. Nothing was released.");
            }

            var latest = ReleaseTable.Latest(session, wave) ?? (0, 0);
            if (latest.Version > 0 && string.IsNullOrWhiteSpace(note))
            {
                throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
                    $"wave {wave} is already released (version {latest.Version}, run {latest.RunId}); released versions cannot change.")
                    + " A correction is a new version and needs --note saying what changed. Nothing was released.");
            }

            var files = InputTables.FilesOf(session, wave).Select(f => new JsonObject
            {
                ["scope"] = f.Scope,
                ["wave"] = f.Wave,
                ["kind"] = f.Kind,
                ["path"] = f.Path,
                ["sha256"] = f.Sha256,
                ["rows"] = f.Rows,
            });
            var created = _store.Clock.GetUtcNow();
            var version = latest.Version + 1;
            var provenance = new JsonObject
            {
                ["wave"] = wave,
                ["version"] = version,
                ["run_id"] = run.RunId,
                ["release_time"] = releaseTime.ToString("O", CultureInfo.InvariantCulture),
                ["created_at"] = created.ToString("O", CultureInfo.InvariantCulture),
                ["note"] = note,
                ["input_files"] = new JsonArray([.. files]),
                ["input_sha256"] = run.InputSha256,
                ["catalogue_version"] = run.CatalogueVersion,
                ["software_version"] = run.SoftwareVersion,
                ["run_started_at"] = Utc(run.StartedAt).ToString("O", CultureInfo.InvariantCulture),
                ["run_finished_at"] = run.FinishedAt is { } f ? Utc(f).ToString("O", CultureInfo.InvariantCulture) : null,
                ["rules"] = run.RulesJson is null ? null : JsonNode.Parse(run.RulesJson),
                ["summary"] = run.SummaryJson is null ? null : JsonNode.Parse(run.SummaryJson),
                ["disclosure_audit"] = new JsonObject { ["cells_checked"] = audit.CellsChecked, ["suppressed_cells"] = audit.SuppressedCells, ["relations"] = audit.Relations, ["findings"] = 0 },
            };
            var text = provenance.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
            var seal = ReleaseTable.Add(session, new StoredRelease(wave, version, run.RunId, releaseTime, created, note, text));
            return new ReleaseOutcome(wave, version, run.RunId, releaseTime, created, note, text, seal) { Audit = audit };
        });
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

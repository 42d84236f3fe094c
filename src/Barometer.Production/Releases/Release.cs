using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Barometer.Catalogue;
using Barometer.Production.Inputs;
using Barometer.Production.Results;
using Barometer.Storage;
using Barometer.Storage.Releases;

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
    public DisclosureAuditOutcome Audit(int wave) => _store.InTransaction(transaction =>
    {
        var session = new StoreSession(transaction);
        var run = ResultStore.LatestRun(session, wave) ?? throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
            $"wave {wave} has no completed run to audit; run it first with `barometer run --wave {wave}`."));
        var rules = session.Scalar("SELECT rules FROM runs WHERE run_id = $run", ("run", run)) as string;
        return Audit(session, run, rules);
    });

    private DisclosureAuditOutcome Audit(StoreSession session, int runId, string? rules)
    {
        var rows = ResultStore.Read(session, runId);
        IReadOnlyList<ResultRow>? previous = null;
        var changes = rules is null ? null : JsonNode.Parse(rules)?["changes"];
        if (changes?["previous_run"]?.GetValue<int>() is { } previousRun && changes["previous_wave"]?.GetValue<int>() is { } previousWave
            && changes["previous_version"]?.GetValue<int>() is { } previousVersion)
        {
            // The base must be the release the rules name, or the changes were taken against an unreleased run.
            var released = session.Scalar("SELECT run_id FROM releases WHERE wave = $wave AND version = $version", ("wave", previousWave), ("version", previousVersion));
            if (released is not null && Convert.ToInt32(released, CultureInfo.InvariantCulture) == previousRun)
            {
                previous = ResultStore.Read(session, previousRun);
            }
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

        return _store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            var run = session.Query(
                "SELECT run_id, started_at, finished_at, catalogue_version, software_version, input_sha256, rules, summary FROM runs " +
                "WHERE wave = $wave AND status = 'completed' ORDER BY run_id DESC LIMIT 1",
                r => (Id: r.GetInt32(0), Started: r.GetDateTime(1), Finished: r.IsDBNull(2) ? (DateTime?)null : r.GetDateTime(2),
                    Catalogue: r.IsDBNull(3) ? null : r.GetString(3), Software: r.IsDBNull(4) ? null : r.GetString(4),
                    Input: r.IsDBNull(5) ? null : r.GetString(5), Rules: r.IsDBNull(6) ? null : r.GetString(6), Summary: r.IsDBNull(7) ? null : r.GetString(7)),
                ("wave", wave)).FirstOrDefault();
            if (run.Id == 0)
            {
                throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
                    $"wave {wave} has no completed run to release; run it first with `barometer run --wave {wave}`. Nothing was released."));
            }

            var audit = Audit(session, run.Id, run.Rules);
            if (!audit.Passed)
            {
                throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
                    $"run {run.Id} of wave {wave} fails the disclosure audit: {audit.Findings.Count} cell(s) can be recovered from published figures:")
                    + Environment.NewLine + string.Join(Environment.NewLine, audit.Findings.Take(20).Select(f => "  " + f))
                    + (audit.Findings.Count > 20 ? Environment.NewLine + "  …" : "")
                    + Environment.NewLine + "Fix the disclosure control and run the wave again. Nothing was released.");
            }

            var latest = session.Query("SELECT version, run_id FROM releases WHERE wave = $wave ORDER BY version DESC LIMIT 1",
                r => (Version: r.GetInt32(0), RunId: r.GetInt32(1)), ("wave", wave)).FirstOrDefault();
            if (latest.Version > 0 && string.IsNullOrWhiteSpace(note))
            {
                throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
                    $"wave {wave} is already released (version {latest.Version}, run {latest.RunId}); released versions cannot change.")
                    + " A correction is a new version and needs --note saying what changed. Nothing was released.");
            }

            var files = session.Query(
                "SELECT scope, wave, kind, path, sha256, rows FROM ingested_files WHERE scope = 'register' OR wave = $wave ORDER BY scope, path",
                r => new JsonObject
                {
                    ["scope"] = r.GetString(0),
                    ["wave"] = r.IsDBNull(1) ? null : r.GetInt32(1),
                    ["kind"] = r.GetString(2),
                    ["path"] = r.GetString(3),
                    ["sha256"] = r.GetString(4),
                    ["rows"] = r.GetInt64(5),
                }, ("wave", wave));
            var created = _store.Clock.GetUtcNow();
            var version = latest.Version + 1;
            var provenance = new JsonObject
            {
                ["wave"] = wave,
                ["version"] = version,
                ["run_id"] = run.Id,
                ["release_time"] = releaseTime.ToString("O", CultureInfo.InvariantCulture),
                ["created_at"] = created.ToString("O", CultureInfo.InvariantCulture),
                ["note"] = note,
                ["input_files"] = new JsonArray([.. files]),
                ["input_sha256"] = run.Input,
                ["catalogue_version"] = run.Catalogue,
                ["software_version"] = run.Software,
                ["run_started_at"] = Utc(run.Started).ToString("O", CultureInfo.InvariantCulture),
                ["run_finished_at"] = run.Finished is { } f ? Utc(f).ToString("O", CultureInfo.InvariantCulture) : null,
                ["rules"] = run.Rules is null ? null : JsonNode.Parse(run.Rules),
                ["summary"] = run.Summary is null ? null : JsonNode.Parse(run.Summary),
                ["disclosure_audit"] = new JsonObject { ["cells_checked"] = audit.CellsChecked, ["suppressed_cells"] = audit.SuppressedCells, ["relations"] = audit.Relations, ["findings"] = 0 },
            };
            var text = provenance.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
            session.Execute(
                "INSERT INTO releases (wave, version, run_id, release_time, created_at, note, provenance) VALUES ($wave, $version, $run, $at, $created, $note, $provenance)",
                ("wave", wave), ("version", version), ("run", run.Id), ("at", releaseTime.UtcDateTime), ("created", created.UtcDateTime), ("note", note), ("provenance", text));
            var seal = ReleaseSeal.Seal(session.Connection, session.Transaction, wave, version);
            session.Execute("UPDATE waves SET status = 'released' WHERE wave = $wave", ("wave", wave));
            return new ReleaseOutcome(wave, version, run.Id, releaseTime, created, note, text, seal) { Audit = audit };
        });
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

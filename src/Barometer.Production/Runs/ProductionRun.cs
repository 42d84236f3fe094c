using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Production.Calibration;
using Barometer.Production.Changes;
using Barometer.Production.Inputs;
using Barometer.Production.Register;
using Barometer.Production.Results;
using Barometer.Production.Standardisation;
using Barometer.Production.Survey;
using Barometer.Storage;

namespace Barometer.Production.Runs;

/// <summary>Progress of a run: a phase with done/total counts.</summary>
public interface IRunProgress
{
    void Report(string phase, long done, long total);
}

/// <summary>What a run computed, suppressed and flagged, by source and measure.</summary>
public sealed record RunSummaryLine(string Source, string Measure, int Computed, int Published, int Suppressed, int Flagged);

public sealed record RunOutcome(int RunId, int Wave, int? PreviousWave, IReadOnlyList<RunSummaryLine> Summary, IReadOnlyList<string> Problems, IReadOnlyDictionary<string, double> PhaseSeconds, int Rows)
{
    /// <summary>The previous wave's release the changes were computed against, or null when none was published (no change is).</summary>
    public ChangeBase? ChangesAgainst { get; init; }
}

/// <summary>
/// The production run of one wave: calibrate, estimate every survey indicator × breakdown × group with gaps,
/// standardised gaps and change since the previous wave, compute the register indicators, apply quality and
/// disclosure rules, and write everything in one transaction (nothing is written if anything fails or the process
/// dies before the commit).
/// </summary>
public sealed class ProductionRun(BarometerStore store, IndicatorCatalogue catalogue)
{
    private readonly BarometerStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly IndicatorCatalogue _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));

    /// <summary>Called after every row is written and before the commit (tests abort or hold there).</summary>
    public Action? BeforeCommit { get; init; }

    /// <summary>Compute register indicators (default); off to run the survey part alone.</summary>
    public bool IncludeRegister { get; init; } = true;

    /// <summary>
    /// The build of the code that computes register indicators (module version ids of the production, catalogue and
    /// storage assemblies; deterministic builds give the same ids for the same source). Register results are reused
    /// only from a run of the same build, so a changed but not yet committed build never reuses stale figures.
    /// </summary>
    public static string RegisterCode { get; } = string.Join('.', new[] { typeof(ProductionRun), typeof(IndicatorCatalogue), typeof(BarometerStore) }
        .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12]));

    public static string SoftwareVersion =>
        typeof(ProductionRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public RunOutcome Run(int wave, IRunProgress? progress = null)
    {
        var report = progress ?? new SilentRunProgress();
        var phases = new Dictionary<string, double>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        void Phase(string name)
        {
            phases[name] = watch.Elapsed.TotalSeconds;
            watch.Restart();
        }

        var started = _store.Clock.GetUtcNow();
        return _store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            var register = RegisterGroups.Table(session)
                ?? throw new ProductionException("the store holds no register extract; ingest it first with `barometer ingest --register DIR`. Nothing was written.");
            var surveyIndicators = _catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Survey).ToList();
            var registerIndicators = _catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Register).ToList();

            report.Report("reading wave", 0, 1);
            var data = SurveyWave.Read(session, wave, out var problem) ?? throw new ProductionException(problem + " Nothing was written.");
            report.Report("reading wave", 1, 1);
            Phase("read");

            report.Report("calibration totals", 0, _catalogue.Calibration.Margins.Count);
            var margins = CalibrationMargins.FromStore(session, _catalogue, wave) ?? CalibrationMargins.FromRegister(session, _catalogue, register);
            var weights = StandardisationWeights.FromRegister(session, _catalogue, register, surveyIndicators);
            report.Report("calibration totals", margins.Count, margins.Count);
            Phase("totals");

            report.Report("analysis file", 0, data.Rows.Count);
            var frame = SurveyFrame.Build(_catalogue, data, margins, surveyIndicators);
            report.Report("analysis file", data.Rows.Count, data.Rows.Count);
            Phase("frame");

            var estimation = new SurveyIndicatorEstimation(_catalogue, frame, margins, weights);
            var survey = estimation.Estimate((phase, done, total) => report.Report(phase, done, total));
            Phase("survey");

            // Changes only against the previous wave's released version, never an unreleased run (ChangeBase).
            var (previousWave, changeBase) = ChangeBase.Find(session, wave);
            var previous = changeBase is { } b ? ResultStore.Read(session, b.RunId) : null;
            var changes = WaveChange.Compute(survey, previous, changeBase?.Wave, _catalogue.Quality.Survey.ConfidenceLevel).ToList();
            report.Report("changes", changes.Count, changes.Count);
            Phase("changes");

            IReadOnlyList<ResultRow> registerRows = [];
            var registerHash = RegisterHash(session);
            if (IncludeRegister)
            {
                // The register extract is the same for every wave: reuse the register results of a run on the same
                // extract with the same catalogue and software rather than computing them again.
                var reusable = session.Scalar(
                    "SELECT max(run_id) FROM runs WHERE status = 'completed' AND catalogue_version = $catalogue AND software_version = $software " +
                    "AND json_extract_string(rules, '$.register_sha256') = $register AND json_extract_string(rules, '$.register_code') = $code",
                    ("catalogue", _catalogue.Version.ToString()), ("software", SoftwareVersion), ("register", registerHash), ("code", RegisterCode));
                if (reusable is not null)
                {
                    var from = Convert.ToInt32(reusable, CultureInfo.InvariantCulture);
                    registerRows = ResultStore.Read(session, from).Where(r => r.Source == "register").ToList();
                    report.Report("register indicators (from run " + from.ToString(CultureInfo.InvariantCulture) + ", same extract)", registerRows.Count, registerRows.Count);
                }
                else
                {
                    registerRows = RegisterIndicators.Compute(session, _catalogue, register, registerIndicators, (done, total) => report.Report("register indicators", done, total));
                }
            }

            Phase("register");

            var rows = survey.Concat(changes).Concat(registerRows).ToList();
            var summary = Summarise(rows);
            var runId = Convert.ToInt32(session.Scalar(
                "INSERT INTO runs (wave, started_at, finished_at, status, catalogue_version, software_version, input_sha256, rules, summary) " +
                "VALUES ($wave, $started, $finished, 'completed', $catalogue, $software, $input, $rules, $summary) RETURNING run_id",
                ("wave", wave), ("started", started.UtcDateTime), ("finished", _store.Clock.GetUtcNow().UtcDateTime),
                ("catalogue", _catalogue.Version.ToString()), ("software", SoftwareVersion), ("input", InputHash(session, wave)),
                ("rules", RulesJson(_catalogue, margins, IncludeRegister ? registerHash : null, previousWave, changeBase)), ("summary", JsonSerializer.Serialize(summary))), CultureInfo.InvariantCulture);
            report.Report("writing results", 0, rows.Count);
            ResultStore.Write(session, runId, rows);
            report.Report("writing results", rows.Count, rows.Count);
            BeforeCommit?.Invoke();
            Phase("write");
            return new RunOutcome(runId, wave, previousWave, summary, estimation.Problems, phases, rows.Count) { ChangesAgainst = changeBase };
        });
    }

    /// <summary>SHA-256 over the sorted hashes of the register extract and the wave's files: identifies the run's input.</summary>
    public static string InputHash(StoreSession session, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        var hashes = session.Query(
            "SELECT scope || ':' || kind || ':' || sha256 FROM ingested_files WHERE scope = 'register' OR wave = $wave ORDER BY 1",
            r => r.GetString(0), ("wave", wave));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', hashes))));
    }

    /// <summary>SHA-256 over the hashes of the stored register extract's files.</summary>
    private static string RegisterHash(StoreSession session)
    {
        var hashes = session.Query("SELECT sha256 FROM ingested_files WHERE scope = 'register' ORDER BY 1", r => r.GetString(0));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', hashes))));
    }

    private static string RulesJson(IndicatorCatalogue catalogue, IReadOnlyList<CalibrationMargins.Margin> margins, string? registerHash, int? previousWave, ChangeBase? changeBase)
    {
        var q = catalogue.Quality;
        return JsonSerializer.Serialize(new
        {
            survey = new { min_respondents = q.Survey.MinRespondents, relative_margin_flag = q.Survey.RelativeMarginFlag, confidence_level = q.Survey.ConfidenceLevel },
            register = new { group_size_more_than = q.Register.MinGroupSizeExclusive, with_property_more_than = q.Register.MinWithPropertyExclusive, complementary_suppression = q.Register.ComplementarySuppression },
            symbols = new { suppressed = q.Symbols.Suppressed, not_applicable = q.Symbols.NotApplicable, uncertain = q.Symbols.Uncertain },
            calibration = new
            {
                method = catalogue.Calibration.Method,
                population = new[] { catalogue.Calibration.Population.Min, catalogue.Calibration.Population.Max },
                margins = margins.Select(m => new { variables = m.Variables, cells = m.Totals.Count, total = m.Totals.Values.Sum(), source = m.Source }),
            },
            standardisation = new { variables = SurveyFrame.StandardisationVariables, standard = "reference group, register" },
            changes = new { previous_wave = previousWave, previous_version = changeBase?.Version, previous_run = changeBase?.RunId },
            register_sha256 = registerHash,
            register_code = registerHash is null ? null : RegisterCode,
        });
    }

    public static IReadOnlyList<RunSummaryLine> Summarise(IEnumerable<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.GroupBy(r => (r.Source, Measure: ResultRow.MeasureName(r.Measure)))
            .OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Measure, StringComparer.Ordinal)
            .Select(g => new RunSummaryLine(g.Key.Source, g.Key.Measure, g.Count(), g.Count(r => !r.IsSuppressed), g.Count(r => r.IsSuppressed), g.Count(r => r.QualityFlag is not null)))
            .ToList();
    }

    private sealed class SilentRunProgress : IRunProgress
    {
        public void Report(string phase, long done, long total)
        {
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Production.Calibration;
using Barometer.Production.Changes;
using Barometer.Production.Fieldwork;
using Barometer.Production.Register;
using Barometer.Production.Sampling;
using Barometer.Production.SmallArea;
using Barometer.Production.Standardisation;
using Barometer.Production.Survey;
using Barometer.Storage;
using Barometer.Storage.Fieldwork;
using Barometer.Storage.Ingestion;
using Barometer.Storage.Results;
using Barometer.Storage.Runs;
using Barometer.Storage.Sampling;
using Barometer.Storage.SmallArea;

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

    /// <summary>Respondents this wave shares with the previous one (same person, same stratum); their covariance enters the change intervals. 0: independent waves.</summary>
    public int CommonRespondents { get; init; }
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
        return _store.InSession(session =>
        {
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

            // Changes only against the previous wave's released version, never an unreleased run (ChangeBase). When
            // the waves share respondents, the previous wave is linearized at them for the change's covariance.
            var (previousWave, changeBase) = ChangeBase.Find(session, wave);
            WaveOverlap? overlap = null;
            if (changeBase is { } cb)
            {
                report.Report("previous wave overlap", 0, 1);
                overlap = WaveOverlap.Find(session, _catalogue, data, cb.Wave, register, surveyIndicators, weights);
                report.Report("previous wave overlap", 1, 1);
            }

            Phase("overlap");

            var estimation = new SurveyIndicatorEstimation(_catalogue, frame, margins, weights) { InfluenceRows = overlap?.CurrentRows };
            var survey = estimation.Estimate((phase, done, total) => report.Report(phase, done, total));
            Phase("survey");

            var previous = changeBase is { } b ? ResultTable.Read(session, b.RunId) : null;
            var changes = WaveChange.Compute(survey, previous, changeBase?.Wave, _catalogue.Quality.Survey.ConfidenceLevel,
                overlap is null ? null : row => overlap.CovarianceOf(row, estimation.Influence)).ToList();
            report.Report("changes", changes.Count, changes.Count);
            Phase("changes");

            IReadOnlyList<ResultRow> registerRows = [];
            var registerHash = InputTables.RegisterSha256(session);
            if (IncludeRegister)
            {
                // The register extract is the same for every wave: reuse the register results of a run on the same
                // extract with the same catalogue and software rather than computing them again.
                if (RunTable.WithSameRegister(session, _catalogue.Version.ToString(), SoftwareVersion, registerHash, RegisterCode) is { } from)
                {
                    registerRows = ResultTable.Read(session, from).Where(r => r.Source == ResultSources.Register).ToList();
                    report.Report("register indicators (from run " + from.ToString(CultureInfo.InvariantCulture) + ", same extract)", registerRows.Count, registerRows.Count);
                }
                else
                {
                    registerRows = RegisterIndicators.Compute(session, _catalogue, register, registerIndicators, (done, total) => report.Report("register indicators", done, total));
                    Phase("register");
                    var expectations = ExpectedVersusActualByArea.Compute(session, _catalogue, register, registerIndicators, registerRows, _catalogue.Quality.Survey.ConfidenceLevel);
                    registerRows = [.. registerRows, .. expectations];
                    report.Report("expected versus actual by area", expectations.Count, expectations.Count);
                    Phase("expected versus actual");
                }
            }

            if (!phases.ContainsKey("register"))
            {
                Phase("register");
            }

            // Small-area estimates by county of the survey indicators (docs/methodology/small-area.md): they need the
            // register's covariates, so only with the register part.
            IReadOnlyList<ResultRow> modelRows = [];
            IReadOnlyList<SmallAreaFitRecord> fits = [];
            if (IncludeRegister && _catalogue.Quality.SmallArea is not null)
            {
                (modelRows, fits) = SmallAreaByArea.Compute(session, _catalogue, register, frame.Indicators, estimation.AreaEstimates, survey);
                report.Report("small-area estimates", fits.Count, fits.Count);
            }

            Phase("small area");

            var rows = survey.Concat(changes).Concat(modelRows).Concat(registerRows).ToList();
            var summary = Summarise(rows);
            var runId = RunTable.Insert(session, wave, started, _store.Clock.GetUtcNow(), _catalogue.Version.ToString(), SoftwareVersion,
                InputTables.InputSha256(session, wave), Rules(_catalogue, margins, IncludeRegister ? registerHash : null, previousWave, changeBase),
                JsonSerializer.Serialize(summary));
            report.Report("writing results", 0, rows.Count);
            ResultTable.Write(session, runId, rows);
            SmallAreaFitTable.Write(session, runId, fits);
            if (ResponseRates.Compute(session, _catalogue, wave) is { } fieldwork)
            {
                FieldworkTable.Write(session, runId, fieldwork);
            }

            if (Representativity.Compute(session, _catalogue, wave, data, margins) is { } nonresponse)
            {
                NonresponseTable.Write(session, runId, nonresponse);
            }

            // The respondents' design and calibrated weights, for `barometer plan` (producer side only).
            if (RespondentWeights.Of(_catalogue, data, frame, margins) is { } respondents)
            {
                RunRespondentTable.Write(session, runId, respondents.PersonIds, respondents.DesignWeights, respondents.CalibratedWeights);
                // And the sums plan reads per combination of the frame columns: the weights' design effect, and every
                // survey share's and mean's weighted sums for Neyman allocation (no person-level reading in plan).
                var values = surveyIndicators.Where(i => i.Statistic is StatisticKind.Proportion or StatisticKind.Mean && frame.Has(SurveyFrame.Y(i)))
                    .Select(i => (i.Id, (IReadOnlyList<double>)frame.Numbers(SurveyFrame.Y(i)))).ToList();
                SampleStore.KeepRunCells(_store, session.Transaction!, runId, values);
            }

            report.Report("writing results", rows.Count, rows.Count);
            BeforeCommit?.Invoke();
            Phase("write");
            return new RunOutcome(runId, wave, previousWave, summary, estimation.Problems, phases, rows.Count)
            {
                ChangesAgainst = changeBase,
                CommonRespondents = overlap?.CommonRespondents ?? 0,
            };
        });
    }

    /// <summary>The rules this run is computed under, as stored with it (<c>runs.rules</c>) and copied into its releases.</summary>
    public static RunRules Rules(IndicatorCatalogue catalogue, IReadOnlyList<CalibrationMargins.Margin> margins, string? registerHash, int? previousWave, ChangeBase? changeBase)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(margins);
        var q = catalogue.Quality;
        return new RunRules(
            new SurveyRules(q.Survey.MinRespondents, q.Survey.RelativeMarginFlag, q.Survey.ConfidenceLevel),
            new RegisterRules(q.Register.MinGroupSizeExclusive, q.Register.MinWithPropertyExclusive, q.Register.ComplementarySuppression),
            new SymbolRules(q.Symbols.Suppressed, q.Symbols.NotApplicable, q.Symbols.Uncertain),
            new CalibrationRules(
                catalogue.Calibration.Method,
                [catalogue.Calibration.Population.Min, catalogue.Calibration.Population.Max],
                [.. margins.Select(m => new CalibrationMarginRule(m.Variables, m.Totals.Count, m.Totals.Values.Sum(), m.Source))]),
            new StandardisationRules(SurveyFrame.StandardisationVariables, "reference group, register"),
            new ChangeRules(previousWave, changeBase?.Version, changeBase?.RunId),
            registerHash,
            registerHash is null ? null : RegisterCode);
    }

    public static IReadOnlyList<RunSummaryLine> Summarise(IEnumerable<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.GroupBy(r => (r.Source, Measure: MeasureCodes.Code(r.Measure)))
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

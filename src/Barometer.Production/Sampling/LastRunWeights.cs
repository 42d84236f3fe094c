using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Production.Calibration;
using Barometer.Production.Register;
using Barometer.Production.Survey;
using Barometer.Storage;
using Barometer.Storage.Runs;
using Barometer.Storage.Sampling;

namespace Barometer.Production.Sampling;

/// <summary>
/// The respondents of the last run before a wave, as <c>plan</c> uses them: each respondent's stratum under the
/// next design (from the register, by person id; -1 when the person has left the register), design weight, the
/// calibrated weight the run estimated with, and the value of a named indicator (NaN outside its base). Without an
/// indicator the weights are read from what the run stored (<see cref="Barometer.Storage.Runs.RunRespondentTable"/>); with one, or for a run that
/// stored none, the wave is read and the weights recomputed exactly as the run does (the same analysis file,
/// margins and calibration, <see cref="RespondentWeights"/>).
/// </summary>
public sealed record LastRunWeights(int RunId, int Wave, int[] StratumOf, double[] DesignWeight, double[] CalibratedWeight, double[]? Y)
{
    /// <summary>
    /// Reads the latest completed run of the latest wave before <paramref name="wave"/> that has one, or returns
    /// null when the store holds no such run. A run whose wave can no longer be read or calibrated is a ProductionException.
    /// </summary>
    public static LastRunWeights? Read(BarometerStore store, IndicatorCatalogue catalogue, SampleDesignFile design, IReadOnlyList<string> strata, int wave, Indicator? indicator,
        Action<string>? phase = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(strata);
        return store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            if (RunTable.PreviousWave(session, wave) is not { } last || RunTable.LatestCompleted(session, last) is not { } runId)
            {
                return null;
            }

            var index = strata.Select((c, h) => (c, h)).ToDictionary(x => x.c, x => x.h, StringComparer.Ordinal);
            if (indicator is null)
            {
                // The weights the run stored with itself (RunRespondentTable): no wave to read, no calibration to repeat.
                IReadOnlyList<(string? Stratum, double DesignWeight, double CalibratedWeight)>? stored;
                try
                {
                    stored = SampleStore.RunRespondents(store, transaction, design.Strata, runId);
                }
                catch (StoreException ex)
                {
                    throw new ProductionException($"{design.Path}: {ex.Message}", ex);
                }

                if (stored is not null)
                {
                    phase?.Invoke("last run's stored weights and strata");
                    return new LastRunWeights(runId, last,
                        [.. stored.Select(s => s.Stratum is { } code && index.TryGetValue(code, out var h) ? h : -1)],
                        [.. stored.Select(s => s.DesignWeight)], [.. stored.Select(s => s.CalibratedWeight)], null);
                }
            }

            var data = SurveyWave.Read(session, last, out var problem)
                ?? throw new ProductionException(string.Create(CultureInfo.InvariantCulture, $"the last run (run {runId}, wave {last}): {problem}"));
            var register = RegisterGroups.Table(session)
                ?? throw new ProductionException("the store holds no register extract; ingest it first with `barometer ingest --register DIR`.");
            var margins = CalibrationMargins.FromStore(session, catalogue, last) ?? CalibrationMargins.FromRegister(session, catalogue, register);
            phase?.Invoke("last run's respondents and totals");
            var frame = SurveyFrame.Build(catalogue, data, margins, indicator is null ? [] : [indicator]);
            var weights = RespondentWeights.Of(catalogue, data, frame, margins, out var weightProblem)
                ?? throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
                    $"the last run (run {runId}, wave {last}): its calibrated weights cannot be recomputed: {weightProblem}"));
            phase?.Invoke("calibrated weights");
            IReadOnlyDictionary<long, string> byPerson;
            try
            {
                byPerson = SampleStore.StrataOfWave(store, transaction, design.Strata, last);
            }
            catch (StoreException ex)
            {
                throw new ProductionException($"{design.Path}: {ex.Message}", ex);
            }

            phase?.Invoke("respondents' strata");
            var stratumOf = new int[frame.RowCount];
            for (var r = 0; r < stratumOf.Length; r++)
            {
                stratumOf[r] = weights.PersonIds[r] is { } id && byPerson.TryGetValue(id, out var code) && index.TryGetValue(code, out var h) ? h : -1;
            }

            return new LastRunWeights(runId, last, stratumOf, weights.DesignWeights, weights.CalibratedWeights, indicator is null ? null : frame.Numbers(SurveyFrame.Y(indicator)));
        });
    }
}

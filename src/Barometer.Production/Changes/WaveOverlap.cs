using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Estimation.Contrasts;
using Barometer.Production.Calibration;
using Barometer.Production.Standardisation;
using Barometer.Production.Survey;
using Barometer.Production.Variables;
using Barometer.Storage;
using Barometer.Storage.Results;

namespace Barometer.Production.Changes;

/// <summary>
/// The respondents a wave shares with the previous wave (the same <c>person_id</c> in both waves' survey data, in the
/// same stratum), and the previous wave's linearization values at them: the previous wave is estimated again from
/// its stored survey data, with its own calibration totals, by the same estimation as the run
/// (<see cref="SurveyIndicatorEstimation"/>). With these and the current wave's values at the same persons, the
/// change's variance includes the covariance of the two waves (<see cref="OverlapCovariance"/>,
/// docs/methodology/changes-and-overlap.md). Null when the previous wave's survey data are not in the store or the
/// waves share no stratum with two common respondents: then the waves are taken as independent.
/// </summary>
public sealed class WaveOverlap
{
    private readonly Dictionary<string, double[]> _previous;

    private WaveOverlap(OverlapCovariance covariance, Dictionary<string, double[]> previous)
    {
        Covariance = covariance;
        _previous = previous;
    }

    /// <summary>The common respondents and the covariance's strata.</summary>
    public OverlapCovariance Covariance { get; }

    /// <summary>The number of respondents in both waves (same person, same stratum).</summary>
    public int CommonRespondents => Covariance.Pairs.Count;

    /// <summary>The current wave's data rows of the common respondents, in <see cref="OverlapCovariance.Pairs"/> order.</summary>
    public IReadOnlyList<int> CurrentRows => [.. Covariance.Pairs.Select(p => p.Later)];

    /// <summary>Finds the overlap of <paramref name="current"/> with wave <paramref name="previousWave"/> and estimates the previous wave at it.</summary>
    public static WaveOverlap? Find(StoreSession session, IndicatorCatalogue catalogue, SurveyWave current, int previousWave, string register,
        IReadOnlyList<Indicator> indicators, StandardisationWeights weights)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(current);
        if (SurveyWave.Read(session, previousWave, out _) is not { } previous)
        {
            return null;
        }

        var (laterUnits, laterStrata, laterPopulation) = Design(current);
        var (earlierUnits, earlierStrata, _) = Design(previous);
        var covariance = OverlapCovariance.Match(laterUnits, laterStrata, laterPopulation, earlierUnits, earlierStrata, WaveDesignRequest.LonelyStrata);
        if (covariance.IsEmpty)
        {
            return null;
        }

        var margins = CalibrationMargins.FromStore(session, catalogue, previousWave) ?? CalibrationMargins.FromRegister(session, catalogue, register);
        var frame = SurveyFrame.Build(catalogue, previous, margins, indicators);
        var estimation = new SurveyIndicatorEstimation(catalogue, frame, margins, weights) { InfluenceRows = [.. covariance.Pairs.Select(p => p.Earlier)] };
        estimation.Estimate();
        return new WaveOverlap(covariance, estimation.Influence);
    }

    /// <summary>
    /// Cov(current, previous) of a current-wave result row, from the current wave's linearization values at
    /// <see cref="CurrentRows"/>; null when either wave has none for the row (it was not estimated there).
    /// </summary>
    public double? CovarianceOf(ResultRow row, IReadOnlyDictionary<string, double[]> current)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(current);
        return current.TryGetValue(row.Key, out var later) && _previous.TryGetValue(row.Key, out var earlier)
            ? Covariance.Covariance(later, earlier)
            : null;
    }

    private static (string[] Units, string[] Strata, double[] Population) Design(SurveyWave wave)
    {
        var n = wave.Rows.Count;
        var units = new string[n];
        var strata = new string[n];
        var population = new double[n];
        for (var r = 0; r < n; r++)
        {
            units[r] = IndicatorMeasurement.Code(wave.Get(r, "person_id")) ?? throw new ProductionException($"survey wave {wave.Wave} has a respondent without person_id (row {r + 1}). Nothing was written.");
            strata[r] = IndicatorMeasurement.Code(wave.Get(r, "stratum")) ?? string.Empty;
            population[r] = wave.Get(r, "stratum_population") is { Kind: Catalogue.Expressions.ValueKind.Number } v ? v.Number : double.NaN;
        }

        return (units, strata, population);
    }
}

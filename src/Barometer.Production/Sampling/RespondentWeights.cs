using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Estimation;
using Barometer.Production.Calibration;
using Barometer.Production.Survey;

namespace Barometer.Production.Sampling;

/// <summary>
/// The respondents of a wave's analysis file with their person id (null when it is not a whole number), design
/// weight and calibrated weight — the calibration the run estimates with (the wave's design, margins and calibration
/// settings, no estimates). The run stores them (<see cref="Barometer.Storage.Runs.RunRespondentTable"/>) so that <c>plan</c> reads them instead of
/// recomputing the calibration.
/// </summary>
public sealed record RespondentWeights(long?[] PersonIds, double[] DesignWeights, double[] CalibratedWeights)
{
    /// <summary>The weights, or null with the problems when the calibration cannot be computed.</summary>
    public static RespondentWeights? Of(IndicatorCatalogue catalogue, SurveyWave data, SurveyFrame frame, IReadOnlyList<CalibrationMargins.Margin> margins) =>
        Of(catalogue, data, frame, margins, out _);

    /// <inheritdoc cref="Of(IndicatorCatalogue, SurveyWave, SurveyFrame, IReadOnlyList{CalibrationMargins.Margin})"/>
    public static RespondentWeights? Of(IndicatorCatalogue catalogue, SurveyWave data, SurveyFrame frame, IReadOnlyList<CalibrationMargins.Margin> margins, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(margins);
        var request = WaveDesignRequest.Build(margins, [], 0.95, catalogue.Calibration);
        var (weights, problems) = SurveyEstimation.AnalysisWeights(frame.Data, request);
        if (weights is null)
        {
            problem = string.Join("; ", problems.Take(3).Select(p => p.Key + ": " + p.Message));
            return null;
        }

        problem = null;
        var ids = new long?[frame.RowCount];
        for (var r = 0; r < ids.Length; r++)
        {
            ids[r] = PersonId(data.Get(r, "person_id"));
        }

        return new RespondentWeights(ids, frame.Numbers("w"), weights);
    }

    internal static long? PersonId(Value value) => value.Kind switch
    {
        ValueKind.Number when value.Number == Math.Floor(value.Number) => (long)value.Number,
        ValueKind.Text when long.TryParse(value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) => id,
        _ => null,
    };
}

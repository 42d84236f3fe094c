using Barometer.Estimation.Requests;
using Barometer.Production.Calibration;

namespace Barometer.Production.Survey;

/// <summary>
/// The design of a wave as the engine sees it: stratified simple random sampling of persons (strata of the gross
/// sample, finite population correction from the stratum populations, design weights), calibrated (raking unless catalogue/calibration.yaml says linear or logit) to the register totals
/// of every calibration margin. A stratum left with one respondent takes R's <c>adjust</c> rule (centred at the
/// grand mean) rather than failing the whole run.
/// </summary>
public static class WaveDesignRequest
{
    /// <summary>The calibration's iteration limit (raking stops earlier when it has converged).</summary>
    public const int MaxIterations = 100;

    /// <summary>The rule for a stratum left with one respondent.</summary>
    public const LonelyPsuRule LonelyStrata = LonelyPsuRule.Adjust;

    public static EstimationRequest Build(IReadOnlyList<CalibrationMargins.Margin> margins, IReadOnlyList<EstimateSpec> estimates, double level, Catalogue.Calibration.CalibrationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var method = config.Method switch
        {
            "linear" => CalibrationMethod.Linear,
            "logit" => CalibrationMethod.Logit,
            _ => CalibrationMethod.Raking,
        };
        var bounds = method == CalibrationMethod.Raking || config.Bounds is null ? null : new GWeightBounds(config.Bounds.Value.Lower, config.Bounds.Value.Upper);
        ArgumentNullException.ThrowIfNull(margins);
        var design = new DesignSpec([], "stratum", ["fpc"], "w", LonelyStrata);
        var calibration = margins.Count == 0
            ? null
            : new CalibrationSpec(
                method,
                bounds,
                margins.Select((m, i) => (Estimation.Requests.CalibrationMargin)new CategoricalMargin(SurveyFrame.Calibration(i), m.Totals)).ToList(),
                MaxIterations: MaxIterations);
        return new EstimationRequest(design, calibration, null, estimates, level);
    }
}

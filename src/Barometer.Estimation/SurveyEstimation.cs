using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation;

/// <summary>
/// The entry point of the estimation engine: design, optional calibration, variance and intervals for every
/// requested estimate, reproducing R's <c>survey</c> package (Lumley, version 4.1).
/// </summary>
public static class SurveyEstimation
{
    /// <summary>
    /// Runs every estimate of <paramref name="request"/> on <paramref name="data"/>.
    /// </summary>
    /// <param name="data">The respondent-level data.</param>
    /// <param name="request">The design, calibration, replicates and estimates.</param>
    /// <returns>The rows in request order, then domain order, then category order; or the problems that prevented them.</returns>
    public static EstimationOutcome Run(SurveyData data, EstimationRequest request)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        return EstimationOutcome.Failure([new EstimationProblem("estimates", null, "Estimation is not supported yet.")]);
    }
}

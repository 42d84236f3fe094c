namespace Barometer.Storage.Fieldwork;

/// <summary>
/// An unconditional partial R-indicator: of a variable (<see cref="Code"/> null, <see cref="Partial"/> = P_u(X_k)) or
/// of one of its categories (signed P_u(X_k, h), with its design-weighted share of the gross sample and mean response
/// propensity). Values are null where the category has fewer respondents than the survey's minimum.
/// </summary>
public sealed record NonresponsePartial(string Variable, string? Code, long Respondents, double? Share, double? MeanPropensity, double? Partial);

/// <summary>
/// A category of a register variable known for the whole gross sample: its share in the gross sample (design
/// weights), among respondents with design weights, and among respondents with calibrated weights — the bias the
/// calibration removes. <see cref="CalibratedOn"/>: the variable is one the weights are calibrated to. Shares are
/// null where the category has fewer respondents than the survey's minimum.
/// </summary>
public sealed record NonresponseBias(string Variable, string Code, bool CalibratedOn, long Respondents, double? GrossSample, double? RespondentsDesign, double? RespondentsCalibrated);

/// <summary>
/// The nonresponse analysis of a wave: the R-indicator of the response-propensity model <see cref="Model"/> (null,
/// with <see cref="Problem"/>, when the model cannot be fitted), its partial indicators, and the bias table.
/// </summary>
public sealed record NonresponseSummary(
    string Model,
    long Sampled,
    long Responded,
    double? R,
    double? PropensityStandardDeviation,
    double? MeanPropensity,
    int? Iterations,
    string? Problem,
    IReadOnlyList<NonresponsePartial> Partials,
    IReadOnlyList<NonresponseBias> Bias);

/// <summary>
/// The store's <c>nonresponse_indicator</c>, <c>nonresponse_partials</c> and <c>nonresponse_bias</c> (migration
/// 0005): the nonresponse analysis of each run's wave, written by the production run, read by the report and the
/// publication side.
/// </summary>
public static class NonresponseTable
{
    public static void Write(StoreSession session, int runId, NonresponseSummary summary)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(summary);
        session.Execute(
            "INSERT INTO nonresponse_indicator VALUES ($run, $model, $sampled, $responded, $r, $sd, $mean, $iterations, $problem)",
            ("run", runId), ("model", summary.Model), ("sampled", summary.Sampled), ("responded", summary.Responded), ("r", summary.R),
            ("sd", summary.PropensityStandardDeviation), ("mean", summary.MeanPropensity), ("iterations", summary.Iterations), ("problem", summary.Problem));
        for (var i = 0; i < summary.Partials.Count; i++)
        {
            var p = summary.Partials[i];
            session.Execute("INSERT INTO nonresponse_partials VALUES ($run, $position, $variable, $code, $respondents, $share, $mean, $partial)",
                ("run", runId), ("position", i), ("variable", p.Variable), ("code", p.Code), ("respondents", p.Respondents), ("share", p.Share),
                ("mean", p.MeanPropensity), ("partial", p.Partial));
        }

        for (var i = 0; i < summary.Bias.Count; i++)
        {
            var b = summary.Bias[i];
            session.Execute("INSERT INTO nonresponse_bias VALUES ($run, $position, $variable, $code, $calibrated, $respondents, $gross, $design, $calibratedShare)",
                ("run", runId), ("position", i), ("variable", b.Variable), ("code", b.Code), ("calibrated", b.CalibratedOn), ("respondents", b.Respondents),
                ("gross", b.GrossSample), ("design", b.RespondentsDesign), ("calibratedShare", b.RespondentsCalibrated));
        }
    }

    /// <summary>The nonresponse analysis stored with a run, or null when the run stored none.</summary>
    public static NonresponseSummary? Read(StoreSession session, int runId)
    {
        ArgumentNullException.ThrowIfNull(session);
        var head = session.Query(
            "SELECT model, sampled, responded, r_indicator, propensity_sd, mean_propensity, iterations, problem FROM nonresponse_indicator WHERE run_id = $run",
            r => (Model: r.GetString(0), Sampled: r.GetInt64(1), Responded: r.GetInt64(2), R: Double(r, 3), Sd: Double(r, 4), Mean: Double(r, 5),
                Iterations: r.IsDBNull(6) ? (int?)null : r.GetInt32(6), Problem: r.IsDBNull(7) ? null : r.GetString(7)), ("run", runId));
        if (head.Count == 0)
        {
            return null;
        }

        var partials = session.Query(
            "SELECT variable, code, respondents, share, mean_propensity, partial FROM nonresponse_partials WHERE run_id = $run ORDER BY position",
            r => new NonresponsePartial(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2), Double(r, 3), Double(r, 4), Double(r, 5)), ("run", runId));
        var bias = session.Query(
            "SELECT variable, code, calibrated_on, respondents, gross_sample, respondents_design, respondents_calibrated FROM nonresponse_bias WHERE run_id = $run ORDER BY position",
            r => new NonresponseBias(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetInt64(3), Double(r, 4), Double(r, 5), Double(r, 6)), ("run", runId));
        var h = head[0];
        return new NonresponseSummary(h.Model, h.Sampled, h.Responded, h.R, h.Sd, h.Mean, h.Iterations, h.Problem, partials, bias);
    }

    private static double? Double(DuckDB.NET.Data.DuckDBDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetDouble(column);
}

using System.Globalization;
using Barometer.Estimation.Calibration;
using Barometer.Estimation.Data;
using Barometer.Estimation.Designs;
using Barometer.Estimation.Estimators;
using Barometer.Estimation.Intervals;
using Barometer.Estimation.Requests;
using Barometer.Estimation.Variance;

namespace Barometer.Estimation;

/// <summary>
/// The entry point of the estimation engine: design, optional calibration, variance and intervals for every
/// requested estimate, reproducing R's <c>survey</c> package (Lumley, version 4.1). See docs/methodology/ for the
/// formulas, the R functions each result is checked against, and the documented departures.
/// </summary>
public static class SurveyEstimation
{
    /// <summary>
    /// Runs every estimate of <paramref name="request"/> on <paramref name="data"/>.
    /// </summary>
    /// <param name="data">The respondent-level data.</param>
    /// <param name="request">The design, calibration, replicates and estimates.</param>
    /// <returns>
    /// The rows in request order, then domain order (R's <c>svyby</c> order), then category order; or every problem
    /// that prevented them (unknown columns, unreadable or invalid values, lonely PSUs under <c>fail</c>,
    /// calibration that cannot meet its totals, statistics that R would report as NaN).
    /// </returns>
    public static EstimationOutcome Run(SurveyData data, EstimationRequest request) => Execute(data, request, out _);

    /// <summary>
    /// Runs the estimates as <see cref="Run"/> does and keeps what gives every row's linearization (influence) values per
    /// data row — after calibration, the residuals e = z − g d xᵀB whose quadratic form is the row's variance — so that
    /// the covariance of two estimates of different samples that share units can be computed
    /// (<see cref="Contrasts.OverlapCovariance"/>). Linearization designs only: a request with replicate weights is a
    /// problem.
    /// </summary>
    /// <returns>The outcome and, when it succeeded, the influence values of its rows (in <see cref="EstimationOutcome.Rows"/> order).</returns>
    public static (EstimationOutcome Outcome, InfluenceValues? Influence) Linearize(SurveyData data, EstimationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Replicates is not null)
        {
            return (EstimationOutcome.Failure([new EstimationProblem("replicates", null, "Influence values exist for linearization designs only; this request has replicate weights.", null)]), null);
        }

        var outcome = Execute(data, request, out var influence);
        return (outcome, outcome.Succeeded ? influence : null);
    }

    private static EstimationOutcome Execute(SurveyData data, EstimationRequest request, out InfluenceValues? influence)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        influence = null;
        var log = new ProblemLog();
        var columns = new ColumnResolver(data, log);
        CheckRequest(request, log);
        var design = DesignBuilder.Build(request.Design, columns, request.Replicates is not null);
        var calibrator = request.Calibration is null ? null : Calibrator.Create(request.Calibration, columns);
        var plans = new List<EstimatePlan>();
        for (var s = 0; s < request.Estimates.Count; s++)
        {
            var plan = EstimatePlan.Build(s, request.Estimates[s], columns);
            if (plan is not null)
            {
                plans.Add(plan);
            }
        }

        if (log.HasProblems || design is null)
        {
            return Fail(log);
        }

        var replicates = request.Replicates is null ? null : ReplicateDesign.Create(request.Replicates, design, columns);
        if (log.HasProblems)
        {
            return Fail(log);
        }

        var weights = design.Weights;
        CalibratedWeights? calibrated = null;
        if (calibrator is not null)
        {
            calibrated = calibrator.Calibrate(design.Weights, log);
            if (calibrated is null)
            {
                return Fail(log);
            }

            weights = calibrated.Weights;
        }

        // Each plan's estimates are independent: computed in parallel, problems gathered in request order.
        var planLogs = new ProblemLog[plans.Count];
        Parallel.For(0, plans.Count, Parallelism.Options, p =>
        {
            planLogs[p] = new ProblemLog();
            plans[p].Prepare(weights, planLogs[p]);
        });
        foreach (var planLog in planLogs)
        {
            log.AddAll(planLog);
        }

        if (log.HasProblems)
        {
            return Fail(log);
        }

        var logitCoefficients = new Dictionary<EstimatePlan, double[]>();
        foreach (var plan in plans.Where(p => p.Spec.Interval == IntervalMethod.Logit))
        {
            var coefficients = LogitCoefficients.Compute(plan, weights, replicates is null && calibrated is not null);
            logitCoefficients[plan] = coefficients;
            if (replicates is null)
            {
                plan.LogitCenters = coefficients.Select(LogitFit.LinkInverse).ToArray();
            }
        }

        var set = new StatisticSet(plans, replicates is null ? Environment.ProcessorCount : 1);
        double[] variance;
        int df;
        double[][]? replicateWeights = null;
        double[]? replicateThetas = null;
        if (replicates is null)
        {
            variance = LinearizationVariance.Compute(design, set, weights, calibrated?.Projection);
            df = design.DegreesOfFreedom;
        }
        else
        {
            var needWeights = plans.Any(p => p.Spec.Interval == IntervalMethod.Beta && p.Spec.By.Count > 0);
            var result = ReplicateVariance.Compute(replicates, set, design.Weights, calibrator, needWeights, log);
            if (result is null)
            {
                return Fail(log);
            }

            variance = result.Variance;
            df = result.DegreesOfFreedom;
            replicateWeights = result.AnalysisWeights;
            replicateThetas = result.Thetas;
        }

        if (df < 1)
        {
            log.Add(request.Replicates is null ? "design" : "replicates", $"The design has {df} degrees of freedom, so no t interval exists.");
            return Fail(log);
        }

        var context = new RowContext(design, replicates, replicateWeights, calibrated is not null, df, request.Level)
        {
            LogitCoefficients = logitCoefficients,
            ReplicateThetas = replicateThetas,
            StatisticCount = set.Count,
        };
        var rows = new List<EstimateRow>(set.Count);
        var statistics = new List<int>(set.Count);
        foreach (var plan in plans)
        {
            AddRows(plan, variance, context, rows, statistics, log);
        }

        if (replicates is null)
        {
            influence = new InfluenceValues(set, weights, calibrated?.Projection, [.. statistics]);
        }

        return log.HasProblems ? Fail(log) : EstimationOutcome.Success(rows);
    }

    /// <summary>
    /// The analysis weights of <paramref name="request"/>'s design on <paramref name="data"/>: the design weights,
    /// calibrated when the request calibrates (exactly the weights <see cref="Run"/> estimates with), or the problems
    /// that prevented them. The request's estimates are not computed.
    /// </summary>
    public static (double[]? Weights, IReadOnlyList<EstimationProblem> Problems) AnalysisWeights(SurveyData data, EstimationRequest request)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        var log = new ProblemLog();
        var columns = new ColumnResolver(data, log);
        var design = DesignBuilder.Build(request.Design, columns, request.Replicates is not null);
        var calibrator = request.Calibration is null ? null : Calibrator.Create(request.Calibration, columns);
        if (log.HasProblems || design is null)
        {
            return (null, log.Problems);
        }

        if (calibrator is null)
        {
            return (design.Weights, []);
        }

        var calibrated = calibrator.Calibrate(design.Weights, log);
        return calibrated is null || log.HasProblems ? (null, log.Problems) : (calibrated.Weights, []);
    }

    private static EstimationOutcome Fail(ProblemLog log) => EstimationOutcome.Failure(log.Problems);

    private static void CheckRequest(EstimationRequest request, ProblemLog log)
    {
        ArgumentNullException.ThrowIfNull(request.Design);
        ArgumentNullException.ThrowIfNull(request.Estimates);
        if (!(request.Level > 0 && request.Level < 1))
        {
            log.Add("level", $"The confidence level must lie strictly between 0 and 1; found {request.Level.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < request.Estimates.Count; s++)
        {
            var id = request.Estimates[s].Id;
            if (string.IsNullOrEmpty(id))
            {
                log.Add($"estimates[{s}].id", "Every estimate needs an id.", s);
            }
            else if (!ids.Add(id))
            {
                log.Add($"estimates[{s}].id", $"The id '{id}' is used by more than one estimate.", s);
            }
        }
    }

    private static void AddRows(EstimatePlan plan, double[] variance, RowContext context, List<EstimateRow> rows, List<int> statistics, ProblemLog log)
    {
        var spec = plan.Spec;
        var betaDegrees = spec.Interval == IntervalMethod.Beta ? DomainDesignSize.Compute(plan, context) : null;
        for (var k = 0; k < plan.VisibleCount; k++)
        {
            var estimate = plan.Estimates[k];
            var v = variance[plan.Index(k)];
            var domain = plan.DomainOfStatistic(k);
            var category = plan.CategoryOfStatistic(k);
            if (!double.IsFinite(estimate) || !double.IsFinite(v) || v < 0)
            {
                var where = domain.Length == 0 ? "the whole population" : $"domain '{domain}'";
                var which = category.Length == 0 ? string.Empty : $", category '{category}'";
                log.Add($"estimates[{plan.SpecIndex}]", $"The {(double.IsFinite(estimate) ? "variance" : "estimate")} of '{spec.Id}' for {where}{which} is undefined (R would report NaN): every stratum or replicate it depends on is degenerate.", plan.SpecIndex);
                continue;
            }

            var se = Math.Sqrt(v);
            (double Low, double High) ci;
            switch (spec.Interval)
            {
                case IntervalMethod.Logit:
                    ci = LogitInterval(plan, k, estimate, variance, context);

                    // R's svyciprop reports expit of the logistic fit, which carries glm's convergence error (≤ ~1e-8).
                    estimate = LogitFit.Expit(context.LogitCoefficients[plan][k]);
                    break;
                case IntervalMethod.Beta:
                    var d = plan.DomainIndexOfStatistic(k);
                    var size = betaDegrees![d];
                    if (size.DegreesOfFreedom < 1 || size.Rows < 2)
                    {
                        log.Add($"estimates[{plan.SpecIndex}].ci", $"The beta interval of '{spec.Id}' in domain '{domain}' needs the domain's own degrees of freedom, and it has {size.DegreesOfFreedom} (R would give NaN).", plan.SpecIndex);
                        continue;
                    }

                    ci = ConfidenceInterval.Beta(estimate, v, size.Rows, size.DegreesOfFreedom, context.Level);
                    break;
                default:
                    ci = ConfidenceInterval.Wald(estimate, se, context.TQuantile);
                    break;
            }

            var cv = estimate == 0 ? double.NaN : se / Math.Abs(estimate);
            statistics.Add(plan.Index(k));
            rows.Add(new EstimateRow(spec.Id, plan.SpecIndex, domain, plan.DomainValuesOfStatistic(k), category, estimate, se, ci.Low, ci.High, context.DegreesOfFreedom, plan.RespondentsOfStatistic(k), cv, DesignEffect(plan, k, v)));
        }
    }

    /// <summary>
    /// R's logit interval: expit(β ± t SE(β)) with β the replayed glm coefficient and SE(β) the linearization SE of
    /// the companion statistic divided by dμ/dη, or the replicate SE of the replicate coefficients.
    /// </summary>
    private static (double Low, double High) LogitInterval(EstimatePlan plan, int k, double estimate, double[] variance, RowContext context)
    {
        var beta = context.LogitCoefficients[plan][k];
        if (!double.IsFinite(beta))
        {
            return (estimate, estimate);
        }

        double seBeta;
        if (context.Replicates is { } replicates)
        {
            var r = replicates.Count;
            var betas = new double[r];
            for (var rep = 0; rep < r; rep++)
            {
                betas[rep] = LogitFit.Replicate(context.ReplicateThetas![(rep * context.StatisticCount) + plan.Index(k)], beta);
            }

            seBeta = Math.Sqrt(ReplicateVariance.Combine(betas, replicates.Scale, replicates.RScales));
        }
        else
        {
            seBeta = Math.Sqrt(variance[plan.Index(plan.VisibleCount + k)]) / LogitFit.MuEta(beta);
        }

        var q = context.TQuantile;
        return (LogitFit.Expit(beta - (q * seBeta)), LogitFit.Expit(beta + (q * seBeta)));
    }

    /// <summary>
    /// R's <c>deff = TRUE</c> (without replacement): Var / (s² (1 - n/N̂) / n) for means and proportions and
    /// Var / (s² N̂² (1 - n/N̂) / n) for totals and ratios, with s² = n/(n-1) Σ w (v - v̄)² / Σ w.
    /// </summary>
    private static double DesignEffect(EstimatePlan plan, int k, double variance)
    {
        if (plan.Kind == EstimateType.Difference)
        {
            return double.NaN;
        }

        var d = plan.DomainIndexOfStatistic(k);
        double n = plan.RespondentCount[d];
        var total = plan.WeightTotals[d];
        if (!(total > n) || n < 2)
        {
            return double.NaN;
        }

        var s2 = n / (n - 1) * plan.SumOfSquares[k] / total;
        var srs = plan.Kind is EstimateType.Mean or EstimateType.Proportion
            ? s2 * (total - n) / (total * n)
            : s2 * total * (total - n) / n;
        return variance / srs;
    }
}

using System.Globalization;
using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Calibration;

/// <summary>Calibrated weights with what their variance needs.</summary>
/// <param name="Weights">The calibrated weights dᵢ gᵢ.</param>
/// <param name="Projection">The regression the variance uses.</param>
internal sealed record CalibratedWeights(double[] Weights, CalibrationProjection Projection);

/// <summary>
/// R's <c>calibrate(design, formula, population, calfun, bounds, maxit, epsilon)</c> for a design or for one set of
/// replicate weights. Failure is a problem naming the margin, never weights that miss their totals.
/// </summary>
internal sealed class Calibrator
{
    private readonly CalibrationSpec _spec;
    private readonly DistanceFunction _distance;
    private readonly bool _regression;

    private Calibrator(CalibrationSpec spec, CalibrationModel model)
    {
        _spec = spec;
        Model = model;
        _distance = DistanceFunction.Create(spec.Method, spec.Bounds);
        var unbounded = spec.Bounds is null
            || (double.IsNegativeInfinity(spec.Bounds.Lower) && double.IsPositiveInfinity(spec.Bounds.Upper));
        _regression = spec.Method == CalibrationMethod.Linear && unbounded;
    }

    public CalibrationModel Model { get; }

    /// <summary>Whether R would use <c>regcalibrate</c> (linear without bounds), which also recomputes replicate degf.</summary>
    public bool IsRegression => _regression;

    public static Calibrator? Create(CalibrationSpec spec, ColumnResolver columns)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var log = columns.Log;
        var ok = true;
        if (spec.Bounds is { } b)
        {
            if (double.IsNaN(b.Lower) || double.IsNaN(b.Upper) || !(b.Lower < 1) || !(b.Upper > 1))
            {
                log.Add("calibration.bounds", $"The g-weight bounds must satisfy lower < 1 < upper; found [{Format(b.Lower)}, {Format(b.Upper)}].");
                ok = false;
            }
        }

        if (spec.Method == CalibrationMethod.Logit && (spec.Bounds is null || !double.IsFinite(spec.Bounds.Lower) || !double.IsFinite(spec.Bounds.Upper)))
        {
            log.Add("calibration.bounds", "Logit calibration needs finite bounds [lower, upper] on the g-weights.");
            ok = false;
        }

        if (spec.MaxIterations < 1 || !(spec.Epsilon > 0))
        {
            log.Add("calibration", "The iteration limit must be at least 1 and the tolerance positive.");
            ok = false;
        }

        var model = CalibrationModel.Build(spec, columns);
        return ok && model is not null ? new Calibrator(spec, model) : null;
    }

    /// <summary>Calibrates the full-sample weights; on failure reports the problem and returns null.</summary>
    public CalibratedWeights? Calibrate(double[] designWeights, ProblemLog log)
    {
        ArgumentNullException.ThrowIfNull(designWeights);
        ArgumentNullException.ThrowIfNull(log);
        var g = Fit(designWeights, log, null);
        if (g is null)
        {
            return null;
        }

        for (var i = 0; i < g.Length; i++)
        {
            if (g[i] == 0)
            {
                log.Add("calibration.bounds", $"Calibration gave respondent {i} a weight of zero, which leaves the calibrated variance undefined (R gives NaN); raise the lower bound above 0.");
                return null;
            }
        }

        var weights = new double[g.Length];
        for (var i = 0; i < g.Length; i++)
        {
            weights[i] = designWeights[i] * g[i];
        }

        return new CalibratedWeights(weights, new CalibrationProjection(Model, designWeights, g));
    }

    /// <summary>The g-weights for <paramref name="weights"/>, or null after reporting why (naming the replicate when given).</summary>
    public double[]? Fit(double[] weights, ProblemLog log, int? replicate)
    {
        ArgumentNullException.ThrowIfNull(log);
        var fit = _regression
            ? GeneralizedRaking.Linear(Model, weights)
            : GeneralizedRaking.Iterate(Model, weights, _distance, _spec.MaxIterations, _spec.Epsilon);
        var where = replicate is { } r ? $" (replicate {r + 1})" : string.Empty;
        if (fit.G is null)
        {
            log.Add("calibration.margins", $"The calibration totals are linearly dependent or a margin has no variation{where}; the calibration equations are singular.");
            return null;
        }

        if (!fit.Converged || !fit.G.All(double.IsFinite))
        {
            var column = fit.WorstColumn;
            var bounds = _spec.Bounds is { } b ? $" within the bounds [{Format(b.Lower)}, {Format(b.Upper)}]" : string.Empty;
            log.Add(Model.ColumnKeys[column], $"Calibration ({_spec.Method.ToString().ToLowerInvariant()}) did not converge in {_spec.MaxIterations} iterations{where}: the totals cannot be met{bounds}. The largest relative misfit, {Format(fit.WorstMisfit)}, is for {Model.ColumnNames[column]}.");
            return null;
        }

        return fit.G;
    }

    private static string Format(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}

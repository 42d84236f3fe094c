using System.Runtime.CompilerServices;
using Barometer.Estimation.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Barometer.Estimation.Calibration;

/// <summary>The outcome of fitting g-weights: the g-weights, or where the fit failed.</summary>
/// <param name="G">The g-weights (calibrated weight / input weight), including R's rescaling; null when singular.</param>
/// <param name="Converged">Whether every total was met to the tolerance.</param>
/// <param name="Iterations">Newton iterations used.</param>
/// <param name="WorstColumn">The column with the largest relative misfit (for messages).</param>
/// <param name="WorstMisfit">That misfit, |T - t̂| / (1 + |T|).</param>
internal readonly record struct CalibrationFit(double[]? G, bool Converged, int Iterations, int WorstColumn, double WorstMisfit);

/// <summary>
/// Fits g-weights exactly as R's survey 4.1 does: <c>regcalibrate</c> (one linear solve) for linear calibration
/// without bounds, otherwise <c>grake</c>'s Newton iteration with step halving, its rescaling when every
/// population/sample ratio exceeds 20, MASS::ginv for the Newton system, and its stopping rule
/// max |T - t̂| / (1 + |T|) &lt; ε (Deville and Särndal 1992).
/// </summary>
internal static class GeneralizedRaking
{
    private const double RescaleThreshold = 20;
    private const double GinvTolerance = 256 * 2.220446049250313e-16;

    /// <summary>From this many rows each Newton pass is split into <see cref="Chunks"/> parallel chunks.</summary>
    private const int ParallelRows = 20_000;

    private const int Chunks = 4;

    /// <summary>R's <c>regcalibrate</c>: g = 1 + xᵢᵀ (Σ w x xᵀ)⁻¹ (T - Σ w x).</summary>
    public static CalibrationFit Linear(CalibrationModel model, ReadOnlySpan<double> weights)
    {
        var p = model.ColumnCount;
        var sampleTotal = model.WeightedTotals(weights);
        var t = Matrix<double>.Build.DenseOfRowMajor(p, p, model.WeightedCrossProduct(weights));
        var svd = t.Svd(false);
        var s = svd.S;
        if (s[p - 1] <= s[0] * 2.220446049250313e-16 || !double.IsFinite(s[0]))
        {
            return new CalibrationFit(null, false, 1, WorstSingular(s), double.NaN);
        }

        var rhs = Vector<double>.Build.Dense(p, j => model.Population[j] - sampleTotal[j]);
        var tT = t.LU().Solve(rhs).ToArray();
        var g = new double[model.RowCount];
        for (var i = 0; i < g.Length; i++)
        {
            g[i] = 1 + model.Linear(i, tT);
        }

        var misfit = Misfit(model, weights, g);
        return new CalibrationFit(g, true, 1, misfit.Column, misfit.Value);
    }

    /// <summary>R's <c>grake</c> with σ² = 1.</summary>
    public static CalibrationFit Iterate(CalibrationModel model, ReadOnlySpan<double> inputWeights, DistanceFunction calfun, int maxIterations, double epsilon)
    {
        var n = model.RowCount;
        var p = model.ColumnCount;
        var population = model.Population;
        var sampleTotal = model.WeightedTotals(inputWeights);
        var ww = inputWeights.ToArray();
        double? scale = null;
        var minScale = double.PositiveInfinity;
        var sumScale = 0.0;
        for (var j = 0; j < p; j++)
        {
            var r = population[j] / sampleTotal[j];
            minScale = Math.Min(minScale, r);
            sumScale += r;
        }

        if (minScale > RescaleThreshold)
        {
            scale = sumScale / p;
            for (var i = 0; i < n; i++)
            {
                ww[i] *= scale.Value;
            }

            for (var j = 0; j < p; j++)
            {
                sampleTotal[j] *= scale.Value;
            }
        }

        var eta = new double[p];
        var fm1 = new double[n];
        var tmat = new double[p * p];
        var adjustment = new double[p];
        var misfit = new double[p];
        var finite = Evaluate(model, calfun, eta, ww, fm1, tmat, adjustment);
        var iter = 1;
        var converged = false;
        var worst = (Column: 0, Value: double.NaN);
        while (true)
        {
            // tmat and adjustment belong to the current η: R's Tmat and misfit at the top of its loop.
            for (var j = 0; j < p; j++)
            {
                misfit[j] = population[j] - sampleTotal[j] - adjustment[j];
            }

            var deta = Ginv(tmat, p, misfit);
            for (var j = 0; j < p; j++)
            {
                eta[j] += deta[j];
            }

            finite = Evaluate(model, calfun, eta, ww, fm1, tmat, adjustment);
            while (iter < maxIterations && !finite)
            {
                iter++;
                for (var j = 0; j < p; j++)
                {
                    deta[j] /= 2;
                    eta[j] -= deta[j];
                }

                finite = Evaluate(model, calfun, eta, ww, fm1, tmat, adjustment);
            }

            for (var j = 0; j < p; j++)
            {
                misfit[j] = population[j] - sampleTotal[j] - adjustment[j];
            }

            worst = Worst(misfit, population);
            if (finite && worst.Value < epsilon)
            {
                converged = true;
                break;
            }

            iter++;
            if (iter > maxIterations)
            {
                break;
            }
        }

        var g = new double[n];
        for (var i = 0; i < n; i++)
        {
            g[i] = (1 + fm1[i]) * (scale ?? 1.0);
        }

        return new CalibrationFit(g, converged, iter, worst.Column, worst.Value);
    }

    private static int WorstSingular(Vector<double> s) => s.Count - 1;

    /// <summary>
    /// One pass at η: Fm1 and dF at xᵢᵀη for every row, with Σ w x Fm1 (for the misfit) and Σ w dF x xᵀ (R's Tmat)
    /// accumulated on the way. Rows are split into a fixed number of chunks summed in a fixed order, so the result
    /// does not depend on the number of threads. Returns whether every Fm1 and dF is finite.
    /// </summary>
    private static bool Evaluate(CalibrationModel model, DistanceFunction calfun, double[] eta, double[] ww, double[] fm1, double[] tmat, double[] adjustment)
    {
        if (model.CellOfRow is not null)
        {
            return EvaluateCells(model, calfun, eta, ww, fm1, tmat, adjustment);
        }

        var n = fm1.Length;
        var chunks = n >= ParallelRows ? Chunks : 1;
        var p = adjustment.Length;
        var partialT = new double[chunks][];
        var partialA = new double[chunks][];
        var finite = new bool[chunks];
        Parallel.For(0, chunks, Parallelism.Options, chunk =>
        {
            var t = new double[p * p];
            var a = new double[p];
            finite[chunk] = EvaluateRows(model, calfun, eta, ww, fm1, t, a, (int)((long)n * chunk / chunks), (int)((long)n * (chunk + 1) / chunks));
            partialT[chunk] = t;
            partialA[chunk] = a;
        });
        Array.Clear(tmat);
        Array.Clear(adjustment);
        var all = true;
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            for (var j = 0; j < tmat.Length; j++)
            {
                tmat[j] += partialT[chunk][j];
            }

            for (var j = 0; j < p; j++)
            {
                adjustment[j] += partialA[chunk][j];
            }

            all &= finite[chunk];
        }

        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b < a; b++)
            {
                tmat[(a * p) + b] = tmat[(b * p) + a];
            }
        }

        return all;
    }

    /// <summary>
    /// <see cref="Evaluate"/> for categorical margins only: every row of a cell (combination of margin levels) has the
    /// same model row, hence the same g, so F and F' are evaluated once per cell and the sums run over cells weighted
    /// by their total weight. The result equals the row-by-row pass up to the order of additions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool EvaluateCells(CalibrationModel model, DistanceFunction calfun, double[] eta, double[] ww, double[] fm1, double[] tmat, double[] adjustment)
    {
        var cells = model.CellCount;
        var slots = model.SlotCount;
        var columns = model.CellColumns;
        var cellOfRow = model.CellOfRow!;
        var p = adjustment.Length;
        var cellWeight = new double[cells];
        for (var i = 0; i < ww.Length; i++)
        {
            cellWeight[cellOfRow[i]] += ww[i];
        }

        Array.Clear(tmat);
        Array.Clear(adjustment);
        var cellF = new double[cells];
        var finite = true;
        for (var cell = 0; cell < cells; cell++)
        {
            var at = cell * slots;
            var u = 0.0;
            for (var q = 0; q < slots; q++)
            {
                var c = columns[at + q];
                if (c >= 0)
                {
                    u += eta[c];
                }
            }

            var (f, d) = calfun.Both(u);
            cellF[cell] = f;
            finite &= double.IsFinite(f) && double.IsFinite(d);
            var wf = cellWeight[cell] * f;
            var wd = cellWeight[cell] * d;
            for (var a = 0; a < slots; a++)
            {
                var ca = columns[at + a];
                if (ca < 0)
                {
                    continue;
                }

                adjustment[ca] += wf;
                for (var b = 0; b < slots; b++)
                {
                    var cb = columns[at + b];
                    if (cb >= 0)
                    {
                        tmat[(ca * p) + cb] += wd;
                    }
                }
            }
        }

        for (var i = 0; i < fm1.Length; i++)
        {
            fm1[i] = cellF[cellOfRow[i]];
        }

        return finite;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool EvaluateRows(CalibrationModel model, DistanceFunction calfun, double[] eta, double[] ww, double[] fm1, double[] tmat, double[] adjustment, int from, int to)
    {
        var p = adjustment.Length;
        var slots = model.SlotCount;
        var columns = model.ColumnOfSlot;
        var values = model.ValueOfSlot;
        var finite = true;
        for (var i = from; i < to; i++)
        {
            var at = i * slots;
            var u = 0.0;
            for (var q = 0; q < slots; q++)
            {
                var c = columns[at + q];
                if (c >= 0)
                {
                    u += values[at + q] * eta[c];
                }
            }

            var (f, d) = calfun.Both(u);
            fm1[i] = f;
            finite &= double.IsFinite(f) && double.IsFinite(d);
            var wf = ww[i] * f;
            var wd = ww[i] * d;
            for (var a = 0; a < slots; a++)
            {
                var ca = columns[at + a];
                if (ca < 0)
                {
                    continue;
                }

                var va = values[at + a];
                adjustment[ca] += va * wf;
                if (wd == 0)
                {
                    continue;
                }

                // Slots hold increasing columns, so b ≥ a fills the upper triangle; it is mirrored after the pass.
                var row = ca * p;
                var wva = wd * va;
                for (var b = a; b < slots; b++)
                {
                    var cb = columns[at + b];
                    if (cb >= 0)
                    {
                        tmat[row + cb] += wva * values[at + b];
                    }
                }
            }
        }

        return finite;
    }

    private static (int Column, double Value) Misfit(CalibrationModel model, ReadOnlySpan<double> weights, double[] g)
    {
        var calibrated = new double[weights.Length];
        for (var i = 0; i < calibrated.Length; i++)
        {
            calibrated[i] = weights[i] * g[i];
        }

        var totals = model.WeightedTotals(calibrated);
        var misfit = new double[totals.Length];
        for (var j = 0; j < totals.Length; j++)
        {
            misfit[j] = model.Population[j] - totals[j];
        }

        return Worst(misfit, model.Population);
    }

    private static (int Column, double Value) Worst(double[] misfit, double[] population)
    {
        var column = 0;
        var worst = -1.0;
        for (var j = 0; j < misfit.Length; j++)
        {
            var relative = Math.Abs(misfit[j]) / (1 + Math.Abs(population[j]));
            if (double.IsNaN(relative))
            {
                return (j, double.NaN);
            }

            if (relative > worst)
            {
                worst = relative;
                column = j;
            }
        }

        return (column, worst);
    }

    /// <summary>MASS::ginv(T) %*% b: the SVD pseudo-inverse keeping singular values above 256 ε times the largest.</summary>
    private static double[] Ginv(double[] tmat, int p, double[] b)
    {
        var result = new double[p];
        var t = Matrix<double>.Build.DenseOfRowMajor(p, p, tmat);
        if (!t.Enumerate().All(double.IsFinite))
        {
            Array.Fill(result, double.NaN);
            return result;
        }

        var svd = t.Svd(true);
        var s = svd.S;
        var u = svd.U;
        var vt = svd.VT;
        var cutoff = Math.Max(GinvTolerance * s[0], 0);
        for (var k = 0; k < p; k++)
        {
            if (!(s[k] > cutoff))
            {
                continue;
            }

            var ub = 0.0;
            for (var j = 0; j < p; j++)
            {
                ub += u[j, k] * b[j];
            }

            ub /= s[k];
            for (var j = 0; j < p; j++)
            {
                result[j] += vt[k, j] * ub;
            }
        }

        return result;
    }
}

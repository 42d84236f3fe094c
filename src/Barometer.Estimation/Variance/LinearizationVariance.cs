using System.Numerics;
using System.Runtime.CompilerServices;
using Barometer.Estimation.Calibration;
using Barometer.Estimation.Data;
using Barometer.Estimation.Designs;
using Barometer.Estimation.Estimators;

namespace Barometer.Estimation.Variance;

/// <summary>
/// Taylor-linearization variances of every statistic at once, as R's <c>svyrecvar</c> computes them
/// (Binder 1983; Wolter 2007, ch. 6): influence values are totalled per sampling unit, centred within each
/// stratum, and their sums of squares scaled by (1 - n/N) n/(n - 1); later stages add their within-unit variance
/// times the sampling fractions above (R's <c>multistage</c>).
/// <para>
/// With calibration the influence values are first replaced by regression residuals e = z - g d xᵀB
/// (<see cref="CalibrationProjection"/>). Because the variance is a quadratic form Q, Q(z - GB) is expanded as
/// Q(z) - 2Bᵀ Q(G, z) + Bᵀ Q(G, G) B so the dense residuals are never formed; a statistic whose variance the
/// calibration removes almost entirely (where that expansion would cancel) is recomputed from the residuals directly.
/// </para>
/// </summary>
internal static class LinearizationVariance
{
    /// <summary>Below this share of Q(z) + BᵀQ(G,G)B the expanded form is recomputed directly.</summary>
    private const double CancellationShare = 1e-4;

    /// <summary>The largest strata × statistics table kept densely for element designs.</summary>
    private const long DenseLimit = 4_000_000;

    /// <summary>The variance of every statistic; NaN where R's would be NaN (a domain only in lonely strata under <c>average</c>).</summary>
    public static double[] Compute(SurveyDesign design, StatisticSet set, double[] weights, CalibrationProjection? calibration)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(weights);
        var k = set.Count;
        var p = calibration?.P ?? 0;
        var state = new Accumulators(k, p);
        var averaging = design.LonelyPsu == Requests.LonelyPsuRule.Average && HasMissingGroups(design.FirstStage);
        int[]? strataPresent = null;
        int[]? strataUsable = null;
        if (averaging && calibration is null)
        {
            strataPresent = new int[k];
            strataUsable = new int[k];
        }

        var crossTotals = calibration is null ? null : new double[k * p];
        var singleton = new bool[design.VarianceStageCount];
        var groupMeans = new double[design.VarianceStageCount][];
        for (var s = 0; s < design.VarianceStageCount; s++)
        {
            var stage = design.Stages[s];
            singleton[s] = stage.UnitCount == design.RowCount;
            groupMeans[s] = singleton[s] && calibration is not null ? GroupMeans(stage, calibration, design.RowCount) : [];
        }

        var parts = set.Ranges;
        Parallel.For(0, parts.Length, Parallelism.Options, part =>
        {
            var layout = parts[part];
            var range = layout.Range;
            var (first, end) = (layout.First, layout.End);
            var crossDone = false;
            for (var s = 0; s < design.VarianceStageCount; s++)
            {
                var stage = design.Stages[s];
                var first_ = s == 0;
                if (singleton[s] && (long)stage.GroupCount * (end - first) <= DenseLimit)
                {
                    StreamSingletons(stage, layout, weights, calibration, groupMeans[s], state, first_ ? strataPresent : null, first_ ? strataUsable : null, first_ ? crossTotals : null, accumulateC: part == 0);
                    crossDone |= first_;
                }
                else
                {
                    StreamStage(stage, set, range, weights, calibration, state, first_ ? strataPresent : null, first_ ? strataUsable : null, accumulateC: part == 0);
                }
            }

            if (calibration is not null && !crossDone)
            {
                AddCrossTotals(set, range, weights, calibration, crossTotals!);
            }
        });

        var variance = new double[k];
        if (calibration is null)
        {
            for (var j = 0; j < k; j++)
            {
                variance[j] = state.A[j];
                if (strataPresent is not null)
                {
                    // R's onestage: the sum over strata with a variance, times (strata present) / (those strata).
                    variance[j] = strataUsable![j] == 0 ? double.NaN : variance[j] * strataPresent[j] / strataUsable[j];
                }
            }

            return variance;
        }

        var multiplier = averaging ? AverageMultiplier(design.FirstStage) : 1.0;
        var b = calibration.Coefficients(crossTotals!, k);
        var flagged = new List<int>();
        for (var j = 0; j < k; j++)
        {
            var linear = 0.0;
            var quadratic = 0.0;
            for (var a = 0; a < p; a++)
            {
                var ba = b[(j * p) + a];
                linear += ba * state.Cross[(j * p) + a];
                var row = 0.0;
                for (var c = 0; c < p; c++)
                {
                    row += state.C[(a * p) + c] * b[(j * p) + c];
                }

                quadratic += ba * row;
            }

            var v = state.A[j] - (2 * linear) + quadratic;
            variance[j] = v * multiplier;
            if (!(v > CancellationShare * (state.A[j] + quadratic)))
            {
                flagged.Add(j);
            }
        }

        if (flagged.Count > 0)
        {
            var direct = DirectResidualVariance(design, set, weights, calibration, b, flagged);
            for (var f = 0; f < flagged.Count; f++)
            {
                variance[flagged[f]] = direct[f] * multiplier;
            }
        }

        return variance;
    }

    private static bool HasMissingGroups(VarianceStage stage) => Array.IndexOf(stage.Mode, GroupMode.Missing) >= 0;

    private static double AverageMultiplier(VarianceStage stage)
    {
        var usable = 0;
        foreach (var mode in stage.Mode)
        {
            usable += mode == GroupMode.Missing ? 0 : 1;
        }

        return (double)stage.GroupCount / usable;
    }

    /// <summary>One pass over a stage: unit totals of every statistic, their within-group sums of squares, and the calibration cross terms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void StreamStage(VarianceStage stage, StatisticSet set, PlanRange range, double[] weights, CalibrationProjection? calibration, Accumulators state, int[]? strataPresent, int[]? strataUsable, bool accumulateC)
    {
        var k = set.Count;
        var p = calibration?.P ?? 0;
        var ks = new int[set.MaxPerRow];
        var zs = new double[set.MaxPerRow];
        var unitTotal = new double[k];
        var unitStamp = new int[k];
        var unitTouched = new int[k];
        var groupStamp = new int[k];
        var groupTouched = new int[k];
        var count = new int[k];
        var mean = new double[k];
        var m2 = new double[k];
        var gUnit = new double[p];
        var gMean = new double[p];
        var gTilde = new double[p];
        var unitSerial = 0;
        var groupSerial = 0;
        for (var g = 0; g < stage.GroupCount; g++)
        {
            var mode = stage.Mode[g];
            var contributes = mode is GroupMode.Centered or GroupMode.Uncentered;
            if (!contributes && strataPresent is null)
            {
                continue;
            }

            groupSerial++;
            var groupTouchedCount = 0;
            var scale = stage.Scale[g];
            var centered = mode == GroupMode.Centered;
            var unitsInGroup = stage.GroupUnitStart[g + 1] - stage.GroupUnitStart[g];
            if (calibration is not null && contributes)
            {
                Array.Clear(gMean);
                if (centered)
                {
                    for (var r = stage.UnitRowStart[stage.GroupUnitStart[g]]; r < stage.UnitRowStart[stage.GroupUnitStart[g + 1]]; r++)
                    {
                        calibration.AddFitted(stage.RowOrder[r], gMean);
                    }

                    for (var a = 0; a < p; a++)
                    {
                        gMean[a] /= unitsInGroup;
                    }
                }
            }

            for (var u = stage.GroupUnitStart[g]; u < stage.GroupUnitStart[g + 1]; u++)
            {
                unitSerial++;
                var touched = 0;
                if (calibration is not null)
                {
                    Array.Clear(gUnit);
                }

                for (var r = stage.UnitRowStart[u]; r < stage.UnitRowStart[u + 1]; r++)
                {
                    var i = stage.RowOrder[r];
                    var emitted = set.Emit(i, weights[i], ks, zs, range);
                    for (var e = 0; e < emitted; e++)
                    {
                        var j = ks[e];
                        if (unitStamp[j] != unitSerial)
                        {
                            unitStamp[j] = unitSerial;
                            unitTouched[touched++] = j;
                            unitTotal[j] = 0;
                        }

                        unitTotal[j] += zs[e];
                    }

                    if (calibration is not null && contributes)
                    {
                        calibration.AddFitted(i, gUnit);
                    }
                }

                if (strataPresent is not null)
                {
                    for (var t = 0; t < touched; t++)
                    {
                        var j = unitTouched[t];
                        if (groupStamp[j] != -groupSerial && groupStamp[j] != groupSerial)
                        {
                            strataPresent[j]++;
                            strataUsable![j] += mode == GroupMode.Missing ? 0 : 1;
                            groupStamp[j] = -groupSerial;
                        }
                    }
                }

                if (!contributes)
                {
                    continue;
                }

                if (calibration is not null)
                {
                    for (var a = 0; a < p; a++)
                    {
                        gTilde[a] = centered ? gUnit[a] - gMean[a] : gUnit[a];
                    }

                    for (var a = 0; a < p && accumulateC; a++)
                    {
                        var ga = scale * gTilde[a];
                        for (var c = 0; c < p; c++)
                        {
                            state.C[(a * p) + c] += ga * gTilde[c];
                        }
                    }
                }

                for (var t = 0; t < touched; t++)
                {
                    var j = unitTouched[t];
                    var z = unitTotal[j];
                    if (groupStamp[j] != groupSerial)
                    {
                        groupStamp[j] = groupSerial;
                        groupTouched[groupTouchedCount++] = j;
                        count[j] = 0;
                        mean[j] = 0;
                        m2[j] = 0;
                    }

                    if (centered)
                    {
                        // Welford's update of the mean and the centred sum of squares.
                        count[j]++;
                        var delta = z - mean[j];
                        mean[j] += delta / count[j];
                        m2[j] += delta * (z - mean[j]);
                    }
                    else
                    {
                        m2[j] += z * z;
                    }

                    if (calibration is not null)
                    {
                        var at = j * p;
                        var sz = scale * z;
                        for (var a = 0; a < p; a++)
                        {
                            state.Cross[at + a] += sz * gTilde[a];
                        }
                    }
                }
            }

            for (var t = 0; t < groupTouchedCount; t++)
            {
                var j = groupTouched[t];
                var sumOfSquares = m2[j];
                if (centered)
                {
                    // Units of the group without this statistic have total 0: merge them in (Chan et al.).
                    var missing = unitsInGroup - count[j];
                    sumOfSquares += mean[j] * mean[j] * count[j] * missing / unitsInGroup;
                }

                state.A[j] += scale * sumOfSquares;
            }
        }
    }

    /// <summary>Adds Σᵢ xᵢ zᵢₖ / gᵢ for every statistic (p × K, statistic-major): the right-hand side of the calibration regression.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddCrossTotals(StatisticSet set, PlanRange range, double[] weights, CalibrationProjection calibration, double[] totals)
    {
        var ks = new int[set.MaxPerRow];
        var zs = new double[set.MaxPerRow];
        for (var i = 0; i < weights.Length; i++)
        {
            var emitted = set.Emit(i, weights[i], ks, zs, range);
            if (emitted > 0)
            {
                AddCrossTotalsOfRow(calibration, i, ks, zs, emitted, totals);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddCrossTotalsOfRow(CalibrationProjection calibration, int i, int[] ks, double[] zs, int emitted, double[] totals)
    {
        var p = calibration.P;
        var model = calibration.Model;
        var slots = model.SlotCount;
        var inverseG = 1 / calibration.G[i];
        var at = i * slots;
        for (var e = 0; e < emitted; e++)
        {
            var target = ks[e] * p;
            var z = zs[e] * inverseG;
            for (var q = 0; q < slots; q++)
            {
                var c = model.ColumnOfSlot[at + q];
                if (c >= 0)
                {
                    totals[target + c] += model.ValueOfSlot[at + q] * z;
                }
            }
        }
    }

    /// <summary>
    /// The same sums when every unit is a single row (element sampling): rows in their natural order, with per
    /// stratum and statistic a count, a shift (the first value) and the sums of shifted values and their squares, so
    /// the data are read sequentially and no division is done per row. The calibration cross sums of interleaved
    /// groups (adjacent statistics, see <see cref="StatisticSet"/>) are kept column-major and updated as vectors.
    /// Also accumulates the calibration cross totals when <paramref name="crossTotals"/> is given.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void StreamSingletons(VarianceStage stage, RangeLayout layout, double[] weights, CalibrationProjection? calibration, double[] groupMean, Accumulators state, int[]? strataPresent, int[]? strataUsable, double[]? crossTotals, bool accumulateC)
    {
        var (first, end) = (layout.First, layout.End);
        var k = end - first;
        var p = calibration?.P ?? 0;
        var groups = stage.GroupCount;
        var n = weights.Length;
        var unitOfRow = stage.UnitOfRow;
        var groupOfUnit = stage.GroupOfUnit;
        var cells = new Moments[groups * k];
        var maxPerRow = layout.Groups.Sum(g => g.Plans.Length) + layout.Others.Sum(o => (o.Kind == Requests.EstimateType.Proportion ? o.CategoryCount : 1) * (o.LogitCenters is null ? 1 : 2));
        var ks = new int[Math.Max(1, maxPerRow)];
        var zs = new double[Math.Max(1, maxPerRow)];
        var model = calibration?.Model;
        var slots = model?.SlotCount ?? 0;
        var rowColumns = new int[slots];
        var rowValues = new double[slots];
        var modes = stage.Mode;
        var scales = stage.Scale;
        var cross = state.Cross;

        // Column-major copies for this range: [column × k + local statistic], so a group's statistics are contiguous.
        var crossByColumn = calibration is null ? [] : new double[p * k];
        var totalsByColumn = crossTotals is null ? [] : new double[p * k];
        var groupStart = new int[layout.Groups.Length];
        for (var i = 0; i < n; i++)
        {
            var g = groupOfUnit[unitOfRow[i]];
            var mode = modes[g];
            var contributes = mode is GroupMode.Centered or GroupMode.Uncentered;
            var w = weights[i];

            // Emission: interleaved groups first (each group's values land at consecutive positions), then the rest.
            var emitted = 0;
            for (var q = 0; q < layout.Groups.Length; q++)
            {
                var group = layout.Groups[q];
                groupStart[q] = -1;
                var d = group.Domains.DomainOfRow[i];
                if (d < 0)
                {
                    continue;
                }

                groupStart[q] = emitted;
                var plans = group.Plans;
                for (var j = 0; j < plans.Length; j++)
                {
                    if (plans[j].Emit(i, w, ks, zs, emitted) == 0)
                    {
                        // A missing value: keep the group's positions aligned with a zero influence.
                        ks[emitted] = group.Base + (d * plans.Length) + j;
                        zs[emitted] = 0;
                    }

                    emitted++;
                }
            }

            var othersStart = emitted;
            foreach (var other in layout.Others)
            {
                emitted += other.Emit(i, w, ks, zs, emitted);
            }

            if (calibration is not null && (emitted > 0 || (contributes && accumulateC)))
            {
                // The row's non-zero calibration columns, read once for all its statistics.
                var at = i * slots;
                var used = 0;
                for (var q = 0; q < slots; q++)
                {
                    var col = model!.ColumnOfSlot[at + q];
                    if (col >= 0)
                    {
                        rowColumns[used] = col;
                        rowValues[used++] = model.ValueOfSlot[at + q];
                    }
                }

                var inverseG = 1 / calibration.G[i];
                var gd = calibration.G[i] * calibration.DesignWeights[i];
                var scale = contributes ? scales[g] : 0;

                // Σ x z / g (the regression's right-hand side) and Q(G, z) through the sparse a_i = g d x;
                // the group-mean part of Q(G, z) is subtracted once per group below.
                for (var q = 0; q < layout.Groups.Length; q++)
                {
                    if (groupStart[q] < 0)
                    {
                        continue;
                    }

                    var count = layout.Groups[q].Plans.Length;
                    var z = zs.AsSpan(groupStart[q], count);
                    var local = ks[groupStart[q]] - first;
                    for (var c = 0; c < used; c++)
                    {
                        var target = (rowColumns[c] * k) + local;
                        if (crossTotals is not null)
                        {
                            Axpy(rowValues[c] * inverseG, z, totalsByColumn.AsSpan(target, count));
                        }

                        if (scale != 0)
                        {
                            Axpy(rowValues[c] * scale * gd, z, crossByColumn.AsSpan(target, count));
                        }
                    }
                }

                for (var e = othersStart; e < emitted; e++)
                {
                    var local = ks[e] - first;
                    var zg = zs[e] * inverseG;
                    var sz = scale * zs[e] * gd;
                    for (var c = 0; c < used; c++)
                    {
                        var target = (rowColumns[c] * k) + local;
                        if (crossTotals is not null)
                        {
                            totalsByColumn[target] += rowValues[c] * zg;
                        }

                        crossByColumn[target] += rowValues[c] * sz;
                    }
                }

                if (contributes && accumulateC)
                {
                    // Q(G, G) = Σ c a aᵀ - c n Ḡ Ḡᵀ per centred group (the second term below).
                    var factor = scale * gd * gd;
                    for (var qa = 0; qa < used; qa++)
                    {
                        var row = rowColumns[qa] * p;
                        var va = factor * rowValues[qa];
                        for (var qb = 0; qb < used; qb++)
                        {
                            state.C[row + rowColumns[qb]] += va * rowValues[qb];
                        }
                    }
                }
            }

            if (emitted == 0 || (!contributes && strataPresent is null))
            {
                continue;
            }

            var baseIndex = (g * k) - first;
            var shifted = mode == GroupMode.Centered;
            for (var q = 0; q < layout.Groups.Length; q++)
            {
                if (groupStart[q] < 0)
                {
                    continue;
                }

                var plans = layout.Groups[q].Plans;
                for (var j = 0; j < plans.Length; j++)
                {
                    var e = groupStart[q] + j;
                    if (plans[j].DomainOfRow[i] >= 0)
                    {
                        Accumulate(ref cells[baseIndex + ks[e]], zs[e], shifted);
                    }
                }
            }

            for (var e = othersStart; e < emitted; e++)
            {
                Accumulate(ref cells[baseIndex + ks[e]], zs[e], shifted);
            }
        }

        // Back to the statistic-major layout of the accumulators.
        for (var c = 0; c < p; c++)
        {
            for (var j = 0; j < k; j++)
            {
                cross[((first + j) * p) + c] += crossByColumn[(c * k) + j];
                if (crossTotals is not null)
                {
                    crossTotals[((first + j) * p) + c] += totalsByColumn[(c * k) + j];
                }
            }
        }

        for (var g = 0; g < groups; g++)
        {
            var mode = modes[g];
            var contributes = mode is GroupMode.Centered or GroupMode.Uncentered;
            var centered = mode == GroupMode.Centered;
            var units = stage.SampledUnits[g];
            var scale = scales[g];
            if (calibration is not null && centered && accumulateC)
            {
                for (var a = 0; a < p; a++)
                {
                    var ga = scale * units * groupMean[(g * p) + a];
                    for (var b = 0; b < p; b++)
                    {
                        state.C[(a * p) + b] -= ga * groupMean[(g * p) + b];
                    }
                }
            }

            for (var j = first; j < end; j++)
            {
                ref var cell = ref cells[(g * k) + j - first];
                var c = cell.Count;
                if (c == 0)
                {
                    continue;
                }

                if (strataPresent is not null)
                {
                    strataPresent[j]++;
                    strataUsable![j] += mode == GroupMode.Missing ? 0 : 1;
                }

                if (!contributes)
                {
                    continue;
                }

                double total;
                if (centered)
                {
                    // Σ (z - z̄)² over the units with the statistic, then the units without it (total 0) merged in.
                    var mean = cell.Shift + (cell.Sum / c);
                    total = cell.SumOfSquares - (cell.Sum * cell.Sum / c);
                    total += mean * mean * c * (units - c) / units;
                    if (calibration is not null)
                    {
                        var groupTotal = scale * c * mean;
                        for (var a = 0; a < p; a++)
                        {
                            cross[(j * p) + a] -= groupTotal * groupMean[(g * p) + a];
                        }
                    }
                }
                else
                {
                    total = cell.SumOfSquares;
                }

                state.A[j] += scale * total;
            }
        }
    }

    /// <summary>Adds one unit total to a stratum's moments (shifted by the first value in centred strata).</summary>
    private static void Accumulate(ref Moments cell, double z, bool shifted)
    {
        if (cell.Count++ == 0 && shifted)
        {
            // Centred groups sum z - (first value), which keeps the subtraction at the end exact enough;
            // uncentred ones need Σ z² itself (shift 0).
            cell.Shift = z;
        }

        var d = z - cell.Shift;
        cell.Sum += d;
        cell.SumOfSquares += d * d;
    }

    /// <summary>y += a x, vectorised.</summary>
    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var va = new Vector<double>(a);
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var vy = new Vector<double>(y[i..]);
                (vy + (va * new Vector<double>(x[i..]))).CopyTo(y[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    /// <summary>Ḡ_g for every group of a stage whose units are single rows: the mean of g d x over the group.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] GroupMeans(VarianceStage stage, CalibrationProjection calibration, int n)
    {
        var p = calibration.P;
        var groupMean = new double[stage.GroupCount * p];
        for (var i = 0; i < n; i++)
        {
            calibration.AddFitted(i, groupMean.AsSpan(stage.GroupOfUnit[stage.UnitOfRow[i]] * p, p));
        }

        for (var g = 0; g < stage.GroupCount; g++)
        {
            for (var a = 0; a < p; a++)
            {
                groupMean[(g * p) + a] /= stage.SampledUnits[g];
            }
        }

        return groupMean;
    }

    /// <summary>The variance of the listed statistics from their residual unit totals Z - G B, formed explicitly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] DirectResidualVariance(SurveyDesign design, StatisticSet set, double[] weights, CalibrationProjection calibration, double[] b, List<int> flagged)
    {
        var p = calibration.P;
        var f = flagged.Count;
        var slot = new int[set.Count];
        Array.Fill(slot, -1);
        for (var t = 0; t < f; t++)
        {
            slot[flagged[t]] = t;
        }

        var result = new double[f];
        var ks = new int[set.MaxPerRow];
        var zs = new double[set.MaxPerRow];
        var unitTotal = new double[f];
        var gUnit = new double[p];
        var mean = new double[f];
        var m2 = new double[f];
        for (var s = 0; s < design.VarianceStageCount; s++)
        {
            var stage = design.Stages[s];
            for (var g = 0; g < stage.GroupCount; g++)
            {
                var mode = stage.Mode[g];
                if (mode is not (GroupMode.Centered or GroupMode.Uncentered))
                {
                    continue;
                }

                Array.Clear(mean);
                Array.Clear(m2);
                var units = 0;
                for (var u = stage.GroupUnitStart[g]; u < stage.GroupUnitStart[g + 1]; u++)
                {
                    Array.Clear(unitTotal);
                    Array.Clear(gUnit);
                    for (var r = stage.UnitRowStart[u]; r < stage.UnitRowStart[u + 1]; r++)
                    {
                        var i = stage.RowOrder[r];
                        var emitted = set.Emit(i, weights[i], ks, zs);
                        for (var e = 0; e < emitted; e++)
                        {
                            var t = slot[ks[e]];
                            if (t >= 0)
                            {
                                unitTotal[t] += zs[e];
                            }
                        }

                        calibration.AddFitted(i, gUnit);
                    }

                    units++;
                    for (var t = 0; t < f; t++)
                    {
                        var at = flagged[t] * p;
                        var residual = unitTotal[t];
                        for (var a = 0; a < p; a++)
                        {
                            residual -= gUnit[a] * b[at + a];
                        }

                        if (mode == GroupMode.Centered)
                        {
                            var delta = residual - mean[t];
                            mean[t] += delta / units;
                            m2[t] += delta * (residual - mean[t]);
                        }
                        else
                        {
                            m2[t] += residual * residual;
                        }
                    }
                }

                for (var t = 0; t < f; t++)
                {
                    result[t] += stage.Scale[g] * m2[t];
                }
            }
        }

        return result;
    }

    /// <summary>Per stratum and statistic: units seen, the shift, Σ (z - shift) and Σ (z - shift)².</summary>
    private struct Moments
    {
        public int Count;
        public double Shift;
        public double Sum;
        public double SumOfSquares;
    }

    private sealed class Accumulators(int statistics, int p)
    {
        /// <summary>Q(z) per statistic.</summary>
        public double[] A { get; } = new double[statistics];

        /// <summary>Q(G, z) per statistic (p each).</summary>
        public double[] Cross { get; } = new double[statistics * p];

        /// <summary>Q(G, G), p × p.</summary>
        public double[] C { get; } = new double[p * p];
    }
}

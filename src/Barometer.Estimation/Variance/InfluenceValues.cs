using Barometer.Estimation.Calibration;
using Barometer.Estimation.Estimators;

namespace Barometer.Estimation.Variance;

/// <summary>
/// The linearization values of the rows of one estimation outcome, per data row: zᵢ (the row's contribution to the
/// estimate's linearization, already weighted; Binder 1983) or, with calibration, the residual
/// eᵢ = zᵢ − gᵢ dᵢ xᵢᵀB of <see cref="CalibrationProjection"/> — the values whose stratified quadratic form is the
/// variance the engine reports. Outside a row's domain the value is zero.
/// </summary>
public sealed class InfluenceValues
{
    private readonly StatisticSet _set;
    private readonly double[] _weights;
    private readonly CalibrationProjection? _calibration;
    private readonly int[] _statisticOfRow;
    private double[]? _coefficients;

    internal InfluenceValues(StatisticSet set, double[] weights, CalibrationProjection? calibration, int[] statisticOfRow)
    {
        _set = set;
        _weights = weights;
        _calibration = calibration;
        _statisticOfRow = statisticOfRow;
    }

    /// <summary>The number of estimate rows.</summary>
    public int EstimateCount => _statisticOfRow.Length;

    /// <summary>The number of data rows.</summary>
    public int DataRowCount => _weights.Length;

    /// <summary>
    /// The values of the estimate rows <paramref name="estimates"/> (indices into the outcome's rows) at the data rows
    /// <paramref name="dataRows"/>: result[e][j] belongs to estimates[e] and dataRows[j].
    /// </summary>
    public double[][] At(IReadOnlyList<int> estimates, IReadOnlyList<int> dataRows)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(dataRows);
        var slotOfStatistic = new int[_set.Count];
        Array.Fill(slotOfStatistic, -1);
        var result = new double[estimates.Count][];
        var statistics = new int[estimates.Count];
        for (var e = 0; e < estimates.Count; e++)
        {
            if (estimates[e] < 0 || estimates[e] >= _statisticOfRow.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(estimates), $"estimate row {estimates[e]} is not a row of the outcome (0 to {_statisticOfRow.Length - 1}).");
            }

            statistics[e] = _statisticOfRow[estimates[e]];
            result[e] = new double[dataRows.Count];
        }

        // Several requested rows may be the same statistic: the first one's slot is computed, the rest copied.
        for (var e = 0; e < estimates.Count; e++)
        {
            if (slotOfStatistic[statistics[e]] < 0)
            {
                slotOfStatistic[statistics[e]] = e;
            }
        }

        var ks = new int[_set.MaxPerRow];
        var zs = new double[_set.MaxPerRow];
        for (var j = 0; j < dataRows.Count; j++)
        {
            var i = dataRows[j];
            if (i < 0 || i >= _weights.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(dataRows), $"data row {i} is outside 0 to {_weights.Length - 1}.");
            }

            var emitted = _set.Emit(i, _weights[i], ks, zs);
            for (var t = 0; t < emitted; t++)
            {
                var slot = slotOfStatistic[ks[t]];
                if (slot >= 0)
                {
                    result[slot][j] = zs[t];
                }
            }
        }

        if (_calibration is { } calibration)
        {
            var b = Coefficients(calibration);
            var p = calibration.P;
            var fitted = new double[p];
            for (var j = 0; j < dataRows.Count; j++)
            {
                Array.Clear(fitted);
                calibration.AddFitted(dataRows[j], fitted);
                for (var e = 0; e < estimates.Count; e++)
                {
                    if (slotOfStatistic[statistics[e]] != e)
                    {
                        continue;
                    }

                    var at = statistics[e] * p;
                    var sum = 0.0;
                    for (var a = 0; a < p; a++)
                    {
                        sum += fitted[a] * b[at + a];
                    }

                    result[e][j] -= sum;
                }
            }
        }

        for (var e = 0; e < estimates.Count; e++)
        {
            var first = slotOfStatistic[statistics[e]];
            if (first != e)
            {
                Array.Copy(result[first], result[e], dataRows.Count);
            }
        }

        return result;
    }

    /// <summary>B of every statistic (k × p): the generalised inverse of Σ d x xᵀ times Σ x z / g over all data rows.</summary>
    private double[] Coefficients(CalibrationProjection calibration)
    {
        if (_coefficients is { } known)
        {
            return known;
        }

        var p = calibration.P;
        var model = calibration.Model;
        var slots = model.SlotCount;
        var totals = new double[_set.Count * p];
        var ks = new int[_set.MaxPerRow];
        var zs = new double[_set.MaxPerRow];
        for (var i = 0; i < _weights.Length; i++)
        {
            var emitted = _set.Emit(i, _weights[i], ks, zs);
            var inverseG = 1 / calibration.G[i];
            var at = i * slots;
            for (var t = 0; t < emitted; t++)
            {
                var target = ks[t] * p;
                var z = zs[t] * inverseG;
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

        _coefficients = calibration.Coefficients(totals, _set.Count);
        return _coefficients;
    }
}

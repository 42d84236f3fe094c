using System.Globalization;
using System.Runtime.CompilerServices;
using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Calibration;

/// <summary>
/// The calibration model matrix of R's <c>model.matrix(~ m1 + m2 + ...)</c> with an intercept: for categorical
/// margins, indicator columns for every level but the first (treatment coding); for numeric margins, the value.
/// Stored sparsely: every row has at most <see cref="SlotCount"/> non-zero entries.
/// </summary>
internal sealed class CalibrationModel
{
    private CalibrationModel(int rows, int slots, int[] columns, double[] values, double[] population, string[] columnKeys, string[] columnNames)
    {
        RowCount = rows;
        SlotCount = slots;
        ColumnOfSlot = columns;
        ValueOfSlot = values;
        Population = population;
        ColumnKeys = columnKeys;
        ColumnNames = columnNames;
    }

    public int RowCount { get; }

    /// <summary>Non-zero entries per row (intercept plus one per margin).</summary>
    public int SlotCount { get; }

    /// <summary>The model-matrix column of each row's slots (row-major, -1 for an empty slot).</summary>
    public int[] ColumnOfSlot { get; }

    /// <summary>The value of each slot.</summary>
    public double[] ValueOfSlot { get; }

    /// <summary>The population total of every column.</summary>
    public double[] Population { get; }

    /// <summary>The request key of every column (for problems): <c>calibration.margins[i].totals.level</c>.</summary>
    public string[] ColumnKeys { get; }

    /// <summary>R's model-matrix column names, e.g. <c>(Intercept)</c>, <c>sex2</c>, <c>income</c>.</summary>
    public string[] ColumnNames { get; }

    public int ColumnCount => Population.Length;

    /// <summary>
    /// When every margin is categorical, rows with the same levels of all margins have the same model row: the
    /// index of each row's combination ("cell"), else <see langword="null"/>.
    /// </summary>
    public int[]? CellOfRow { get; private set; }

    /// <summary>The model-matrix row of every cell: <see cref="SlotCount"/> columns (-1 for none), all values 1.</summary>
    public int[] CellColumns { get; private set; } = [];

    public int CellCount => CellColumns.Length / Math.Max(1, SlotCount);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CalibrationModel? Build(CalibrationSpec spec, ColumnResolver columns)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var log = columns.Log;
        var n = columns.RowCount;
        if (spec.Margins.Count == 0)
        {
            log.Add("calibration.margins", "Calibration needs at least one margin.");
            return null;
        }

        var ok = true;
        var categorical = new CategoricalVariable?[spec.Margins.Count];
        var numeric = new double[spec.Margins.Count][];
        for (var m = 0; m < spec.Margins.Count; m++)
        {
            var margin = spec.Margins[m];
            var key = $"calibration.margins[{m}].variable";
            switch (margin)
            {
                case CategoricalMargin cat:
                    categorical[m] = columns.Categorical(cat.Variable, key);
                    ok &= categorical[m] is not null
                        && columns.RequireComplete(categorical[m]!, $"The calibration variable (calibration.margins[{m}])")
                        && CheckLevelTotals(cat, categorical[m]!, m, log);
                    break;
                case NumericMargin num:
                    var values = columns.Numeric(num.Variable, key);
                    ok &= values is not null && columns.RequireComplete(values, num.Variable, $"The calibration variable (calibration.margins[{m}])");
                    if (!double.IsFinite(num.Total))
                    {
                        log.Add($"calibration.margins[{m}].total", "The total must be a finite number.");
                        ok = false;
                    }

                    numeric[m] = values ?? [];
                    break;
                default:
                    log.Add($"calibration.margins[{m}]", "Unknown kind of margin.");
                    ok = false;
                    break;
            }
        }

        if (!ok)
        {
            return null;
        }

        var hasIntercept = categorical.Any(c => c is not null);
        var keys = new List<string>();
        var names = new List<string>();
        var population = new List<double>();
        double populationSize = double.NaN;
        if (hasIntercept)
        {
            keys.Add("calibration.margins");
            names.Add("(Intercept)");
            population.Add(0);
        }

        var firstColumn = new int[spec.Margins.Count];
        for (var m = 0; m < spec.Margins.Count; m++)
        {
            firstColumn[m] = population.Count;
            if (spec.Margins[m] is CategoricalMargin cat)
            {
                var variable = categorical[m]!;
                var levelTotals = LevelTotals(cat, variable);
                var sum = levelTotals.Sum();
                if (double.IsNaN(populationSize))
                {
                    populationSize = sum;
                    population[0] = sum;
                }
                else if (Math.Abs(sum - populationSize) > 1e-6 * Math.Abs(populationSize))
                {
                    log.Add($"calibration.margins[{m}].totals", $"The totals of '{cat.Variable}' sum to {Format(sum)}, but the first categorical margin sums to {Format(populationSize)}; every categorical margin must describe the same population.");
                    ok = false;
                }

                for (var level = 1; level < variable.LevelCount; level++)
                {
                    keys.Add($"calibration.margins[{m}].totals.{variable.Labels[level]}");
                    names.Add(cat.Variable + variable.Labels[level]);
                    population.Add(levelTotals[level]);
                }
            }
            else
            {
                var num = (NumericMargin)spec.Margins[m];
                keys.Add($"calibration.margins[{m}].total");
                names.Add(num.Variable);
                population.Add(num.Total);
            }
        }

        if (!ok)
        {
            return null;
        }

        var slots = (hasIntercept ? 1 : 0) + spec.Margins.Count;
        var columnOfSlot = new int[n * slots];
        var valueOfSlot = new double[n * slots];
        for (var i = 0; i < n; i++)
        {
            var at = i * slots;
            if (hasIntercept)
            {
                columnOfSlot[at] = 0;
                valueOfSlot[at] = 1;
                at++;
            }

            for (var m = 0; m < spec.Margins.Count; m++, at++)
            {
                if (categorical[m] is { } variable)
                {
                    var code = variable.Codes[i];
                    columnOfSlot[at] = code > 0 ? firstColumn[m] + code - 1 : -1;
                    valueOfSlot[at] = code > 0 ? 1 : 0;
                }
                else
                {
                    columnOfSlot[at] = firstColumn[m];
                    valueOfSlot[at] = numeric[m][i];
                }
            }
        }

        var model = new CalibrationModel(n, slots, columnOfSlot, valueOfSlot, [.. population], [.. keys], [.. names]);
        if (categorical.All(c => c is not null))
        {
            model.BuildCells(categorical!);
        }

        return model;
    }

    /// <summary>Groups rows by their combination of margin levels when there are few combinations.</summary>
    private void BuildCells(CategoricalVariable?[] margins)
    {
        long combinations = 1;
        foreach (var margin in margins)
        {
            combinations *= Math.Max(1, margin!.LevelCount);
            if (combinations > Math.Max(4096, RowCount / 4))
            {
                return;
            }
        }

        var cellOfCode = new int[combinations];
        Array.Fill(cellOfCode, -1);
        var cellOfRow = new int[RowCount];
        var cells = new List<int>();
        for (var i = 0; i < RowCount; i++)
        {
            long code = 0;
            long radix = 1;
            foreach (var margin in margins)
            {
                code += margin!.Codes[i] * radix;
                radix *= Math.Max(1, margin.LevelCount);
            }

            if (cellOfCode[code] < 0)
            {
                cellOfCode[code] = cells.Count / SlotCount;
                cells.AddRange(ColumnOfSlot.AsSpan(i * SlotCount, SlotCount));
            }

            cellOfRow[i] = cellOfCode[code];
        }

        CellOfRow = cellOfRow;
        CellColumns = [.. cells];
    }

    /// <summary>Σ w m: the weighted sample total of every column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double[] WeightedTotals(ReadOnlySpan<double> weights)
    {
        var totals = new double[ColumnCount];
        for (var i = 0; i < RowCount; i++)
        {
            var w = weights[i];
            var at = i * SlotCount;
            for (var q = 0; q < SlotCount; q++)
            {
                var c = ColumnOfSlot[at + q];
                if (c >= 0)
                {
                    totals[c] += ValueOfSlot[at + q] * w;
                }
            }
        }

        return totals;
    }

    /// <summary>Σ w m mᵀ, the weighted cross-product (R's <c>crossprod(mm * sqrt(w))</c>), as a dense row-major matrix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double[] WeightedCrossProduct(ReadOnlySpan<double> weights)
    {
        var p = ColumnCount;
        var result = new double[p * p];
        for (var i = 0; i < RowCount; i++)
        {
            var w = weights[i];
            if (w == 0)
            {
                continue;
            }

            var at = i * SlotCount;
            for (var a = 0; a < SlotCount; a++)
            {
                var ca = ColumnOfSlot[at + a];
                if (ca < 0)
                {
                    continue;
                }

                var wa = w * ValueOfSlot[at + a];
                for (var b = 0; b < SlotCount; b++)
                {
                    var cb = ColumnOfSlot[at + b];
                    if (cb >= 0)
                    {
                        result[(ca * p) + cb] += wa * ValueOfSlot[at + b];
                    }
                }
            }
        }

        return result;
    }

    /// <summary>mᵢᵀ η for one row.</summary>
    public double Linear(int row, ReadOnlySpan<double> eta)
    {
        var at = row * SlotCount;
        var sum = 0.0;
        for (var q = 0; q < SlotCount; q++)
        {
            var c = ColumnOfSlot[at + q];
            if (c >= 0)
            {
                sum += ValueOfSlot[at + q] * eta[c];
            }
        }

        return sum;
    }

    private static bool CheckLevelTotals(CategoricalMargin margin, CategoricalVariable variable, int m, ProblemLog log)
    {
        var ok = true;
        var counts = new int[variable.LevelCount];
        foreach (var code in variable.Codes)
        {
            counts[code]++;
        }

        var seen = new bool[variable.LevelCount];
        foreach (var (level, total) in margin.Totals)
        {
            var key = $"calibration.margins[{m}].totals.{level}";
            if (!double.IsFinite(total) || total < 0)
            {
                log.Add(key, $"The total for level '{level}' of '{margin.Variable}' must be a finite number ≥ 0; found {Format(total)}.");
                ok = false;
                continue;
            }

            var index = variable.FindLevel(level);
            if (index < 0)
            {
                if (total != 0)
                {
                    log.Add(key, $"No respondent has level '{level}' of '{margin.Variable}', so its total {Format(total)} cannot be met.");
                    ok = false;
                }

                continue;
            }

            if (seen[index])
            {
                log.Add(key, $"Level '{variable.Labels[index]}' of '{margin.Variable}' has more than one total.");
                ok = false;
            }

            seen[index] = true;
        }

        for (var level = 0; level < variable.LevelCount; level++)
        {
            if (!seen[level])
            {
                log.Add($"calibration.margins[{m}].totals", $"Level '{variable.Labels[level]}' of '{margin.Variable}' has {counts[level]} respondent(s) but no population total; give a total for every level.");
                ok = false;
            }
        }

        return ok;
    }

    private static double[] LevelTotals(CategoricalMargin margin, CategoricalVariable variable)
    {
        var totals = new double[variable.LevelCount];
        foreach (var (level, total) in margin.Totals)
        {
            var index = variable.FindLevel(level);
            if (index >= 0)
            {
                totals[index] = total;
            }
        }

        return totals;
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

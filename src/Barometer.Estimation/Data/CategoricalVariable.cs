using System.Globalization;
using System.Runtime.CompilerServices;

namespace Barometer.Estimation.Data;

/// <summary>
/// A column read as categories: an integer code per row (-1 for missing) and the level labels in R's factor order.
/// Numeric columns sort numerically and label values with the invariant "R" format (1.0 becomes "1"); text columns
/// sort numerically when every level reads as a number, otherwise ordinally.
/// </summary>
internal sealed class CategoricalVariable
{
    private CategoricalVariable(string name, int[] codes, string[] labels, double[]? numericLevels)
    {
        Name = name;
        Codes = codes;
        Labels = labels;
        NumericLevels = numericLevels;
    }

    public string Name { get; }

    /// <summary>The level index of every row, -1 where the value is missing.</summary>
    public int[] Codes { get; }

    /// <summary>The level labels, in level order.</summary>
    public string[] Labels { get; }

    /// <summary>The numeric value of every level when the column is numeric; otherwise <see langword="null"/>.</summary>
    public double[]? NumericLevels { get; }

    public int LevelCount => Labels.Length;

    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static CategoricalVariable From(SurveyColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column switch
        {
            NumericColumn numeric => FromNumbers(numeric.Name, numeric.Values),
            TextColumn text => FromText(text.Name, text.Values),
            _ => throw new ArgumentException("Unknown column type " + column.GetType().Name, nameof(column)),
        };
    }

    /// <summary>Finds the level whose label is <paramref name="label"/>; for numeric columns also by numeric value.</summary>
    public int FindLevel(string label)
    {
        var index = Array.IndexOf(Labels, label);
        if (index >= 0 || NumericLevels is null)
        {
            return index;
        }

        if (double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return Array.IndexOf(NumericLevels, value);
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CategoricalVariable FromNumbers(string name, double[] values)
    {
        var codes = new int[values.Length];
        if (FromSmallIntegers(values, codes) is { } small)
        {
            return new CategoricalVariable(name, codes, NumberLabels(small), small);
        }

        var distinct = new HashSet<double>();
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                distinct.Add(v == 0 ? 0 : v); // -0 and 0 are one level
            }
        }

        var levels = distinct.ToArray();
        Array.Sort(levels);
        var index = new Dictionary<double, int>(levels.Length);
        for (var i = 0; i < levels.Length; i++)
        {
            index[levels[i]] = i;
        }

        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            codes[i] = double.IsNaN(v) ? -1 : index[v == 0 ? 0 : v];
        }

        return new CategoricalVariable(name, codes, NumberLabels(levels), levels);
    }

    /// <summary>
    /// Codes for a column of integers with a small range (the usual coding of categories), by direct indexing
    /// instead of hashing; null when the values are not such integers.
    /// </summary>
    private static double[]? FromSmallIntegers(double[] values, int[] codes)
    {
        const int MaxRange = 1 << 16;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }

            if (v != Math.Floor(v) || Math.Abs(v) > 1e9)
            {
                return null;
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        if (double.IsPositiveInfinity(min))
        {
            Array.Fill(codes, -1);
            return [];
        }

        if (max - min >= MaxRange)
        {
            return null;
        }

        var offset = (int)min;
        var slot = new int[(int)(max - min) + 1];
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                slot[(int)v - offset] = 1;
            }
        }

        var levels = new List<double>();
        for (var j = 0; j < slot.Length; j++)
        {
            if (slot[j] != 0)
            {
                slot[j] = levels.Count;
                levels.Add(j + offset);
            }
        }

        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            codes[i] = double.IsNaN(v) ? -1 : slot[(int)v - offset];
        }

        return [.. levels];
    }

    private static string[] NumberLabels(double[] levels)
    {
        var labels = new string[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            labels[i] = FormatNumber(levels[i]);
        }

        return labels;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CategoricalVariable FromText(string name, string?[] values)
    {
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var raw = new int[values.Length];
        var distinct = new List<string>();
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (string.IsNullOrEmpty(v))
            {
                raw[i] = -1;
                continue;
            }

            if (!firstIndex.TryGetValue(v, out var code))
            {
                code = distinct.Count;
                firstIndex[v] = code;
                distinct.Add(v);
            }

            raw[i] = code;
        }

        var numbers = new double[distinct.Count];
        var allNumeric = true;
        for (var i = 0; i < distinct.Count && allNumeric; i++)
        {
            allNumeric = double.TryParse(distinct[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]);
        }

        var order = new int[distinct.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (allNumeric)
        {
            Array.Sort(order, (a, b) =>
            {
                var c = numbers[a].CompareTo(numbers[b]);
                return c != 0 ? c : string.CompareOrdinal(distinct[a], distinct[b]);
            });
        }
        else
        {
            Array.Sort(order, (a, b) => string.CompareOrdinal(distinct[a], distinct[b]));
        }

        var rank = new int[order.Length];
        var labels = new string[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            rank[order[i]] = i;
            labels[i] = distinct[order[i]];
        }

        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] >= 0)
            {
                raw[i] = rank[raw[i]];
            }
        }

        return new CategoricalVariable(name, raw, labels, null);
    }
}

using System.Globalization;
using System.Text;

namespace Barometer.Estimation.Tests.Reference;

/// <summary>One value that differs, with how far off it is on the comparison's scale.</summary>
internal sealed record ValueDifference(ResultKey Key, string Column, double Actual, double Expected, double Scaled)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Key} {Column}: ours {Actual:R}, R {Expected:R} (scaled difference {Scaled:E3})");
}

/// <summary>
/// Compares a result file with a golden one. Rows must match by key (estimate, domain, category); df and n must be
/// equal; estimate, se and the interval limits must satisfy |ours − R| ≤ tolerance × scale, where the scale is
/// |R's value| widened, for estimates and limits, to the width of R's interval for that row (so a difference or a
/// lower limit near zero is judged against the precision the row is stated with). Two degenerate cases: an SE that
/// is zero in exact arithmetic (the share of a calibrated margin's own level: R prints rounding noise, at most
/// 1e-12 × |estimate|) is judged on the estimate's magnitude; and a row that is exactly zero throughout (an empty
/// category) is judged on the largest |value| of that column among the rows of the same estimate.
/// </summary>
internal sealed class ReferenceComparison
{
    private readonly List<string> _structural = [];
    private readonly List<ValueDifference> _outside = [];

    private ReferenceComparison(double tolerance)
    {
        Tolerance = tolerance;
    }

    /// <summary>An SE at most this fraction of its estimate is zero in exact arithmetic (rounding noise in R).</summary>
    public const double ZeroSe = 1e-12;

    public double Tolerance { get; }

    /// <summary>The largest scaled difference over all compared values (0 when everything is identical).</summary>
    public double MaxScaledDifference { get; private set; }

    /// <summary>The value with the largest scaled difference.</summary>
    public ValueDifference? Worst { get; private set; }

    public int ComparedRows { get; private set; }

    public bool Passed => _structural.Count == 0 && _outside.Count == 0;

    public static ReferenceComparison Compare(ResultTable actual, ResultTable expected, double tolerance)
    {
        var comparison = new ReferenceComparison(tolerance);
        comparison.Run(actual, expected);
        return comparison;
    }

    /// <summary>
    /// The rules above, and for a case whose <c>compare.yaml</c> asks for them: the engine's rows in R's order, every
    /// value within tolerance × max(|R|, |ours|) (<paramref name="scaleAtLeastOurs"/>), and the design effect where R
    /// gives one on the same scale (<paramref name="designEffect"/>, from <paramref name="engineRows"/>, the engine's
    /// own rows, since <c>barometer estimate</c> does not print it).
    /// </summary>
    public static ReferenceComparison Compare(
        ResultTable actual, ResultTable expected, double tolerance, ResultTable engineRows, bool scaleAtLeastOurs, bool designEffect)
    {
        ArgumentNullException.ThrowIfNull(engineRows);
        var comparison = Compare(actual, expected, tolerance);
        if (!scaleAtLeastOurs && !designEffect)
        {
            return comparison;
        }

        if (!engineRows.Rows.Select(r => r.Key).SequenceEqual(expected.Rows.Select(r => r.Key)))
        {
            comparison._structural.Add("the engine's rows are not R's rows in R's order");
        }

        foreach (var want in expected.Rows)
        {
            if (!engineRows.ByKey.TryGetValue(want.Key, out var got))
            {
                continue;
            }

            if (scaleAtLeastOurs)
            {
                foreach (var column in new[] { "estimate", "se", "ci_low", "ci_high" })
                {
                    comparison.CheckOnLargerMagnitude(want.Key, column + " (scale max(|R|, |ours|))", Value(column, got), Value(column, want));
                }
            }

            if (designEffect && want.DesignEffect is { } rDeff)
            {
                comparison.CheckOnLargerMagnitude(want.Key, "deff", got.DesignEffect ?? double.NaN, rDeff);
            }
        }

        if (designEffect && !expected.HasDesignEffects)
        {
            comparison._structural.Add("compare.yaml asks for the design effect, but expected.csv has none");
        }

        return comparison;
    }

    /// <summary>The scale a value is judged on (see the class summary).</summary>
    public static double Scale(string column, ResultRow row, IEnumerable<ResultRow> sameEstimate)
    {
        ArgumentNullException.ThrowIfNull(row);
        var value = Value(column, row);
        var scale = Math.Abs(value);
        if (column != "se")
        {
            scale = Math.Max(scale, Math.Abs(row.CiHigh - row.CiLow));
        }
        else if (scale <= ZeroSe * Math.Abs(row.Estimate))
        {
            scale = Math.Abs(row.Estimate);
        }

        if (scale == 0)
        {
            scale = sameEstimate.Select(r => Math.Abs(Value(column, r))).DefaultIfEmpty(0).Max();
        }

        return scale;
    }

    public string Describe(string caseName, int shown = 15)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"case {caseName}: tolerance {Tolerance:E0}, {ComparedRows} rows compared, largest scaled difference {MaxScaledDifference:E3}");
        if (Worst is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" at {Worst}");
        }

        text.AppendLine();
        foreach (var problem in _structural.Take(shown))
        {
            text.AppendLine(problem);
        }

        foreach (var difference in _outside.OrderByDescending(d => d.Scaled).Take(shown))
        {
            text.AppendLine(difference.ToString());
        }

        var hidden = Math.Max(0, _structural.Count - shown) + Math.Max(0, _outside.Count - shown);
        if (hidden > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"... and {hidden} more");
        }

        return text.ToString();
    }

    private void Run(ResultTable actual, ResultTable expected)
    {
        foreach (var key in expected.ByKey.Keys.Where(k => !actual.ByKey.ContainsKey(k)))
        {
            _structural.Add($"missing row {key} (R has it)");
        }

        foreach (var key in actual.ByKey.Keys.Where(k => !expected.ByKey.ContainsKey(k)))
        {
            _structural.Add($"extra row {key} (R does not have it)");
        }

        var byEstimate = expected.Rows.ToLookup(r => r.Key.EstimateId);
        foreach (var want in expected.Rows)
        {
            if (!actual.ByKey.TryGetValue(want.Key, out var got))
            {
                continue;
            }

            ComparedRows++;
            if (got.Df != want.Df)
            {
                _structural.Add(string.Create(CultureInfo.InvariantCulture, $"{want.Key} df: ours {got.Df:R}, R {want.Df:R}"));
            }

            if (got.N != want.N)
            {
                _structural.Add(string.Create(CultureInfo.InvariantCulture, $"{want.Key} n: ours {got.N}, R {want.N}"));
            }

            foreach (var column in new[] { "estimate", "se", "ci_low", "ci_high" })
            {
                var scale = Scale(column, want, byEstimate[want.Key.EstimateId]);
                var difference = Math.Abs(Value(column, got) - Value(column, want));
                var scaled = difference == 0 ? 0 : scale == 0 ? double.PositiveInfinity : difference / scale;
                var record = new ValueDifference(want.Key, column, Value(column, got), Value(column, want), scaled);
                if (Worst is null || scaled > MaxScaledDifference)
                {
                    MaxScaledDifference = scaled;
                    Worst = record;
                }

                if (!(scaled <= Tolerance))
                {
                    _outside.Add(record);
                }
            }
        }
    }

    private void CheckOnLargerMagnitude(ResultKey key, string column, double actual, double expected)
    {
        var scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        var difference = Math.Abs(actual - expected);
        var scaled = difference == 0 ? 0 : scale == 0 || double.IsNaN(difference) ? double.PositiveInfinity : difference / scale;
        var record = new ValueDifference(key, column, actual, expected, scaled);
        if (Worst is null || scaled > MaxScaledDifference)
        {
            MaxScaledDifference = scaled;
            Worst = record;
        }

        if (!(scaled <= Tolerance))
        {
            _outside.Add(record);
        }
    }

    private static double Value(string column, ResultRow row) => column switch
    {
        "estimate" => row.Estimate,
        "se" => row.Se,
        "ci_low" => row.CiLow,
        "ci_high" => row.CiHigh,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not a compared column"),
    };
}

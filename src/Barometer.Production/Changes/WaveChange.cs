using Barometer.Production.Results;
using MathNet.Numerics.Distributions;

namespace Barometer.Production.Changes;

/// <summary>
/// The change of a survey estimate since the previous wave. The waves are independent samples, so
/// Var(θ̂₂ − θ̂₁) = SE₂² + SE₁²; the interval is Wald with Student-t quantile on the smaller of the two waves' degrees
/// of freedom (conservative), and the change is significant when the interval excludes 0. A change is published
/// only when both waves' estimates are; otherwise it records which wave hid it.
/// </summary>
public static class WaveChange
{
    public static IEnumerable<ResultRow> Compute(IReadOnlyList<ResultRow> current, IReadOnlyList<ResultRow>? previous, int? previousWave, double level)
    {
        ArgumentNullException.ThrowIfNull(current);
        var before = previous?.Where(r => r.Source == "survey").ToDictionary(r => r.Key, StringComparer.Ordinal) ?? [];
        foreach (var row in current.Where(r => r.Source == "survey" && r.Measure is Measure.Level or Measure.Gap or Measure.StandardisedGap))
        {
            var change = new ResultRow(row.Indicator, row.Breakdown, row.Cell, ChangeGroup(row), Measure.Change, "survey",
                null, null, null, null, null, null, null, null, null, null, null);
            if (row.IsSuppressed)
            {
                yield return change.Suppress(row.SuppressionRule!);
                continue;
            }

            if (previousWave is null || !before.TryGetValue(row.Key, out var old) || old.IsSuppressed || old.Estimate is null || old.StandardError is null)
            {
                yield return change.Suppress(Rules.ChangePreviousUnavailable);
                continue;
            }

            var estimate = row.Estimate!.Value - old.Estimate.Value;
            var se = Math.Sqrt((row.StandardError!.Value * row.StandardError.Value) + (old.StandardError.Value * old.StandardError.Value));
            var df = Math.Min(row.DegreesOfFreedom ?? double.PositiveInfinity, old.DegreesOfFreedom ?? double.PositiveInfinity);
            var q = double.IsFinite(df) && df > 0 ? StudentT.InvCDF(0, 1, df, 1 - ((1 - level) / 2)) : Normal.InvCDF(0, 1, 1 - ((1 - level) / 2));
            var low = estimate - (q * se);
            var high = estimate + (q * se);
            yield return change with
            {
                Estimate = estimate,
                StandardError = se,
                CiLower = low,
                CiUpper = high,
                DegreesOfFreedom = df,
                Respondents = row.Respondents,
                Significant = low > 0 || high < 0,
            };
        }
    }

    /// <summary>The group column of a change row: the level's group, or <c>gap:</c>/<c>standardised_gap:</c> + comparison.</summary>
    public static string ChangeGroup(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Measure switch
        {
            Measure.Gap => "gap:" + row.Group,
            Measure.StandardisedGap => "standardised_gap:" + row.Group,
            _ => row.Group,
        };
    }
}

using Barometer.Estimation.Contrasts;
using Barometer.Estimation.Requests;
using Barometer.Storage.Results;

namespace Barometer.Production.Changes;

/// <summary>
/// The change of a survey estimate since the previous wave: Var(θ̂₂ − θ̂₁) = SE₂² + SE₁² − 2 Cov, computed by the
/// engine's <see cref="WaveDifference"/> (Wald interval, t on Welch–Satterthwaite degrees of freedom;
/// docs/methodology/domains-and-contrasts.md), and the change is significant when the interval excludes 0. Cov is
/// Tam's covariance over the respondents both waves share (<see cref="WaveOverlap"/>,
/// docs/methodology/changes-and-overlap.md); without common respondents the waves are independent and Cov = 0. A change is published
/// only when both waves' estimates are; otherwise it records which wave hid it.
/// </summary>
public static class WaveChange
{
    public static IEnumerable<ResultRow> Compute(IReadOnlyList<ResultRow> current, IReadOnlyList<ResultRow>? previous, int? previousWave, double level,
        Func<ResultRow, double?>? covariance = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        var before = previous?.Where(r => r.Source == ResultSources.Survey).ToDictionary(r => r.Key, StringComparer.Ordinal) ?? [];
        foreach (var row in current.Where(r => r.Source == ResultSources.Survey && r.Measure is Measure.Level or Measure.Gap or Measure.StandardisedGap))
        {
            var change = new ResultRow(row.Indicator, row.Breakdown, row.Cell, ChangeGroup(row), Measure.Change, ResultSources.Survey,
                null, null, null, null, null, null, null, null, null, null, null);
            if (row.IsSuppressed)
            {
                yield return change.Suppress(row.SuppressionRule!);
                continue;
            }

            if (previousWave is null || !before.TryGetValue(row.Key, out var old) || old.IsSuppressed || old.Estimate is null || old.StandardError is null)
            {
                yield return change.Suppress(SuppressionRules.ChangePreviousUnavailable);
                continue;
            }

            var difference = WaveDifference.Between(AsEstimate(row), AsEstimate(old), level, covariance?.Invoke(row) ?? 0);
            yield return change with
            {
                Estimate = difference.Value,
                StandardError = difference.StandardError,
                CiLower = difference.CiLow,
                CiUpper = difference.CiHigh,
                DegreesOfFreedom = difference.DegreesOfFreedom,
                Respondents = difference.N,
                Significant = difference.CiLow > 0 || difference.CiHigh < 0,
            };
        }
    }

    private static EstimateRow AsEstimate(ResultRow row) => new(
        row.Key, 0, "", [], "", row.Estimate!.Value, row.StandardError!.Value, row.CiLower ?? double.NaN, row.CiUpper ?? double.NaN,
        row.DegreesOfFreedom ?? double.PositiveInfinity, (int)(row.Respondents ?? 0), double.NaN, double.NaN);

    /// <summary>The group column of a change row: the level's group, or <c>gap:</c>/<c>standardised_gap:</c> + comparison.</summary>
    public static string ChangeGroup(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return ComparisonGroups.ChangeOf(row.Measure, row.ComparisonGroup);
    }
}

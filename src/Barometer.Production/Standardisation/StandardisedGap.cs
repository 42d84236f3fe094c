using Barometer.Catalogue.Indicators;
using Barometer.Production.Survey;
using Barometer.Storage.Results;

namespace Barometer.Production.Standardisation;

/// <summary>
/// The age/sex-standardised gap G = Σ_c a_c (R̂_F,c − R̂_R,c): the focal and reference groups' means in each sex ×
/// age cell c, weighted by the reference group's register structure a_c. Its variance is that of its linearization
/// variable zᵢ = ± a_c (yᵢ − R̂_g,c) / N̂_g,c (+ for focal, − for reference rows, 0 outside both and outside the
/// base), estimated by the engine as the variance of the total of z on the same calibrated design: the engine then
/// uses the calibration residuals of z, exactly as it does for any domain mean (docs/methodology/standardisation.md).
/// </summary>
public static class StandardisedGap
{
    /// <returns>z for every row, or null when a cell of the standard population has no respondent in one of the groups.</returns>
    /// <remarks>
    /// cellMeans: Per (indicator, comparison, side, cell): the calibrated mean and estimated size N̂ of the domain.<br/>
    /// </remarks>
    public static double[]? Linearization(
        SurveyFrame frame,
        Indicator indicator,
        string comparison,
        IReadOnlyDictionary<string, double> shares,
        IReadOnlyDictionary<(string Indicator, string Set, string Side, string Cell), (double Mean, double Size)> cellMeans,
        out double point,
        out string? rule)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(cellMeans);
        point = double.NaN;
        rule = null;
        if (shares.Count == 0)
        {
            rule = SuppressionRules.StandardisationEmptyCell;
            return null;
        }

        var sum = 0.0;
        foreach (var (cell, share) in shares)
        {
            if (share <= 0)
            {
                continue;
            }

            if (!cellMeans.TryGetValue((indicator.Id, comparison, ComparisonGroups.FocalSide, cell), out var focal) || !double.IsFinite(focal.Mean) || !(focal.Size > 0)
                || !cellMeans.TryGetValue((indicator.Id, comparison, ComparisonGroups.ReferenceSide, cell), out var reference) || !double.IsFinite(reference.Mean) || !(reference.Size > 0))
            {
                rule = SuppressionRules.StandardisationEmptyCell;
                return null;
            }

            sum += share * (focal.Mean - reference.Mean);
        }

        point = sum;
        var groups = frame.Texts(SurveyFrame.Group(indicator, comparison));
        var cells = frame.Texts(SurveyFrame.Standardisation);
        var y = frame.Numbers(SurveyFrame.Y(indicator));
        var z = new double[frame.RowCount];
        for (var i = 0; i < z.Length; i++)
        {
            var side = groups[i];
            var cell = cells[i];
            if (side is null || cell is null || !shares.TryGetValue(cell, out var a) || a <= 0)
            {
                continue;
            }

            var (mean, size) = cellMeans[(indicator.Id, comparison, side, cell)];
            var sign = side == ComparisonGroups.FocalSide ? 1.0 : -1.0;
            z[i] = sign * a * (y[i] - mean) / size;
        }

        return z;
    }
}

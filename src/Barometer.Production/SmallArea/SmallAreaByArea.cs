using System.Globalization;
using System.Text;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Quality;
using Barometer.Estimation.SmallArea;
using Barometer.Production.Register;
using Barometer.Production.Survey;
using Barometer.Storage;
using Barometer.Storage.Results;
using Barometer.Storage.SmallArea;

namespace Barometer.Production.SmallArea;

/// <summary>
/// The small-area estimates of the survey indicators by area (issue 20; docs/methodology/small-area.md), as the
/// catalogue's <c>small_area</c> declares them. Per survey indicator (a mean or a proportion) and the focal group of
/// its first comparison (the whole population for an indicator without one):
/// <list type="number">
/// <item>the direct estimates by area and their linearisation variances from the run's calibrated design
/// (<see cref="SurveyIndicatorEstimation.AreaEstimates"/>), the variances pooled by the generalised variance
/// function φ̂ / n_i (<see cref="SamplingVarianceSmoothing"/>);</item>
/// <item>the covariates from the register: per area, the shares the catalogue declares among the area's persons of
/// the group in the survey's population;</item>
/// <item>the Fay–Herriot model by REML, the EBLUP benchmarked by difference to the run's national level of the group
/// (the benchmarking shares: each area's estimated size of the group in the indicator's base, so the direct estimates
/// weighted by them give exactly that level), the MSE g1 + g2 + 2 g3 + g4 (<see cref="SmallAreaEstimator"/>).</item>
/// </list>
/// Published only when the national level is, every area has a usable direct estimate and every diagnostic passes;
/// otherwise every area's row is stored suppressed with <see cref="SuppressionRules.SmallAreaHeldBack"/>. The direct
/// area estimates are never stored or published.
/// </summary>
public static class SmallAreaByArea
{
    /// <summary>The check of an indicator whose areas lack a usable direct estimate (or a covariate): no model is fitted. Its value is the number of usable areas.</summary>
    public const string MissingAreasCheck = "areas_with_direct_estimates";

    /// <summary>The check of an indicator whose national level is not published: nothing to benchmark to, no model is fitted.</summary>
    public const string NationalLevelCheck = "national_level_published";

    /// <summary>The model-based rows and the fits, given the run's direct area estimates and its published survey rows.</summary>
    public static (IReadOnlyList<ResultRow> Rows, IReadOnlyList<SmallAreaFitRecord> Fits) Compute(StoreSession session, IndicatorCatalogue catalogue, string registerTable,
        IReadOnlyList<Indicator> indicators, IReadOnlyDictionary<string, List<AreaDirect>> direct, IReadOnlyList<ResultRow> survey)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(direct);
        ArgumentNullException.ThrowIfNull(survey);
        if (catalogue.Quality.SmallArea is not { } rules)
        {
            return ([], []);
        }

        var classification = catalogue.FindVariable(rules.Area)?.Classification is { } id ? catalogue.FindClassification(id) : catalogue.FindClassification(rules.Area);
        var levels = survey.Where(r => r.Measure == Measure.Level && r.Breakdown == ComparisonGroups.TotalBreakdown)
            .ToDictionary(r => (r.Indicator, r.ComparisonGroup));
        var options = new SmallAreaOptions(catalogue.Quality.Survey.ConfidenceLevel, rules.ResidualAlpha, rules.AggregateAlpha);
        var covariateNames = rules.Covariates.Select(c => c.Name).ToList();
        var rows = new List<ResultRow>();
        var fits = new List<SmallAreaFitRecord>();
        using var sql = new RegisterSql(session, catalogue, registerTable);
        var covariatesBySet = new Dictionary<string, Dictionary<string, double?[]>>(StringComparer.Ordinal);
        foreach (var indicator in indicators.Where(SurveyIndicatorEstimation.HasSmallArea))
        {
            var set = SurveyIndicatorEstimation.SmallAreaSet(indicator);
            var group = set == SurveyFrame.AllSet ? ComparisonGroups.All : ComparisonGroups.Focal(set);
            var stored = set == SurveyFrame.AllSet ? ComparisonGroups.All : set;
            if (!covariatesBySet.TryGetValue(set, out var covariates))
            {
                covariates = covariatesBySet[set] = Covariates(session, sql, catalogue, rules, set == SurveyFrame.AllSet ? null : catalogue.Comparison(set));
            }

            // Every area of the classification (the counties), so an area without respondents is seen as missing.
            var areas = classification?.Codes.Select(c => c.Code).ToList()
                ?? [.. covariates.Keys.Order(StringComparer.Ordinal)];
            var empty = new ResultRow(indicator.Id, rules.Area, "", stored, Measure.ModelEstimate, ResultSources.Survey, null, null, null, null, null, null, null, null, null, null, null);
            void HoldBack(string check, double value)
            {
                rows.AddRange(areas.Select(a => (empty with { Cell = a }).Suppress(SuppressionRules.SmallAreaHeldBack)));
                fits.Add(new SmallAreaFitRecord(indicator.Id, stored, rules.Area, areas.Count, false, null, covariateNames, [new SmallAreaCheckRecord(check, false, true, value, null)]));
            }

            if (!levels.TryGetValue((indicator.Id, group), out var national) || national.Estimate is not { } nationalLevel)
            {
                HoldBack(NationalLevelCheck, 0);
                continue;
            }

            var byArea = (direct.TryGetValue(indicator.Id, out var list) ? list : []).ToDictionary(a => a.Area, StringComparer.Ordinal);
            var usable = areas.Count(a => byArea.TryGetValue(a, out var d) && d.Respondents >= 2 && double.IsFinite(d.Value) && d.StandardError > 0 && double.IsFinite(d.StandardError)
                && d.Size > 0 && covariates.TryGetValue(a, out var x) && x.All(v => v is not null));
            if (usable < areas.Count)
            {
                HoldBack(MissingAreasCheck, usable);
                continue;
            }

            var d = areas.Select(a => byArea[a]).ToList();
            var psi = SamplingVarianceSmoothing.Pooled([.. d.Select(a => a.StandardError * a.StandardError)], [.. d.Select(a => (double)a.Respondents)]);
            var data = new FayHerriotData([.. d.Select(a => a.Value)], psi, [.. areas.Select(a => (IReadOnlyList<double>)[1.0, .. covariates[a].Select(v => v!.Value)])]);
            SmallAreaResult result;
            try
            {
                result = SmallAreaEstimator.Estimate(data, [.. d.Select(a => a.Size)], nationalLevel, options);
            }
            catch (ArgumentException)
            {
                // E.g. covariates that are collinear over the areas: no model can be fitted.
                HoldBack(CheckCode(SmallAreaCheck.Convergence), 0);
                continue;
            }

            var checks = result.Diagnostics.Select(c => new SmallAreaCheckRecord(CheckCode(c.Check), c.Passed, c.HoldsBack, c.Value, double.IsFinite(c.Threshold) ? c.Threshold : null)).ToList();
            fits.Add(new SmallAreaFitRecord(indicator.Id, stored, rules.Area, areas.Count, result.Published, result.Fit.Converged ? result.Fit.ModelVariance : null, covariateNames, checks));
            for (var i = 0; i < areas.Count; i++)
            {
                var row = empty with { Cell = areas[i] };
                if (!result.Published)
                {
                    rows.Add(row.Suppress(SuppressionRules.SmallAreaHeldBack));
                    continue;
                }

                var a = result.Areas[i];
                var half = (a.High - a.Low) / 2;
                rows.Add(row with
                {
                    Estimate = a.Estimate,
                    StandardError = Math.Sqrt(a.Mse),
                    CiLower = a.Low,
                    CiUpper = a.High,
                    Respondents = d[i].Respondents,
                    Population = d[i].Size,
                    RelativeMargin = a.Estimate == 0 ? null : half / Math.Abs(a.Estimate),
                    QualityFlag = SuppressionRules.FlagModelBased,
                });
            }
        }

        return (rows, fits);
    }

    /// <summary>The stored code of a diagnostic (snake case of <see cref="SmallAreaCheck"/>).</summary>
    public static string CheckCode(SmallAreaCheck check) => check switch
    {
        SmallAreaCheck.Convergence => "convergence",
        SmallAreaCheck.ModelVarianceAboveZero => "model_variance_above_zero",
        SmallAreaCheck.Residuals => "residuals",
        SmallAreaCheck.Aggregate => "aggregate",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "unknown check"),
    };

    /// <summary>
    /// Per area: the declared shares among the area's persons of the group (the comparison's focal group, or everyone
    /// when null) in the survey's population; a share is null where no person of the area is in its denominator.
    /// </summary>
    internal static Dictionary<string, double?[]> Covariates(StoreSession session, RegisterSql sql, IndicatorCatalogue catalogue, SmallAreaRules rules, Comparison? comparison)
    {
        var population = catalogue.Questionnaire.Population;
        var age = sql.Variable("age");
        var conditions = new List<string>
        {
            age.Kind == Register.SqlKind.Number ? string.Create(CultureInfo.InvariantCulture, $"(trunc({age.Text}) BETWEEN {population.Min} AND {population.Max})") : "false",
        };
        if (comparison is not null)
        {
            conditions.Add(sql.Holds(comparison.Focal.Condition));
        }

        var select = new List<string> { $"{sql.Code(rules.Area)} AS a" };
        for (var c = 0; c < rules.Covariates.Count; c++)
        {
            var covariate = rules.Covariates[c];
            var share = sql.Translate(covariate.Share).Text;
            var among = covariate.Among is null ? "true" : sql.Holds(covariate.Among);
            select.Add($"avg(CASE WHEN ({share}) IS TRUE THEN 1.0 WHEN ({share}) IS FALSE THEN 0.0 END) FILTER (WHERE {among}) AS c{c.ToString(CultureInfo.InvariantCulture)}");
        }

        var columns = string.Join(", ", select) + " " + string.Join(" ", conditions);
        var text = new StringBuilder().Append("SELECT ").AppendJoin(", ", select).Append(" FROM ").Append(sql.FromFor(columns))
            .Append(" WHERE ").AppendJoin(" AND ", conditions.Select(c => "(" + c + ")")).Append(" GROUP BY 1").ToString();
        var result = new Dictionary<string, double?[]>(StringComparer.Ordinal);
        using var command = session.Command(text);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.IsDBNull(0))
            {
                continue;
            }

            var values = new double?[rules.Covariates.Count];
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = reader.IsDBNull(c + 1) ? null : Convert.ToDouble(reader.GetValue(c + 1), CultureInfo.InvariantCulture);
            }

            result[reader.GetString(0)] = values;
        }

        return result;
    }
}

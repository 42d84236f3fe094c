using System.Globalization;
using System.Text.RegularExpressions;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Estimation;
using Barometer.Estimation.Requests;
using Barometer.Production.Calibration;
using Barometer.Production.Results;
using Barometer.Production.Standardisation;
using Barometer.Production.Variables;

namespace Barometer.Production.Survey;

/// <summary>
/// Every survey indicator of one wave × its breakdowns × its groups, in two batched engine runs over the calibrated
/// design: (1) levels of every group and cell, plus the cell means and sizes the standardisation needs; (2) the
/// gaps (focal minus reference, as engine differences so the covariance of the two groups is included) of the cells
/// where both levels are publishable, and the linearization variable of every standardised gap
/// (see docs/methodology/standardisation.md).
/// </summary>
public sealed partial class SurveyIndicatorEstimation(IndicatorCatalogue catalogue, SurveyFrame frame, IReadOnlyList<CalibrationTotals.Margin> margins, StandardisationWeights weights)
{
    private readonly IndicatorCatalogue _catalogue = catalogue;
    private readonly SurveyFrame _frame = frame;
    private readonly IReadOnlyList<CalibrationTotals.Margin> _margins = margins;
    private readonly StandardisationWeights _weights = weights;

    /// <summary>Problems of the engine that made single estimates unavailable (the rest of the run went on).</summary>
    public List<string> Problems { get; } = [];

    public int EngineRuns { get; private set; }

    public IReadOnlyList<ResultRow> Estimate(Action<string, int, int>? progress = null)
    {
        var rules = _catalogue.Quality.Survey;
        var indicators = _frame.Indicators;
        var level = rules.ConfidenceLevel;

        // Pass 1: levels and standardisation cells.
        var specs = new List<EstimateSpec>();
        foreach (var indicator in indicators)
        {
            var type = indicator.Statistic == StatisticKind.Ratio ? EstimateType.Ratio : EstimateType.Mean;
            var denominator = type == EstimateType.Ratio ? SurveyFrame.X(indicator) : null;
            foreach (var set in SurveyFrame.SetsOf(indicator))
            {
                var group = SurveyFrame.Group(indicator, set);
                specs.Add(new EstimateSpec(Id("L", indicator.Id, set, Groups.TotalBreakdown), type, SurveyFrame.Y(indicator), [group], denominator));
                foreach (var breakdown in indicator.Breakdowns)
                {
                    specs.Add(new EstimateSpec(Id("L", indicator.Id, set, breakdown), type, SurveyFrame.Y(indicator), [group, SurveyFrame.Breakdown(breakdown)], denominator));
                }

                if (set != SurveyFrame.AllSet && Standardises(indicator))
                {
                    specs.Add(new EstimateSpec(Id("S", indicator.Id, set), EstimateType.Mean, SurveyFrame.Y(indicator), [group, SurveyFrame.Standardisation]));
                    specs.Add(new EstimateSpec(Id("N", indicator.Id, set), EstimateType.Total, SurveyFrame.One(indicator), [group, SurveyFrame.Standardisation]));
                }
            }
        }

        progress?.Invoke("survey levels", 0, specs.Count);
        var first = RunBatch(specs, level, out var dropped1);
        progress?.Invoke("survey levels", specs.Count, specs.Count);

        var results = new List<ResultRow>();
        var levels = new Dictionary<(string Indicator, string Set, string Breakdown, string Cell, string Side), EstimateRow>();
        var cellMeans = new Dictionary<(string Indicator, string Set, string Side, string Cell), (double Mean, double Size)>();
        foreach (var row in first)
        {
            var parts = row.EstimateId.Split('\u001e');
            var domain = ParseDomain(row.Domain);
            if (parts[0] == "L")
            {
                var side = domain[0];
                var cell = domain.Count > 1 ? domain[1] : "";
                levels[(parts[1], parts[2], parts[3], cell, side)] = row;
            }
            else if (parts[0] is "S" or "N")
            {
                var key = (parts[1], parts[2], domain[0], domain[1]);
                var known = cellMeans.GetValueOrDefault(key, (double.NaN, double.NaN));
                cellMeans[key] = parts[0] == "S" ? (row.Value, known.Item2) : (known.Item1, row.Value);
            }
        }

        var estimated = new List<ResultRow>();
        foreach (var ((indicatorId, set, breakdown, cell, side), row) in levels)
        {
            var group = set == SurveyFrame.AllSet ? Groups.All : Groups.Of(set, side);
            estimated.Add(LevelRow(indicatorId, breakdown, cell, group, row, rules));
        }

        // Too few respondents, and the cells that would give those away (SurveyDisclosure), before any gap is taken.
        results.AddRange(SurveyDisclosure.Apply(estimated, indicators, _catalogue));

        foreach (var id in dropped1)
        {
            results.Add(new ResultRow(id.Indicator, id.Breakdown, "", id.Set == SurveyFrame.AllSet ? Groups.All : id.Set, Measure.Level, "survey",
                null, null, null, null, null, null, null, null, null, null, null).Suppress(Rules.SurveyNotEstimable));
        }

        // Pass 2: gaps where both groups are published, and the standardised gaps.
        var published = results.Where(r => !r.IsSuppressed).Select(r => (r.Indicator, r.Breakdown, r.Cell, r.Group)).ToHashSet();
        var specs2 = new List<EstimateSpec>();
        var standardisedPoints = new Dictionary<(string, string), double>();
        var gapCells = new List<(Indicator Indicator, string Comparison, string Breakdown, string Cell, bool Estimable)>();
        foreach (var indicator in indicators)
        {
            foreach (var comparison in indicator.Comparisons)
            {
                var cells = levels.Keys.Where(k => k.Indicator == indicator.Id && k.Set == comparison)
                    .Select(k => (k.Breakdown, k.Cell)).Distinct().OrderBy(k => k.Breakdown, StringComparer.Ordinal).ThenBy(k => k.Cell, StringComparer.Ordinal);
                foreach (var (breakdown, cell) in cells)
                {
                    var both = published.Contains((indicator.Id, breakdown, cell, Groups.Of(comparison, Groups.Focal)))
                        && published.Contains((indicator.Id, breakdown, cell, Groups.Of(comparison, Groups.Reference)));
                    var estimable = both && indicator.Statistic != StatisticKind.Ratio;
                    gapCells.Add((indicator, comparison, breakdown, cell, estimable));
                    if (!estimable)
                    {
                        continue;
                    }

                    if (breakdown == Groups.TotalBreakdown)
                    {
                        specs2.Add(new EstimateSpec(Id("G", indicator.Id, comparison, breakdown, cell), EstimateType.Difference, SurveyFrame.Y(indicator),
                            [SurveyFrame.Group(indicator, comparison)], null, [Groups.Focal, Groups.Reference]));
                    }
                    else
                    {
                        var column = _frame.AddComposite(indicator, comparison, breakdown);
                        specs2.Add(new EstimateSpec(Id("G", indicator.Id, comparison, breakdown, cell), EstimateType.Difference, SurveyFrame.Y(indicator),
                            [column], null, [Groups.Focal + "|" + cell, Groups.Reference + "|" + cell]));
                    }
                }

                if (Standardises(indicator))
                {
                    var z = StandardisedGap.Linearization(_frame, indicator, comparison, _weights.For(indicator.Id, comparison), cellMeans, out var point, out var missingCell);
                    if (z is not null)
                    {
                        var name = "z|" + indicator.Id + "|" + comparison;
                        _frame.AddNumeric(name, z);
                        standardisedPoints[(indicator.Id, comparison)] = point;
                        specs2.Add(new EstimateSpec(Id("Z", indicator.Id, comparison), EstimateType.Total, name, []));
                    }
                    else
                    {
                        results.Add(new ResultRow(indicator.Id, Groups.TotalBreakdown, "", comparison, Measure.StandardisedGap, "survey",
                            null, null, null, null, null, null, null, null, null, null, null).Suppress(missingCell ?? Rules.StandardisationEmptyCell));
                    }
                }
            }
        }

        progress?.Invoke("survey gaps", 0, specs2.Count);
        var second = RunBatch(specs2, level, out var dropped2);
        progress?.Invoke("survey gaps", specs2.Count, specs2.Count);
        var gapRows = new Dictionary<string, EstimateRow>(StringComparer.Ordinal);
        foreach (var row in second)
        {
            gapRows[row.EstimateId] = row;
            var parts = row.EstimateId.Split('\u001e');
            if (parts[0] == "Z")
            {
                var indicatorId = parts[1];
                var comparison = parts[2];
                var point = standardisedPoints[(indicatorId, comparison)];
                var half = (row.CiHigh - row.CiLow) / 2;
                var focal = levels.GetValueOrDefault((indicatorId, comparison, Groups.TotalBreakdown, "", Groups.Focal));
                var reference = levels.GetValueOrDefault((indicatorId, comparison, Groups.TotalBreakdown, "", Groups.Reference));
                var bothPublished = published.Contains((indicatorId, Groups.TotalBreakdown, "", Groups.Of(comparison, Groups.Focal)))
                    && published.Contains((indicatorId, Groups.TotalBreakdown, "", Groups.Of(comparison, Groups.Reference)));
                var result = new ResultRow(indicatorId, Groups.TotalBreakdown, "", comparison, Measure.StandardisedGap, "survey",
                    point, row.StandardError, point - half, point + half, row.DegreesOfFreedom, (focal?.N ?? 0) + (reference?.N ?? 0), null,
                    null, point - half > 0 || point + half < 0, null, null);
                results.Add(bothPublished ? result : result.Suppress(Rules.SurveyGroupSuppressed));
            }
        }

        foreach (var (indicator, comparison, breakdown, cell, estimable) in gapCells)
        {
            var id = Id("G", indicator.Id, comparison, breakdown, cell);
            if (estimable && gapRows.TryGetValue(id, out var row))
            {
                results.Add(new ResultRow(indicator.Id, breakdown, cell, comparison, Measure.Gap, "survey",
                    row.Value, row.StandardError, row.CiLow, row.CiHigh, row.DegreesOfFreedom, row.N, null, null,
                    row.CiLow > 0 || row.CiHigh < 0, null, null));
            }
            else
            {
                results.Add(new ResultRow(indicator.Id, breakdown, cell, comparison, Measure.Gap, "survey",
                    null, null, null, null, null, null, null, null, null, null, null)
                    .Suppress(estimable || indicator.Statistic == StatisticKind.Ratio ? Rules.SurveyNotEstimable : Rules.SurveyGroupSuppressed));
            }
        }

        _ = dropped2;
        return results;
    }

    private static bool Standardises(Indicator indicator) => indicator.StandardisedGap && indicator.Statistic != StatisticKind.Ratio;

    private static ResultRow LevelRow(string indicator, string breakdown, string cell, string group, EstimateRow row, Catalogue.Quality.SurveyQualityRules rules)
    {
        var half = (row.CiHigh - row.CiLow) / 2;
        var relative = row.Value == 0 ? double.PositiveInfinity : half / Math.Abs(row.Value);
        return new ResultRow(indicator, breakdown, cell, group, Measure.Level, "survey",
            row.Value, row.StandardError, row.CiLow, row.CiHigh, row.DegreesOfFreedom, row.N, null,
            double.IsFinite(relative) ? relative : null, null,
            relative > rules.RelativeMarginFlag ? Rules.FlagRelativeMargin : null, null);
    }

    /// <summary>
    /// Runs a batch; when the engine reports problems with single estimates (e.g. a domain whose variance is
    /// undefined), those estimates are left out and the rest run again, so one odd cell cannot stop the wave.
    /// </summary>
    private List<EstimateRow> RunBatch(List<EstimateSpec> specs, double level, out List<(string Indicator, string Set, string Breakdown)> dropped)
    {
        dropped = [];
        var current = specs;
        for (var attempt = 0; attempt < 4 && current.Count > 0; attempt++)
        {
            EngineRuns++;
            var outcome = SurveyEstimation.Run(_frame.Data, SurveyDesign.Request(_margins, current, level, _catalogue.Calibration));
            if (outcome.Succeeded)
            {
                return outcome.Rows.ToList();
            }

            var bad = new HashSet<int>();
            foreach (var problem in outcome.Problems)
            {
                var match = EstimateIndex().Match(problem.Key);
                if (!match.Success)
                {
                    throw new ProductionException("the survey estimation failed: " + string.Join("; ", outcome.Problems.Take(5).Select(p => $"{p.Key}: {p.Message}")));
                }

                bad.Add(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                Problems.Add($"{current[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)].Id.Replace('\u001e', '/')}: {problem.Message}");
            }

            foreach (var index in bad)
            {
                var parts = current[index].Id.Split('\u001e');
                if (parts[0] == "L")
                {
                    dropped.Add((parts[1], parts[2], parts[3]));
                }
            }

            current = current.Where((_, i) => !bad.Contains(i)).ToList();
        }

        return [];
    }

    private static string Id(params string[] parts) => string.Join('\u001e', parts);

    /// <summary>The values of a domain label <c>a=x;b=y</c>, in order.</summary>
    private static List<string> ParseDomain(string domain) =>
        domain.Length == 0 ? [] : domain.Split(';').Select(p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]).ToList();

    [GeneratedRegex(@"^estimates\[(\d+)\]")]
    private static partial Regex EstimateIndex();
}

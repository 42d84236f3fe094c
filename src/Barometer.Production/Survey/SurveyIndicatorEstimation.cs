using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Estimation;
using Barometer.Estimation.Requests;
using Barometer.Production.Calibration;
using Barometer.Production.Standardisation;
using Barometer.Storage.Results;

namespace Barometer.Production.Survey;

/// <summary>
/// Every survey indicator of one wave × its breakdowns × its groups, in two batched engine runs over the calibrated
/// design: (1) levels of every group and cell, plus the cell means and sizes the standardisation needs; (2) the
/// gaps (focal minus reference, as engine differences so the covariance of the two groups is included) of the cells
/// where both levels are publishable, and the linearization variable of every standardised gap
/// (see docs/methodology/standardisation.md).
/// </summary>
public sealed class SurveyIndicatorEstimation(IndicatorCatalogue catalogue, SurveyFrame frame, IReadOnlyList<CalibrationMargins.Margin> margins, StandardisationWeights weights)
{
    private readonly IndicatorCatalogue _catalogue = catalogue;
    private readonly SurveyFrame _frame = frame;
    private readonly IReadOnlyList<CalibrationMargins.Margin> _margins = margins;
    private readonly StandardisationWeights _weights = weights;

    /// <summary>Problems of the engine that made single estimates unavailable (the rest of the run went on).</summary>
    public List<string> Problems { get; } = [];

    public int EngineRuns { get; private set; }

    /// <summary>
    /// Data rows (respondents) at which to keep every published estimate's linearization values, or null for none:
    /// the persons this wave shares with the previous one, for the covariance of the change (WaveChange).
    /// </summary>
    public IReadOnlyList<int>? InfluenceRows { get; init; }

    /// <summary>The linearization values at <see cref="InfluenceRows"/> of every level, gap and standardised gap, by the key of its result row.</summary>
    public Dictionary<string, double[]> Influence { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The direct estimates by the small-area model's area (catalogue <c>small_area.area</c>) of each survey indicator's
    /// small-area group (<see cref="SmallAreaSet"/>), filled by <see cref="Estimate"/>: the model's input, never
    /// published. Empty when the catalogue declares no small-area estimates.
    /// </summary>
    public Dictionary<string, List<AreaDirect>> AreaEstimates { get; } = new(StringComparer.Ordinal);

    /// <summary>The set (comparison, or <c>all</c> for an indicator without one) whose focal group the small-area model estimates.</summary>
    public static string SmallAreaSet(Indicator indicator) => indicator.Comparisons.Count > 0 ? indicator.Comparisons[0] : SurveyFrame.AllSet;

    /// <summary>The side of <see cref="SmallAreaSet"/> the small-area model estimates: the focal group, or <c>all</c>.</summary>
    public static string SmallAreaSide(Indicator indicator) => indicator.Comparisons.Count > 0 ? ComparisonGroups.FocalSide : SurveyFrame.AllSet;

    /// <summary>Whether the small-area model is fitted for the indicator: a mean or a proportion (the Fay–Herriot model of a ratio is not implemented).</summary>
    public static bool HasSmallArea(Indicator indicator) => indicator.Statistic is StatisticKind.Mean or StatisticKind.Proportion;

    public IReadOnlyList<ResultRow> Estimate(Action<string, int, int>? progress = null)
    {
        var rules = _catalogue.Quality.Survey;
        var indicators = _frame.Indicators;
        var level = rules.ConfidenceLevel;

        // Pass 1: levels and standardisation cells.
        var specs = new List<Planned>();
        foreach (var indicator in indicators)
        {
            var type = indicator.Statistic == StatisticKind.Ratio ? EstimateType.Ratio : EstimateType.Mean;
            var denominator = type == EstimateType.Ratio ? SurveyFrame.X(indicator) : null;
            foreach (var set in SurveyFrame.SetsOf(indicator))
            {
                var group = SurveyFrame.Group(indicator, set);
                specs.Add(Planned.Of(new EstimateKey(Part.Level, indicator.Id, set, ComparisonGroups.TotalBreakdown), type, SurveyFrame.Y(indicator), [group], denominator));
                foreach (var breakdown in indicator.Breakdowns)
                {
                    specs.Add(Planned.Of(new EstimateKey(Part.Level, indicator.Id, set, breakdown), type, SurveyFrame.Y(indicator), [group, SurveyFrame.Breakdown(breakdown)], denominator));
                }

                if (_catalogue.Quality.SmallArea is { } smallArea && set == SmallAreaSet(indicator) && HasSmallArea(indicator))
                {
                    specs.Add(Planned.Of(new EstimateKey(Part.AreaLevel, indicator.Id, set, smallArea.Area), type, SurveyFrame.Y(indicator), [group, SurveyFrame.Breakdown(smallArea.Area)]));
                    specs.Add(Planned.Of(new EstimateKey(Part.AreaSize, indicator.Id, set, smallArea.Area), EstimateType.Total, SurveyFrame.One(indicator), [group, SurveyFrame.Breakdown(smallArea.Area)]));
                }

                if (set != SurveyFrame.AllSet && Standardises(indicator))
                {
                    specs.Add(Planned.Of(new EstimateKey(Part.CellMean, indicator.Id, set), EstimateType.Mean, SurveyFrame.Y(indicator), [group, SurveyFrame.Standardisation]));
                    specs.Add(Planned.Of(new EstimateKey(Part.CellSize, indicator.Id, set), EstimateType.Total, SurveyFrame.One(indicator), [group, SurveyFrame.Standardisation]));
                }
            }
        }

        progress?.Invoke("survey levels", 0, specs.Count);
        var first = RunBatch(specs, level, out var dropped1);
        progress?.Invoke("survey levels", specs.Count, specs.Count);

        var results = new List<ResultRow>();
        var levels = new Dictionary<(string Indicator, string Set, string Breakdown, string Cell, string Side), EstimateRow>();
        var cellMeans = new Dictionary<(string Indicator, string Set, string Side, string Cell), (double Mean, double Size)>();
        var levelInfluence = new Dictionary<(string Indicator, string Set, string Breakdown, string Cell, string Side), double[]>();
        foreach (var (estimate, row, influence) in first)
        {
            // Every estimate of pass 1 is by (group[, breakdown or standardisation cell]).
            var side = row.DomainValues[0].Code;
            if (estimate.Part == Part.Level)
            {
                var cell = row.DomainValues.Count > 1 ? row.DomainValues[1].Code : "";
                levels[(estimate.Indicator, estimate.Set, estimate.Breakdown, cell, side)] = row;
                if (influence is not null)
                {
                    levelInfluence[(estimate.Indicator, estimate.Set, estimate.Breakdown, cell, side)] = influence;
                }
            }
            else if (estimate.Part is Part.AreaLevel or Part.AreaSize)
            {
                var indicator = indicators.First(i => i.Id == estimate.Indicator);
                if (side != SmallAreaSide(indicator))
                {
                    continue;
                }

                var list = AreaEstimates.TryGetValue(estimate.Indicator, out var known) ? known : AreaEstimates[estimate.Indicator] = [];
                var code = row.DomainValues[1].Code;
                var index = list.FindIndex(a => a.Area == code);
                var current = index >= 0 ? list[index] : new AreaDirect(code, double.NaN, double.NaN, 0, double.NaN);
                current = estimate.Part == Part.AreaLevel ? current with { Value = row.Value, StandardError = row.StandardError, Respondents = row.N } : current with { Size = row.Value };
                if (index >= 0)
                {
                    list[index] = current;
                }
                else
                {
                    list.Add(current);
                }
            }
            else if (estimate.Part is Part.CellMean or Part.CellSize)
            {
                var key = (estimate.Indicator, estimate.Set, side, row.DomainValues[1].Code);
                var known = cellMeans.GetValueOrDefault(key, (double.NaN, double.NaN));
                cellMeans[key] = estimate.Part == Part.CellMean ? (row.Value, known.Item2) : (known.Item1, row.Value);
            }
        }

        var estimated = new List<ResultRow>();
        foreach (var ((indicatorId, set, breakdown, cell, side), row) in levels)
        {
            var group = set == SurveyFrame.AllSet ? ComparisonGroups.All : ComparisonGroups.Of(set, side);
            var levelRow = LevelRow(indicatorId, breakdown, cell, group, row, rules);
            estimated.Add(levelRow);
            if (levelInfluence.TryGetValue((indicatorId, set, breakdown, cell, side), out var values))
            {
                Influence[levelRow.Key] = values;
            }
        }

        // Too few respondents, and the cells that would give those away (SurveyDisclosure), before any gap is taken.
        results.AddRange(SurveyDisclosure.Apply(estimated, indicators, _catalogue));

        foreach (var id in dropped1)
        {
            results.Add(new ResultRow(id.Indicator, id.Breakdown, "", id.Set == SurveyFrame.AllSet ? ComparisonGroups.All : id.Set, Measure.Level, ResultSources.Survey,
                null, null, null, null, null, null, null, null, null, null, null).Suppress(SuppressionRules.SurveyNotEstimable));
        }

        // Pass 2: gaps where both groups are published, and the standardised gaps.
        var published = results.Where(r => !r.IsSuppressed).Select(r => (r.Indicator, r.Breakdown, r.Cell, r.ComparisonGroup)).ToHashSet();
        var specs2 = new List<Planned>();
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
                    var both = published.Contains((indicator.Id, breakdown, cell, ComparisonGroups.Of(comparison, ComparisonGroups.FocalSide)))
                        && published.Contains((indicator.Id, breakdown, cell, ComparisonGroups.Of(comparison, ComparisonGroups.ReferenceSide)));
                    var estimable = both && indicator.Statistic != StatisticKind.Ratio;
                    gapCells.Add((indicator, comparison, breakdown, cell, estimable));
                    if (!estimable)
                    {
                        continue;
                    }

                    if (breakdown == ComparisonGroups.TotalBreakdown)
                    {
                        specs2.Add(Planned.Of(new EstimateKey(Part.Gap, indicator.Id, comparison, breakdown, cell), EstimateType.Difference, SurveyFrame.Y(indicator),
                            [SurveyFrame.Group(indicator, comparison)], null, [ComparisonGroups.FocalSide, ComparisonGroups.ReferenceSide]));
                    }
                    else
                    {
                        var column = _frame.AddComposite(indicator, comparison, breakdown);
                        specs2.Add(Planned.Of(new EstimateKey(Part.Gap, indicator.Id, comparison, breakdown, cell), EstimateType.Difference, SurveyFrame.Y(indicator),
                            [column], null, [SurveyFrame.CompositeLevel(ComparisonGroups.FocalSide, cell), SurveyFrame.CompositeLevel(ComparisonGroups.ReferenceSide, cell)]));
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
                        specs2.Add(Planned.Of(new EstimateKey(Part.StandardisedGap, indicator.Id, comparison), EstimateType.Total, name, []));
                    }
                    else
                    {
                        results.Add(new ResultRow(indicator.Id, ComparisonGroups.TotalBreakdown, "", comparison, Measure.StandardisedGap, ResultSources.Survey,
                            null, null, null, null, null, null, null, null, null, null, null).Suppress(missingCell ?? SuppressionRules.StandardisationEmptyCell));
                    }
                }
            }
        }

        progress?.Invoke("survey gaps", 0, specs2.Count);
        var second = RunBatch(specs2, level, out var dropped2);
        progress?.Invoke("survey gaps", specs2.Count, specs2.Count);
        var gapRows = new Dictionary<EstimateKey, EstimateRow>();
        var gapInfluence = new Dictionary<EstimateKey, double[]>();
        foreach (var (estimate, row, influence) in second)
        {
            gapRows[estimate] = row;
            if (influence is not null)
            {
                gapInfluence[estimate] = influence;
            }

            if (estimate.Part == Part.StandardisedGap)
            {
                var indicatorId = estimate.Indicator;
                var comparison = estimate.Set;
                var point = standardisedPoints[(indicatorId, comparison)];
                var half = (row.CiHigh - row.CiLow) / 2;
                var focal = levels.GetValueOrDefault((indicatorId, comparison, ComparisonGroups.TotalBreakdown, "", ComparisonGroups.FocalSide));
                var reference = levels.GetValueOrDefault((indicatorId, comparison, ComparisonGroups.TotalBreakdown, "", ComparisonGroups.ReferenceSide));
                var bothPublished = published.Contains((indicatorId, ComparisonGroups.TotalBreakdown, "", ComparisonGroups.Of(comparison, ComparisonGroups.FocalSide)))
                    && published.Contains((indicatorId, ComparisonGroups.TotalBreakdown, "", ComparisonGroups.Of(comparison, ComparisonGroups.ReferenceSide)));
                var result = new ResultRow(indicatorId, ComparisonGroups.TotalBreakdown, "", comparison, Measure.StandardisedGap, ResultSources.Survey,
                    point, row.StandardError, point - half, point + half, row.DegreesOfFreedom, (focal?.N ?? 0) + (reference?.N ?? 0), null,
                    null, point - half > 0 || point + half < 0, null, null);
                results.Add(bothPublished ? result : result.Suppress(SuppressionRules.SurveyGroupSuppressed));
                if (gapInfluence.TryGetValue(estimate, out var values))
                {
                    Influence[result.Key] = values;
                }
            }
        }

        foreach (var (indicator, comparison, breakdown, cell, estimable) in gapCells)
        {
            var id = new EstimateKey(Part.Gap, indicator.Id, comparison, breakdown, cell);
            if (estimable && gapRows.TryGetValue(id, out var row))
            {
                var gap = new ResultRow(indicator.Id, breakdown, cell, comparison, Measure.Gap, ResultSources.Survey,
                    row.Value, row.StandardError, row.CiLow, row.CiHigh, row.DegreesOfFreedom, row.N, null, null,
                    row.CiLow > 0 || row.CiHigh < 0, null, null);
                results.Add(gap);
                if (gapInfluence.TryGetValue(id, out var values))
                {
                    Influence[gap.Key] = values;
                }
            }
            else
            {
                results.Add(new ResultRow(indicator.Id, breakdown, cell, comparison, Measure.Gap, ResultSources.Survey,
                    null, null, null, null, null, null, null, null, null, null, null)
                    .Suppress(estimable || indicator.Statistic == StatisticKind.Ratio ? SuppressionRules.SurveyNotEstimable : SuppressionRules.SurveyGroupSuppressed));
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
        return new ResultRow(indicator, breakdown, cell, group, Measure.Level, ResultSources.Survey,
            row.Value, row.StandardError, row.CiLow, row.CiHigh, row.DegreesOfFreedom, row.N, null,
            double.IsFinite(relative) ? relative : null, null,
            relative > rules.RelativeMarginFlag ? SuppressionRules.FlagRelativeMargin : null, null);
    }

    /// <summary>
    /// Runs a batch; when the engine reports problems with single estimates (e.g. a domain whose variance is
    /// undefined), those estimates are left out and the rest run again, so one odd cell cannot stop the wave.
    /// Each row comes back with the key of the estimate it belongs to (the engine's estimate index into the batch).
    /// </summary>
    private List<(EstimateKey Estimate, EstimateRow Row, double[]? Influence)> RunBatch(List<Planned> specs, double level, out List<(string Indicator, string Set, string Breakdown)> dropped)
    {
        dropped = [];
        var current = specs;
        for (var attempt = 0; attempt < 4 && current.Count > 0; attempt++)
        {
            EngineRuns++;
            var request = WaveDesignRequest.Build(_margins, current.Select(p => p.Spec).ToList(), level, _catalogue.Calibration);
            var (outcome, influence) = InfluenceRows is null ? (SurveyEstimation.Run(_frame.Data, request), null) : SurveyEstimation.Linearize(_frame.Data, request);
            if (outcome.Succeeded)
            {
                // Pass 1's standardisation cells need no linearization values of their own.
                var wanted = Enumerable.Range(0, outcome.Rows.Count)
                    .Where(r => current[outcome.Rows[r].EstimateIndex].Key.Part is Part.Level or Part.Gap or Part.StandardisedGap).ToArray();
                var values = influence?.At(wanted, InfluenceRows!);
                var byRow = new double[]?[outcome.Rows.Count];
                for (var w = 0; w < wanted.Length && values is not null; w++)
                {
                    byRow[wanted[w]] = values[w];
                }

                return outcome.Rows.Select((r, i) => (current[r.EstimateIndex].Key, r, byRow[i])).ToList();
            }

            var bad = new HashSet<int>();
            foreach (var problem in outcome.Problems)
            {
                if (problem.EstimateIndex is not { } index)
                {
                    throw new ProductionException("the survey estimation failed: " + string.Join("; ", outcome.Problems.Take(5).Select(p => $"{p.Key}: {p.Message}")));
                }

                bad.Add(index);
                Problems.Add($"{current[index].Spec.Id}: {problem.Message}");
            }

            foreach (var index in bad)
            {
                var key = current[index].Key;
                if (key.Part == Part.Level)
                {
                    dropped.Add((key.Indicator, key.Set, key.Breakdown));
                }
            }

            current = current.Where((_, i) => !bad.Contains(i)).ToList();
        }

        return [];
    }

    /// <summary>What an estimate of the batches is for.</summary>
    private enum Part
    {
        /// <summary>The level of a group (all, focal or reference) by a breakdown.</summary>
        Level,

        /// <summary>The mean of a comparison's groups in each standardisation cell.</summary>
        CellMean,

        /// <summary>The estimated size of a comparison's groups in each standardisation cell.</summary>
        CellSize,

        /// <summary>Focal minus reference in one cell of a breakdown.</summary>
        Gap,

        /// <summary>The small-area group's level by area: the small-area model's input, never published.</summary>
        AreaLevel,

        /// <summary>The small-area group's estimated size by area (the benchmarking shares).</summary>
        AreaSize,

        /// <summary>The total of the standardised gap's linearization variable.</summary>
        StandardisedGap,
    }

    /// <summary>The identity of one estimate in the run; <see cref="Set"/> is <c>all</c> or the comparison.</summary>
    private sealed record EstimateKey(Part Part, string Indicator, string Set, string Breakdown = "", string Cell = "")
    {
        /// <summary>
        /// The engine id, for messages only (nothing parses it): the part's letter and the key's fields joined by
        /// '/'. Catalogue ids are <c>[a-z][a-z0-9_]*</c> and the cell comes last, so two keys never share an id.
        /// </summary>
        public string Id => Part switch
        {
            Part.Level => $"L/{Indicator}/{Set}/{Breakdown}",
            Part.CellMean => $"S/{Indicator}/{Set}",
            Part.CellSize => $"N/{Indicator}/{Set}",
            Part.Gap => $"G/{Indicator}/{Set}/{Breakdown}/{Cell}",
            Part.AreaLevel => $"A/{Indicator}/{Set}/{Breakdown}",
            Part.AreaSize => $"B/{Indicator}/{Set}/{Breakdown}",
            _ => $"Z/{Indicator}/{Set}",
        };
    }

    private sealed record Planned(EstimateKey Key, EstimateSpec Spec)
    {
        public static Planned Of(EstimateKey key, EstimateType type, string variable, IReadOnlyList<string> by, string? denominator = null, IReadOnlyList<string>? contrast = null) =>
            new(key, new EstimateSpec(key.Id, type, variable, by, denominator, contrast));
    }
}

/// <summary>The direct estimate of one area for the small-area model: level, its standard error, respondents, and the group's estimated size in the area.</summary>
public sealed record AreaDirect(string Area, double Value, double StandardError, long Respondents, double Size);

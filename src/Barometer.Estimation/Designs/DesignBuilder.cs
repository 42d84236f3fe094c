using System.Globalization;
using System.Runtime.CompilerServices;
using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Designs;

/// <summary>Validates a <see cref="DesignSpec"/> against the data and builds the <see cref="SurveyDesign"/>.</summary>
internal static class DesignBuilder
{
    /// <summary>R's <c>onestrat</c> treats a stratum as sampled completely when 1 - n/N is below this.</summary>
    private const double CensusFraction = 1e-7;

    public static SurveyDesign? Build(DesignSpec spec, ColumnResolver columns, bool replicateVariance)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var log = columns.Log;
        var n = columns.RowCount;
        if (n == 0)
        {
            log.Add("data", "The data has no rows.");
            return null;
        }

        var ok = true;
        CategoricalVariable? strata = null;
        if (spec.Strata is not null)
        {
            strata = columns.Categorical(spec.Strata, "design.strata");
            ok &= strata is not null && columns.RequireComplete(strata, "The stratum (design.strata)");
        }

        var ids = new CategoricalVariable?[spec.Ids.Count];
        for (var s = 0; s < ids.Length; s++)
        {
            ids[s] = columns.Categorical(spec.Ids[s], $"design.ids[{s}]");
            ok &= ids[s] is not null && columns.RequireComplete(ids[s]!, $"The cluster id (design.ids[{s}])");
        }

        var stageCount = Math.Max(1, ids.Length);
        if (spec.Fpc.Count != 0 && spec.Fpc.Count != stageCount)
        {
            log.Add("design.fpc", $"Give an fpc for every sampling stage or none: the design has {stageCount} stage(s) and {spec.Fpc.Count} fpc column(s).");
            ok = false;
        }

        var fpcValues = new double[spec.Fpc.Count][];
        for (var s = 0; s < spec.Fpc.Count; s++)
        {
            var values = columns.Numeric(spec.Fpc[s], $"design.fpc[{s}]");
            ok &= values is not null && columns.RequireComplete(values, spec.Fpc[s], $"The fpc (design.fpc[{s}])");
            fpcValues[s] = values ?? [];
        }

        double[]? weightColumn = null;
        if (spec.Weights is not null)
        {
            weightColumn = columns.Numeric(spec.Weights, "design.weights");
            ok &= weightColumn is not null && CheckWeights(weightColumn, spec.Weights, log);
        }

        if (!ok)
        {
            return null;
        }

        var stages = new VarianceStage[stageCount];
        var stratumCodes = strata?.Codes ?? new int[n];
        var stratumLabels = strata?.Labels ?? [""];
        int[] parentUnit = stratumCodes;
        var parentCount = stratumLabels.Length;
        string[] parentLabels = stratumLabels;
        for (var s = 0; s < stageCount; s++)
        {
            var idCodes = ids.Length == 0 ? null : ids[s]!.Codes;
            var stage = BuildStage(s + 1, parentUnit, parentCount, parentLabels, idCodes, ids.Length == 0 ? null : ids[s]!.Labels);
            stages[s] = stage;
            parentUnit = stage.UnitOfRow;
            parentCount = stage.UnitCount;
            parentLabels = s + 1 < stageCount ? UnitLabels(stage, parentLabels, idCodes, ids.Length == 0 ? null : ids[s]!.Labels) : [];
        }

        if (stages[0].UnitCount == 1)
        {
            log.Add(spec.Ids.Count > 0 ? "design.ids[0]" : "data", "The design has only one primary sampling unit; its variance cannot be estimated.");
            return null;
        }

        var hasFpc = spec.Fpc.Count > 0;
        for (var s = 0; s < spec.Fpc.Count && ok; s++)
        {
            ok &= ApplyFpc(stages[s], fpcValues[s], spec.Fpc[s], s, log);
        }

        if (!ok)
        {
            return null;
        }

        var weights = weightColumn is not null ? (double[])weightColumn.Clone() : WeightsFromFpc(stages, hasFpc, n);
        var varianceStages = hasFpc ? stageCount : 1;
        // With replicate weights the linearization groups are not used; generated jackknives apply the lonely-PSU rule themselves.
        ok = replicateVariance || SetVarianceModes(stages, varianceStages, spec.LonelyPsu, strata is not null, log);
        if (!ok)
        {
            return null;
        }

        return new SurveyDesign
        {
            RowCount = n,
            Weights = weights,
            Stages = stages,
            VarianceStageCount = varianceStages,
            HasStrata = strata is not null,
            HasFpc = hasFpc,
            HasClusters = ids.Length > 0,
            LonelyPsu = spec.LonelyPsu,
        };
    }

    private static bool CheckWeights(double[] weights, string column, ProblemLog log)
    {
        var ok = true;
        for (var i = 0; i < weights.Length; i++)
        {
            var w = weights[i];
            if (double.IsNaN(w))
            {
                log.AddRow(column, i, "The weight (design.weights) is missing; every row needs a positive weight.");
                ok = false;
            }
            else if (!(w > 0) || double.IsInfinity(w))
            {
                log.AddRow(column, i, $"The weight (design.weights) must be positive and finite; found {w.ToString("R", CultureInfo.InvariantCulture)}.");
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>
    /// Units of one stage: the distinct (parent, id) pairs, numbered so that each group's units are contiguous
    /// (groups in parent order, units in order of first appearance), rows sorted stably by unit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static VarianceStage BuildStage(int number, int[] groupOfRow, int groupCount, string[] groupLabels, int[]? idCodes, string[]? idLabels)
    {
        var n = groupOfRow.Length;
        var rawUnit = new int[n];
        var rawGroup = new List<int>();
        if (idCodes is null)
        {
            for (var i = 0; i < n; i++)
            {
                rawUnit[i] = i;
                rawGroup.Add(groupOfRow[i]);
            }
        }
        else
        {
            var map = new Dictionary<long, int>();
            var levels = (long)(idLabels!.Length + 1);
            for (var i = 0; i < n; i++)
            {
                var key = (groupOfRow[i] * levels) + idCodes[i];
                if (!map.TryGetValue(key, out var u))
                {
                    u = rawGroup.Count;
                    map[key] = u;
                    rawGroup.Add(groupOfRow[i]);
                }

                rawUnit[i] = u;
            }
        }

        var unitCount = rawGroup.Count;
        var groupUnitStart = new int[groupCount + 1];
        foreach (var g in rawGroup)
        {
            groupUnitStart[g + 1]++;
        }

        for (var g = 0; g < groupCount; g++)
        {
            groupUnitStart[g + 1] += groupUnitStart[g];
        }

        var next = (int[])groupUnitStart.Clone();
        var renumber = new int[unitCount];
        var groupOfUnit = new int[unitCount];
        for (var u = 0; u < unitCount; u++)
        {
            var g = rawGroup[u];
            var v = next[g]++;
            renumber[u] = v;
            groupOfUnit[v] = g;
        }

        var unitOfRow = new int[n];
        var unitRowStart = new int[unitCount + 1];
        for (var i = 0; i < n; i++)
        {
            var u = renumber[rawUnit[i]];
            unitOfRow[i] = u;
            unitRowStart[u + 1]++;
        }

        for (var u = 0; u < unitCount; u++)
        {
            unitRowStart[u + 1] += unitRowStart[u];
        }

        var fill = (int[])unitRowStart.Clone();
        var rowOrder = new int[n];
        for (var i = 0; i < n; i++)
        {
            rowOrder[fill[unitOfRow[i]]++] = i;
        }

        var sampled = new int[groupCount];
        var population = new double[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            sampled[g] = groupUnitStart[g + 1] - groupUnitStart[g];
            population[g] = double.PositiveInfinity;
        }

        return new VarianceStage
        {
            Number = number,
            UnitCount = unitCount,
            GroupCount = groupCount,
            UnitOfRow = unitOfRow,
            GroupOfUnit = groupOfUnit,
            RowOrder = rowOrder,
            UnitRowStart = unitRowStart,
            GroupUnitStart = groupUnitStart,
            SampledUnits = sampled,
            PopulationUnits = population,
            GroupLabels = groupLabels,
        };
    }

    private static string[] UnitLabels(VarianceStage stage, string[] groupLabels, int[]? idCodes, string[]? idLabels)
    {
        var labels = new string[stage.UnitCount];
        for (var u = 0; u < stage.UnitCount; u++)
        {
            var firstRow = stage.RowOrder[stage.UnitRowStart[u]];
            var group = groupLabels[stage.GroupOfUnit[u]];
            var id = idCodes is null ? (firstRow + 1).ToString(CultureInfo.InvariantCulture) : idLabels![idCodes[firstRow]];
            labels[u] = group.Length == 0 ? id : group + "." + id;
        }

        return labels;
    }

    /// <summary>
    /// Reads one stage's fpc as R's <c>as.fpc</c>: population counts, or sampling fractions when every value is at
    /// most 1 (then N = n / f). The value must be constant within a stratum and N at least the sampled units.
    /// </summary>
    private static bool ApplyFpc(VarianceStage stage, double[] fpc, string column, int s, ProblemLog log)
    {
        var fraction = true;
        foreach (var v in fpc)
        {
            if (v > 1)
            {
                fraction = false;
                break;
            }
        }

        var ok = true;
        var first = new double[stage.GroupCount];
        var firstRow = new int[stage.GroupCount];
        Array.Fill(first, double.NaN);
        for (var i = 0; i < fpc.Length; i++)
        {
            var v = fpc[i];
            var g = stage.GroupOfUnit[stage.UnitOfRow[i]];
            if (fraction && !(v > 0))
            {
                log.AddRow(column, i, $"The fpc (design.fpc[{s}]) read as a sampling fraction must be in (0, 1]; found {Format(v)}.");
                ok = false;
                continue;
            }

            if (double.IsNaN(first[g]))
            {
                first[g] = v;
                firstRow[g] = i;
            }
            else if (first[g] != v)
            {
                log.AddRow(column, i, $"The fpc (design.fpc[{s}]) varies within stratum '{stage.GroupLabels[g]}' at stage {stage.Number}: {Format(first[g])} in row {firstRow[g]}, {Format(v)} here.");
                ok = false;
            }
        }

        if (!ok)
        {
            return false;
        }

        for (var g = 0; g < stage.GroupCount; g++)
        {
            var n = stage.SampledUnits[g];
            var population = fraction ? n / first[g] : first[g];
            if (population < n)
            {
                log.AddRow(column, firstRow[g], $"The fpc (design.fpc[{s}]) implies {Format(population)} units in the population of stratum '{stage.GroupLabels[g]}' at stage {stage.Number}, fewer than the {n} sampled.");
                ok = false;
            }

            stage.PopulationUnits[g] = population;
        }

        return ok;
    }

    /// <summary>Without a weight column: the product over stages of N/n (R's <c>weights(fpc)</c>), or 1 without fpc.</summary>
    private static double[] WeightsFromFpc(VarianceStage[] stages, bool hasFpc, int n)
    {
        var weights = new double[n];
        Array.Fill(weights, 1.0);
        if (!hasFpc)
        {
            return weights;
        }

        foreach (var stage in stages)
        {
            for (var i = 0; i < n; i++)
            {
                var g = stage.GroupOfUnit[stage.UnitOfRow[i]];
                weights[i] *= stage.PopulationUnits[g] / stage.SampledUnits[g];
            }
        }

        return weights;
    }

    /// <summary>The scale and mode of every group, following R's <c>onestrat</c> and <c>multistage</c>.</summary>
    private static bool SetVarianceModes(VarianceStage[] stages, int varianceStages, LonelyPsuRule rule, bool hasStrata, ProblemLog log)
    {
        var ok = true;
        var factor = new double[stages[0].GroupCount];
        Array.Fill(factor, 1.0);
        for (var s = 0; s < varianceStages; s++)
        {
            var stage = stages[s];
            if (s > 0)
            {
                // A stage-s group is a unit of stage s-1; R's multistage scales its variance by n/N of that unit's stratum.
                var above = stages[s - 1];
                var aboveFactor = factor;
                factor = new double[stage.GroupCount];
                for (var g = 0; g < stage.GroupCount; g++)
                {
                    var parent = above.GroupOfUnit[g];
                    factor[g] = aboveFactor[parent] * above.SampledUnits[parent] / above.PopulationUnits[parent];
                }
            }

            var scale = new double[stage.GroupCount];
            var mode = new GroupMode[stage.GroupCount];
            for (var g = 0; g < stage.GroupCount; g++)
            {
                var n = stage.SampledUnits[g];
                var population = stage.PopulationUnits[g];
                var f = double.IsPositiveInfinity(population) ? 1.0 : (population - n) / population;
                if (f < CensusFraction)
                {
                    mode[g] = GroupMode.Zero;
                }
                else if (n > 1)
                {
                    mode[g] = GroupMode.Centered;
                    scale[g] = factor[g] * f * n / (n - 1);
                }
                else
                {
                    switch (rule)
                    {
                        case LonelyPsuRule.Remove:
                        case LonelyPsuRule.Certainty:
                            mode[g] = GroupMode.Zero;
                            break;
                        case LonelyPsuRule.Adjust:
                            mode[g] = GroupMode.Uncentered;
                            scale[g] = factor[g] * f;
                            break;
                        case LonelyPsuRule.Average when s == 0:
                            mode[g] = GroupMode.Missing;
                            break;
                        case LonelyPsuRule.Average:
                            log.Add("design.lonely_psu", $"Sampling unit '{stage.GroupLabels[g]}' has only one sampled unit at stage {stage.Number}; 'average' applies to the first stage only (R's variance would be NaN).");
                            ok = false;
                            break;
                        default:
                            var what = s == 0 && hasStrata ? $"Stratum '{stage.GroupLabels[g]}'" : $"Sampling unit '{stage.GroupLabels[g]}'";
                            log.Add("design.lonely_psu", $"{what} has only one PSU at stage {stage.Number} (lonely_psu: fail). Choose remove, adjust, average or certainty, or merge strata.");
                            ok = false;
                            break;
                    }
                }
            }

            stage.Scale = scale;
            stage.Mode = mode;
        }

        if (rule == LonelyPsuRule.Average && ok)
        {
            var first = stages[0];
            var okStrata = 0;
            for (var g = 0; g < first.GroupCount; g++)
            {
                okStrata += first.Mode[g] == GroupMode.Missing ? 0 : 1;
            }

            if (okStrata == 0)
            {
                log.Add("design.lonely_psu", "Every stratum has a single PSU, so 'average' has nothing to average (R's variance would be NaN).");
                ok = false;
            }
        }

        return ok;
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

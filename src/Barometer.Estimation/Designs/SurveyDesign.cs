using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Designs;

/// <summary>
/// A validated sampling design, as R's <c>svydesign(ids, strata, fpc, weights, nest = TRUE)</c>: design weights and
/// the stages that carry variance. Stage 1 always does; later stages only when an fpc is given for every stage
/// (R's <c>multistage</c> recursion, otherwise the with-replacement "ultimate cluster" approximation).
/// </summary>
internal sealed class SurveyDesign
{
    public required int RowCount { get; init; }

    /// <summary>The design (sampling) weights, before any calibration.</summary>
    public required double[] Weights { get; init; }

    /// <summary>The stage structures; <see cref="Stages"/>[0] is the first stage (strata and PSUs).</summary>
    public required VarianceStage[] Stages { get; init; }

    /// <summary>How many leading stages contribute to the linearization variance.</summary>
    public required int VarianceStageCount { get; init; }

    public required bool HasStrata { get; init; }

    public required bool HasFpc { get; init; }

    /// <summary>Whether the first stage has cluster ids (otherwise every row is its own PSU).</summary>
    public required bool HasClusters { get; init; }

    public required LonelyPsuRule LonelyPsu { get; init; }

    /// <summary>R's <c>degf()</c>: PSUs minus strata.</summary>
    public int DegreesOfFreedom => Stages[0].UnitCount - Stages[0].GroupCount;

    public VarianceStage FirstStage => Stages[0];

    /// <summary>The stratum (first-stage group) of a row.</summary>
    public int StratumOf(int row) => Stages[0].GroupOfUnit[Stages[0].UnitOfRow[row]];
}

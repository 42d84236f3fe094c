namespace Barometer.Estimation.Designs;

/// <summary>How one stratum (a group of sampling units at one stage) enters the variance, as R's <c>onestrat</c>.</summary>
internal enum GroupMode : byte
{
    /// <summary>Unit totals centred at the group mean, times the group's scale.</summary>
    Centered,

    /// <summary>A lonely unit under <c>adjust</c>: its total is not centred (it deviates from the grand mean, which is zero).</summary>
    Uncentered,

    /// <summary>No contribution: sampled completely (fpc), or a lonely unit under <c>remove</c> or <c>certainty</c>.</summary>
    Zero,

    /// <summary>A lonely unit under <c>average</c> (stage 1): left out, and the other strata's sum scaled up.</summary>
    Missing,
}

/// <summary>
/// One sampling stage as the variance sees it: units (PSUs at stage 1, SSUs inside PSUs at stage 2, ...) grouped
/// into strata (at stage 1 the design strata, at later stages the unit of the stage above). Rows, units and groups
/// are numbered so that each group's units and each unit's rows are contiguous in <see cref="RowOrder"/>.
/// </summary>
internal sealed class VarianceStage
{
    public required int Number { get; init; }

    public required int UnitCount { get; init; }

    public required int GroupCount { get; init; }

    /// <summary>The unit of every row.</summary>
    public required int[] UnitOfRow { get; init; }

    /// <summary>The group of every unit.</summary>
    public required int[] GroupOfUnit { get; init; }

    /// <summary>The rows sorted by unit (stable: natural order inside a unit).</summary>
    public required int[] RowOrder { get; init; }

    /// <summary>Where each unit's rows start in <see cref="RowOrder"/>; length <see cref="UnitCount"/> + 1.</summary>
    public required int[] UnitRowStart { get; init; }

    /// <summary>Where each group's units start; length <see cref="GroupCount"/> + 1.</summary>
    public required int[] GroupUnitStart { get; init; }

    /// <summary>Units sampled in each group (R's <c>fpc$sampsize</c>).</summary>
    public required int[] SampledUnits { get; init; }

    /// <summary>Units in the population of each group (R's <c>fpc$popsize</c>), or +∞ without fpc.</summary>
    public required double[] PopulationUnits { get; init; }

    /// <summary>A readable label per group for messages.</summary>
    public required string[] GroupLabels { get; init; }

    /// <summary>The scale of each group's sum of squares: (1 - n/N) n/(n-1) times the sampling fractions of the stages above.</summary>
    public double[] Scale { get; set; } = [];

    /// <summary>How each group enters the variance.</summary>
    public GroupMode[] Mode { get; set; } = [];
}

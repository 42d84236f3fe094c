using Barometer.Synthetic.Output;

namespace Barometer.Synthetic;

/// <summary>What to generate.</summary>
/// <param name="Scale">The fraction of Sweden's population to generate (1 = 10.6 million persons); all proportions are kept.</param>
/// <param name="Seed">The seed: the same seed and options give byte-identical files.</param>
/// <param name="Waves">The survey waves (years) to draw.</param>
/// <param name="Format">The file format of the tables.</param>
public sealed record SynthOptions(double Scale, ulong Seed, IReadOnlyList<int> Waves, OutputFormat Format)
{
    /// <summary>
    /// The standard deviation, in logits, of planted county effects on the survey answers (0, the default: none).
    /// The small-area simulation (bench <c>small-area-simulation</c>) sets it so that counties differ in the survey
    /// indicators partly as their register composition predicts; see <c>AnswerModel.CountyShifts</c>.
    /// </summary>
    public double CountyEffect { get; init; }

    /// <summary>
    /// The county effect of the demo's world (logits): counties then differ in the survey indicators, partly as their
    /// register composition predicts, so the model-based county estimates have something to find (docs/methodology/small-area.md).
    /// </summary>
    public const double DemoCountyEffect = 0.25;

    /// <summary>The default waves, one per year.</summary>
    public static IReadOnlyList<int> DefaultWaves { get; } = [2022, 2023, 2024, 2025, 2026];

    /// <summary>The earliest and latest wave the generator supports (the register is for 31 December 2024).</summary>
    public const int FirstWave = 2015;

    /// <summary>The latest wave.</summary>
    public const int LastWave = 2030;

    /// <summary>The smallest scale that still gives every group at least a few persons.</summary>
    public const double MinScale = 0.0005;

    /// <summary>Checks the options; returns the problems (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (double.IsNaN(Scale) || Scale < MinScale || Scale > 1)
        {
            problems.Add($"--scale must be between {MinScale} and 1 (1 = all of Sweden, 10.6 million persons); got {Scale}.");
        }

        if (double.IsNaN(CountyEffect) || CountyEffect < 0 || CountyEffect > 2)
        {
            problems.Add($"the county effect must be between 0 and 2 logits; got {CountyEffect}.");
        }

        if (Waves.Count == 0)
        {
            problems.Add("--waves names no wave; give a year or a range such as 2022-2026.");
        }

        foreach (var wave in Waves.Where(w => w is < FirstWave or > LastWave))
        {
            problems.Add($"wave {wave} is not supported: waves run from {FirstWave} to {LastWave} (the register is for 31 December 2024).");
        }

        if (Waves.Distinct().Count() != Waves.Count)
        {
            problems.Add("--waves names a wave twice.");
        }

        return problems;
    }
}

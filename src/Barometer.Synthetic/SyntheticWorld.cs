using Barometer.Synthetic.Output;
using Barometer.Synthetic.Population;

namespace Barometer.Synthetic;

/// <summary>
/// The generated synthetic Sweden held in memory: the population register and everything derived from it. The
/// coverage simulation draws many samples from one world without writing files.
/// </summary>
internal sealed class SyntheticWorld
{
    private SyntheticWorld(SynthOptions options, PopulationRegister register)
    {
        Options = options;
        Register = register;
    }

    public SynthOptions Options { get; }

    public PopulationRegister Register { get; }

    public static SyntheticWorld Create(SynthOptions options, IGenerationProgress progress) =>
        new(options, CreateRegister(options, progress));

    public static PopulationRegister CreateRegister(SynthOptions options, IGenerationProgress progress)
    {
        var kommuner = ReferenceData.Kommuner();
        var municipalities = Municipalities.Build(kommuner, (double)PopulationTargets.ForeignBorn / PopulationTargets.Total);
        var generator = new PopulationGenerator(options.Seed, options.Scale, CountryProfiles.All, municipalities);
        return generator.Generate(progress);
    }

    public IReadOnlyList<SyntheticTable> Tables(IGenerationProgress progress)
    {
        _ = progress;
        return
        [
            new SyntheticTable(
                "register/register",
                new Label("En rad per person folkbokförd i Sverige den 31 december 2024", "One row per person registered in Sweden on 31 December 2024"),
                Register.Count,
                RegisterTable.Columns(Register)),
        ];
    }
}

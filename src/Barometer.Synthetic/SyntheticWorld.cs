using Barometer.Catalogue;
using Barometer.Synthetic.Output;
using Barometer.Synthetic.Population;
using Barometer.Synthetic.Registers;

namespace Barometer.Synthetic;

/// <summary>
/// The generated synthetic Sweden held in memory: the population register, its register variables and everything
/// derived from them. The coverage simulation draws many samples from one world without writing files.
/// </summary>
internal sealed class SyntheticWorld
{
    private SyntheticWorld(SynthOptions options, IndicatorCatalogue catalogue, RegisterVariables variables)
    {
        Options = options;
        Catalogue = catalogue;
        Variables = variables;
    }

    public SynthOptions Options { get; }

    public IndicatorCatalogue Catalogue { get; }

    public RegisterVariables Variables { get; }

    public PopulationRegister Register => Variables.Register;

    public static SyntheticWorld Create(SynthOptions options, IndicatorCatalogue catalogue, IGenerationProgress progress)
    {
        var register = CreateRegister(options, catalogue, progress);
        var outcomes = new RegisterOutcomeGenerator(options.Seed).Generate(register, progress);
        return new SyntheticWorld(options, catalogue, new RegisterVariables(catalogue, register, outcomes, options.Seed));
    }

    public static PopulationRegister CreateRegister(SynthOptions options, IndicatorCatalogue catalogue, IGenerationProgress progress)
    {
        var kommun = catalogue.Classification("kommun");
        var kommuner = kommun.Codes.Select(c => (c.Code, kommun.MapTo("lan", c.Code))).ToList();
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
                Variables.Columns),
        ];
    }
}

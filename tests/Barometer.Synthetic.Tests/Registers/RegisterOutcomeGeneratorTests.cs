using Barometer.Synthetic.Registers;
using Barometer.Synthetic.Validation;
using Xunit.Abstractions;

namespace Barometer.Synthetic.Tests.Registers;

public class RegisterOutcomeGeneratorTests(ITestOutputHelper output)
{
    [Fact]
    public void Generate_SmallScale_GapsHaveTheDomainDirection()
    {
        var register = SyntheticWorld.CreateRegister(TestOptions.Small(), TestCatalogue.Instance, SilentGenerationProgress.Instance);
        var outcomes = new RegisterOutcomeGenerator(7).Generate(register, SilentGenerationProgress.Instance);
        var shares = OutcomeCheck.Compute(register, outcomes).ToDictionary(s => s.Name);
        foreach (var s in shares.Values)
        {
            output.WriteLine($"{s.Name,-60} {s.Value,8:P1} ref {s.Reference,8:P1} n={s.Persons}");
        }

        Assert.True(shares["Employment 20–64, born in Sweden"].Value > shares["Employment 20–64, foreign-born"].Value);
        Assert.True(shares["Voted 2022 Riksdag, born in Sweden"].Value > shares["Voted 2022 Riksdag, born outside Europe, < 10 years"].Value);
        Assert.True(shares["Crowded (norm 2), born outside Europe, < 10 years"].Value > shares["Crowded (norm 2), born outside Europe, 10+ years"].Value);
        Assert.True(shares["Crowded (norm 2), born outside Europe, 10+ years"].Value > shares["Crowded (norm 2), born in Sweden"].Value);
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.959963985)]
    [InlineData(0.01, -2.326347874)]
    [InlineData(0.999, 3.090232306)]
    public void Normal_KnownQuantiles_MatchTables(double p, double z) =>
        Assert.Equal(z, RegisterOutcomeGenerator.Normal(p), 1e-5);
}

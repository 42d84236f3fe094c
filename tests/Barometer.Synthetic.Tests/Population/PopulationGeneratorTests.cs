using Barometer.Synthetic.Population;
using Barometer.Synthetic.Validation;

namespace Barometer.Synthetic.Tests.Population;

public class PopulationGeneratorTests
{
    private static PopulationRegister Generate(double scale, ulong seed = 11) =>
        SyntheticWorld.CreateRegister(new SynthOptions(scale, seed, [2025], Synthetic.Output.OutputFormat.Parquet), TestCatalogue.Instance, SilentGenerationProgress.Instance);

    [Fact]
    public void Generate_SmallScale_CountsFollowDomainFiguresUpToRounding()
    {
        const double scale = TestOptions.Scale;
        var register = Generate(scale);
        foreach (var c in MarginalCheck.Compare(register, scale).Where(c => !c.Name.StartsWith("Mean age", StringComparison.Ordinal) && !c.Name.Contains("citizens", StringComparison.Ordinal)))
        {
            // Counts are apportioned exactly; only the rounding of group × sex × age cells can move a count,
            // by at most one person per cell (fewer than 220 cells per group × sex).
            Assert.True(Math.Abs(c.Actual - c.Target) <= 220, $"{c.Name}: target {c.Target:F1}, actual {c.Actual}");
            Assert.True(Math.Abs(c.RelativeDifference) < 0.01 || Math.Abs(c.Actual - c.Target) <= 2, $"{c.Name}: {c.RelativeDifference:P2}");
        }
    }

    [Fact]
    public void Generate_SmallScale_MeanAgesWithinHalfAYear()
    {
        var register = Generate(TestOptions.Scale);
        foreach (var c in MarginalCheck.Compare(register, TestOptions.Scale).Where(c => c.Name.StartsWith("Mean age", StringComparison.Ordinal)))
        {
            // Ages are apportioned over single years from the tilted profile; rounding moves the mean a little.
            Assert.True(Math.Abs(c.Actual - c.Target) < 0.5, $"{c.Name}: target {c.Target}, actual {c.Actual:F2}");
        }
    }

    [Fact]
    public void Generate_SmallScale_ForeignBornCitizenshipShareWithinFourStandardErrors()
    {
        var register = Generate(TestOptions.Scale);
        var check = MarginalCheck.Compare(register, TestOptions.Scale);
        var citizens = check.Single(c => c.Name == "Foreign-born Swedish citizens").Actual;
        var foreign = check.Single(c => c.Name == "Foreign-born").Actual;
        var expected = (double)PopulationTargets.ForeignBornSwedishCitizens / PopulationTargets.ForeignBorn;
        var se = Math.Sqrt(expected * (1 - expected) / foreign);
        Assert.InRange(citizens / foreign, expected - (4 * se), expected + (4 * se));
    }

    [Fact]
    public void Generate_SameSeed_IdenticalRegisters()
    {
        var a = Generate(0.001, seed: 3);
        var b = Generate(0.001, seed: 3);
        Assert.Equal(a.Country, b.Country);
        Assert.Equal(a.ImmigrationYear, b.ImmigrationYear);
        Assert.Equal(a.Municipality, b.Municipality);
        Assert.Equal(a.Citizenship, b.Citizenship);
        Assert.Equal(a.Education, b.Education);
    }

    [Fact]
    public void Generate_DifferentSeeds_DifferentRegisters()
    {
        var a = Generate(0.001, seed: 3);
        var b = Generate(0.001, seed: 4);
        Assert.NotEqual(a.Municipality, b.Municipality);
    }

    [Fact]
    public void Generate_ForeignBorn_ImmigratedAfterBirthAndByReferenceYear()
    {
        var r = Generate(TestOptions.Scale);
        for (var i = 0; i < r.Count; i++)
        {
            if (r.IsForeignBorn(i))
            {
                Assert.InRange(r.ImmigrationYear[i], r.BirthYear[i], PopulationTargets.ReferenceYear);
                Assert.NotEqual(ResidenceGround.NotApplicable, r.Ground[i]);
            }
            else
            {
                Assert.Equal(0, r.ImmigrationYear[i]);
            }
        }
    }

    [Fact]
    public void Generate_Background_ConsistentWithParentsCountriesUnderScbRule()
    {
        var r = Generate(TestOptions.Scale);
        for (var i = 0; i < r.Count; i++)
        {
            string? Code(short c) => c switch
            {
                PopulationRegister.Sweden => "SE",
                PopulationRegister.MissingCountry => null,
                _ => r.Countries[c].Code,
            };
            var derived = Catalogue.Classifications.SwedishBackground.DeriveFromCountries(Code(r.Country[i])!, Code(r.MotherCountry[i]), Code(r.FatherCountry[i]));
            var expected = r.Background[i] switch
            {
                BackgroundGroup.ForeignBorn => Catalogue.Classifications.SwedishBackground.ForeignBorn,
                BackgroundGroup.SwedishTwoForeignParents => Catalogue.Classifications.SwedishBackground.NativeBornTwoForeignBornParents,
                BackgroundGroup.SwedishOneForeignParent => Catalogue.Classifications.SwedishBackground.NativeBornOneForeignBornParent,
                _ => Catalogue.Classifications.SwedishBackground.NativeBornTwoNativeBornParents,
            };
            Assert.Equal(expected, derived);
        }
    }

    [Fact]
    public void Generate_ForeignBorn_ConcentratedInMetropolitanKommuner()
    {
        var r = Generate(0.01);
        double Share(string code)
        {
            var k = r.Municipalities.Select((m, i) => (m, i)).Single(x => x.m.Code == code).i;
            var n = 0;
            var f = 0;
            for (var i = 0; i < r.Count; i++)
            {
                if (r.Municipality[i] == k)
                {
                    n++;
                    f += r.IsForeignBorn(i) ? 1 : 0;
                }
            }

            return (double)f / n;
        }

        // Botkyrka and Malmö far above the national 20.8 %, Piteå (Norrbotten) far below.
        Assert.True(Share("0127") > 0.3);
        Assert.True(Share("1280") > 0.28);
        Assert.True(Share("2581") < 0.16);
    }
}

using Barometer.Synthetic.Population;

namespace Barometer.Synthetic.Validation;

/// <summary>One comparison of the synthetic register with an SCB population figure for 31 December 2024.</summary>
/// <param name="Name">What is compared.</param>
/// <param name="Target">The SCB figure, scaled to the run's scale for counts.</param>
/// <param name="Actual">The synthetic register's value.</param>
public sealed record MarginalComparison(string Name, double Target, double Actual)
{
    /// <summary>Relative difference (actual − target) / target.</summary>
    public double RelativeDifference => (Actual - Target) / Target;
}

/// <summary>Compares the synthetic register's marginals with SCB's population figures for 31 December 2024 (<see cref="Population.PopulationTargets"/>).</summary>
internal static class MarginalCheck
{
    public static IReadOnlyList<MarginalComparison> Compare(PopulationRegister r, double scale)
    {
        long women = 0, foreign = 0, foreignWomen = 0, foreignCitizens = 0;
        double foreignAge = 0, nativeAge = 0, secondGenAge = 0, nordicAge = 0;
        var byGroup = new long[4];
        var byRegion = new long[7];
        for (var i = 0; i < r.Count; i++)
        {
            var age = r.Age(i);
            women += r.Sex[i] == 2 ? 1 : 0;
            byGroup[(int)r.Background[i]]++;
            if (r.IsForeignBorn(i))
            {
                foreign++;
                foreignWomen += r.Sex[i] == 2 ? 1 : 0;
                foreignCitizens += r.Citizenship[i] == PopulationRegister.Sweden ? 1 : 0;
                foreignAge += age;
                var region = r.Region(i);
                byRegion[(int)region]++;
                if (region == BirthRegion.Nordic)
                {
                    nordicAge += age;
                }
            }
            else
            {
                nativeAge += age;
                if (r.Background[i] == BackgroundGroup.SwedishTwoForeignParents)
                {
                    secondGenAge += age;
                }
            }
        }

        double S(int figure) => figure * scale;
        var native = r.Count - foreign;
        return
        [
            new("Total population", S(PopulationTargets.Total), r.Count),
            new("Women", S(PopulationTargets.Women), women),
            new("Men", S(PopulationTargets.Men), r.Count - women),
            new("Born in Sweden", S(PopulationTargets.BornInSweden), native),
            new("Foreign-born", S(PopulationTargets.ForeignBorn), foreign),
            new("Foreign-born women", S(PopulationTargets.ForeignBornWomen), foreignWomen),
            new("Foreign-born men", S(PopulationTargets.ForeignBornMen), foreign - foreignWomen),
            new("Mean age, foreign-born", PopulationTargets.ForeignBornMeanAge, foreignAge / foreign),
            new("Mean age, born in Sweden", PopulationTargets.BornInSwedenMeanAge, nativeAge / native),
            new("Swedish-born, two Swedish-born parents", S(PopulationTargets.SwedishTwoSwedishParents), byGroup[(int)BackgroundGroup.SwedishTwoSwedishParents]),
            new("Swedish-born, one foreign-born parent", S(PopulationTargets.SwedishOneForeignParent), byGroup[(int)BackgroundGroup.SwedishOneForeignParent]),
            new("Swedish-born, two foreign-born parents", S(PopulationTargets.SwedishTwoForeignParents), byGroup[(int)BackgroundGroup.SwedishTwoForeignParents]),
            new("Mean age, Swedish-born with two foreign-born parents", PopulationTargets.SwedishTwoForeignParentsMeanAge,
                secondGenAge / byGroup[(int)BackgroundGroup.SwedishTwoForeignParents]),
            new("Foreign-born Swedish citizens", S(PopulationTargets.ForeignBornSwedishCitizens), foreignCitizens),
            new("Foreign-born foreign citizens", S(PopulationTargets.ForeignBornForeignCitizens), foreign - foreignCitizens),
            new("Born in the Nordic countries except Sweden", S(PopulationTargets.Nordic), byRegion[(int)BirthRegion.Nordic]),
            new("Mean age, born in the Nordic countries", PopulationTargets.NordicMeanAge, nordicAge / byRegion[(int)BirthRegion.Nordic]),
            new("Born in the EU except the Nordic countries", S(PopulationTargets.EuExceptNordic), byRegion[(int)BirthRegion.EuExceptNordic]),
            new("Born in Europe outside the EU and the Nordic countries", S(PopulationTargets.EuropeOutsideEu), byRegion[(int)BirthRegion.EuropeOutsideEu]),
            new("Born in Africa", S(PopulationTargets.Africa), byRegion[(int)BirthRegion.Africa]),
            new("Born in Asia", S(PopulationTargets.Asia), byRegion[(int)BirthRegion.Asia]),
            new("Born in the Americas, Oceania or unknown", S(PopulationTargets.AmericasOceaniaUnknown), byRegion[(int)BirthRegion.AmericasOceaniaUnknown]),
        ];
    }
}

namespace Barometer.Synthetic.Population;

/// <summary>The background group a person belongs to, as SCB defines svensk and utländsk bakgrund.</summary>
internal enum BackgroundGroup : byte
{
    /// <summary>Born in Sweden with two Swedish-born parents.</summary>
    SwedishTwoSwedishParents = 0,

    /// <summary>Born in Sweden with one Swedish-born and one foreign-born parent (svensk bakgrund).</summary>
    SwedishOneForeignParent = 1,

    /// <summary>Born in Sweden with two foreign-born parents (utländsk bakgrund).</summary>
    SwedishTwoForeignParents = 2,

    /// <summary>Born abroad (utländsk bakgrund).</summary>
    ForeignBorn = 3,
}

/// <summary>The six regions of birth SCB's population statistics give stock figures for (foreign-born only).</summary>
internal enum BirthRegion : byte
{
    Sweden = 0,
    Nordic = 1,
    EuExceptNordic = 2,
    EuropeOutsideEu = 3,
    Africa = 4,
    Asia = 5,
    AmericasOceaniaUnknown = 6,
}

/// <summary>
/// One population group with a fixed size at full scale, its number of women and its mean age (in completed years
/// at the reference date). Group sizes are reproduced exactly at full scale (largest-remainder rounding at other
/// scales); mean ages by exponential tilting of a base age profile.
/// </summary>
internal sealed record PopulationGroup(
    BackgroundGroup Background,
    BirthRegion Region,
    int Total,
    int Women,
    double MeanAge,
    AgeProfile BaseProfile);

/// <summary>
/// The SCB figures for 31 December 2024 that the synthetic register reproduces (SCB, Befolkningsstatistik (BE0101):
/// population by country of birth, Swedish/foreign background, sex and age, 31 December 2024). Where those tables
/// are silent, the values here are assumptions chosen so that the given totals hold: mean ages of the foreign-born
/// regions other than the Nordic one, the split of women by region, and the mean age of the Swedish-born with one
/// foreign-born parent. "Mean age 43.6 vs 41.8" is read as foreign-born vs born in Sweden.
/// </summary>
internal static class PopulationTargets
{
    public const int ReferenceYear = 2024;
    public const int Total = 10_587_710;
    public const int Women = 5_262_925;
    public const int Men = 5_324_785;
    public const int BornInSweden = 8_387_472;
    public const int ForeignBorn = 2_200_238;
    public const int ForeignBornWomen = 1_099_501;
    public const int ForeignBornMen = 1_100_737;
    public const double ForeignBornMeanAge = 43.6;
    public const double BornInSwedenMeanAge = 41.8;
    public const int SwedishTwoSwedishParents = 6_841_416;
    public const int SwedishOneForeignParent = 835_417;
    public const int SwedishTwoForeignParents = 710_639;
    public const double SwedishTwoForeignParentsMeanAge = 22.1;
    public const int ForeignBornSwedishCitizens = 1_441_583;
    public const int ForeignBornForeignCitizens = 758_655;
    public const int Nordic = 208_421;
    public const double NordicMeanAge = 60.4;
    public const int EuExceptNordic = 389_881;
    public const int EuropeOutsideEu = 349_672;
    public const int Africa = 254_011;
    public const int Asia = 857_879;
    public const int AmericasOceaniaUnknown = 140_374;

    /// <summary>Assumed mean age of the Swedish-born with one foreign-born parent.</summary>
    public const double SwedishOneForeignParentMeanAge = 33.0;

    /// <summary>The groups whose sizes add up to the total population.</summary>
    public static IReadOnlyList<PopulationGroup> Groups { get; } = BuildGroups();

    private static List<PopulationGroup> BuildGroups()
    {
        // Foreign-born: women by region from assumed shares, then the last region takes the remainder so the
        // foreign-born women total is exact.
        (BirthRegion Region, int Total, double WomenShare, double MeanAge)[] foreign =
        [
            (BirthRegion.Nordic, Nordic, 0.545, NordicMeanAge),
            (BirthRegion.EuExceptNordic, EuExceptNordic, 0.495, 45.0),
            (BirthRegion.EuropeOutsideEu, EuropeOutsideEu, 0.505, 47.5),
            (BirthRegion.Africa, Africa, 0.48, 35.0),
            (BirthRegion.Asia, Asia, 0.49, 39.5),
            (BirthRegion.AmericasOceaniaUnknown, AmericasOceaniaUnknown, 0.0, 0.0),
        ];
        var groups = new List<PopulationGroup>();
        var womenSoFar = 0;
        var ageSumSoFar = 0.0;
        foreach (var (region, total, share, meanAge) in foreign[..^1])
        {
            var women = (int)Math.Round(total * share);
            womenSoFar += women;
            ageSumSoFar += total * meanAge;
            groups.Add(new PopulationGroup(BackgroundGroup.ForeignBorn, region, total, women, meanAge, AgeProfile.ForeignBorn));
        }

        var lastAge = ((ForeignBornMeanAge * ForeignBorn) - ageSumSoFar) / AmericasOceaniaUnknown;
        groups.Add(new PopulationGroup(
            BackgroundGroup.ForeignBorn, BirthRegion.AmericasOceaniaUnknown, AmericasOceaniaUnknown,
            ForeignBornWomen - womenSoFar, lastAge, AgeProfile.ForeignBorn));

        // Swedish-born: the same share of women in every group, the remainder in the largest one.
        var nativeWomen = Women - ForeignBornWomen;
        var shareWomen = (double)nativeWomen / BornInSweden;
        var womenOne = (int)Math.Round(SwedishOneForeignParent * shareWomen);
        var womenTwo = (int)Math.Round(SwedishTwoForeignParents * shareWomen);
        var ageOneTwo = (SwedishOneForeignParent * SwedishOneForeignParentMeanAge) +
                        (SwedishTwoForeignParents * SwedishTwoForeignParentsMeanAge);
        var meanAgeSwedish = ((BornInSwedenMeanAge * BornInSweden) - ageOneTwo) / SwedishTwoSwedishParents;
        groups.Insert(0, new PopulationGroup(
            BackgroundGroup.SwedishTwoForeignParents, BirthRegion.Sweden, SwedishTwoForeignParents, womenTwo,
            SwedishTwoForeignParentsMeanAge, AgeProfile.SecondGeneration));
        groups.Insert(0, new PopulationGroup(
            BackgroundGroup.SwedishOneForeignParent, BirthRegion.Sweden, SwedishOneForeignParent, womenOne,
            SwedishOneForeignParentMeanAge, AgeProfile.MixedParents));
        groups.Insert(0, new PopulationGroup(
            BackgroundGroup.SwedishTwoSwedishParents, BirthRegion.Sweden, SwedishTwoSwedishParents,
            nativeWomen - womenOne - womenTwo, meanAgeSwedish, AgeProfile.SwedishBorn));
        return groups;
    }
}

using Barometer.Synthetic.Population;
using Barometer.Synthetic.Registers;

namespace Barometer.Synthetic.Validation;

/// <summary>A share in a group of the synthetic register, next to the figure SCB publishes where there is one (e.g. SCB, Integration – en beskrivning av läget i Sverige (2019)).</summary>
/// <param name="Name">What is measured.</param>
/// <param name="Value">The synthetic share.</param>
/// <param name="Reference">The published order of magnitude, or NaN.</param>
/// <param name="Persons">The size of the group.</param>
public sealed record OutcomeShare(string Name, double Value, double Reference, long Persons);

/// <summary>Key shares of the register variables by group: the gaps the generator builds in.</summary>
internal static class OutcomeCheck
{
    public static IReadOnlyList<OutcomeShare> Compute(PopulationRegister r, RegisterOutcomes o)
    {
        var rows = new List<OutcomeShare>();
        bool SwedishBorn(int i) => !r.IsForeignBorn(i);
        bool OutsideEuropeRecent(int i) => r.IsForeignBorn(i) && r.Countries[r.Country[i]].OutsideEurope && r.YearsInSweden(i) < 10;
        bool OutsideEuropeLong(int i) => r.IsForeignBorn(i) && r.Countries[r.Country[i]].OutsideEurope && r.YearsInSweden(i) >= 10;
        void Share(string name, Func<int, bool> group, Func<int, Flag> flag, double reference = double.NaN)
        {
            long n = 0, yes = 0;
            for (var i = 0; i < r.Count; i++)
            {
                if (group(i) && flag(i) != Flag.Missing)
                {
                    n++;
                    yes += flag(i) == Flag.Yes ? 1 : 0;
                }
            }

            rows.Add(new OutcomeShare(name, n == 0 ? double.NaN : (double)yes / n, reference, n));
        }

        Flag Working(int i) => r.Age(i) is >= 20 and <= 64 ? o.Employed[i] : Flag.Missing;
        Share("Employment 20–64, born in Sweden", SwedishBorn, Working, RegisterOutcomeGenerator.NativeEmploymentRate);
        Share("Employment 20–64, foreign-born", r.IsForeignBorn, Working, RegisterOutcomeGenerator.ForeignEmploymentRate);
        Share("Employment 20–64, born outside Europe, < 10 years", OutsideEuropeRecent, Working);
        Share("Employment 20–64, born outside Europe, 10+ years", OutsideEuropeLong, Working);
        Share("Voted 2022 Riksdag, born in Sweden", SwedishBorn, i => o.VotedRiksdag[i], 0.91);
        Share("Voted 2022 Riksdag, born outside Europe, < 10 years", OutsideEuropeRecent, i => o.VotedRiksdag[i], 0.68);
        Share("Voted 2022 Riksdag, born outside Europe, 10+ years", OutsideEuropeLong, i => o.VotedRiksdag[i]);
        Share("Crowded (norm 2), born in Sweden", SwedishBorn, i => o.Crowded[i], 0.02);
        Share("Crowded (norm 2), born outside Europe, < 10 years", OutsideEuropeRecent, i => o.Crowded[i], 0.31);
        Share("Crowded (norm 2), born outside Europe, 10+ years", OutsideEuropeLong, i => o.Crowded[i]);
        var sorted = o.DisposableIncomePerUnit.ToArray();
        Array.Sort(sorted);
        var median = sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
        Flag Low(int i) => o.DisposableIncomePerUnit[i] < 0.6 * median ? Flag.Yes : Flag.No;
        Share("Low economic standard, born in Sweden", SwedishBorn, Low);
        Share("Low economic standard, foreign-born", r.IsForeignBorn, Low);
        Flag Assistance(int i) => o.SocialAssistance[i] == RegisterOutcomes.Missing ? Flag.Missing : o.SocialAssistance[i] > 0 ? Flag.Yes : Flag.No;
        Share("Social assistance 18+, born in Sweden", SwedishBorn, Assistance);
        Share("Social assistance 18+, foreign-born", r.IsForeignBorn, Assistance);
        Share("Passed SFI, among starters", r.IsForeignBorn, i => o.SfiStarted[i] == Flag.Yes ? o.SfiPassed[i] : Flag.Missing);
        Share("Eligible upper secondary, born in Sweden", SwedishBorn, i => o.EligibleUpperSecondary[i]);
        Share("Eligible upper secondary, foreign-born", r.IsForeignBorn, i => o.EligibleUpperSecondary[i]);
        Share("Area type 1–2, born in Sweden", SwedishBorn, i => o.AreaType[i] <= 2 ? Flag.Yes : Flag.No);
        Share("Area type 1–2, born outside Europe", i => r.IsForeignBorn(i) && r.Countries[r.Country[i]].OutsideEurope, i => o.AreaType[i] <= 2 ? Flag.Yes : Flag.No);
        Share("Elected representative 18+, born in Sweden", SwedishBorn, i => r.Age(i) >= 18 ? o.ElectedRepresentative[i] : Flag.Missing);
        Share("Elected representative 18+, foreign-born", r.IsForeignBorn, i => r.Age(i) >= 18 ? o.ElectedRepresentative[i] : Flag.Missing);
        Share("NEET 16–25, born in Sweden", SwedishBorn, i => o.Neet[i]);
        Share("NEET 16–25, foreign-born", r.IsForeignBorn, i => o.Neet[i]);
        return rows;
    }
}

namespace Barometer.Synthetic.Registers;

/// <summary>
/// Register variables for the register indicators, one array per variable (index = person). Values that do not
/// apply to a person (a school result outside the cohort, voting without the right to vote) are missing:
/// <see cref="Missing"/> for whole numbers, <see cref="Flag.Missing"/> for flags.
/// </summary>
internal sealed class RegisterOutcomes(int count)
{
    public const int Missing = int.MinValue;

    /// <summary>Gainfully employed in November 2024 (RAMS/BAS), ages 16–74.</summary>
    public Flag[] Employed { get; } = new Flag[count];

    /// <summary>Earned income (förvärvsinkomst) 2024, SEK, ages 16+.</summary>
    public int[] EarnedIncome { get; } = new int[count];

    /// <summary>Disposable income per consumption unit (ekonomisk standard) 2024, SEK.</summary>
    public int[] DisposableIncomePerUnit { get; } = new int[count];

    /// <summary>Social assistance (ekonomiskt bistånd) received during 2024, SEK, ages 18+.</summary>
    public int[] SocialAssistance { get; } = new int[count];

    /// <summary>Total income (earned income, transfers and social assistance) 2024, SEK, ages 18+.</summary>
    public int[] TotalIncome { get; } = new int[count];

    /// <summary>Days registered as unemployed at Arbetsförmedlingen during 2024, ages 16–64.</summary>
    public int[] UnemploymentDays { get; } = new int[count];

    /// <summary>Length of the current unemployment spell at year end, months (0 when not unemployed), ages 16–64.</summary>
    public int[] UnemploymentSpellMonths { get; } = new int[count];

    /// <summary>Started Swedish for immigrants (SFI) since arrival; foreign-born who arrived 2010 or later aged 16+.</summary>
    public Flag[] SfiStarted { get; } = new Flag[count];

    /// <summary>Passed an SFI course, among those who started.</summary>
    public Flag[] SfiPassed { get; } = new Flag[count];

    /// <summary>Months from the SFI start to the pass, among those who passed.</summary>
    public int[] SfiMonthsToPass { get; } = new int[count];

    /// <summary>Voted in the 2022 Riksdag election (missing without the right to vote).</summary>
    public Flag[] VotedRiksdag { get; } = new Flag[count];

    /// <summary>Voted in the 2022 regional election.</summary>
    public Flag[] VotedRegion { get; } = new Flag[count];

    /// <summary>Voted in the 2022 municipal election.</summary>
    public Flag[] VotedMunicipal { get; } = new Flag[count];

    /// <summary>Elected representative (förtroendevald) in a municipality or region after the 2022 election, ages 18+.</summary>
    public Flag[] ElectedRepresentative { get; } = new Flag[count];

    /// <summary>Lives crowded (trångbodd) by norm 2.</summary>
    public Flag[] Crowded { get; } = new Flag[count];

    /// <summary>Area type of the RegSO area lived in (1 = major socio-economic challenges … 5 = very good conditions).</summary>
    public byte[] AreaType { get; } = new byte[count];

    /// <summary>Eligible for a national upper-secondary programme after grade 9 in 2024 (cohort aged 16).</summary>
    public Flag[] EligibleUpperSecondary { get; } = new Flag[count];

    /// <summary>Merit value (meritvärde, 0–340) after grade 9 in 2024 (cohort aged 16).</summary>
    public int[] MeritValue { get; } = new int[count];

    /// <summary>Completed upper secondary school within four years (cohort aged 19–20).</summary>
    public Flag[] CompletedUpperSecondary { get; } = new Flag[count];

    /// <summary>Eligible for higher education (cohort aged 19–20).</summary>
    public Flag[] EligibleHigherEducation { get; } = new Flag[count];

    /// <summary>Started higher education within three years of upper secondary school (ages 21–22).</summary>
    public Flag[] StartedHigherEducation { get; } = new Flag[count];

    /// <summary>Studying during 2024 (ages 16–25).</summary>
    public Flag[] InEducation { get; } = new Flag[count];

    /// <summary>Neither employed nor studying (NEET), ages 16–25.</summary>
    public Flag[] Neet { get; } = new Flag[count];

    /// <summary>Post-secondary educated employed in a job requiring post-secondary qualifications (skills match), ages 20–64.</summary>
    public Flag[] QualifiedJob { get; } = new Flag[count];

    /// <summary>Highest education level of the parents (same codes as the person's).</summary>
    public byte[] ParentsEducation { get; } = new byte[count];

    /// <summary>Year of the first SFI start (0 when never started).</summary>
    public short[] SfiStartYear { get; } = new short[count];

    /// <summary>Received an upper-secondary diploma or certificate in the reference year (cohort aged 19).</summary>
    public Flag[] UpperSecondaryLeaver { get; } = new Flag[count];

    /// <summary>Started upper secondary school four years before the reference year (cohort aged 20).</summary>
    public Flag[] UpperSecondaryStartCohort { get; } = new Flag[count];

    /// <summary>Upper-secondary diploma three years before the reference year (cohort aged 22).</summary>
    public Flag[] UpperSecondaryGraduate3YearsAgo { get; } = new Flag[count];

    /// <summary>Persons in the household (for consumption units and crowding).</summary>
    public byte[] HouseholdSize { get; } = new byte[count];
}

/// <summary>A truth value that may be missing.</summary>
internal enum Flag : byte
{
    Missing = 0,
    No = 1,
    Yes = 2,
}

using Barometer.Synthetic.Population;
using Barometer.Synthetic.Randomness;

namespace Barometer.Synthetic.Registers;

/// <summary>
/// Generates the register variables from each person's background. Every outcome is a logistic (or log-normal)
/// model in background, education, age, sex and years in Sweden plus a person-level latent resource z ~ N(0, 1)
/// shared by all outcomes (so employment, income and school results correlate). The gaps are built in on the
/// orders of magnitude of SCB, Integration – en beskrivning av läget i Sverige (2019) (turnout 68 % for born outside Europe with under ten years in Sweden vs
/// about 90 % for the Swedish-born; crowding 31 % vs 2 %) and narrow with years in Sweden. Employment rates of
/// ages 20–64 are pinned by solving the intercepts of the native-born and foreign-born (84 % and 66 %).
/// </summary>
internal sealed class RegisterOutcomeGenerator(ulong seed)
{
    public const double NativeEmploymentRate = 0.84;
    public const double ForeignEmploymentRate = 0.66;

    public RegisterOutcomes Generate(PopulationRegister r, IGenerationProgress progress)
    {
        const string phase = "registers";
        progress.Start(phase, r.Count);
        var outcomes = new RegisterOutcomes(r.Count);
        var employmentEta = new float[r.Count];
        Chunking.ForEachChunk(r.Count, (_, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                employmentEta[i] = (float)EmploymentPredictor(r, i, Resource(i));
            }
        });
        var nativeAlpha = SolveEmployment(r, employmentEta, foreign: false, NativeEmploymentRate);
        var foreignAlpha = SolveEmployment(r, employmentEta, foreign: true, ForeignEmploymentRate);
        var bigKommun = r.Municipalities.Select(m => m.Population >= 50_000).ToArray();
        var metropolitan = r.Municipalities.Select(m => m.CountyCode is "01" or "12" or "14").ToArray();
        Chunking.ForEachChunk(r.Count, (chunk, start, end) =>
        {
            var random = new RandomStream(seed, Phase.Registers, (ulong)chunk);
            for (var i = start; i < end; i++)
            {
                var alpha = r.IsForeignBorn(i) ? foreignAlpha : nativeAlpha;
                Person(r, outcomes, i, alpha + employmentEta[i], bigKommun[r.Municipality[i]], metropolitan[r.Municipality[i]], ref random);
            }
        }, n => progress.Advance(phase, n));
        progress.Complete(phase);
        return outcomes;
    }

    /// <summary>The person's latent resource z ~ N(0, 1), the same in every phase (counter-based).</summary>
    public double Resource(int person) => Normal(StreamKey.Uniform(seed, Phase.Latent, (ulong)person, 1));

    private static double SolveEmployment(PopulationRegister r, float[] eta, bool foreign, double rate)
    {
        var selected = new List<float>();
        for (var i = 0; i < r.Count; i++)
        {
            var age = r.Age(i);
            if (age is >= 20 and <= 64 && r.IsForeignBorn(i) == foreign)
            {
                selected.Add(eta[i]);
            }
        }

        return selected.Count == 0 ? 0 : InterceptCalibration.Solve([.. selected], rate * selected.Count);
    }

    private static double EmploymentPredictor(PopulationRegister r, int i, double z)
    {
        var age = r.Age(i);
        if (age is < 16 or > 74)
        {
            return -30;
        }

        var eta = 0.7 * z + EducationEffect(r.Education[i], -0.9, 0.45, -0.8);
        eta += age switch
        {
            <= 19 => -2.6,
            <= 24 => -0.6,
            <= 29 => -0.1,
            <= 54 => 0.0,
            <= 59 => -0.25,
            <= 64 => -0.9,
            <= 69 => -3.0,
            _ => -4.0,
        };
        var woman = r.Sex[i] == 2;
        if (r.IsForeignBorn(i))
        {
            eta += PlantedMunicipalEffects.EmploymentShift(r.Municipalities[r.Municipality[i]].Code);
            var region = r.Region(i);
            eta += region switch
            {
                BirthRegion.Nordic => -0.2,
                BirthRegion.EuExceptNordic => -0.3,
                BirthRegion.EuropeOutsideEu => -0.5,
                BirthRegion.Africa => -1.1,
                BirthRegion.Asia => -0.9,
                _ => -0.4,
            };
            eta += YearsEffect(r.YearsInSweden(i), -1.8, -1.0, -0.5, -0.2);
            eta += r.Ground[i] switch
            {
                ResidenceGround.Refugee => -0.3,
                ResidenceGround.Work => 1.3,
                ResidenceGround.Study => -0.6,
                ResidenceGround.Family => -0.2,
                _ => 0.0,
            };
            if (woman && region is BirthRegion.Africa or BirthRegion.Asia)
            {
                eta -= 0.5;
            }
        }
        else
        {
            eta -= woman ? 0.1 : 0.0;
            eta -= r.Background[i] == BackgroundGroup.SwedishTwoForeignParents ? 0.3 : 0.0;
        }

        return eta;
    }

    private void Person(PopulationRegister r, RegisterOutcomes o, int i, double employmentEta, bool bigKommun, bool metropolitan, ref RandomStream random)
    {
        var z = Resource(i);
        var age = r.Age(i);
        var woman = r.Sex[i] == 2;
        var foreign = r.IsForeignBorn(i);
        var years = r.YearsInSweden(i);
        var world = r.World(i);
        var outsideEurope = foreign && world is WorldRegion.Africa or WorldRegion.Asia or WorldRegion.NorthAmerica
            or WorldRegion.SouthAmerica or WorldRegion.Oceania or WorldRegion.Unknown;
        var secondGeneration = r.Background[i] == BackgroundGroup.SwedishTwoForeignParents;
        var parentsOutsideEurope = secondGeneration && r.FatherCountry[i] >= 0 && r.Countries[r.FatherCountry[i]].OutsideEurope;
        var education = r.Education[i];
        var arrivalAge = foreign ? r.ImmigrationYear[i] - r.BirthYear[i] : -1;

        // Parents' education: correlated with the person's resource; lower for parents born outside Europe.
        {
            var score = (0.6 * z) + (outsideEurope || parentsOutsideEurope ? -0.6 : 0.0) + (age >= 60 ? -0.8 : age >= 40 ? -0.3 : 0.0) + (0.8 * random.NextNormal());
            o.ParentsEducation[i] = foreign && random.NextDouble() < 0.25 ? (byte)EducationLevel.Missing
                : score < -1.0 ? (byte)EducationLevel.Primary : score < 0.3 ? (byte)EducationLevel.UpperSecondary : (byte)EducationLevel.PostSecondary;
        }

        // Household
        var household = HouseholdSize(age, outsideEurope || parentsOutsideEurope, ref random);
        o.HouseholdSize[i] = (byte)household;

        // Employment and income
        var employed = age is >= 16 and <= 74 && random.NextDouble() < InterceptCalibration.Logistic(employmentEta);
        o.Employed[i] = age is >= 16 and <= 74 ? (employed ? Flag.Yes : Flag.No) : Flag.Missing;
        var earned = 0.0;
        if (age >= 16)
        {
            if (employed)
            {
                var log = 12.55 + (0.3 * z) + EducationEffect(education, -0.15, 0.3, -0.2) + (woman ? -0.15 : 0.0)
                          + (age switch { <= 19 => -1.6, <= 24 => -0.7, <= 29 => -0.25, <= 49 => 0.0, <= 64 => 0.05, _ => -0.6 })
                          + (outsideEurope ? -0.2 : foreign ? -0.08 : 0.0) + (foreign ? YearsEffect(years, -0.5, -0.4, -0.15, -0.05) : 0.0)
                          + (0.5 * random.NextNormal());
                earned = Math.Min(8_000_000, Math.Exp(log));
            }
            else if (age >= 65)
            {
                var log = 12.1 + (0.2 * z) + EducationEffect(education, -0.1, 0.2, -0.2) + (foreign && arrivalAge >= 40 ? -0.35 : 0.0)
                          + (0.3 * random.NextNormal());
                earned = Math.Exp(log);
            }
            else if (random.NextDouble() < 0.75)
            {
                earned = Math.Exp(10.8 + random.NextNormal());
            }
        }

        o.EarnedIncome[i] = age >= 16 ? (int)Math.Round(earned) : RegisterOutcomes.Missing;

        // Social assistance
        var assistance = 0.0;
        if (age >= 18)
        {
            var eta = -3.3 - (0.8 * z) - (employed ? 1.6 : 0.0) + (outsideEurope ? 1.6 : foreign ? 0.6 : 0.0)
                      + (foreign ? YearsEffect(years, 0.6, 1.0, 0.6, 0.2) : 0.0) + (r.Ground[i] == ResidenceGround.Refugee ? 0.4 : 0.0)
                      + (age <= 24 ? 0.5 : age >= 65 ? -1.5 : 0.0) + (secondGeneration ? 0.5 : 0.0);
            if (random.NextDouble() < InterceptCalibration.Logistic(eta))
            {
                assistance = Math.Min(400_000, Math.Exp(Math.Log(45_000) + (0.8 * random.NextNormal())));
            }
        }

        o.SocialAssistance[i] = age >= 18 ? (int)Math.Round(assistance) : RegisterOutcomes.Missing;
        o.TotalIncome[i] = age >= 18 ? (int)Math.Round(earned + assistance) : RegisterOutcomes.Missing;

        // Economic standard: disposable income per consumption unit of the household.
        {
            var log = 12.5 + (0.25 * z) + (employed || age >= 65 ? 0.3 : 0.0) + EducationEffect(education, -0.1, 0.15, -0.1)
                      - (0.12 * Math.Max(0, household - 2)) - (outsideEurope || parentsOutsideEurope ? 0.22 : foreign ? 0.08 : 0.0)
                      + (foreign ? YearsEffect(years, -0.45, -0.35, -0.15, -0.05) : 0.0) + (assistance > 0 ? -0.3 : 0.0)
                      + (age is >= 20 and <= 24 ? -0.2 : 0.0) + (0.3 * random.NextNormal());
            o.DisposableIncomePerUnit[i] = (int)Math.Round(Math.Clamp(Math.Exp(log), 20_000, 20_000_000));
        }

        // Unemployment
        if (age is >= 16 and <= 64)
        {
            var eta = -2.9 - (0.6 * z) - (employed ? 1.2 : 0.0) + (outsideEurope ? 1.0 : foreign ? 0.4 : 0.0)
                      + (foreign ? YearsEffect(years, 1.2, 0.9, 0.4, 0.1) : 0.0) + (age is >= 20 and <= 24 ? 0.3 : age <= 19 ? -1.5 : 0.0)
                      + EducationEffect(education, 0.5, -0.3, 0.3);
            if (random.NextDouble() < InterceptCalibration.Logistic(eta))
            {
                var longTerm = !employed && random.NextDouble() < InterceptCalibration.Logistic(-0.9 + (outsideEurope ? 0.6 : 0.0) + (age >= 55 ? 0.7 : 0.0) - (0.4 * z));
                o.UnemploymentSpellMonths[i] = employed ? 0 : longTerm ? 13 + (int)(-12 * Math.Log(1 - random.NextDouble())) : 1 + random.NextInt(12);
                o.UnemploymentDays[i] = employed ? 20 + random.NextInt(180) : longTerm ? 366 : 30 + random.NextInt(336);
            }
        }
        else
        {
            o.UnemploymentDays[i] = RegisterOutcomes.Missing;
            o.UnemploymentSpellMonths[i] = RegisterOutcomes.Missing;
        }

        // SFI: foreign-born who arrived in 2010 or later aged 16 or more.
        o.SfiMonthsToPass[i] = RegisterOutcomes.Missing;
        if (foreign && r.ImmigrationYear[i] >= 2010 && arrivalAge >= 16 && world != WorldRegion.Nordic)
        {
            var startShare = r.Ground[i] switch
            {
                ResidenceGround.Refugee => 0.85,
                ResidenceGround.Family => 0.75,
                ResidenceGround.Work => 0.45,
                ResidenceGround.Study => 0.35,
                _ => 0.45,
            } * (years == 0 ? 0.45 : 1.0);
            var started = random.NextDouble() < startShare;
            o.SfiStarted[i] = started ? Flag.Yes : Flag.No;
            o.SfiStartYear[i] = started ? (short)Math.Min(r.ReferenceYear, r.ImmigrationYear[i] + (random.NextDouble() < 0.6 ? 0 : 1)) : (short)0;
            if (started)
            {
                var eta = 0.6 + EducationEffect(education, -0.9, 0.9, -0.5) + (0.5 * z) + (world == WorldRegion.Africa ? -0.6 : 0.0)
                          + (years >= 2 ? 0.5 : years == 0 ? -2.0 : -0.8);
                var passed = random.NextDouble() < InterceptCalibration.Logistic(eta);
                o.SfiPassed[i] = passed ? Flag.Yes : Flag.No;
                if (passed)
                {
                    var mean = education switch { EducationLevel.PostSecondary => 10.0, EducationLevel.Primary => 22.0, _ => 14.0 };
                    var months = 3 + (int)(-(mean - 3) * Math.Log(1 - random.NextDouble()));
                    o.SfiMonthsToPass[i] = Math.Min(months, Math.Max(3, (years * 12) + 6));
                }
            }
        }

        // Elections of 11 September 2022: age 18 by election day, resident by then.
        var adultIn2022 = r.BirthYear[i] <= 2004;
        var residentIn2022 = !foreign || r.ImmigrationYear[i] <= 2022;
        var citizen = r.Citizenship[i] == PopulationRegister.Sweden;
        var euNordicCitizen = !citizen && r.Citizenship[i] >= 0 && r.Countries[r.Citizenship[i]].World is WorldRegion.Nordic or WorldRegion.EuExceptNordic;
        var riksdagRight = adultIn2022 && residentIn2022 && citizen;
        var localRight = adultIn2022 && residentIn2022 && (citizen || euNordicCitizen || r.ImmigrationYear[i] <= 2019);
        var voteEta = 2.45 + (0.55 * z) + EducationEffect(education, -0.5, 0.5, -0.5)
                      + (age switch { <= 21 => -0.5, <= 27 => -0.4, <= 64 => 0.0, <= 79 => 0.3, _ => -0.3 })
                      + (secondGeneration ? -0.6 : 0.0);
        if (foreign)
        {
            voteEta += world switch
            {
                WorldRegion.Nordic => -0.8,
                WorldRegion.EuExceptNordic => -0.7,
                WorldRegion.EuropeOutsideEu => -0.8,
                _ => -0.95,
            };
            voteEta += years < 10 ? (outsideEurope ? -0.6 : -0.3) : 0.0;
        }

        var voteU = random.NextDouble();
        o.VotedRiksdag[i] = riksdagRight ? (voteU < InterceptCalibration.Logistic(voteEta) ? Flag.Yes : Flag.No) : Flag.Missing;
        var localEta = voteEta - 0.15 - (citizen ? 0.0 : 2.0);
        o.VotedMunicipal[i] = localRight ? (voteU < InterceptCalibration.Logistic(localEta) ? Flag.Yes : Flag.No) : Flag.Missing;
        o.VotedRegion[i] = localRight ? (voteU < InterceptCalibration.Logistic(localEta - 0.05) ? Flag.Yes : Flag.No) : Flag.Missing;
        if (age >= 18)
        {
            var eta = -6.0 + (0.5 * z) + (education == EducationLevel.PostSecondary ? 0.4 : 0.0) + (age is >= 40 and <= 74 ? 0.5 : 0.0)
                      - (foreign ? 0.8 + (years < 10 ? 0.7 : 0.0) : 0.0) - (secondGeneration ? 0.3 : 0.0) - (localRight ? 0.0 : 5.0);
            o.ElectedRepresentative[i] = random.NextDouble() < InterceptCalibration.Logistic(eta) ? Flag.Yes : Flag.No;
        }

        // Housing: crowding (norm 2) and the area type of the neighbourhood.
        {
            var eta = -4.3 + (outsideEurope ? 2.5 : foreign && world is WorldRegion.EuExceptNordic or WorldRegion.EuropeOutsideEu ? 1.3 : foreign ? 0.3 : 0.0)
                      + (parentsOutsideEurope ? 1.6 : 0.0) + (foreign ? YearsEffect(years, 1.0, 0.9, 0.5, 0.3) : 0.0) - (0.35 * z)
                      + (household >= 5 ? 1.2 : 0.0) + (age is >= 20 and <= 29 ? 0.3 : age >= 65 ? -0.8 : 0.0) + (metropolitan ? 0.3 : 0.0);
            o.Crowded[i] = random.NextDouble() < InterceptCalibration.Logistic(eta) ? Flag.Yes : Flag.No;
            var score = (outsideEurope || parentsOutsideEurope ? 1.1 : foreign ? 0.3 : 0.0) + (foreign && years < 10 ? 0.4 : 0.0)
                        - (0.5 * z) + random.NextNormal();
            var type = score > 2.2 ? 1 : score > 1.4 ? 2 : score > 0.0 ? 3 : score > -1.0 ? 4 : 5;
            o.AreaType[i] = (byte)(type <= 2 && !bigKommun ? 3 : type);
        }

        // Education outcomes of the cohorts.
        o.MeritValue[i] = RegisterOutcomes.Missing;
        var arrivalPenalty = !foreign ? (secondGeneration ? 0.5 : 0.0) : arrivalAge switch { <= 6 => 0.6, <= 12 => 1.2, <= 15 => 2.3, _ => 3.0 };
        if (age == 16 && (!foreign || arrivalAge <= 15))
        {
            var merit = 228 + (45 * z) + (woman ? 18 : -2) - (30 * arrivalPenalty) + (25 * random.NextNormal());
            merit = Math.Clamp(Math.Round(merit), 0, 340);
            o.MeritValue[i] = (int)merit;
            o.EligibleUpperSecondary[i] = merit + (20 * random.NextNormal()) > 150 ? Flag.Yes : Flag.No;
        }

        if (age is 19 or 20 or 22 && (!foreign || arrivalAge <= 16))
        {
            // The cohort aged 19 left upper secondary this year, the one aged 20 started four years ago, the one
            // aged 22 graduated three years ago.
            var completed = random.NextDouble() < InterceptCalibration.Logistic(1.7 + (0.9 * z) + (woman ? 0.3 : 0.0) - (0.8 * arrivalPenalty));
            var eligible = completed && random.NextDouble() < InterceptCalibration.Logistic(1.2 + (0.7 * z) + (woman ? 0.3 : 0.0));
            if (age == 19)
            {
                var leaver = completed || random.NextDouble() < 0.25;
                o.UpperSecondaryLeaver[i] = leaver ? Flag.Yes : Flag.No;
                o.EligibleHigherEducation[i] = leaver ? (eligible ? Flag.Yes : Flag.No) : Flag.Missing;
            }
            else if (age == 20)
            {
                o.UpperSecondaryStartCohort[i] = Flag.Yes;
                o.CompletedUpperSecondary[i] = completed ? Flag.Yes : Flag.No;
            }
            else
            {
                o.UpperSecondaryGraduate3YearsAgo[i] = completed ? Flag.Yes : Flag.No;
                o.StartedHigherEducation[i] = completed
                    ? (random.NextDouble() < InterceptCalibration.Logistic(-0.2 + (0.8 * z) + (woman ? 0.4 : 0.0) - (0.2 * arrivalPenalty) + (secondGeneration ? 0.2 : 0.0)) ? Flag.Yes : Flag.No)
                    : Flag.Missing;
            }
        }

        if (age is >= 16 and <= 25)
        {
            var studyShare = age switch { <= 18 => 0.95, 19 => 0.55, <= 22 => 0.45, _ => 0.32 } + (employed ? 0.0 : 0.3);
            var studying = random.NextDouble() < Math.Clamp(studyShare + (0.08 * z) - (foreign && years < 2 ? 0.15 : 0.0), 0.02, 0.99);
            o.InEducation[i] = studying ? Flag.Yes : Flag.No;
            o.Neet[i] = !studying && !employed ? Flag.Yes : Flag.No;
        }

        if (employed)
        {
            var eta = (education == EducationLevel.PostSecondary ? 1.2 : education == EducationLevel.UpperSecondary ? -1.1 : -2.4)
                      + (0.4 * z) - (outsideEurope ? 1.0 : foreign ? 0.3 : 0.0) - (foreign && years < 10 ? 0.6 : 0.0);
            o.QualifiedJob[i] = random.NextDouble() < InterceptCalibration.Logistic(eta) ? Flag.Yes : Flag.No;
        }
    }

    private static int HouseholdSize(int age, bool largeFamilies, ref RandomStream random)
    {
        ReadOnlySpan<double> cumulative = age switch
        {
            < 16 => [0, 0, 0.25, 0.7, 0.9, 1.0],
            <= 19 => [0.05, 0.1, 0.35, 0.75, 0.92, 1.0],
            <= 29 => [0.45, 0.8, 0.92, 0.98, 1.0, 1.0],
            <= 49 => [0.2, 0.4, 0.6, 0.88, 0.97, 1.0],
            <= 64 => [0.3, 0.8, 0.92, 0.98, 1.0, 1.0],
            _ => [0.42, 0.98, 1.0, 1.0, 1.0, 1.0],
        };
        var size = 1 + random.NextCategory(cumulative);
        if (largeFamilies && size >= 2)
        {
            size += random.NextDouble() < 0.35 ? 1 : 0;
            size += random.NextDouble() < 0.15 ? 2 : 0;
        }

        return size;
    }

    private static double EducationEffect(EducationLevel level, double primary, double post, double missing) => level switch
    {
        EducationLevel.Primary => primary,
        EducationLevel.PostSecondary => post,
        EducationLevel.Missing => missing,
        _ => 0.0,
    };

    /// <summary>Effect by years since immigration: 0–1, 2–3, 4–6, 7–9 years; none from ten years on.</summary>
    private static double YearsEffect(int years, double y01, double y23, double y46, double y79) => years switch
    {
        < 0 => 0.0,
        <= 1 => y01,
        <= 3 => y23,
        <= 6 => y46,
        <= 9 => y79,
        _ => 0.0,
    };

    /// <summary>Inverse of the standard normal distribution function (Acklam's rational approximation without refinement, absolute error below 1e-5: ample for generating data).</summary>
    public static double Normal(double p)
    {
        p = Math.Clamp(p, 1e-12, 1 - 1e-12);
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return TailNumerator(q) / TailDenominator(q);
        }

        if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -TailNumerator(q) / TailDenominator(q);
        }

        var c = p - 0.5;
        var r = c * c;
        var numerator = (((((((-3.969683028665376e+01 * r) + 2.209460984245205e+02) * r) - 2.759285104469687e+02) * r) + 1.383577518672690e+02) * r) - 3.066479806614716e+01;
        numerator = ((numerator * r) + 2.506628277459239e+00) * c;
        var denominator = (((((((-5.447609879822406e+01 * r) + 1.615858368580409e+02) * r) - 1.556989798598866e+02) * r) + 6.680131178355017e+01) * r) - 1.328068155533322e+01;
        denominator = (denominator * r) + 1;
        return numerator / denominator;
    }

    private static double TailNumerator(double q) =>
        (((((((((-7.784894002430293e-03 * q) - 3.223964580411365e-01) * q) - 2.400758277161838e+00) * q) - 2.549732539343734e+00) * q) + 4.374664141464968e+00) * q) + 2.938163982698783e+00;

    private static double TailDenominator(double q) =>
        (((((((7.784695709041462e-03 * q) + 3.224671290700398e-01) * q) + 2.445134137142996e+00) * q) + 3.754408661907416e+00) * q) + 1;
}

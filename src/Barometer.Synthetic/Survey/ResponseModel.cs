using Barometer.Synthetic.Population;
using Barometer.Synthetic.Randomness;
using Barometer.Synthetic.Registers;

namespace Barometer.Synthetic.Survey;

/// <summary>Unit nonresponse of the synthetic survey.</summary>
internal static class ResponseModel
{
    /// <summary>
    /// Response: logistic in background (lower among the foreign-born, recent arrivals, the young, men and the less
    /// educated) plus not-at-random parts the calibration cannot see (employment and institutional trust), with
    /// the intercept solved so the expected response rate of the gross sample is 45 %. The same function answers the
    /// generator's own samples and any gross sample drawn by <c>barometer draw</c> (<c>synth --respond</c>): the same
    /// person in the same wave has the same propensity and, in replicate 0, the same uniform.
    /// </summary>
    public static bool[] Respond(ulong seed, RegisterVariables variables, int wave, int[] persons, int replicate)
    {
        var r = variables.Register;
        var o = variables.Outcomes;
        var eta = new float[persons.Length];
        for (var k = 0; k < persons.Length; k++)
        {
            var i = persons[k];
            var age = wave - 1 - r.BirthYear[i];
            var foreign = r.IsForeignBorn(i);
            var years = foreign ? wave - 1 - r.ImmigrationYear[i] : 99;
            var e = (foreign ? -0.55 : 0.0) + (years < 4 ? -0.3 : 0.0)
                    + (age <= 29 ? -0.55 : age <= 44 ? -0.25 : age >= 65 ? 0.35 : 0.0)
                    + (r.Sex[i] == 1 ? -0.25 : 0.0)
                    + (r.Education[i] switch { EducationLevel.Primary => -0.45, EducationLevel.PostSecondary => 0.35, EducationLevel.Missing => -0.3, _ => 0.0 })
                    + (o.Employed[i] == Flag.Yes ? 0.15 : 0.0)
                    + (0.1 * RegisterOutcomeGenerator.Normal(StreamKey.Uniform(seed, Phase.Latent, (ulong)i, 100 + (ulong)Dimension.InstitutionalTrust)));
            eta[k] = (float)e;
        }

        var alpha = InterceptCalibration.Solve(eta, StratifiedSampler.TargetResponseRate * persons.Length);
        var responded = new bool[persons.Length];
        for (var k = 0; k < persons.Length; k++)
        {
            var u = StreamKey.Uniform(seed, Phase.Response, (ulong)wave, ((ulong)replicate << 32) | (uint)persons[k]);
            responded[k] = u < InterceptCalibration.Logistic(alpha + eta[k]);
        }

        return responded;
    }
}

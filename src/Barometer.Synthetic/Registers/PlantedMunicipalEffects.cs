namespace Barometer.Synthetic.Registers;

/// <summary>
/// What the synthetic world plants for expected-versus-actual to find (issue 20): in ten municipalities the
/// foreign-born's employment is shifted beyond what their composition (age, sex, education, region of birth, years in
/// Sweden, grounds for residence) explains, by ±0.24 on the logit scale (about ±5 percentage points at the
/// foreign-born's employment rate of about 66 %). Every other municipality has no effect beyond composition. The
/// foreign-born's national employment rate is still calibrated to its target afterwards, so the effects, which
/// roughly cancel, move the other municipalities only by a tiny amount.
/// </summary>
public static class PlantedMunicipalEffects
{
    /// <summary>The logit shift of a foreign-born person's employment.</summary>
    public const double EmploymentLogit = 0.24;

    /// <summary>Municipality code → +1 (better than expected) or −1 (worse than expected).</summary>
    public static IReadOnlyDictionary<string, int> Employment { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["0380"] = 1, // Uppsala
        ["0580"] = 1, // Linköping
        ["1880"] = 1, // Örebro
        ["2480"] = 1, // Umeå
        ["0680"] = 1, // Jönköping
        ["1280"] = -1, // Malmö
        ["1283"] = -1, // Helsingborg
        ["0780"] = -1, // Växjö
        ["1980"] = -1, // Västerås
        ["0181"] = -1, // Södertälje
    };

    /// <summary>The logit shift of a foreign-born person's employment in municipality <paramref name="code"/>.</summary>
    public static double EmploymentShift(string code) => Employment.TryGetValue(code, out var sign) ? sign * EmploymentLogit : 0.0;
}

namespace Barometer.Estimation.Sampling;

/// <summary>
/// Permanent random numbers (PRNs, Ohlsson 1995): each person of the frame gets one uniform number in (0, 1) that
/// is kept for as long as the person is in the register, and every sample is the persons with the smallest PRNs
/// counted from a start point. The number is a keyed hash (SplitMix64) of the seed and the person id, so the same
/// seed and id always give the same PRN; the store keeps the assigned numbers so that a later change of seed never
/// changes the PRN of a person who already has one.
/// </summary>
public static class PermanentRandomNumbers
{
    private const double Unit = 1.0 / (1UL << 53);

    /// <summary>The PRN of <paramref name="personId"/> under <paramref name="seed"/>: uniform in (0, 1), never 0 or 1.</summary>
    public static double For(ulong seed, long personId) => ToUnit(Mix(Mix(seed ^ 0x6A09E667F3BCC909UL) ^ unchecked((ulong)personId)));

    /// <summary>The start point of a wave's selection: uniform in [0, 1) from the seed and the wave.</summary>
    public static double StartPoint(ulong seed, int wave) => ToUnit(Mix(Mix(seed ^ 0xBB67AE8584CAA73BUL) ^ unchecked((ulong)wave))) - (0.5 * Unit);

    /// <summary>The PRN shifted to the start point: (prn - start) mod 1, the order in which a wave selects.</summary>
    public static double Shifted(double prn, double start)
    {
        var x = prn - start;
        return x < 0 ? x + 1.0 : x;
    }

    /// <summary>
    /// The key of an independent draw's order, derived from the wave's start point (itself a hash of the seed and the
    /// wave): hashing the start point's bits gives a 64-bit key per wave.
    /// </summary>
    public static ulong WaveKey(double start) => Mix(Mix(BitConverter.DoubleToUInt64Bits(start)) ^ 0x3C6EF372FE94F82BUL);

    /// <summary>
    /// The random number of <paramref name="personId"/> in one wave's independent draw: uniform in (0, 1), a hash of the
    /// wave key (<see cref="WaveKey"/>) and the person id, so independent of the person's PRN and of every other wave's
    /// numbers. Selecting the n_h smallest of these is simple random sampling without replacement whose selection is
    /// independent of earlier waves' (unlike shifting the PRNs' start point, which coordinates the waves).
    /// </summary>
    public static double WaveRandom(ulong waveKey, long personId) => ToUnit(Mix(waveKey ^ Mix(unchecked((ulong)personId) ^ 0xA54FF53A5F1D36F1UL)));

    /// <summary>SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijection of 64-bit words with good avalanche.</summary>
    internal static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static double ToUnit(ulong bits) => ((bits >> 11) + 0.5) * Unit;
}

using System.Runtime.CompilerServices;

namespace Barometer.Synthetic.Randomness;

/// <summary>
/// A small, fast, seedable pseudo-random stream (xoshiro256**, Blackman &amp; Vigna 2018) whose state is derived from
/// a seed and a stream key with SplitMix64. Streams are keyed (e.g. seed, phase, chunk index), so the output does
/// not depend on how chunks are scheduled over threads: the same seed gives the same numbers everywhere.
/// </summary>
internal struct RandomStream
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public RandomStream(ulong seed, ulong key1, ulong key2 = 0, ulong key3 = 0)
    {
        var x = StreamKey.Mix(seed, key1, key2, key3);
        _s0 = StreamKey.SplitMix(ref x);
        _s1 = StreamKey.SplitMix(ref x);
        _s2 = StreamKey.SplitMix(ref x);
        _s3 = StreamKey.SplitMix(ref x);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform number in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, count).</summary>
    public int NextInt(int count) => (int)((NextUInt64() >> 33) * (ulong)count >> 31);

    public bool NextBool(double probability) => NextDouble() < probability;

    /// <summary>A standard normal draw (Box–Muller, one value per call).</summary>
    public double NextNormal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Draws an index from cumulative weights (the last entry is the total).</summary>
    public int NextCategory(ReadOnlySpan<double> cumulative)
    {
        var u = NextDouble() * cumulative[^1];
        var lo = 0;
        var hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (u < cumulative[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

/// <summary>Counter-based hashing: a uniform number from a key without any state, for per-person draws.</summary>
internal static class StreamKey
{
    public static ulong Mix(ulong seed, ulong key1, ulong key2 = 0, ulong key3 = 0)
    {
        var x = seed ^ 0x9E3779B97F4A7C15UL;
        x = Finalize(x ^ (key1 * 0xBF58476D1CE4E5B9UL));
        x = Finalize(x ^ (key2 * 0x94D049BB133111EBUL));
        x = Finalize(x ^ (key3 * 0xD6E8FEB86659FD93UL));
        return x;
    }

    /// <summary>A uniform number in [0, 1) determined by the keys alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong seed, ulong key1, ulong key2 = 0, ulong key3 = 0) =>
        (Mix(seed, key1, key2, key3) >> 11) * (1.0 / (1UL << 53));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Finalize(state);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

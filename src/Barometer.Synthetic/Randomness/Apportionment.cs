namespace Barometer.Synthetic.Randomness;

/// <summary>Integer apportionment by largest remainders (Hamilton's method): the counts add up to the total exactly.</summary>
internal static class Apportionment
{
    public static int[] LargestRemainder(IReadOnlyList<double> weights, int total)
    {
        var sum = weights.Sum();
        var counts = new int[weights.Count];
        if (sum <= 0 || total <= 0)
        {
            return counts;
        }

        var remainders = new (double Remainder, int Index)[weights.Count];
        var assigned = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = weights[i] / sum * total;
            counts[i] = (int)Math.Floor(exact);
            assigned += counts[i];
            remainders[i] = (exact - counts[i], i);
        }

        // Ties go to the lower index, so the result is fully determined by the weights.
        Array.Sort(remainders, (a, b) => a.Remainder != b.Remainder ? b.Remainder.CompareTo(a.Remainder) : a.Index.CompareTo(b.Index));
        for (var k = 0; assigned < total; k++, assigned++)
        {
            counts[remainders[k % remainders.Length].Index]++;
        }

        return counts;
    }
}

/// <summary>
/// Work split into fixed chunks of persons, each with its own random stream keyed by (seed, phase, chunk), so
/// results do not depend on how many threads run the chunks or in which order.
/// </summary>
internal static class Chunking
{
    public const int ChunkSize = 1 << 16;

    public static int ChunkCount(int count) => (count + ChunkSize - 1) / ChunkSize;

    public static void ForEachChunk(int count, Action<int, int, int> body, Action<int>? onChunkDone = null)
    {
        var chunks = ChunkCount(count);
        Parallel.For(0, chunks, chunk =>
        {
            var start = chunk * ChunkSize;
            var end = Math.Min(count, start + ChunkSize);
            body(chunk, start, end);
            onChunkDone?.Invoke(end - start);
        });
    }

    /// <summary>A deterministic parallel sum: per-chunk partial sums added in chunk order.</summary>
    public static double Sum(int count, Func<int, int, double> chunkSum)
    {
        var partial = new double[ChunkCount(count)];
        ForEachChunk(count, (chunk, start, end) => partial[chunk] = chunkSum(start, end));
        var total = 0.0;
        foreach (var p in partial)
        {
            total += p;
        }

        return total;
    }
}

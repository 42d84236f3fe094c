namespace Barometer.Estimation.Sampling;

/// <summary>
/// The frame a sample is drawn from: for each person (row) the stratum index (or -1 when outside the frame), the
/// permanent random number, the person id, and how many waves ago the person was last sampled (0 = not in the
/// samples of the waves looked back on).
/// </summary>
/// <param name="StratumCount">H: the strata are 0 .. H-1.</param>
/// <param name="Stratum">The stratum of each row, or -1 for a row outside the frame.</param>
/// <param name="Prn">The permanent random number of each row, in (0, 1).</param>
/// <param name="PersonId">The person id of each row (ties of PRNs, which a 53-bit PRN practically never has, are broken by it).</param>
/// <param name="LastSampledWavesAgo">1 when the person was in the last wave's sample, 2 for the one before, …; 0 when in none of them. Null: no earlier samples.</param>
public sealed record SamplingFrame(int StratumCount, int[] Stratum, double[] Prn, long[] PersonId, byte[]? LastSampledWavesAgo);

/// <summary>How a draw is coordinated with the samples of earlier waves.</summary>
/// <param name="Kind">Independent, negative or panel.</param>
/// <param name="Waves">For negative coordination: avoid persons sampled in the last this many waves.</param>
/// <param name="PanelShare">For a panel: the share of each stratum's sample re-invited from the last wave's sample.</param>
public sealed record Coordination(CoordinationKind Kind, int Waves = 0, double PanelShare = 0)
{
    /// <summary>
    /// No coordination: the n_h smallest per-wave random numbers of each stratum
    /// (<see cref="PermanentRandomNumbers.WaveRandom"/>), not the PRNs, so the selection is independent of earlier waves'.
    /// </summary>
    public static Coordination Independent { get; } = new(CoordinationKind.Independent);

    /// <summary>Negative coordination: nobody sampled in the last <paramref name="waves"/> waves, where the stratum has enough others.</summary>
    public static Coordination Negative(int waves) => new(CoordinationKind.Negative, Waves: waves);

    /// <summary>A rotating panel: round(<paramref name="share"/> · n_h) of each stratum from the last wave's sample, the rest from the others.</summary>
    public static Coordination Panel(double share) => new(CoordinationKind.Panel, Waves: 1, PanelShare: share);
}

/// <summary>The kinds of <see cref="Coordination"/>.</summary>
public enum CoordinationKind
{
    /// <summary>No coordination with earlier samples.</summary>
    Independent,

    /// <summary>Avoid persons sampled in the last waves.</summary>
    Negative,

    /// <summary>Re-invite a share of the last wave's sample.</summary>
    Panel,
}

/// <summary>What a draw did in one stratum.</summary>
/// <param name="Population">N_h: persons of the frame in the stratum.</param>
/// <param name="Sample">n_h: persons drawn.</param>
/// <param name="PreviouslySampled">Persons of the stratum in the samples of the waves looked back on (the last wave for a panel or an independent draw).</param>
/// <param name="Overlap">Drawn persons who were in those samples.</param>
/// <param name="ExpectedOverlapIndependent">The expected overlap had the draw been independent: n_h · previously sampled / N_h.</param>
/// <param name="Feasible">False when the coordination could not be met (too few persons outside the earlier samples, or too few in the last wave's sample for the panel share).</param>
public sealed record StratumDraw(int Population, int Sample, int PreviouslySampled, int Overlap, double ExpectedOverlapIndependent, bool Feasible);

/// <summary>A drawn sample: the selected rows, stratum by stratum in PRN order, and a summary per stratum.</summary>
/// <param name="Rows">Selected rows of the frame.</param>
/// <param name="Strata">Per stratum: N_h, n_h, overlap with earlier samples and whether the coordination was met.</param>
public sealed record DrawnSelection(int[] Rows, IReadOnlyList<StratumDraw> Strata);

/// <summary>
/// Stratified simple random sampling without replacement by permanent random numbers (sequential srswor, Ohlsson
/// 1995): in each stratum the n_h persons with the smallest PRN shifted to the wave's start point,
/// (PRN − start) mod 1. Since the PRNs are independent uniforms, the n_h smallest of them are a simple random sample
/// without replacement, so π_i = n_h / N_h. An independent draw orders by per-wave random numbers instead
/// (<see cref="PermanentRandomNumbers.WaveRandom"/> of the wave key from the start point and the person id): with the
/// PRNs fixed, moving only the start point would make two waves' samples overlap all or nothing (start-point shifting
/// is a coordination method, Ohlsson 1995), whereas fresh numbers per wave make the selections independent. Coordination restricts the order to a pool first: for negative
/// coordination the persons not sampled in the last k waves (then, only when the pool is smaller than n_h, the
/// rest in PRN order), for a panel round(share · n_h) from the last wave's sample and the rest from the others.
/// Both rules treat every person of a stratum alike, so with stratum sizes and sample sizes unchanged between waves
/// the marginal inclusion probability stays n_h / N_h.
/// </summary>
public static class SampleDrawer
{
    /// <summary>Draws <paramref name="allocation"/>[h] persons from each stratum h of <paramref name="frame"/>.</summary>
    /// <exception cref="ArgumentException">An allocation larger than its stratum, a negative one, or a wrong number of strata.</exception>
    public static DrawnSelection Draw(SamplingFrame frame, IReadOnlyList<int> allocation, double start, Coordination coordination) =>
        Select(frame, allocation, start, coordination, null, null);

    /// <summary>
    /// Draws <paramref name="allocation"/>[h] persons from each stratum h when <paramref name="candidates"/> holds only
    /// part of the frame: for each stratum and each of its two pools (sampled in the waves the coordination looks back
    /// on, or not) at least the allocation's number of persons first in the draw's order, or the whole pool when it is
    /// smaller. Those include everyone the full frame's draw selects, so the selection is the same; the strata sizes
    /// N_h and the persons previously sampled per stratum, which the candidates cannot give, are passed in.
    /// </summary>
    /// <exception cref="ArgumentException">An allocation larger than its stratum, a negative one, or a wrong number of strata.</exception>
    public static DrawnSelection Draw(SamplingFrame candidates, IReadOnlyList<int> allocation, double start, Coordination coordination,
        IReadOnlyList<int> population, IReadOnlyList<int> previouslySampled)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(previouslySampled);
        return Select(candidates, allocation, start, coordination, population, previouslySampled);
    }

    private static DrawnSelection Select(SamplingFrame frame, IReadOnlyList<int> allocation, double start, Coordination coordination,
        IReadOnlyList<int>? givenPopulation, IReadOnlyList<int>? givenPrevious)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(coordination);
        var h = frame.StratumCount;
        if (allocation.Count != h)
        {
            throw new ArgumentException($"the allocation has {allocation.Count} strata, the frame {h}.", nameof(allocation));
        }

        var lookBack = coordination.Kind switch
        {
            CoordinationKind.Negative => coordination.Waves,
            _ => 1,
        };
        var ago = frame.LastSampledWavesAgo;
        var independent = coordination.Kind == CoordinationKind.Independent;
        var waveKey = PermanentRandomNumbers.WaveKey(start);
        if ((givenPopulation is not null && givenPopulation.Count != h) || (givenPrevious is not null && givenPrevious.Count != h))
        {
            throw new ArgumentException($"the strata sizes are given for {givenPopulation?.Count} strata and the previously sampled for {givenPrevious?.Count}, the frame has {h}.", nameof(allocation));
        }

        var population = givenPopulation?.ToArray() ?? new int[h];
        var previous = givenPrevious?.ToArray() ?? new int[h];
        var count = givenPopulation is null;
        // Two pools per stratum: preferred (first) and the rest; each keeps its n_h smallest shifted PRNs.
        var preferred = new Pool[h];
        var rest = new Pool[h];
        for (var s = 0; s < h; s++)
        {
            if (allocation[s] < 0)
            {
                throw new ArgumentException($"the allocation of stratum {s} is negative.", nameof(allocation));
            }

            preferred[s] = new Pool(allocation[s]);
            rest[s] = new Pool(allocation[s]);
        }

        for (var i = 0; i < frame.Stratum.Length; i++)
        {
            var s = frame.Stratum[i];
            if (s < 0)
            {
                continue;
            }

            var wasSampled = ago is not null && ago[i] > 0 && ago[i] <= lookBack;
            if (count)
            {
                population[s]++;
                if (wasSampled)
                {
                    previous[s]++;
                }
            }

            var key = independent
                ? PermanentRandomNumbers.WaveRandom(waveKey, frame.PersonId[i])
                : PermanentRandomNumbers.Shifted(frame.Prn[i], start);
            var first = coordination.Kind switch
            {
                CoordinationKind.Negative => !wasSampled,
                CoordinationKind.Panel => wasSampled,
                _ => true,
            };
            (first ? preferred[s] : rest[s]).Offer(key, frame.PersonId[i], i);
        }

        var rows = new List<int>();
        var strata = new StratumDraw[h];
        for (var s = 0; s < h; s++)
        {
            var n = allocation[s];
            if (n > population[s])
            {
                throw new ArgumentException($"the allocation of stratum {s} ({n}) is larger than the stratum (N_h = {population[s]}).", nameof(allocation));
            }

            var fromFirst = coordination.Kind == CoordinationKind.Panel
                ? (int)Math.Round(coordination.PanelShare * n, MidpointRounding.AwayFromZero)
                : n;
            var a = preferred[s].Smallest();
            var b = rest[s].Smallest();
            var takeA = Math.Min(fromFirst, a.Count);
            var feasible = takeA == fromFirst;
            var takeB = Math.Min(n - takeA, b.Count);
            if (takeA + takeB < n)
            {
                // The panel pool is short or the rest is: fill from the other pool.
                takeA = n - takeB;
                feasible = false;
            }

            var chosen = a.Take(takeA).Concat(b.Take(takeB)).OrderBy(x => x.Key).ThenBy(x => x.Id).ToList();
            var overlap = 0;
            foreach (var c in chosen)
            {
                rows.Add(c.Row);
                if (ago is not null && ago[c.Row] > 0 && ago[c.Row] <= lookBack)
                {
                    overlap++;
                }
            }

            var expected = population[s] == 0 ? 0 : (double)n * previous[s] / population[s];
            strata[s] = new StratumDraw(population[s], n, previous[s], overlap, expected, feasible);
        }

        return new DrawnSelection([.. rows], strata);
    }

    private readonly record struct Candidate(double Key, long Id, int Row);

    /// <summary>Keeps the <c>capacity</c> candidates with the smallest (key, id).</summary>
    private sealed class Pool(int capacity)
    {
        private static readonly IComparer<(double Key, long Id)> Largest =
            Comparer<(double Key, long Id)>.Create((x, y) => y.CompareTo(x));

        private readonly PriorityQueue<Candidate, (double Key, long Id)> _heap = new(Largest);

        public void Offer(double key, long id, int row)
        {
            if (capacity == 0)
            {
                return;
            }

            if (_heap.Count < capacity)
            {
                _heap.Enqueue(new Candidate(key, id, row), (key, id));
                return;
            }

            _heap.TryPeek(out _, out var worst);
            if ((key, id).CompareTo(worst) < 0)
            {
                _heap.EnqueueDequeue(new Candidate(key, id, row), (key, id));
            }
        }

        public List<Candidate> Smallest() =>
            [.. _heap.UnorderedItems.Select(x => x.Element).OrderBy(c => c.Key).ThenBy(c => c.Id)];
    }
}

using Barometer.Synthetic.Population;
using Barometer.Synthetic.Randomness;
using Barometer.Synthetic.Registers;

namespace Barometer.Synthetic.Survey;

/// <summary>One stratum of the survey design.</summary>
/// <param name="Code">The stratum code, e.g. <c>F5-2-A</c> (region of birth 5 = Asia, years band 2 = 4–9, area A = Stockholm) or <c>N-A</c>.</param>
/// <param name="Population">N_h: persons of the frame in the stratum.</param>
/// <param name="Sample">n_h: persons drawn.</param>
internal sealed record Stratum(string Code, int Population, int Sample);

/// <summary>A drawn gross sample: frame persons, their stratum and whether they responded.</summary>
internal sealed record DrawnSample(int Wave, IReadOnlyList<Stratum> Strata, int[] Persons, int[] StratumOf, bool[] Responded);

/// <summary>
/// The survey design of a wave. Frame: persons 16–84 on 31 December of the year before the wave who lived in
/// Sweden then. Strata: region of birth (six groups) × years in Sweden (0–3, 4–9, 10+) × area (A Stockholm county,
/// B Skåne and Västra Götaland, C the rest) for the foreign-born, and a native-born comparison stratum per area.
/// Allocation: a fifth of the sample to the native-born in proportion to size, four fifths to the foreign-born
/// strata in proportion to √N_h (oversampling small groups); at least four per stratum, never more than N_h.
/// Selection: simple random sampling without replacement within strata (the n_h smallest of a keyed uniform).
/// Sample size: 40,000 at full scale, scaled with --scale but at least 8,000 (so small demo scales still give
/// usable cells), and at most 40 % of the frame.
/// </summary>
internal sealed class StratifiedSampler
{
    public const int FullScaleSampleSize = 40_000;
    public const int MinimumSampleSize = 8_000;
    public const double MaximumSamplingFraction = 0.4;
    public const double TargetResponseRate = 0.45;
    public const int MinimumAge = 16;
    public const int MaximumAge = 84;

    private readonly ulong _seed;
    private readonly RegisterVariables _variables;
    private readonly int[][] _members;
    private readonly string[] _codes;
    private readonly int[] _allocation;

    public StratifiedSampler(ulong seed, double scale, RegisterVariables variables, int wave)
    {
        _seed = seed;
        _variables = variables;
        Wave = wave;
        var r = variables.Register;
        var codes = new List<string>();
        var index = new Dictionary<int, int>();
        var lists = new List<List<int>>();
        for (var i = 0; i < r.Count; i++)
        {
            var age = wave - 1 - r.BirthYear[i];
            if (age is < MinimumAge or > MaximumAge || (r.IsForeignBorn(i) && r.ImmigrationYear[i] > wave - 1))
            {
                continue;
            }

            // The stratum's code is a function of this key; it is formatted once per stratum, not per person.
            var key = StratumKey(r, i, wave);
            if (!index.TryGetValue(key, out var h))
            {
                h = codes.Count;
                index[key] = h;
                codes.Add(StratumCode(r, i, wave));
                lists.Add([]);
            }

            lists[h].Add(i);
        }

        var order = Enumerable.Range(0, codes.Count).OrderBy(h => codes[h], StringComparer.Ordinal).ToArray();
        _codes = order.Select(h => codes[h]).ToArray();
        _members = order.Select(h => lists[h].ToArray()).ToArray();
        FrameSize = _members.Sum(m => m.Length);
        SampleSize = (int)Math.Min(Math.Max(Math.Round(FullScaleSampleSize * scale), MinimumSampleSize), Math.Floor(MaximumSamplingFraction * FrameSize));
        _allocation = Allocate();
    }

    public int Wave { get; }

    public int FrameSize { get; }

    public int SampleSize { get; }

    /// <summary>Frame persons by stratum, for the truth and the calibration totals.</summary>
    public IEnumerable<int> FramePersons => _members.SelectMany(m => m);

    public static string StratumCode(PopulationRegister r, int i, int wave)
    {
        var county = r.Municipalities[r.Municipality[i]].CountyCode;
        var area = county == "01" ? "A" : county is "12" or "14" ? "B" : "C";
        if (!r.IsForeignBorn(i))
        {
            return "N-" + area;
        }

        var years = wave - 1 - r.ImmigrationYear[i];
        var band = years <= 3 ? 1 : years <= 9 ? 2 : 3;
        return $"F{(int)r.Region(i)}-{band}-{area}";
    }

    /// <summary>A whole number that identifies <see cref="StratumCode"/>: area, and region of birth and years band for the foreign-born.</summary>
    private static int StratumKey(PopulationRegister r, int i, int wave)
    {
        var county = r.Municipalities[r.Municipality[i]].CountyCode;
        var area = county == "01" ? 0 : county is "12" or "14" ? 1 : 2;
        if (!r.IsForeignBorn(i))
        {
            return area;
        }

        var years = wave - 1 - r.ImmigrationYear[i];
        var band = years <= 3 ? 1 : years <= 9 ? 2 : 3;
        return 3 + (((((int)r.Region(i) * 4) + band) * 3) + area);
    }

    private int[] Allocate()
    {
        var sizes = _members.Select(m => m.Length).ToArray();
        var native = _codes.Select(c => c.StartsWith('N')).ToArray();
        var nativeTotal = (int)Math.Round(SampleSize * 0.2);
        var weights = sizes.Select((n, h) => native[h] ? 0.0 : Math.Sqrt(n)).ToArray();
        var allocation = new int[sizes.Length];
        // Native-born in proportion to size, foreign-born in proportion to √N_h; cap at N_h and hand the excess on.
        var nativeIdx = Enumerable.Range(0, sizes.Length).Where(h => native[h]).ToArray();
        var foreignIdx = Enumerable.Range(0, sizes.Length).Where(h => !native[h]).ToArray();
        Distribute(nativeIdx, nativeIdx.Select(h => (double)sizes[h]).ToArray(), nativeTotal, sizes, allocation);
        Distribute(foreignIdx, foreignIdx.Select(h => weights[h]).ToArray(), SampleSize - nativeTotal, sizes, allocation);
        return allocation;
    }

    private static void Distribute(int[] strata, double[] weights, int total, int[] sizes, int[] allocation)
    {
        var open = strata.Select((h, k) => (h, k)).ToList();
        var remaining = total;
        while (open.Count > 0 && remaining > 0)
        {
            var counts = Apportionment.LargestRemainder(open.Select(o => weights[o.k]).ToList(), remaining);
            var capped = false;
            for (var j = 0; j < open.Count; j++)
            {
                var h = open[j].h;
                var wanted = Math.Max(counts[j], Math.Min(4, sizes[h]));
                if (wanted >= sizes[h])
                {
                    allocation[h] = sizes[h];
                    remaining -= sizes[h];
                    open.RemoveAt(j);
                    capped = true;
                    break;
                }
            }

            if (!capped)
            {
                for (var j = 0; j < open.Count; j++)
                {
                    allocation[open[j].h] = Math.Max(counts[j], Math.Min(4, sizes[open[j].h]));
                }

                return;
            }
        }
    }

    /// <summary>Draws a sample: replicate 0 is the published wave; other replicates are independent redraws (coverage simulation).</summary>
    public DrawnSample Draw(int replicate)
    {
        var persons = new List<int>();
        var strata = new List<int>();
        for (var h = 0; h < _members.Length; h++)
        {
            var members = _members[h];
            var n = _allocation[h];
            if (n == 0)
            {
                continue;
            }

            var keyed = new (double Key, int Person)[members.Length];
            for (var k = 0; k < members.Length; k++)
            {
                keyed[k] = (StreamKey.Uniform(_seed, Phase.Sample, (ulong)Wave, ((ulong)replicate << 32) | (uint)members[k]), members[k]);
            }

            Array.Sort(keyed, (a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Person.CompareTo(b.Person));
            var chosen = keyed.Take(n).Select(x => x.Person).Order().ToArray();
            persons.AddRange(chosen);
            strata.AddRange(Enumerable.Repeat(h, n));
        }

        var p = persons.ToArray();
        var s = strata.ToArray();
        return new DrawnSample(Wave, _codes.Select((c, h) => new Stratum(c, _members[h].Length, _allocation[h])).ToList(), p, s, Respond(p, replicate));
    }

    internal bool[] Respond(int[] persons, int replicate) => ResponseModel.Respond(_seed, _variables, Wave, persons, replicate);
}

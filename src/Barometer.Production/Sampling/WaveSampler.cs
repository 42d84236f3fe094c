using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Barometer.Catalogue;
using Barometer.Estimation.Sampling;
using Barometer.Storage;
using Barometer.Storage.Sampling;

namespace Barometer.Production.Sampling;

/// <summary>What a draw did: the files written, the PRNs assigned and the overlap per stratum.</summary>
public sealed record DrawReport(int Wave, string SampleFile, string OverlapFile, long PrnsAssigned, int Persons, IReadOnlyList<(string Stratum, StratumDraw Draw)> Strata)
{
    /// <summary>Seconds per phase of the draw (checks, PRN assignment, frame, selection, sample file), for the benchmark.</summary>
    public IReadOnlyList<(string Phase, double Seconds)> Phases { get; init; } = [];
}

/// <summary>
/// <c>barometer draw</c>: the gross sample of a wave from the frame in the store, by permanent random numbers
/// (<see cref="SampleDrawer"/>), in one transaction: PRNs for persons who have none, the record of the draw and its
/// persons. The sample file (the gross sample in the format <c>barometer ingest</c> reads: person_id, wave,
/// stratum, stratum_population, stratum_sample_size, inclusion_probability, design_weight, responded — empty until
/// fieldwork — and the register's background variables) and the overlap report are written next to their final
/// names and moved there only after the commit, so a refused draw leaves neither store nor files behind.
/// </summary>
public static class WaveSampler
{
    public const string SampleFileName = "sample.csv";
    public const string OverlapFileName = "overlap.csv";

    public static DrawReport Draw(BarometerStore store, IndicatorCatalogue catalogue, SampleDesignFile design, int wave, string allocationPath, ulong seed,
        Coordination coordination, string outFolder)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(coordination);
        var allocation = AllocationPlan.ReadGross(allocationPath);
        var allocationSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(allocationPath)));
        Directory.CreateDirectory(outFolder);
        var samplePath = Path.Combine(outFolder, SampleFileName);
        var overlapPath = Path.Combine(outFolder, OverlapFileName);
        var sampleTemp = samplePath + ".partial";
        var overlapTemp = overlapPath + ".partial";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var phases = new List<(string Phase, double Seconds)>();
        void Phase(string name)
        {
            phases.Add((name, clock.Elapsed.TotalSeconds));
            clock.Restart();
        }

        try
        {
            var report = store.InTransaction(tx =>
            {
                if (SampleStore.ExistingSample(store, tx, wave) is { } existing)
                {
                    throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
                        $"--wave: wave {wave} already has a sample ({existing}); a wave is drawn once. Nothing was written."));
                }

                if (coordination.Kind != CoordinationKind.Independent && !SampleStore.HasPrns(store, tx))
                {
                    throw new ProductionException(
                        $"--coordination {coordination.Kind.ToString().ToLowerInvariant()}: the frame has no permanent random numbers; coordination with earlier waves needs the PRNs their draws assigned. Draw without coordination first (the PRNs are assigned then). Nothing was written.");
                }

                Phase("checks");
                long assigned;
                try
                {
                    assigned = SampleStore.AssignPrns(store, tx, seed, id => PermanentRandomNumbers.For(seed, id));
                }
                catch (StoreException ex)
                {
                    throw new ProductionException($"{design.Path}: {ex.Message}", ex);
                }

                Phase("PRNs");
                var lookBack = coordination.Kind == CoordinationKind.Negative ? coordination.Waves : 1;
                var start = PermanentRandomNumbers.StartPoint(seed, wave);
                var waveKey = PermanentRandomNumbers.WaveKey(start);
                var requested = allocation.GroupBy(a => a.Stratum, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Gross, StringComparer.Ordinal);
                DrawFrameRows frame;
                try
                {
                    frame = SampleStore.DrawFrame(store, tx, design.Strata, design.MinAge, design.MaxAge, wave, lookBack, requested, start,
                        coordination.Kind == CoordinationKind.Independent ? id => PermanentRandomNumbers.WaveRandom(waveKey, id) : null);
                }
                catch (StoreException ex)
                {
                    throw new ProductionException($"{design.Path}: {ex.Message}", ex);
                }

                Phase("frame and candidates");
                var codes = frame.Codes.ToList();
                var index = codes.Select((c, h) => (c, h)).ToDictionary(x => x.c, x => x.h, StringComparer.Ordinal);
                var n = new int[codes.Count];
                foreach (var (stratum, gross) in allocation)
                {
                    if (!index.TryGetValue(stratum, out var h))
                    {
                        throw new ProductionException($"{allocationPath}: stratum '{stratum}' is not a stratum of the frame (the design's strata are {string.Join(", ", codes.Take(12))}{(codes.Count > 12 ? ", …" : "")}). Nothing was written.");
                    }

                    if (gross > frame.Population[h])
                    {
                        throw new ProductionException(string.Create(CultureInfo.InvariantCulture,
                            $"{allocationPath}: stratum '{stratum}', column gross: {gross} is more than the stratum's {frame.Population[h]} persons (N_h) in the frame. Nothing was written."));
                    }

                    n[h] = gross;
                }

                var candidates = new SamplingFrame(codes.Count, frame.Stratum, frame.Prn, frame.PersonId, frame.LastSampledWavesAgo);
                var drawn = SampleDrawer.Draw(candidates, n, start, coordination, frame.Population, frame.PreviouslySampled);
                var ids = drawn.Rows.Select(r => frame.PersonId[r]).ToList();
                var strata = drawn.Rows.Select(r => codes[frame.Stratum[r]]).ToList();
                SampleStore.RecordDraw(store, tx, new SampleDrawRecord(wave, seed, start, Describe(coordination), allocationSha, SampleStore.RegisterTable(store, tx), ids, strata));
                Phase("selection and record");
                var background = catalogue.RegisterVariables.Where(v => v.Background && v.Name != "person_id").Select(v => v.Name).ToList();
                var (columns, rows) = SampleStore.DrawnPersons(store, tx, wave, background);
                WriteSample(sampleTemp, wave, columns, rows, codes, drawn);
                WriteOverlap(overlapTemp, codes, drawn);
                Phase("sample file");
                return new DrawReport(wave, samplePath, overlapPath, assigned, ids.Count, [.. codes.Select((c, h) => (c, drawn.Strata[h]))]) { Phases = phases };
            });
            File.Move(sampleTemp, samplePath, overwrite: true);
            File.Move(overlapTemp, overlapPath, overwrite: true);
            Phase("commit");
            return report with { Phases = phases };
        }
        finally
        {
            File.Delete(sampleTemp);
            File.Delete(overlapTemp);
        }
    }

    private static string Describe(Coordination c) => c.Kind switch
    {
        CoordinationKind.Negative => string.Create(CultureInfo.InvariantCulture, $"negative:{c.Waves}"),
        CoordinationKind.Panel => string.Create(CultureInfo.InvariantCulture, $"panel:{c.PanelShare:R}"),
        _ => "independent",
    };

    private static void WriteSample(string path, int wave, IReadOnlyList<string> columns, List<object?[]> rows, List<string> codes, DrawnSelection drawn)
    {
        var byCode = codes.Select((c, h) => (c, drawn.Strata[h])).ToDictionary(x => x.c, x => x.Item2, StringComparer.Ordinal);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("person_id,wave,stratum,stratum_population,stratum_sample_size,inclusion_probability,design_weight,responded");
        foreach (var c in columns)
        {
            writer.Write(',');
            writer.Write(c);
        }

        writer.Write('\n');
        foreach (var row in rows)
        {
            var s = byCode[(string)row[1]!];
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{row[0]},{wave},{row[1]},{s.Population},{s.Sample},{(double)s.Sample / s.Population:R},{(double)s.Population / s.Sample:R},"));
            for (var c = 2; c < row.Length; c++)
            {
                writer.Write(',');
                writer.Write(Field(row[c]));
            }

            writer.Write('\n');
        }
    }

    private static string Field(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s when s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        _ => value.ToString() ?? "",
    };

    private static void WriteOverlap(string path, List<string> codes, DrawnSelection drawn)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("stratum,population,sample,previously_sampled,overlap,expected_overlap_independent,coordination_met\n");
        for (var h = 0; h < codes.Count; h++)
        {
            var s = drawn.Strata[h];
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{codes[h]},{s.Population},{s.Sample},{s.PreviouslySampled},{s.Overlap},{s.ExpectedOverlapIndependent:F2},{(s.Feasible ? "true" : "false")}\n"));
        }

        var total = drawn.Strata;
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"total,{total.Sum(s => (long)s.Population)},{total.Sum(s => s.Sample)},{total.Sum(s => s.PreviouslySampled)},{total.Sum(s => s.Overlap)},{total.Sum(s => s.ExpectedOverlapIndependent):F2},{(total.All(s => s.Feasible) ? "true" : "false")}\n"));
    }
}

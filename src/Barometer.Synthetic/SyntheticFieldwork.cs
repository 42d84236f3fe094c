using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Barometer.Catalogue;
using Barometer.Synthetic.Output;
using Barometer.Synthetic.Survey;
using Barometer.Synthetic.Truth;

namespace Barometer.Synthetic;

/// <summary>A gross sample file could not be fielded: the message names the file, row and column and what was expected.</summary>
public sealed class SampleFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Fields a gross sample that <c>barometer draw</c> made from a synthetic register (<c>synth --respond</c>): the
/// synthetic world of the same seed and scale is regenerated, every drawn person answers through the generator's
/// own response and answer models (the same person, wave and seed give the same propensity, latent traits and
/// answers as in the generator's samples), and the wave's survey files — the gross sample with <c>responded</c>
/// filled, the respondents' answers and a codebook — are written as <c>barometer ingest --survey</c> reads them.
/// The strata, N_h and n_h are the drawn file's; background variables are the register extract's (31 December 2024),
/// like the frame the sample was drawn from and the register's calibration totals. The folder appears only when complete.
/// </summary>
public static class SyntheticFieldwork
{
    private static readonly string[] Required = ["person_id", "stratum", "stratum_population", "stratum_sample_size"];

    /// <summary>Register columns that do not change between waves, checked against the world to catch a sample from another seed or scale.</summary>
    private static readonly string[] Invariant = ["sex", "birth_country"];

    /// <summary>
    /// Answers the gross sample in <paramref name="samplePath"/> for wave <paramref name="wave"/> in the world of
    /// <paramref name="options"/> (its scale and seed; its waves are ignored) and writes the survey folder
    /// <c>survey/WAVE</c> with a codebook into <paramref name="outputPath"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The options or the wave are invalid.</exception>
    /// <exception cref="SampleFileException">The sample file is missing, malformed, or was not drawn from this world.</exception>
    /// <exception cref="OutputFolderException">The output folder cannot be used.</exception>
    public static SynthResult Respond(SynthOptions options, int wave, string samplePath, string outputPath, IGenerationProgress progress, IndicatorCatalogue? catalogue = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var problems = (options with { Waves = [wave] }).Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        var file = ReadSample(samplePath, wave);
        var folder = OutputFolder.Prepare(outputPath, Environment.ProcessId);
        try
        {
            catalogue ??= IndicatorCatalogue.LoadDefault();
            var world = SyntheticWorld.Create(options with { Waves = [wave] }, catalogue, progress);
            var persons = Check(file, world, samplePath);
            var strata = file.Strata.Select(s => new Stratum(s.Code, s.Population, s.Sample)).ToList();
            var sample = new DrawnSample(wave, strata, persons, file.StratumOf, ResponseModel.Respond(options.Seed, world.Variables, wave, persons, replicate: 0));
            var answers = new AnswerModel(options.Seed, catalogue, world.Variables, options.CountyEffect);
            var tables = new List<SyntheticTable>
            {
                SurveyTables.Sample(sample, catalogue, world.Variables, atRegisterDate: true),
                SurveyTables.Responses(sample, SurveyTables.RespondentAnswers(sample, answers, world.Variables, options.Seed), answers),
            };
            var extension = TableWriters.Extension(options.Format);
            const string writing = "write";
            progress.Start(writing, tables.Sum(t => (long)t.RowCount));
            foreach (var table in tables)
            {
                TableWriters.Write(table, folder.StagedFile(table.Path + extension), options.Format, n => progress.Advance(writing, n));
            }

            progress.Complete(writing);
            var files = tables.Select(t => (File: t.Path + extension, Table: t)).ToList();
            var run = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["generator"] = "\"Barometer.Synthetic (fieldwork of a drawn sample)\"",
                ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
                ["scale"] = options.Scale.ToString("R", CultureInfo.InvariantCulture),
                ["persons"] = world.Register.Count.ToString(CultureInfo.InvariantCulture),
                ["waves"] = "[" + wave.ToString(CultureInfo.InvariantCulture) + "]",
                ["gross_sample_sha256"] = "\"" + file.Sha256 + "\"",
                ["format"] = options.Format == OutputFormat.Parquet ? "parquet" : "csv",
                ["missing_values"] = options.Format == OutputFormat.Parquet ? "\"null\"" : "\"empty field\"",
            };
            File.WriteAllText(folder.StagedFile("codebook.yaml"), CodebookWriter.Render(run, files), new UTF8Encoding(false));
            var written = files.Select(f => new WrittenFile(f.File, f.Table.RowCount)).ToList();
            var marker = new StringBuilder("# Written last: the folder is complete.\n")
                .Append(CultureInfo.InvariantCulture, $"seed: {options.Seed}\nscale: {options.Scale.ToString("R", CultureInfo.InvariantCulture)}\nwave: {wave}\ngross_sample_sha256: {file.Sha256}\nfiles:\n");
            foreach (var f in written)
            {
                marker.Append(CultureInfo.InvariantCulture, $"  - path: \"{f.Path}\"\n    rows: {f.Rows}\n");
            }

            folder.Commit(marker.ToString());
            return new SynthResult(folder.FinalPath, world.Register.Count, written);
        }
        catch
        {
            folder.Abandon();
            throw;
        }
    }

    private sealed record SampleStratum(string Code, int Population, int Sample);

    private sealed record SampleFile(long[] PersonId, int[] Row, int[] StratumOf, List<SampleStratum> Strata, Dictionary<string, string[]> Invariant, string Sha256);

    private static SampleFile ReadSample(string path, int wave)
    {
        if (!File.Exists(path))
        {
            throw new SampleFileException($"--respond: the file '{path}' does not exist; expected the sample.csv that `barometer draw` wrote.");
        }

        var (header, records) = ReadCsv(path);
        if (records.Count == 0)
        {
            throw new SampleFileException($"{path}: expected a header and at least one person (the sample.csv that `barometer draw` wrote).");
        }

        var column = header.Select((name, c) => (name, c)).ToDictionary(x => x.name, x => x.c, StringComparer.Ordinal);
        foreach (var name in Required.Where(n => !column.ContainsKey(n)))
        {
            throw new SampleFileException($"{path}: row 1: expected a column '{name}' (the columns `barometer draw` writes: {string.Join(", ", Required)}, …).");
        }

        var ids = new long[records.Count];
        var rows = new int[records.Count];
        var stratumOf = new int[ids.Length];
        var strata = new List<SampleStratum>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var invariant = Invariant.Where(column.ContainsKey).ToDictionary(n => n, _ => new string[ids.Length], StringComparer.Ordinal);
        var seen = new HashSet<long>();
        for (var k = 0; k < records.Count; k++)
        {
            var (f, r) = records[k];
            if (f.Length != header.Length)
            {
                throw new SampleFileException(string.Create(CultureInfo.InvariantCulture, $"{path}: row {r}: expected {header.Length} fields like the header, got {f.Length}."));
            }

            var id = Whole(f, column, "person_id", path, r);
            if (!seen.Add(id))
            {
                throw new SampleFileException(string.Create(CultureInfo.InvariantCulture, $"{path}: row {r}, column person_id: person {id} appears twice."));
            }

            if (column.TryGetValue("wave", out var wc) && f[wc] != wave.ToString(CultureInfo.InvariantCulture))
            {
                throw new SampleFileException(string.Create(CultureInfo.InvariantCulture, $"{path}: row {r}, column wave: the sample is for wave {f[wc]}, not --wave {wave}."));
            }

            var code = f[column["stratum"]];
            var population = (int)Whole(f, column, "stratum_population", path, r);
            var size = (int)Whole(f, column, "stratum_sample_size", path, r);
            if (!index.TryGetValue(code, out var h))
            {
                if (size < 1 || size > population)
                {
                    throw new SampleFileException(string.Create(CultureInfo.InvariantCulture,
                        $"{path}: row {r}: stratum '{code}' has stratum_sample_size {size} and stratum_population {population}; expected 1 ≤ n_h ≤ N_h."));
                }

                h = strata.Count;
                index[code] = h;
                strata.Add(new SampleStratum(code, population, size));
            }
            else if (strata[h].Population != population || strata[h].Sample != size)
            {
                throw new SampleFileException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: row {r}: stratum '{code}' has N_h {population} and n_h {size}, but {strata[h].Population} and {strata[h].Sample} on an earlier row."));
            }

            ids[k] = id;
            rows[k] = r;
            stratumOf[k] = h;
            foreach (var (name, values) in invariant)
            {
                values[k] = f[column[name]];
            }
        }

        var counts = new int[strata.Count];
        foreach (var h in stratumOf)
        {
            counts[h]++;
        }

        foreach (var (s, count) in strata.Zip(counts))
        {
            if (count != s.Sample)
            {
                throw new SampleFileException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: stratum '{s.Code}': {count} persons, but stratum_sample_size says {s.Sample}; the file is not a whole gross sample."));
            }
        }

        return new SampleFile(ids, rows, stratumOf, strata, invariant, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
    }

    private static long Whole(string[] fields, Dictionary<string, int> column, string name, string path, int row) =>
        long.TryParse(fields[column[name]], NumberStyles.None, CultureInfo.InvariantCulture, out var x) && x >= 0
            ? x
            : throw new SampleFileException(string.Create(CultureInfo.InvariantCulture, $"{path}: row {row}, column {name}: expected a whole number ≥ 0, got '{fields[column[name]]}'."));

    /// <summary>
    /// The header and the records of the sample file with their 1-based row in the file, read by CsvHelper as the
    /// design-file reader reads its data (comma-separated, quoted fields, quotes doubled); malformed CSV is a
    /// SampleFileException naming the file and row.
    /// </summary>
    private static (string[] Header, List<(string[] Fields, int Row)> Records) ReadCsv(string path)
    {
        var config = new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            Delimiter = ",",
            DetectDelimiter = false,
            IgnoreBlankLines = true,
            TrimOptions = CsvHelper.Configuration.TrimOptions.None,
        };
        var records = new List<(string[] Fields, int Row)>();
        try
        {
            using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvHelper.CsvParser(reader, config);
            if (!parser.Read())
            {
                return ([], records);
            }

            var header = parser.Record ?? [];
            while (parser.Read())
            {
                records.Add((parser.Record ?? [], parser.RawRow));
            }

            return (header, records);
        }
        catch (CsvHelper.BadDataException ex)
        {
            throw new SampleFileException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: row {ex.Context?.Parser?.RawRow}: malformed CSV near '{ex.Field}'; expected comma-separated values as `barometer draw` writes them (a field with a comma or quote in quotes, quotes doubled)."), ex);
        }
    }

    /// <summary>The register rows of the persons (person_id − 1), after checking they exist in the world and agree with it on the invariant columns.</summary>
    private static int[] Check(SampleFile file, SyntheticWorld world, string path)
    {
        var values = new PersonValues(world.Catalogue, world.Variables, null);
        var persons = new int[file.PersonId.Length];
        var source = string.Create(CultureInfo.InvariantCulture, $"the synthetic world of seed {world.Options.Seed} and scale {world.Options.Scale:R} ({world.Register.Count:N0} persons)");
        for (var k = 0; k < persons.Length; k++)
        {
            var id = file.PersonId[k];
            if (id < 1 || id > world.Register.Count)
            {
                throw new SampleFileException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: row {file.Row[k]}, column person_id: person {id} is not in {source}. Give the --seed and --scale the store's register was generated with."));
            }

            persons[k] = (int)(id - 1);
            foreach (var (name, column) in file.Invariant)
            {
                var value = values.Get(name, persons[k], default);
                var expected = value.IsMissing ? "" : value.ToString();
                if (!string.Equals(expected, column[k], StringComparison.Ordinal))
                {
                    throw new SampleFileException(string.Create(CultureInfo.InvariantCulture,
                        $"{path}: row {file.Row[k]}, column {name}: person {id} has '{column[k]}' in the sample but '{expected}' in {source}: the sample was drawn from another register. Give the --seed and --scale the store's register was generated with."));
                }
            }
        }

        return persons;
    }
}

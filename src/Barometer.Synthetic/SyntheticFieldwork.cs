using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Barometer.Catalogue;
using Barometer.Synthetic.Output;
using Barometer.Synthetic.Survey;
using Barometer.Synthetic.Truth;

namespace Barometer.Synthetic;

/// <summary>A gross sample file could not be fielded: the message names the file, row and column and what was expected.</summary>
public sealed class SampleFileException(string message) : Exception(message);

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

    private sealed record SampleFile(long[] PersonId, int[] StratumOf, List<SampleStratum> Strata, Dictionary<string, string[]> Invariant, string Sha256);

    private static SampleFile ReadSample(string path, int wave)
    {
        if (!File.Exists(path))
        {
            throw new SampleFileException($"--respond: the file '{path}' does not exist; expected the sample.csv that `barometer draw` wrote.");
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length < 2)
        {
            throw new SampleFileException($"{path}: expected a header and at least one person (the sample.csv that `barometer draw` wrote).");
        }

        var header = Fields(lines[0]);
        var column = header.Select((name, c) => (name, c)).ToDictionary(x => x.name, x => x.c, StringComparer.Ordinal);
        foreach (var name in Required.Where(n => !column.ContainsKey(n)))
        {
            throw new SampleFileException($"{path}: row 1: expected a column '{name}' (the columns `barometer draw` writes: {string.Join(", ", Required)}, …).");
        }

        var ids = new long[lines.Length - 1];
        var stratumOf = new int[ids.Length];
        var strata = new List<SampleStratum>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var invariant = Invariant.Where(column.ContainsKey).ToDictionary(n => n, _ => new string[ids.Length], StringComparer.Ordinal);
        var seen = new HashSet<long>();
        for (var r = 1; r < lines.Length; r++)
        {
            var f = Fields(lines[r]);
            if (f.Count != header.Count)
            {
                throw new SampleFileException(string.Create(CultureInfo.InvariantCulture, $"{path}: row {r + 1}: expected {header.Count} fields like the header, got {f.Count}."));
            }

            var id = Whole(f, column, "person_id", path, r);
            if (!seen.Add(id))
            {
                throw new SampleFileException(string.Create(CultureInfo.InvariantCulture, $"{path}: row {r + 1}, column person_id: person {id} appears twice."));
            }

            if (column.TryGetValue("wave", out var wc) && f[wc] != wave.ToString(CultureInfo.InvariantCulture))
            {
                throw new SampleFileException(string.Create(CultureInfo.InvariantCulture, $"{path}: row {r + 1}, column wave: the sample is for wave {f[wc]}, not --wave {wave}."));
            }

            var code = f[column["stratum"]];
            var population = (int)Whole(f, column, "stratum_population", path, r);
            var size = (int)Whole(f, column, "stratum_sample_size", path, r);
            if (!index.TryGetValue(code, out var h))
            {
                if (size < 1 || size > population)
                {
                    throw new SampleFileException(string.Create(CultureInfo.InvariantCulture,
                        $"{path}: row {r + 1}: stratum '{code}' has stratum_sample_size {size} and stratum_population {population}; expected 1 ≤ n_h ≤ N_h."));
                }

                h = strata.Count;
                index[code] = h;
                strata.Add(new SampleStratum(code, population, size));
            }
            else if (strata[h].Population != population || strata[h].Sample != size)
            {
                throw new SampleFileException(string.Create(CultureInfo.InvariantCulture,
                    $"{path}: row {r + 1}: stratum '{code}' has N_h {population} and n_h {size}, but {strata[h].Population} and {strata[h].Sample} on an earlier row."));
            }

            ids[r - 1] = id;
            stratumOf[r - 1] = h;
            foreach (var (name, values) in invariant)
            {
                values[r - 1] = f[column[name]];
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

        return new SampleFile(ids, stratumOf, strata, invariant, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
    }

    private static long Whole(List<string> fields, Dictionary<string, int> column, string name, string path, int row) =>
        long.TryParse(fields[column[name]], NumberStyles.None, CultureInfo.InvariantCulture, out var x) && x >= 0
            ? x
            : throw new SampleFileException(string.Create(CultureInfo.InvariantCulture, $"{path}: row {row + 1}, column {name}: expected a whole number ≥ 0, got '{fields[column[name]]}'."));

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
                    $"{path}: row {k + 2}, column person_id: person {id} is not in {source}. Give the --seed and --scale the store's register was generated with."));
            }

            persons[k] = (int)(id - 1);
            foreach (var (name, column) in file.Invariant)
            {
                var value = values.Get(name, persons[k], default);
                var expected = value.IsMissing ? "" : value.ToString();
                if (!string.Equals(expected, column[k], StringComparison.Ordinal))
                {
                    throw new SampleFileException(string.Create(CultureInfo.InvariantCulture,
                        $"{path}: row {k + 2}, column {name}: person {id} has '{column[k]}' in the sample but '{expected}' in {source}: the sample was drawn from another register. Give the --seed and --scale the store's register was generated with."));
                }
            }
        }

        return persons;
    }

    /// <summary>The fields of a CSV line as `barometer draw` writes it (a field with a comma or quote is quoted, quotes doubled).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}

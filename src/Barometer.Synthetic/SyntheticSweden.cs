using System.Globalization;
using System.Text;
using Barometer.Catalogue;
using Barometer.Synthetic.Output;
using Barometer.Synthetic.Population;

namespace Barometer.Synthetic;

/// <summary>One file written by a run.</summary>
/// <param name="Path">Path relative to the output folder.</param>
/// <param name="Rows">Number of data rows.</param>
public sealed record WrittenFile(string Path, int Rows);

/// <summary>What a run produced.</summary>
/// <param name="OutputPath">The finished folder.</param>
/// <param name="Persons">Persons in the population register.</param>
/// <param name="Files">The data files written.</param>
public sealed record SynthResult(string OutputPath, int Persons, IReadOnlyList<WrittenFile> Files);

/// <summary>
/// Generates a synthetic Sweden — population register with register variables, survey waves, truth and
/// calibration totals — and writes it to a folder with its codebook. The folder appears only when complete.
/// </summary>
public static class SyntheticSweden
{
    /// <summary>Generates and writes everything <paramref name="options"/> asks for into <paramref name="outputPath"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    /// <exception cref="OutputFolderException">The output folder cannot be used.</exception>
    /// <param name="options">What to generate.</param>
    /// <param name="outputPath">The folder to write.</param>
    /// <param name="progress">Receives progress of the phases.</param>
    /// <param name="catalogue">The indicator catalogue; the repository's catalogue/ folder when null.</param>
    /// <param name="cancellationToken">Stops the run; nothing that looks complete is left.</param>
    public static SynthResult Generate(SynthOptions options, string outputPath, IGenerationProgress progress, IndicatorCatalogue? catalogue = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        var folder = OutputFolder.Prepare(outputPath, Environment.ProcessId);
        try
        {
            var world = SyntheticWorld.Create(options, catalogue ?? IndicatorCatalogue.LoadDefault(), progress);
            cancellationToken.ThrowIfCancellationRequested();
            var tables = world.Tables(progress);
            var extension = TableWriters.Extension(options.Format);
            const string writing = "write";
            progress.Start(writing, tables.Sum(t => (long)t.RowCount));
            Parallel.ForEach(
                tables,
                new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
                table => TableWriters.Write(table, folder.StagedFile(table.Path + extension), options.Format, n => progress.Advance(writing, n)));
            progress.Complete(writing);
            var files = tables.Select(t => (File: t.Path + extension, Table: t)).ToList();
            File.WriteAllText(folder.StagedFile("codebook.yaml"), CodebookWriter.Render(RunDescription(options, world), files), new UTF8Encoding(false));
            var written = files.Select(f => new WrittenFile(f.File, f.Table.RowCount)).ToList();
            cancellationToken.ThrowIfCancellationRequested();
            folder.Commit(Marker(options, written));
            return new SynthResult(folder.FinalPath, world.Register.Count, written);
        }
        catch
        {
            folder.Abandon();
            throw;
        }
    }

    private static Dictionary<string, string> RunDescription(SynthOptions options, SyntheticWorld world) => new(StringComparer.Ordinal)
    {
        ["generator"] = "\"Barometer.Synthetic\"",
        ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
        ["scale"] = options.Scale.ToString("R", CultureInfo.InvariantCulture),
        ["reference_date"] = $"\"{PopulationTargets.ReferenceYear}-12-31\"",
        ["persons"] = world.Register.Count.ToString(CultureInfo.InvariantCulture),
        ["waves"] = "[" + string.Join(", ", options.Waves.Select(w => w.ToString(CultureInfo.InvariantCulture))) + "]",
        ["format"] = options.Format == OutputFormat.Parquet ? "parquet" : "csv",
        ["missing_values"] = options.Format == OutputFormat.Parquet ? "\"null\"" : "\"empty field\"",
    };

    private static string Marker(SynthOptions options, IReadOnlyList<WrittenFile> files)
    {
        var sb = new StringBuilder();
        sb.Append("# Written last: the folder is complete.\n");
        sb.Append("seed: ").Append(options.Seed.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("scale: ").Append(options.Scale.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("files:\n");
        foreach (var f in files)
        {
            sb.Append("  - path: \"").Append(f.Path).Append("\"\n    rows: ").Append(f.Rows.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }
}

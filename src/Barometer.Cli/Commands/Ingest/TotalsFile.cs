using System.Globalization;
using Barometer.Cli.Hosting;
using Barometer.Publishing.JsonStat;
using Barometer.Publishing.Px;
using Barometer.Storage.Calibration;
using Barometer.Storage.Ingestion;

namespace Barometer.Cli.Commands.Ingest;

/// <summary>
/// Reads calibration totals from a file downloaded from Statistikdatabasen (PX or JSON-stat 2.0) or a CSV. Every
/// cell becomes a total whose margin is the file's variables in order (codes, not texts); a cell without a number
/// (a dot symbol, a null) is a problem, since a calibration total cannot be missing.
/// </summary>
/// <remarks>
/// CSV: a header of variable names and a last column <c>total</c>; a row's margin is the variables with a code in
/// that row, so one file can hold several margins (leave the other variables empty).
/// </remarks>
internal static class TotalsFile
{
    public static IReadOnlyList<CalibrationTotal> Read(string path, IngestProblems problems)
    {
        if (!File.Exists(path))
        {
            throw new UserErrorException($"--totals: there is no file '{path}'. Nothing was written.");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".px" => FromPx(PxReader.ReadFile(path), path, problems),
                ".json" => FromJsonStat(JsonStatReader.ReadFile(path), path, problems),
                ".csv" => FromCsv(path, problems),
                _ => throw new UserErrorException($"--totals: '{path}' is neither .px, .json (JSON-stat 2.0) nor .csv. Nothing was written."),
            };
        }
        catch (FormatException ex)
        {
            throw new UserErrorException($"--totals: {path}: {ex.Message} Nothing was written.", ex);
        }
    }

    private static List<CalibrationTotal> FromPx(PxFile px, string path, IngestProblems problems)
    {
        var totals = new List<CalibrationTotal>(px.Data.Count);
        var positions = new int[px.Variables.Count];
        for (var cell = 0; cell < px.Data.Count; cell++)
        {
            var rest = cell;
            for (var v = px.Variables.Count - 1; v >= 0; v--)
            {
                positions[v] = rest % px.Variables[v].Count;
                rest /= px.Variables[v].Count;
            }

            var codes = px.Variables.Select((v, i) => (v.Code, v.Codes[positions[i]])).ToList();
            Add(totals, codes, px.Data[cell], px.Data[cell] is null ? px.SymbolText(px.Symbols[cell]) : null, path, cell, problems);
        }

        return totals;
    }

    private static List<CalibrationTotal> FromJsonStat(JsonStatDataset dataset, string path, IngestProblems problems)
    {
        if (dataset.Values is null)
        {
            throw new UserErrorException($"--totals: '{path}' is JSON-stat metadata without values. Nothing was written.");
        }

        var totals = new List<CalibrationTotal>(dataset.CellCount);
        var positions = new int[dataset.Dimensions.Count];
        for (var cell = 0; cell < dataset.CellCount; cell++)
        {
            var rest = cell;
            for (var d = dataset.Dimensions.Count - 1; d >= 0; d--)
            {
                positions[d] = rest % dataset.Dimensions[d].Categories.Count;
                rest /= dataset.Dimensions[d].Categories.Count;
            }

            var codes = dataset.Dimensions.Select((d, i) => (d.Id, d.Categories[positions[i]].Code)).ToList();
            Add(totals, codes, dataset.Values[cell], dataset.Values[cell] is null ? dataset.Status?[cell] ?? string.Empty : null, path, cell, problems);
        }

        return totals;
    }

    private static List<CalibrationTotal> FromCsv(string path, IngestProblems problems)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            throw new UserErrorException($"--totals: '{path}' is empty. Nothing was written.");
        }

        var header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        if (header.Length < 2 || header[^1] != "total")
        {
            throw new UserErrorException($"--totals: '{path}' must have a header of variable names ending with the column 'total'. Nothing was written.");
        }

        var totals = new List<CalibrationTotal>();
        for (var row = 1; row < lines.Length; row++)
        {
            if (lines[row].Length == 0)
            {
                continue;
            }

            var fields = lines[row].Split(',').Select(f => f.Trim()).ToArray();
            if (fields.Length != header.Length)
            {
                problems.Add(new IngestProblem(path, row, null, $"{header.Length} fields", fields.Length.ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            var codes = header[..^1].Select((name, i) => (name, fields[i])).Where(c => c.Item2.Length > 0).ToList();
            if (codes.Count == 0)
            {
                problems.Add(new IngestProblem(path, row, null, "a code for at least one variable", "none"));
                continue;
            }

            double? value = double.TryParse(fields[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            Add(totals, codes, value, value is null ? fields[^1] : null, path, row - 1, problems);
        }

        return totals;
    }

    private static void Add(List<CalibrationTotal> totals, List<(string, string)> codes, double? value, string? symbol, string path, int cell, IngestProblems problems)
    {
        if (value is null || symbol is not null)
        {
            problems.Add(new IngestProblem(path, cell + 1, string.Join(";", codes.Select(c => $"{c.Item1}={c.Item2}")), "a number (a calibration total cannot be missing)",
                symbol is null or "" ? "nothing" : $"'{symbol}'"));
            return;
        }

        totals.Add(CalibrationTotal.Of(codes, value.Value));
    }
}

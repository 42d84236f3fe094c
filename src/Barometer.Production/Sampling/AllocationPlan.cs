using System.Globalization;
using System.Text;

namespace Barometer.Production.Sampling;

/// <summary>One stratum of an allocation: N_h, expected response rate, cost, gross n_h and expected net n_h · r_h.</summary>
public sealed record PlannedStratum(string Stratum, long Population, double ResponseRate, double Cost, int Gross)
{
    /// <summary>S_h of the indicator of a Neyman allocation; null for the other methods.</summary>
    public double? Deviation { get; init; }

    public double ExpectedNet => Gross * ResponseRate;
}

/// <summary>A target's expected margin under the plan.</summary>
public sealed record PlannedTarget(string Name, double Target, double Expected, double ExpectedNet)
{
    /// <summary>The design effect of weighting the expected margin assumes (from the last run, or 1).</summary>
    public double DesignEffect { get; init; } = 1;
}

/// <summary>
/// The allocation of a wave, as <c>barometer plan</c> writes it and <c>barometer draw</c> reads it: a CSV with
/// one row per stratum (stratum, population, response_rate, cost, gross, expected_net).
/// </summary>
public sealed record AllocationPlan(int Wave, string Method, IReadOnlyList<PlannedStratum> Strata, IReadOnlyList<PlannedTarget> Targets)
{
    public static readonly string[] Header = ["stratum", "population", "response_rate", "cost", "gross", "expected_net"];

    /// <summary>How the inputs were obtained (the run the design effects come from, borrowed deviations, fallbacks).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Seconds spent in each phase of planning, in order.</summary>
    public IReadOnlyList<(string Phase, double Seconds)> Phases { get; init; } = [];

    public int TotalGross => Strata.Sum(s => s.Gross);

    public double TotalCost => Strata.Sum(s => s.Gross * s.Cost);

    public string ToCsv()
    {
        var deviation = Strata.Any(s => s.Deviation is not null);
        var text = new StringBuilder(string.Join(',', Header)).Append(deviation ? ",deviation\n" : "\n");
        foreach (var s in Strata)
        {
            text.Append(CultureInfo.InvariantCulture, $"{s.Stratum},{s.Population},{s.ResponseRate:R},{s.Cost:R},{s.Gross},{s.ExpectedNet:F1}");
            text.Append(deviation ? string.Create(CultureInfo.InvariantCulture, $",{s.Deviation:R}\n") : "\n");
        }

        return text.ToString();
    }

    public string TargetsCsv()
    {
        var text = new StringBuilder("target,margin_target,margin_expected,expected_net,design_effect\n");
        foreach (var t in Targets)
        {
            text.Append(CultureInfo.InvariantCulture, $"\"{t.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{t.Target:R},{t.Expected:F6},{t.ExpectedNet:F1},{t.DesignEffect:F4}\n");
        }

        return text.ToString();
    }

    /// <summary>Reads the strata and gross sizes of an allocation file; a problem is a ProductionException naming the file, row and column.</summary>
    public static IReadOnlyList<(string Stratum, int Gross)> ReadGross(string path)
    {
        if (!File.Exists(path))
        {
            throw new ProductionException($"--allocation: the file '{path}' does not exist.");
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            throw new ProductionException($"{path}: the file is empty; expected a header with {string.Join(", ", Header)}.");
        }

        var header = lines[0].Split(',');
        var si = Array.IndexOf(header, "stratum");
        var gi = Array.IndexOf(header, "gross");
        if (si < 0 || gi < 0)
        {
            throw new ProductionException($"{path}: row 1: expected the columns 'stratum' and 'gross' (as `barometer plan` writes them), got {lines[0]}.");
        }

        var rows = new List<(string, int)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 1; r < lines.Length; r++)
        {
            if (lines[r].Length == 0)
            {
                continue;
            }

            var fields = lines[r].Split(',');
            if (fields.Length != header.Length)
            {
                throw new ProductionException($"{path}: row {r + 1}: expected {header.Length} fields like the header, got {fields.Length}.");
            }

            if (!int.TryParse(fields[gi], NumberStyles.None, CultureInfo.InvariantCulture, out var gross))
            {
                throw new ProductionException($"{path}: row {r + 1}, column gross: expected a whole number ≥ 0, got '{fields[gi]}'.");
            }

            if (!seen.Add(fields[si]))
            {
                throw new ProductionException($"{path}: row {r + 1}, column stratum: '{fields[si]}' appears twice.");
            }

            rows.Add((fields[si], gross));
        }

        return rows;
    }
}

using System.Globalization;
using System.Text.Json;
using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests.RReference;

/// <summary>Reads a reference request (JSON), its data (CSV) and R's expected rows.</summary>
internal static class ReferenceCase
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "RReference");

    public static SurveyData ReadData(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, file));
        var header = SplitCsv(lines[0]);
        var cells = lines.Skip(1).Select(SplitCsv).ToArray();
        var columns = new List<SurveyColumn>();
        for (var j = 0; j < header.Length; j++)
        {
            var raw = cells.Select(r => r[j]).ToArray();
            var numeric = raw.All(s => s.Length == 0 || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            columns.Add(numeric
                ? new NumericColumn(header[j], raw.Select(s => s.Length == 0 ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture)).ToArray())
                : new TextColumn(header[j], raw.Select(s => s.Length == 0 ? null : s).ToArray()));
        }

        return new SurveyData(columns);
    }

    public static (SurveyData Data, EstimationRequest Request) ReadRequest(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, name + ".json")));
        var spec = json.RootElement;
        var d = spec.GetProperty("design");
        var design = new DesignSpec(Strings(d, "ids"), Text(d, "strata"), Strings(d, "fpc"), Text(d, "weights"), Enum.Parse<LonelyPsuRule>(Text(d, "lonely") ?? "fail", true));
        CalibrationSpec? calibration = null;
        if (spec.TryGetProperty("calibration", out var c))
        {
            var margins = new List<CalibrationMargin>();
            foreach (var m in c.GetProperty("margins").EnumerateArray())
            {
                var variable = m.GetProperty("variable").GetString()!;
                margins.Add(m.TryGetProperty("totals", out var t)
                    ? new CategoricalMargin(variable, t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble()))
                    : new NumericMargin(variable, m.GetProperty("total").GetDouble()));
            }

            GWeightBounds? bounds = c.TryGetProperty("bounds", out var b) ? new GWeightBounds(b[0].GetDouble(), b[1].GetDouble()) : null;
            calibration = new CalibrationSpec(Enum.Parse<CalibrationMethod>(Text(c, "method")!, true), bounds, margins);
        }

        ReplicateSpec? replicates = null;
        if (spec.TryGetProperty("replicates", out var r))
        {
            var columns = Strings(r, "columns");
            replicates = new ReplicateSpec(Enum.Parse<ReplicateType>(Text(r, "type")!, true), columns.Count == 0 ? null : columns);
        }

        var estimates = spec.GetProperty("estimates").EnumerateArray().Select(e =>
        {
            var contrast = Strings(e, "contrast");
            return new EstimateSpec(Text(e, "id")!, Enum.Parse<EstimateType>(Text(e, "type")!, true), Text(e, "variable")!, Strings(e, "by"), Text(e, "denominator"), contrast.Count == 0 ? null : contrast, Enum.Parse<IntervalMethod>(Text(e, "ci") ?? "wald", true));
        }).ToList();
        return (ReadData(Text(spec, "data")!), new EstimationRequest(design, calibration, replicates, estimates));
    }

    /// <summary>R's rows: id, domain, category, estimate, se, lo, hi, df, n, cv, deff (NaN where R gives NA).</summary>
    public static IReadOnlyList<string[]> ReadExpected(string name) =>
        File.ReadAllLines(Path.Combine(Folder, name + ".expected.csv")).Skip(1).Select(SplitCsv).ToList();

    public static double Number(string s) => s == "NA" ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(x => x.GetString()!).ToList() : [];

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string[] SplitCsv(string line)
    {
        var result = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                result.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        result.Add(current.ToString());
        return [.. result];
    }
}

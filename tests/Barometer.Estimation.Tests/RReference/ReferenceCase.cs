using System.Globalization;
using Barometer.Estimation.Data;
using Barometer.Estimation.DesignFiles;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests.RReference;

/// <summary>Reads a reference request (a design file), its data (CSV) and R's expected rows.</summary>
internal static class ReferenceCase
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "RReference");

    /// <summary>
    /// The request and data of a case, read as <c>barometer estimate</c> reads them (<see cref="DesignFileReader"/>,
    /// <see cref="SurveyCsvReader"/>, <see cref="DesignDataBinder"/>): the design file <c>NAME.design.yaml</c> and the
    /// data file it is run on (reference.R takes the same two files).
    /// </summary>
    public static (SurveyData Data, EstimationRequest Request) ReadRequest(string name, string dataFile)
    {
        var design = DesignFileReader.Read(Path.Combine(Folder, name + ".design.yaml"));
        var table = SurveyCsvReader.Read(Path.Combine(Folder, dataFile));
        var (request, data) = DesignDataBinder.Bind(design, table);
        return (data, request);
    }

    /// <summary>R's rows: id, domain, category, estimate, se, lo, hi, df, n, cv, deff (NaN where R gives NA).</summary>
    public static IReadOnlyList<string[]> ReadExpected(string name) =>
        File.ReadAllLines(Path.Combine(Folder, name + ".expected.csv")).Skip(1).Select(SplitCsv).ToList();

    public static double Number(string s) => s == "NA" ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);

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

using System.Globalization;
using Barometer.Estimation.Requests;
using CsvHelper;
using CsvHelper.Configuration;

namespace Barometer.Estimation.DesignFiles;

/// <summary>
/// Writes the result file of <c>barometer estimate</c>: exactly the header
/// <c>estimate_id,domain,category,estimate,se,ci_low,ci_high,df,n</c>, one row per estimate × domain × category,
/// numbers in the invariant culture with the shortest text that reads back as the same double.
/// </summary>
public static class EstimateCsvWriter
{
    public const string Header = "estimate_id,domain,category,estimate,se,ci_low,ci_high,df,n";

    public static void Write(TextWriter writer, IEnumerable<EstimateRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n", HasHeaderRecord = false };
        using var csv = new CsvWriter(writer, config, leaveOpen: true);
        foreach (var name in Header.Split(','))
        {
            csv.WriteField(name);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            csv.WriteField(row.EstimateId);
            csv.WriteField(row.Domain);
            csv.WriteField(row.Category);
            csv.WriteField(Number(row.Value));
            csv.WriteField(Number(row.StandardError));
            csv.WriteField(Number(row.CiLow));
            csv.WriteField(Number(row.CiHigh));
            csv.WriteField(Number(row.DegreesOfFreedom));
            csv.WriteField(row.N.ToString(CultureInfo.InvariantCulture));
            csv.NextRecord();
        }

        csv.Flush();
    }

    /// <summary>The shortest round-trip text of a double ("R" is shortest round-trip since .NET Core 3.0).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

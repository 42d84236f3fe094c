using System.Globalization;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.DesignFiles;

/// <summary>
/// What <c>barometer estimate</c> does with its two files: read the design file and the data, bind them into the
/// engine's request, run the engine and write the result CSV. The command line and the reference tests against R
/// both run this, so a golden file is compared with exactly what the command prints.
/// </summary>
public static class DesignFileEstimation
{
    /// <summary>Reads both files, runs the engine and returns the result CSV; bad input is a <see cref="DesignFileException"/>.</summary>
    public static string Run(string dataPath, string designPath)
    {
        var design = DesignFileReader.Read(designPath);
        var table = SurveyCsvReader.Read(dataPath);
        var (request, data) = DesignDataBinder.Bind(design, table);
        var outcome = SurveyEstimation.Run(data, request);
        if (!outcome.Succeeded)
        {
            throw new DesignFileException(EstimationProblemMessages.Describe(outcome.Problems, design, table));
        }

        CheckFinite(outcome.Rows);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        EstimateCsvWriter.Write(writer, outcome.Rows);
        return writer.ToString();
    }

    /// <summary>
    /// A value that is not a finite number must never reach a result file: the engine reports what it cannot
    /// estimate as a problem, so a NaN here is a defect, not bad input.
    /// </summary>
    private static void CheckFinite(IReadOnlyList<EstimateRow> rows)
    {
        foreach (var row in rows)
        {
            var values = new (string Name, double Value)[]
            {
                ("estimate", row.Value), ("se", row.StandardError), ("ci_low", row.CiLow), ("ci_high", row.CiHigh), ("df", row.DegreesOfFreedom),
            };
            foreach (var (name, value) in values)
            {
                if (!double.IsFinite(value))
                {
                    throw new InvalidOperationException(
                        $"The engine returned {EstimateCsvWriter.Number(value)} as {name} of estimate '{row.EstimateId}' " +
                        $"(domain '{row.Domain}', category '{row.Category}') without reporting a problem; nothing was written.");
                }
            }
        }
    }
}

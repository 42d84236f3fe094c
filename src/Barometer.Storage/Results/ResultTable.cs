namespace Barometer.Storage.Results;

/// <summary>
/// The store's <c>results</c> table: one <see cref="ResultRow"/> per run × indicator × measure × breakdown × cell ×
/// comparison group. Non-finite numbers are stored as NULL (a result row never carries NaN or ±∞ to the publication).
/// </summary>
public static class ResultTable
{
    public static void Write(StoreSession session, int runId, IEnumerable<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(rows);
        using var appender = session.Appender("results");
        foreach (var r in rows)
        {
            var row = appender.CreateRow()
                .AppendValue(runId)
                .AppendValue(r.Indicator)
                .AppendValue(r.Breakdown)
                .AppendValue(r.Cell)
                .AppendValue(r.ComparisonGroup)
                .AppendValue(MeasureCodes.Code(r.Measure))
                .AppendValue(r.Source)
                .AppendValue(Finite(r.Estimate))
                .AppendValue(Finite(r.StandardError))
                .AppendValue(Finite(r.CiLower))
                .AppendValue(Finite(r.CiUpper))
                .AppendValue(Finite(r.DegreesOfFreedom))
                .AppendValue(r.Respondents)
                .AppendValue(Finite(r.Population))
                .AppendValue(Finite(r.RelativeMargin))
                .AppendValue(r.Significant)
                .AppendValue(r.QualityFlag)
                .AppendValue(r.SuppressionRule);
            row.EndRow();
        }
    }

    /// <summary>Every result row of a run.</summary>
    public static List<ResultRow> Read(StoreSession session, int runId)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Query("SELECT " + ResultColumns.All + " FROM results WHERE run_id = $run", r => ResultColumns.Read(r), ("run", runId));
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}

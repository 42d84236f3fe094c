using DuckDB.NET.Data;

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
        return session.Query(
            "SELECT indicator, breakdown, cell, comparison_group, measure, source, estimate, standard_error, ci_lower, ci_upper, " +
            "degrees_of_freedom, respondents, population, relative_margin, significant, quality_flag, suppression_rule FROM results WHERE run_id = $run",
            r => new ResultRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), MeasureCodes.Parse(r.GetString(4)), r.GetString(5),
                D(r, 6), D(r, 7), D(r, 8), D(r, 9), D(r, 10), r.IsDBNull(11) ? null : r.GetInt64(11), D(r, 12), D(r, 13),
                r.IsDBNull(14) ? null : r.GetBoolean(14), r.IsDBNull(15) ? null : r.GetString(15), r.IsDBNull(16) ? null : r.GetString(16)),
            ("run", runId));
    }

    private static double? D(DuckDBDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}

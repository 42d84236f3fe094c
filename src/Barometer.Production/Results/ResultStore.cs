using System.Globalization;
using Barometer.Production.Inputs;

namespace Barometer.Production.Results;

/// <summary>Reads and writes result rows of the store's <c>results</c> table.</summary>
public static class ResultStore
{
    public static void Write(StoreSession session, int runId, IEnumerable<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(rows);
        using var appender = session.Connection.CreateAppender("results");
        foreach (var r in rows)
        {
            var row = appender.CreateRow()
                .AppendValue(runId)
                .AppendValue(r.Indicator)
                .AppendValue(r.Breakdown)
                .AppendValue(r.Cell)
                .AppendValue(r.Group)
                .AppendValue(ResultRow.MeasureName(r.Measure))
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

    public static List<ResultRow> Read(StoreSession session, int runId)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Query(
            "SELECT indicator, breakdown, cell, comparison_group, measure, source, estimate, standard_error, ci_lower, ci_upper, " +
            "degrees_of_freedom, respondents, population, relative_margin, significant, quality_flag, suppression_rule FROM results WHERE run_id = $run",
            r => new ResultRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ResultRow.ParseMeasure(r.GetString(4)), r.GetString(5),
                D(r, 6), D(r, 7), D(r, 8), D(r, 9), D(r, 10), r.IsDBNull(11) ? null : r.GetInt64(11), D(r, 12), D(r, 13),
                r.IsDBNull(14) ? null : r.GetBoolean(14), r.IsDBNull(15) ? null : r.GetString(15), r.IsDBNull(16) ? null : r.GetString(16)),
            ("run", runId));
    }

    /// <summary>The latest completed run of a wave, or null.</summary>
    public static int? LatestRun(StoreSession session, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        var value = session.Scalar("SELECT max(run_id) FROM runs WHERE wave = $wave AND status = 'completed'", ("wave", wave));
        return value is null ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private static double? D(DuckDB.NET.Data.DuckDBDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}

using System.Globalization;
using DuckDB.NET.Data;

namespace Barometer.Storage.Sampling;

/// <summary>The last run's respondents of a stratum: how many (with a positive, finite g), Σ g and Σ g², g = calibrated / design weight.</summary>
public sealed record StratumWeightSums(string Stratum, long Respondents, double SumG, double SumG2);

/// <summary>The last run's respondents of a stratum with a value of an indicator: how many, Σ w, Σ w y and Σ w y² with their calibrated weights w.</summary>
public sealed record StratumValueSums(string Stratum, long Respondents, double SumW, double SumWy, double SumWy2);

// The aggregates `barometer plan` reads instead of person-level data (migration 0009): sums per combination of the
// register columns kept in frame_cells, mapped to the strata of a design and added up by the read methods below.
public static partial class SampleStore
{
    private const string ResponseCells = "plan_response_cells";
    private const string WeightCells = "plan_weight_cells";
    private const string IndicatorCells = "plan_indicator_cells";

    /// <summary>
    /// Drops plan's aggregates and, when the store keeps frame cells of <paramref name="table"/> over
    /// <paramref name="columns"/>, makes them again over the new extract: every ingested gross sample's response and
    /// every run's weights (both from what the store holds person by person); the indicator sums start empty.
    /// </summary>
    private static void RebuildPlanCells(BarometerStore store, DuckDBTransaction transaction, string? table, IReadOnlyList<string>? columns)
    {
        foreach (var name in new[] { ResponseCells, WeightCells, IndicatorCells })
        {
            store.Execute($"DROP TABLE IF EXISTS {name}", transaction);
        }

        store.Execute("DELETE FROM plan_indicator_runs", transaction);
        if (table is null || columns is null)
        {
            return;
        }

        var keys = Keys(columns);
        var from = SqlText.Identifier(table);
        store.Execute($"CREATE TABLE {ResponseCells} AS SELECT CAST(NULL AS INTEGER) AS wave, {keys}CAST(0 AS BIGINT) AS gross, CAST(0 AS BIGINT) AS responded FROM {from} r LIMIT 0", transaction);
        store.Execute($"CREATE TABLE {WeightCells} AS SELECT CAST(NULL AS INTEGER) AS run_id, {keys}CAST(0 AS BIGINT) AS respondents, CAST(0 AS DOUBLE) AS sum_g, CAST(0 AS DOUBLE) AS sum_g2 FROM {from} r LIMIT 0", transaction);
        store.Execute($"CREATE TABLE {IndicatorCells} AS SELECT CAST(NULL AS INTEGER) AS run_id, CAST(NULL AS VARCHAR) AS indicator, {keys}CAST(0 AS BIGINT) AS respondents, " +
            $"CAST(0 AS DOUBLE) AS sum_w, CAST(0 AS DOUBLE) AS sum_wy, CAST(0 AS DOUBLE) AS sum_wy2 FROM {from} r LIMIT 0", transaction);
        foreach (var wave in store.Query("SELECT DISTINCT wave FROM ingested_files WHERE scope = 'survey' AND kind = 'gross_sample' ORDER BY wave", r => r.GetInt32(0), transaction))
        {
            InsertResponseCells(store, transaction, from, keys, wave);
        }

        InsertWeightCells(store, transaction, from, keys, null);
    }

    /// <summary>
    /// Replaces wave <paramref name="wave"/>'s rows of plan's response sums with its ingested gross sample's (called by
    /// the survey ingest, in its transaction); nothing when the store keeps no frame cells.
    /// </summary>
    public static void KeepResponseCells(BarometerStore store, DuckDBTransaction transaction, int wave)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (KeptCells(store, transaction) is not { } kept)
        {
            return;
        }

        store.Execute($"DELETE FROM {ResponseCells} WHERE wave = $w", transaction, ("w", wave));
        InsertResponseCells(store, transaction, SqlText.Identifier(kept.Table), Keys(kept.Columns), wave);
    }

    /// <summary>
    /// Keeps plan's sums of run <paramref name="runId"/> (called by the run after it wrote <c>run_respondents</c>, in
    /// its transaction): its respondents' weights, and for each indicator the values in the run's respondent order
    /// (NaN outside the indicator's base) with the calibrated weights. Nothing when the store keeps no frame cells. A
    /// store whose frame cells were kept before migration 0009 gets plan's other sums here, in the first run after it.
    /// </summary>
    public static void KeepRunCells(BarometerStore store, DuckDBTransaction transaction, int runId, IReadOnlyList<(string Indicator, IReadOnlyList<double> Values)> indicators)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(indicators);
        var kept = KeptCells(store, transaction);
        var rebuilt = false;
        if (kept is null && FrameCellSet(store, transaction) is { } set && RegisterTables(store, transaction).FirstOrDefault() == set.Table)
        {
            // Every gross sample's response and every run's weights, this run's included (run_respondents is written).
            RebuildPlanCells(store, transaction, set.Table, set.Columns);
            kept = KeptCells(store, transaction);
            rebuilt = true;
        }

        if (kept is null)
        {
            return;
        }

        var from = SqlText.Identifier(kept.Value.Table);
        var keys = Keys(kept.Value.Columns);
        if (!rebuilt)
        {
            InsertWeightCells(store, transaction, from, keys, runId);
        }

        store.Execute("CREATE OR REPLACE TEMP TABLE plan_values (position INTEGER, indicator VARCHAR, y DOUBLE)", transaction);
        using (var appender = store.Connection.CreateAppender("temp", "main", "plan_values"))
        {
            foreach (var (indicator, values) in indicators)
            {
                for (var i = 0; i < values.Count; i++)
                {
                    if (!double.IsNaN(values[i]))
                    {
                        appender.CreateRow().AppendValue(i).AppendValue(indicator).AppendValue(values[i]).EndRow();
                    }
                }
            }
        }

        store.Execute($"INSERT INTO {IndicatorCells} SELECT w.run_id, v.indicator, {keys}count(*), sum(w.calibrated_weight), sum(w.calibrated_weight * v.y), " +
            $"sum(w.calibrated_weight * v.y * v.y) FROM temp.plan_values v JOIN run_respondents w ON w.run_id = $run AND w.position = v.position " +
            $"JOIN {from} r ON r.person_id = w.person_id WHERE w.calibrated_weight > 0 GROUP BY ALL", transaction, ("run", runId));
        store.Execute("DROP TABLE temp.plan_values", transaction);
        store.Execute("INSERT INTO plan_indicator_runs VALUES ($run, $n, $at)", transaction, ("run", runId), ("n", indicators.Count), ("at", store.Clock.GetUtcNow()));
    }

    /// <summary>
    /// Plan's sums of the last run's weights by stratum under <paramref name="rules"/>, or null when the store keeps
    /// none that cover the rules' columns or the run stored no respondents (then the caller reads the respondents).
    /// </summary>
    public static IReadOnlyList<StratumWeightSums>? WeightSumsByStratum(BarometerStore store, DuckDBTransaction transaction, IReadOnlyList<StratumRule> rules, int runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rules);
        if (PlanCellsCover(store, transaction, rules) is not { } code
            || store.Scalar("SELECT count(*) FROM (SELECT 1 FROM run_respondents WHERE run_id = $run LIMIT 1)", transaction, ("run", runId)) == 0)
        {
            return null;
        }

        return store.Query($"SELECT stratum, CAST(sum(respondents) AS BIGINT), sum(sum_g), sum(sum_g2) FROM ({Coded(rules, code, $"SELECT * FROM {WeightCells} WHERE run_id = $run")}) GROUP BY 1 ORDER BY 1",
            r => new StratumWeightSums(r.GetString(0), r.GetInt64(1), r.GetDouble(2), r.GetDouble(3)), transaction, ("run", runId));
    }

    /// <summary>
    /// Plan's sums of indicator <paramref name="indicator"/> among run <paramref name="runId"/>'s respondents by stratum
    /// under <paramref name="rules"/>, or null when the run's indicator sums are not kept (a run before migration 0009,
    /// or the register was ingested again since) or do not cover the rules' columns.
    /// </summary>
    public static IReadOnlyList<StratumValueSums>? IndicatorSumsByStratum(BarometerStore store, DuckDBTransaction transaction, IReadOnlyList<StratumRule> rules, int runId, string indicator)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rules);
        if (PlanCellsCover(store, transaction, rules) is not { } code
            || store.Scalar("SELECT count(*) FROM plan_indicator_runs WHERE run_id = $run", transaction, ("run", runId)) == 0)
        {
            return null;
        }

        return store.Query($"SELECT stratum, CAST(sum(respondents) AS BIGINT), sum(sum_w), sum(sum_wy), sum(sum_wy2) " +
            $"FROM ({Coded(rules, code, $"SELECT * FROM {IndicatorCells} WHERE run_id = $run AND indicator = $indicator")}) GROUP BY 1 ORDER BY 1",
            r => new StratumValueSums(r.GetString(0), r.GetInt64(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4)), transaction, ("run", runId), ("indicator", indicator));
    }

    /// <summary>Response by stratum from plan's kept sums (see <see cref="ResponseByStratum"/>), or null when they do not cover the rules.</summary>
    private static List<WaveStratumResponse>? ResponseByStratumFromCells(BarometerStore store, DuckDBTransaction transaction, IReadOnlyList<StratumRule> rules, int beforeWave)
    {
        if (PlanCellsCover(store, transaction, rules) is not { } code)
        {
            return null;
        }

        return store.Query($"SELECT wave, stratum, CAST(sum(gross) AS BIGINT), CAST(sum(responded) AS BIGINT) FROM ({Coded(rules, code, $"SELECT * FROM {ResponseCells} WHERE wave < $w")}) " +
            "GROUP BY ALL ORDER BY ALL", r => new WaveStratumResponse(r.GetInt32(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3)), transaction, ("w", beforeWave));
    }

    /// <summary>The stratum code expression of the rules when plan's sums are kept over every column they read (of the current register table); else null.</summary>
    private static string? PlanCellsCover(BarometerStore store, DuckDBTransaction transaction, IReadOnlyList<StratumRule> rules)
    {
        if (KeptCells(store, transaction) is not { } kept || !rules.All(r => kept.Columns.Contains(r.Column)))
        {
            return null;
        }

        var (table, code, _) = StratumCode(store, transaction, rules);
        return table == kept.Table ? code : null;
    }

    /// <summary>The register table and columns of the kept frame cells, when plan's sums are kept with them; else null.</summary>
    private static (string Table, string[] Columns)? KeptCells(BarometerStore store, DuckDBTransaction transaction)
    {
        var present = store.Scalar($"SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name IN ('{ResponseCells}', '{WeightCells}', '{IndicatorCells}')", transaction);
        return present == 3 ? FrameCellSet(store, transaction) : null;
    }

    /// <summary>The register table and columns of the frame cells kept at the register ingest (migration 0007), or null.</summary>
    private static (string Table, string[] Columns)? FrameCellSet(BarometerStore store, DuckDBTransaction transaction)
    {
        var sets = store.Query("SELECT register_table, array_to_string(columns, chr(31)), len(columns) FROM frame_cell_sets",
            r => (Table: r.GetString(0), Columns: r.GetInt64(2) == 0 ? [] : r.GetString(1).Split('\u001f')), transaction);
        return sets.Count == 1 ? sets[0] : null;
    }

    private static string Keys(IReadOnlyList<string> columns) => string.Concat(columns.Select(c => "r." + SqlText.Identifier(c) + ", "));

    private static void InsertResponseCells(BarometerStore store, DuckDBTransaction transaction, string from, string keys, int wave)
    {
        foreach (var t in store.Query("SELECT table_name FROM ingested_files WHERE scope = 'survey' AND kind = 'gross_sample' AND wave = $w ORDER BY table_name",
            r => r.GetString(0), transaction, ("w", wave)))
        {
            var columns = store.Query("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $t AND schema_name = 'main'",
                r => (r.GetString(0), r.GetString(1)), transaction, ("t", t)).ToDictionary(c => c.Item1, c => c.Item2, StringComparer.Ordinal);
            if (columns.ContainsKey("person_id") && columns.GetValueOrDefault("responded") == "BOOLEAN")
            {
                store.Execute(string.Create(CultureInfo.InvariantCulture,
                    $"INSERT INTO {ResponseCells} SELECT {wave}, {keys}count(*), count(*) FILTER (WHERE g.responded) FROM {SqlText.Identifier(t)} g ") +
                    $"JOIN {from} r ON r.person_id = TRY_CAST(g.person_id AS BIGINT) GROUP BY ALL", transaction);
            }
        }
    }

    private static void InsertWeightCells(BarometerStore store, DuckDBTransaction transaction, string from, string keys, int? runId)
    {
        var only = runId is null ? "" : "WHERE run_id = $run";
        store.Execute($"INSERT INTO {WeightCells} SELECT w.run_id, {keys}count(*), sum(w.g), sum(w.g * w.g) " +
            $"FROM (SELECT run_id, person_id, calibrated_weight / design_weight AS g FROM run_respondents {only}) w JOIN {from} r ON r.person_id = w.person_id " +
            "WHERE w.g > 0 AND isfinite(w.g) GROUP BY ALL", transaction, runId is null ? [] : [("run", (object?)runId.Value)]);
    }
}

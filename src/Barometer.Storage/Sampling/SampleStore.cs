using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace Barometer.Storage.Sampling;

/// <summary>
/// How a register column gives one part of the stratum code: the column's value mapped through
/// <paramref name="Map"/> (values not in it get <paramref name="Default"/>), or cut into <paramref name="Bands"/>
/// (the first band whose upper limit is at least the value; a null limit is the open last band), with
/// <paramref name="Missing"/> for a missing value.
/// </summary>
public sealed record StratumRule(string Name, string Column, IReadOnlyDictionary<string, string>? Map, string? Default,
    IReadOnlyList<(double? Max, string Code)>? Bands, string Missing);

/// <summary>The frame read from the register: person ids, stratum codes (joined parts, '-' between) and PRNs (NaN = none yet).</summary>
public sealed record FrameRows(long[] PersonId, string[] Stratum, double[] Prn);

/// <summary>Earlier waves' gross samples and how many of each stratum responded (from ingested gross samples).</summary>
public sealed record WaveStratumResponse(int Wave, string Stratum, long Gross, long Responded);

/// <summary>The record of a draw: wave, seed, start point, coordination, allocation hash, persons and their strata.</summary>
public sealed record SampleDrawRecord(int Wave, ulong Seed, double StartPoint, string Coordination, string AllocationSha256, string RegisterTable,
    IReadOnlyList<long> PersonIds, IReadOnlyList<string> Strata);

/// <summary>
/// The store's side of sample design: the frame from the register extract, permanent random numbers, earlier
/// samples, and the record of a draw. Every write happens in the caller's transaction
/// (<see cref="BarometerStore.InTransaction{T}"/>).
/// </summary>
public static class SampleStore
{
    /// <summary>The register table with persons (the register extract's table with a person_id column), or a StoreException.</summary>
    public static string RegisterTable(BarometerStore store, DuckDBTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(store);
        var tables = store.Query(
            "SELECT f.table_name FROM ingested_files f JOIN duckdb_columns() c ON c.table_name = f.table_name " +
            "WHERE f.scope = 'register' AND c.column_name = 'person_id' AND c.schema_name = 'main' GROUP BY f.table_name, f.kind ORDER BY (f.kind = 'register') DESC, f.table_name",
            r => r.GetString(0), transaction);
        return tables.FirstOrDefault() ?? throw new StoreException("the store holds no register extract with a person_id column (the sampling frame); ingest it first with `barometer ingest --register DIR`.");
    }

    /// <summary>The columns of a table.</summary>
    public static IReadOnlyList<string> Columns(BarometerStore store, DuckDBTransaction transaction, string table)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Query("SELECT column_name FROM duckdb_columns() WHERE table_name = $t AND schema_name = 'main' ORDER BY column_index",
            r => r.GetString(0), transaction, ("t", table));
    }

    /// <summary>
    /// The frame: persons of the register aged <paramref name="minAge"/>–<paramref name="maxAge"/> (the register's
    /// <c>age</c> column) with their stratum and PRN. A rule naming a column the register lacks is a StoreException naming it.
    /// </summary>
    public static FrameRows ReadFrame(BarometerStore store, DuckDBTransaction transaction, IReadOnlyList<StratumRule> rules, int minAge, int maxAge)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rules);
        var (table, code, columns) = StratumCode(store, transaction, rules);
        var ageFilter = columns.Contains("age") ? string.Create(CultureInfo.InvariantCulture, $"WHERE r.age BETWEEN {minAge} AND {maxAge}") : "";
        // The stratum code (a CASE per strata variable, some with hundreds of branches) is computed once per distinct
        // combination of the strata columns, not once per person, and joined back as a number: at full scale a few
        // thousand combinations against 8.6 million persons, and no string per person.
        var keys = StrataColumns(rules);
        var on = string.Join(" AND ", keys.Select(k => $"r.{k} IS NOT DISTINCT FROM c.{k}"));
        var from = SqlText.Identifier(table);
        var coded = $"WITH s AS (SELECT {string.Join(", ", keys.Select(k => "r." + k))}, {code} AS stratum FROM (SELECT DISTINCT {string.Join(", ", keys)} FROM {from} r {ageFilter}) r), " +
            "c AS (SELECT *, CAST(dense_rank() OVER (ORDER BY stratum) - 1 AS INTEGER) AS k FROM s) ";
        var codes = store.Query(coded + "SELECT DISTINCT k, stratum FROM c ORDER BY k", r => r.GetString(1), transaction).ToArray();
        var count = (int)store.Scalar($"SELECT count(*) FROM {from} r {ageFilter}", transaction);
        var ids = new long[count];
        var strata = new string[count];
        var prns = new double[count];
        using var command = store.Command(coded + $"SELECT r.person_id, c.k, p.prn FROM {from} r JOIN c ON {on} LEFT JOIN person_prn p ON p.person_id = r.person_id {ageFilter} ORDER BY r.person_id", transaction);
        using var reader = command.ExecuteReader();
        var row = 0;
        while (reader.Read())
        {
            ids[row] = reader.GetInt64(0);
            strata[row] = codes[reader.GetInt32(1)];
            prns[row] = reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2);
            row++;
        }

        return row == count ? new FrameRows(ids, strata, prns) : throw new StoreException($"the frame changed while it was read ({row} of {count} persons).");
    }

    /// <summary>
    /// The frame's strata and their sizes N_h (persons of the register aged <paramref name="minAge"/>–<paramref name="maxAge"/>),
    /// counted by DuckDB, in stratum-code order. A rule naming a column the register lacks is a StoreException naming it.
    /// </summary>
    public static IReadOnlyList<(string Stratum, long Persons)> FrameStrata(BarometerStore store, DuckDBTransaction transaction, IReadOnlyList<StratumRule> rules, int minAge, int maxAge)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rules);
        var (table, code, columns) = StratumCode(store, transaction, rules);
        var ageFilter = columns.Contains("age") ? string.Create(CultureInfo.InvariantCulture, $"WHERE r.age BETWEEN {minAge} AND {maxAge}") : "";
        var keys = string.Join(", ", StrataColumns(rules));
        return store.Query($"SELECT {code} AS stratum, CAST(sum(n) AS BIGINT) FROM (SELECT {keys}, count(*) AS n FROM {SqlText.Identifier(table)} r {ageFilter} GROUP BY ALL) r GROUP BY 1 ORDER BY 1",
            r => (r.GetString(0), r.GetInt64(1)), transaction);
    }

    /// <summary>
    /// The stratum, under <paramref name="rules"/>, of every person of wave <paramref name="wave"/>'s ingested gross
    /// sample who is in the register extract (whatever their age now), by person id: how an earlier wave's
    /// respondents fall into the strata of the next design. Empty when the wave has no ingested gross sample.
    /// </summary>
    public static IReadOnlyDictionary<long, string> StrataOfWave(BarometerStore store, DuckDBTransaction transaction, IReadOnlyList<StratumRule> rules, int wave)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rules);
        var gross = store.Query("SELECT table_name FROM ingested_files WHERE scope = 'survey' AND kind = 'gross_sample' AND wave = $w ORDER BY table_name",
            r => r.GetString(0), transaction, ("w", wave)).FirstOrDefault();
        var result = new Dictionary<long, string>();
        if (gross is null)
        {
            return result;
        }

        var (table, code, _) = StratumCode(store, transaction, rules);
        var sql = $"SELECT r.person_id, {code} FROM {SqlText.Identifier(table)} r SEMI JOIN {SqlText.Identifier(gross)} g ON TRY_CAST(g.person_id AS BIGINT) = r.person_id";
        foreach (var (id, stratum) in store.Query(sql, r => (r.GetInt64(0), r.GetString(1)), transaction))
        {
            result[id] = stratum;
        }

        return result;
    }

    /// <summary>
    /// The respondents stored with run <paramref name="runId"/> (<c>run_respondents</c>), in the run's row order: the
    /// stratum under <paramref name="rules"/> of each (from the register extract by person id, whatever their age now;
    /// null when the person is not in it), design weight and calibrated weight. Null when the run stored none (a run
    /// made before migration 0005).
    /// </summary>
    public static IReadOnlyList<(string? Stratum, double DesignWeight, double CalibratedWeight)>? RunRespondents(BarometerStore store, DuckDBTransaction transaction,
        IReadOnlyList<StratumRule> rules, int runId)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rules);
        if (store.Scalar("SELECT count(*) FROM run_respondents WHERE run_id = $run", transaction, ("run", runId)) == 0)
        {
            return null;
        }

        var (table, code, _) = StratumCode(store, transaction, rules);
        var sql = $"SELECT CASE WHEN r.person_id IS NULL THEN NULL ELSE {code} END, w.design_weight, w.calibrated_weight FROM run_respondents w " +
            $"LEFT JOIN {SqlText.Identifier(table)} r ON r.person_id = w.person_id WHERE w.run_id = $run ORDER BY w.position";
        return store.Query(sql, r => (r.IsDBNull(0) ? null : r.GetString(0), r.GetDouble(1), r.GetDouble(2)), transaction, ("run", runId));
    }

    /// <summary>The register columns the rules read, each once, as quoted identifiers.</summary>
    private static List<string> StrataColumns(IReadOnlyList<StratumRule> rules) =>
        rules.Count == 0 ? ["person_id"] : [.. rules.Select(r => r.Column).Distinct(StringComparer.Ordinal).Select(SqlText.Identifier)];

    private static (string Table, string Code, HashSet<string> Columns) StratumCode(BarometerStore store, DuckDBTransaction transaction, IReadOnlyList<StratumRule> rules)
    {
        var table = RegisterTable(store, transaction);
        var columns = Columns(store, transaction, table).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in rules.Where(r => !columns.Contains(r.Column)))
        {
            throw new StoreException($"the strata variable '{rule.Name}' reads the register column '{rule.Column}', which the register extract ({table}) does not have. Expected one of: {string.Join(", ", columns.Order(StringComparer.Ordinal))}.");
        }

        return (table, rules.Count == 0 ? "'all'" : string.Join(" || '-' || ", rules.Select(StratumSql)), columns);
    }

    /// <summary>Persons of the register extract without a PRN.</summary>
    public static long PersonsWithoutPrn(BarometerStore store, DuckDBTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(store);
        var table = RegisterTable(store, transaction);
        return store.Scalar($"SELECT count(*) FROM {SqlText.Identifier(table)} r ANTI JOIN person_prn p ON p.person_id = r.person_id", transaction);
    }

    /// <summary>
    /// Gives every person of the register extract who has no PRN yet the number <paramref name="prn"/>(id); returns
    /// how many were assigned. Persons who have one keep it.
    /// </summary>
    public static long AssignPrns(BarometerStore store, DuckDBTransaction transaction, ulong seed, Func<long, double> prn)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prn);
        var table = RegisterTable(store, transaction);
        var ids = store.Query($"SELECT DISTINCT r.person_id FROM {SqlText.Identifier(table)} r ANTI JOIN person_prn p ON p.person_id = r.person_id WHERE r.person_id IS NOT NULL",
            r => r.GetInt64(0), transaction);
        if (ids.Count == 0)
        {
            return 0;
        }

        var at = store.Clock.GetUtcNow();
        store.Execute("CREATE TEMP TABLE IF NOT EXISTS new_prn (person_id BIGINT, prn DOUBLE)", transaction);
        store.Execute("DELETE FROM new_prn", transaction);
        using (var appender = store.Connection.CreateAppender("new_prn"))
        {
            foreach (var id in ids)
            {
                appender.CreateRow().AppendValue(id).AppendValue(prn(id)).EndRow();
            }
        }

        store.Execute("INSERT INTO person_prn SELECT person_id, prn, $seed, $at FROM new_prn", transaction, ("seed", seed), ("at", at));
        store.Execute("DROP TABLE new_prn", transaction);
        return ids.Count;
    }

    /// <summary>Whether the wave already has a sample: a recorded draw or an ingested gross sample.</summary>
    public static string? ExistingSample(BarometerStore store, DuckDBTransaction transaction, int wave)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Scalar("SELECT count(*) FROM sample_draws WHERE wave = $w", transaction, ("w", wave)) > 0)
        {
            return "drawn";
        }

        return store.Scalar("SELECT count(*) FROM ingested_files WHERE scope = 'survey' AND wave = $w", transaction, ("w", wave)) > 0 ? "ingested" : null;
    }

    /// <summary>
    /// For each of <paramref name="personIds"/>: 1 when the person was in the sample of wave − 1, 2 for wave − 2, …
    /// up to <paramref name="lookBack"/> waves (the most recent counts); 0 otherwise. Samples are recorded draws and
    /// ingested gross samples.
    /// </summary>
    public static byte[] LastSampled(BarometerStore store, DuckDBTransaction transaction, IReadOnlyList<long> personIds, int wave, int lookBack)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(personIds);
        var union = new StringBuilder("SELECT wave, person_id FROM sample_persons");
        foreach (var (w, t) in store.Query("SELECT wave, table_name FROM ingested_files WHERE scope = 'survey' AND kind = 'gross_sample'",
            r => (r.GetInt32(0), r.GetString(1)), transaction))
        {
            union.Append(CultureInfo.InvariantCulture, $" UNION ALL SELECT {w}, person_id FROM {SqlText.Identifier(t)}");
        }

        var sql = $"SELECT person_id, min($wave - wave) FROM ({union}) WHERE wave < $wave AND wave >= $wave - $back GROUP BY person_id";
        var ago = store.Query(sql, r => (r.GetInt64(0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)), transaction, ("wave", wave), ("back", lookBack))
            .ToDictionary(x => x.Item1, x => x.Item2);
        var result = new byte[personIds.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = ago.TryGetValue(personIds[i], out var a) ? (byte)Math.Min(a, 255) : (byte)0;
        }

        return result;
    }

    /// <summary>Earlier waves' gross samples and responses by the stratum written in them (ingested gross samples with a responded flag).</summary>
    public static IReadOnlyList<WaveStratumResponse> ResponseByStratum(BarometerStore store, DuckDBTransaction transaction, int beforeWave)
    {
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<WaveStratumResponse>();
        foreach (var (w, t) in store.Query("SELECT wave, table_name FROM ingested_files WHERE scope = 'survey' AND kind = 'gross_sample' AND wave < $w ORDER BY wave",
            r => (r.GetInt32(0), r.GetString(1)), transaction, ("w", beforeWave)))
        {
            var columns = Columns(store, transaction, t);
            if (!columns.Contains("stratum") || !columns.Contains("responded"))
            {
                continue;
            }

            rows.AddRange(store.Query($"SELECT CAST(stratum AS VARCHAR), count(*), count(*) FILTER (WHERE responded) FROM {SqlText.Identifier(t)} GROUP BY ALL ORDER BY ALL",
                r => new WaveStratumResponse(w, r.GetString(0), r.GetInt64(1), r.GetInt64(2)), transaction));
        }

        return rows;
    }

    /// <summary>Records a draw (refused by the primary key when the wave has one).</summary>
    public static void RecordDraw(BarometerStore store, DuckDBTransaction transaction, SampleDrawRecord draw)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(draw);
        store.Execute("INSERT INTO sample_draws VALUES ($wave, $at, $seed, $start, $coordination, $sha, $table, $persons)", transaction,
            ("wave", draw.Wave), ("at", store.Clock.GetUtcNow()), ("seed", draw.Seed), ("start", draw.StartPoint), ("coordination", draw.Coordination),
            ("sha", draw.AllocationSha256), ("table", draw.RegisterTable), ("persons", (long)draw.PersonIds.Count));
        using var appender = store.Connection.CreateAppender("sample_persons");
        for (var i = 0; i < draw.PersonIds.Count; i++)
        {
            appender.CreateRow().AppendValue(draw.Wave).AppendValue(draw.PersonIds[i]).AppendValue(draw.Strata[i]).EndRow();
        }
    }

    /// <summary>The persons of a recorded draw with their register background columns (those of <paramref name="columns"/> the register has).</summary>
    public static (IReadOnlyList<string> Columns, List<object?[]> Rows) DrawnPersons(BarometerStore store, DuckDBTransaction transaction, int wave, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(columns);
        var table = RegisterTable(store, transaction);
        var present = Columns(store, transaction, table).ToHashSet(StringComparer.Ordinal);
        var used = columns.Where(c => present.Contains(c) && c != "person_id").ToList();
        var select = string.Concat(used.Select(c => ", r." + SqlText.Identifier(c)));
        var rows = store.Query($"SELECT s.person_id, s.stratum{select} FROM sample_persons s JOIN {SqlText.Identifier(table)} r ON r.person_id = s.person_id WHERE s.wave = $w ORDER BY s.stratum, s.person_id",
            r =>
            {
                var values = new object?[used.Count + 2];
                for (var c = 0; c < values.Length; c++)
                {
                    values[c] = r.IsDBNull(c) ? null : r.GetValue(c);
                }

                return values;
            }, transaction, ("w", wave));
        return (used, rows);
    }

    private static string StratumSql(StratumRule rule)
    {
        var column = "r." + SqlText.Identifier(rule.Column);
        var text = $"CAST({column} AS VARCHAR)";
        string body;
        if (rule.Bands is { Count: > 0 } bands)
        {
            var cases = string.Concat(bands.Select(b => b.Max is { } max
                ? string.Create(CultureInfo.InvariantCulture, $" WHEN CAST({column} AS DOUBLE) <= {max:R} THEN {SqlText.Literal(b.Code)}")
                : $" ELSE {SqlText.Literal(b.Code)}"));
            if (bands[^1].Max is not null)
            {
                cases += " ELSE NULL";
            }

            body = $"CASE{cases} END";
        }
        else if (rule.Map is { Count: > 0 } map)
        {
            var cases = string.Concat(map.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $" WHEN {SqlText.Literal(m.Key)} THEN {SqlText.Literal(m.Value)}"));
            body = $"CASE {text}{cases} ELSE {(rule.Default is null ? text : SqlText.Literal(rule.Default))} END";
        }
        else
        {
            body = text;
        }

        return $"(CASE WHEN {column} IS NULL THEN {SqlText.Literal(rule.Missing)} ELSE coalesce({body}, {SqlText.Literal(rule.Missing)}) END)";
    }
}

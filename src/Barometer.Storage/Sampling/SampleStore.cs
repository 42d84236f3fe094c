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

/// <summary>What a register ingest counts for the frame: persons aged <paramref name="MinAge"/>–<paramref name="MaxAge"/> (when the register has age) per combination of <paramref name="Columns"/>.</summary>
public sealed record FrameCellSpec(IReadOnlyList<string> Columns, int MinAge, int MaxAge);

/// <summary>The frame's strata and their sizes N_h, in stratum-code order, and whether they came from the counts kept at register ingest.</summary>
public sealed record FrameSizes(IReadOnlyList<(string Stratum, long Persons)> Strata, bool FromKeptCounts);

/// <summary>
/// What a draw needs from the frame (<see cref="SampleStore.DrawFrame"/>): the strata (codes in order) with N_h and
/// how many of each were sampled in the waves looked back on, and the candidates — for each stratum and each of its
/// two pools (sampled in those waves or not) the persons with the smallest order keys, at least as many as the
/// stratum's allocation (all of the pool when it is smaller) — with their stratum index, PRN (NaN when the order
/// does not use it) and how many waves ago they were last sampled (0 = not in the waves looked back on).
/// </summary>
public sealed record DrawFrameRows(string[] Codes, int[] Population, int[] PreviouslySampled, long[] PersonId, int[] Stratum, double[] Prn, byte[] LastSampledWavesAgo);

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
public static partial class SampleStore
{
    /// <summary>The register table with persons (the register extract's table with a person_id column), or a StoreException.</summary>
    public static string RegisterTable(BarometerStore store, DuckDBTransaction transaction) =>
        RegisterTables(store, transaction).FirstOrDefault() ?? throw new StoreException("the store holds no register extract with a person_id column (the sampling frame); ingest it first with `barometer ingest --register DIR`.");

    private static List<string> RegisterTables(BarometerStore store, DuckDBTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Query(
            "SELECT f.table_name FROM ingested_files f JOIN duckdb_columns() c ON c.table_name = f.table_name " +
            "WHERE f.scope = 'register' AND c.column_name = 'person_id' AND c.schema_name = 'main' GROUP BY f.table_name, f.kind ORDER BY (f.kind = 'register') DESC, f.table_name",
            r => r.GetString(0), transaction);
    }

    /// <summary>The columns of a table.</summary>
    public static IReadOnlyList<string> Columns(BarometerStore store, DuckDBTransaction transaction, string table)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Query("SELECT column_name FROM duckdb_columns() WHERE table_name = $t AND schema_name = 'main' ORDER BY column_index",
            r => r.GetString(0), transaction, ("t", table));
    }

    /// <summary>The table with the persons per combination of register columns, kept at register ingest (<see cref="KeepFrameCells"/>).</summary>
    public const string CellsTable = "frame_cells";

    private const string CellPersons = "cell_persons";

    private static int _functions;

    /// <summary>
    /// Keeps, with the register extract, the number of its persons in the frame's ages per combination of the
    /// columns of <paramref name="spec"/> (those the register has; the sample design's strata columns), so that
    /// <see cref="FrameStrata"/> and <see cref="DrawFrame"/> never group the 10.6 million persons again. Called by the
    /// register ingest in its own transaction; drops the counts of an earlier extract first, so with no spec (or no
    /// register with person ids) the store keeps none. Returns the number of combinations kept.
    /// </summary>
    public static long KeepFrameCells(BarometerStore store, DuckDBTransaction transaction, FrameCellSpec? spec)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.Execute($"DROP TABLE IF EXISTS {CellsTable}", transaction);
        store.Execute("DELETE FROM frame_cell_sets", transaction);
        var table = RegisterTables(store, transaction).FirstOrDefault();
        if (table is null || spec is null)
        {
            RebuildPlanCells(store, transaction, null, null);
            return 0;
        }

        var present = Columns(store, transaction, table).ToHashSet(StringComparer.Ordinal);
        var used = spec.Columns.Where(c => present.Contains(c) && c is not "person_id" and not "source_row" and not CellPersons).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var age = present.Contains("age");
        var keys = used.Count == 0 ? "" : string.Join(", ", used.Select(SqlText.Identifier)) + ", ";
        var where = age ? string.Create(CultureInfo.InvariantCulture, $"AND age BETWEEN {spec.MinAge} AND {spec.MaxAge}") : "";
        store.Execute($"CREATE TABLE {CellsTable} AS SELECT {keys}CAST(count(*) AS BIGINT) AS {CellPersons} FROM {SqlText.Identifier(table)} WHERE person_id IS NOT NULL {where} GROUP BY ALL ORDER BY ALL", transaction);
        var list = used.Count == 0 ? "CAST([] AS VARCHAR[])" : "[" + string.Join(", ", used.Select(SqlText.Literal)) + "]";
        store.Execute($"INSERT INTO frame_cell_sets SELECT $table, {list}, $min, $max, coalesce(sum({CellPersons}), 0), $at FROM {CellsTable}", transaction,
            ("table", table), ("min", age ? spec.MinAge : null), ("max", age ? spec.MaxAge : null), ("at", store.Clock.GetUtcNow()));
        RebuildPlanCells(store, transaction, table, used);
        return store.Scalar($"SELECT count(*) FROM {CellsTable}", transaction);
    }

    /// <summary>
    /// Whether the counts kept at ingest (<see cref="CellsTable"/>) are of <paramref name="table"/>, over every column
    /// the rules read, and for the ages <paramref name="minAge"/>–<paramref name="maxAge"/> (or the register has no age).
    /// </summary>
    private static bool CellsCover(BarometerStore store, DuckDBTransaction transaction, string table, IReadOnlyList<StratumRule> rules, bool hasAge, int minAge, int maxAge)
    {
        var sets = store.Query("SELECT register_table, array_to_string(columns, chr(31)), min_age, max_age FROM frame_cell_sets",
            r => (Table: r.GetString(0), Columns: r.GetString(1).Split('\u001f'), Min: r.IsDBNull(2) ? (int?)null : r.GetInt32(2), Max: r.IsDBNull(3) ? (int?)null : r.GetInt32(3)), transaction);
        return sets.Count == 1 && sets[0].Table == table && rules.All(r => sets[0].Columns.Contains(r.Column))
            && (hasAge ? sets[0].Min == minAge && sets[0].Max == maxAge : sets[0].Min is null);
    }

    /// <summary>
    /// The frame's strata and their sizes N_h (persons of the register aged <paramref name="minAge"/>–<paramref name="maxAge"/>),
    /// counted by DuckDB, in stratum-code order: from the counts kept at register ingest when they cover every column
    /// the rules and the age limits read, else over the register itself. A rule naming a column the register lacks
    /// is a StoreException naming it.
    /// </summary>
    public static FrameSizes FrameStrata(BarometerStore store, DuckDBTransaction transaction, IReadOnlyList<StratumRule> rules, int minAge, int maxAge)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rules);
        var (table, code, columns) = StratumCode(store, transaction, rules);
        var keys = StrataColumns(rules);
        var usesAge = columns.Contains("age");
        var cells = CellsCover(store, transaction, table, rules, usesAge, minAge, maxAge);
        var ageFilter = usesAge && !cells ? string.Create(CultureInfo.InvariantCulture, $"WHERE r.age BETWEEN {minAge} AND {maxAge}") : "";
        var (from, count) = cells ? (CellsTable, $"sum({CellPersons})") : (SqlText.Identifier(table), "count(*)");
        var grouped = keys.Count == 0
            ? $"SELECT {count} AS n FROM {from} r {ageFilter}"
            : $"SELECT {string.Join(", ", keys)}, {count} AS n FROM {from} r {ageFilter} GROUP BY ALL";
        var strata = store.Query($"SELECT stratum, CAST(sum(n) AS BIGINT) FROM ({Coded(rules, code, grouped)}) GROUP BY 1 HAVING sum(n) > 0 ORDER BY 1",
            r => (r.GetString(0), r.GetInt64(1)), transaction);
        return new FrameSizes(strata, cells);
    }

    /// <summary>
    /// The frame of a draw for wave <paramref name="wave"/>, reduced in DuckDB to what the selection needs (see
    /// <see cref="DrawFrameRows"/>): N_h and the persons sampled in the last <paramref name="lookBack"/> waves per
    /// stratum, and per stratum and pool the <paramref name="allocation"/>[stratum] persons first in the draw's order
    /// — by <paramref name="order"/>(person id) when given (an independent draw's per-wave random numbers), else by the
    /// PRN shifted to <paramref name="start"/>, ties by person id. Samples looked back on are recorded draws and
    /// ingested gross samples. A rule naming a column the register lacks is a StoreException naming it.
    /// </summary>
    public static DrawFrameRows DrawFrame(BarometerStore store, DuckDBTransaction transaction, IReadOnlyList<StratumRule> rules, int minAge, int maxAge,
        int wave, int lookBack, IReadOnlyDictionary<string, int> allocation, double start, Func<long, double>? order)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(allocation);
        var (table, code, columns) = StratumCode(store, transaction, rules);
        var ageFilter = columns.Contains("age") ? string.Create(CultureInfo.InvariantCulture, $"r.age BETWEEN {minAge} AND {maxAge}") : "TRUE";
        var keys = StrataColumns(rules);
        var from = SqlText.Identifier(table);
        // The stratum code (a CASE per strata variable, some with hundreds of branches) is computed once per distinct
        // combination of the strata columns — read from the counts kept at ingest when they cover the columns — not
        // once per person, and joined back as a number.
        var cells = CellsCover(store, transaction, table, rules, columns.Contains("age"), minAge, maxAge);
        store.Execute("CREATE OR REPLACE TEMP TABLE draw_codes AS " + (keys.Count == 0
            ? "SELECT 'all' AS stratum, 0 AS k"
            : $"SELECT *, CAST(dense_rank() OVER (ORDER BY stratum) - 1 AS INTEGER) AS k FROM ({Coded(rules, code, $"SELECT DISTINCT {string.Join(", ", keys)} FROM {(cells ? CellsTable : from)} r WHERE {(cells ? "TRUE" : ageFilter)}")})"), transaction);
        var on = keys.Count == 0 ? "TRUE" : string.Join(" AND ", keys.Select(k => $"r.{k} IS NOT DISTINCT FROM c.{k}"));
        var earlier = new StringBuilder("SELECT wave, person_id FROM sample_persons");
        foreach (var (w, t) in store.Query("SELECT wave, table_name FROM ingested_files WHERE scope = 'survey' AND kind = 'gross_sample'",
            r => (r.GetInt32(0), r.GetString(1)), transaction))
        {
            earlier.Append(CultureInfo.InvariantCulture, $" UNION ALL SELECT {w}, TRY_CAST(person_id AS BIGINT) FROM {SqlText.Identifier(t)}");
        }

        store.Execute("CREATE OR REPLACE TEMP TABLE draw_previous AS " +
            $"SELECT person_id, CAST(min($wave - wave) AS INTEGER) AS ago FROM ({earlier}) WHERE wave < $wave AND wave >= $wave - $back AND person_id IS NOT NULL GROUP BY person_id",
            transaction, ("wave", wave), ("back", lookBack));
        // The frame: persons of the register in the age limits with their stratum number and waves since last sampled.
        var frame = $"FROM {from} r JOIN temp.draw_codes c ON {on} LEFT JOIN temp.draw_previous v ON v.person_id = r.person_id WHERE {ageFilter}";
        var codes = store.Query("SELECT DISTINCT k, stratum FROM temp.draw_codes ORDER BY k", r => r.GetString(1), transaction).ToArray();
        var population = new int[codes.Length];
        var previous = new int[codes.Length];
        foreach (var (k, n, p) in store.Query($"SELECT c.k, count(*), count(v.person_id) {frame} GROUP BY c.k", r => (r.GetInt32(0), r.GetInt64(1), r.GetInt64(2)), transaction))
        {
            population[k] = checked((int)n);
            previous[k] = checked((int)p);
        }

        var (orderKey, prn, join) = order is not null
            ? (RegisterNumberFunction(store, order) + "(r.person_id)", "CAST(NULL AS DOUBLE)", "")
            : (string.Create(CultureInfo.InvariantCulture, $"(CASE WHEN p.prn - {start:R} < 0 THEN p.prn - {start:R} + 1 ELSE p.prn - {start:R} END)"), "p.prn",
                "JOIN person_prn p ON p.person_id = r.person_id ");
        var select = $"SELECT r.person_id, c.k, {prn} AS prn, coalesce(v.ago, 0) AS ago, {orderKey} AS draw_key " + frame.Replace(" WHERE ", " " + join + "WHERE ", StringComparison.Ordinal);
        var (ids, strata, prns, ago) = Candidates(store, transaction, codes, population, previous, allocation, select, slack: true)
            ?? Candidates(store, transaction, codes, population, previous, allocation, select, slack: false)!.Value;
        store.Execute("DROP TABLE temp.draw_previous", transaction);
        store.Execute("DROP TABLE temp.draw_codes", transaction);
        return new DrawFrameRows(codes, population, previous, ids, strata, prns, ago);
    }

    /// <summary>
    /// The candidates of a draw from the frame <paramref name="frame"/> (person_id, k, prn, ago, draw_key): per stratum and pool (sampled in the waves looked back on or
    /// not) the n_h persons first by draw_key, then person id. The order keys are uniform on (0, 1),
    /// so with <paramref name="slack"/> only keys below a bound per pool that leaves about n_h + 5√n_h + 20 of its M
    /// persons are ranked — the rest of the frame is never sorted — and the result is null when a pool came out short
    /// of min(n_h, M) (then the caller ranks the whole frame).
    /// </summary>
    private static (long[] Ids, int[] Strata, double[] Prns, byte[] Ago)? Candidates(BarometerStore store, DuckDBTransaction transaction, string[] codes,
        int[] population, int[] previous, IReadOnlyDictionary<string, int> allocation, string frame, bool slack)
    {
        static double Bound(int pool, int n) => pool <= n ? 2.0 : Math.Min(2.0, (n + (5 * Math.Sqrt(n)) + 20) / pool);
        store.Execute("CREATE OR REPLACE TEMP TABLE draw_allocation (k INTEGER, n INTEGER, bound_sampled DOUBLE, bound_other DOUBLE)", transaction);
        var need = new Dictionary<int, int>();
        using (var appender = store.Connection.CreateAppender("temp", "main", "draw_allocation"))
        {
            for (var k = 0; k < codes.Length; k++)
            {
                if (allocation.TryGetValue(codes[k], out var n) && n > 0)
                {
                    need[k] = n;
                    appender.CreateRow().AppendValue(k).AppendValue(n)
                        .AppendValue(slack ? Bound(previous[k], n) : 2.0).AppendValue(slack ? Bound(population[k] - previous[k], n) : 2.0).EndRow();
                }
            }
        }

        var ids = new List<long>();
        var strata = new List<int>();
        var prns = new List<double>();
        var ago = new List<byte>();
        var sql = $"SELECT f.person_id, f.k, f.prn, f.ago FROM ({frame}) f JOIN temp.draw_allocation a ON a.k = f.k " +
            "WHERE f.draw_key < CASE WHEN f.ago > 0 THEN a.bound_sampled ELSE a.bound_other END " +
            "QUALIFY row_number() OVER (PARTITION BY f.k, f.ago > 0 ORDER BY f.draw_key, f.person_id) <= a.n";
        using (var command = store.Command(sql, transaction))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
                strata.Add(reader.GetInt32(1));
                prns.Add(reader.IsDBNull(2) ? double.NaN : reader.GetDouble(2));
                ago.Add((byte)Math.Min(reader.GetInt32(3), 255));
            }
        }

        store.Execute("DROP TABLE temp.draw_allocation", transaction);
        var taken = new int[codes.Length, 2];
        for (var i = 0; i < ids.Count; i++)
        {
            taken[strata[i], ago[i] > 0 ? 1 : 0]++;
        }

        foreach (var (k, n) in need)
        {
            if (taken[k, 1] < Math.Min(n, previous[k]) || taken[k, 0] < Math.Min(n, population[k] - previous[k]))
            {
                return null;
            }
        }

        return ([.. ids], [.. strata], [.. prns], [.. ago]);
    }

    /// <summary>Registers <paramref name="function"/> on the store's connection as a scalar SQL function of a BIGINT; returns its name (one per call).</summary>
    private static string RegisterNumberFunction(BarometerStore store, Func<long, double> function)
    {
        var name = "barometer_number_" + Interlocked.Increment(ref _functions).ToString(CultureInfo.InvariantCulture);
        store.Connection.RegisterScalarFunction<long, double>(name, function);
        return name;
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

    /// <summary>
    /// The rows of <paramref name="combinations"/> (a query over the rules' columns, one row per combination) with their
    /// stratum code as <c>stratum</c>. Each strata variable's code (a CASE, some with hundreds of branches) is computed
    /// once per distinct value of its column and joined back, not once per combination: at full scale a few hundred
    /// values per column against hundreds of thousands of combinations. <paramref name="code"/> is the whole code
    /// expression, used as it is when there are no rules.
    /// </summary>
    private static string Coded(IReadOnlyList<StratumRule> rules, string code, string combinations)
    {
        if (rules.Count == 0)
        {
            return $"SELECT *, {code} AS stratum FROM ({combinations}) r";
        }

        var maps = rules.Select((rule, i) =>
        {
            var column = SqlText.Identifier(rule.Column);
            return string.Create(CultureInfo.InvariantCulture, $"m{i} AS (SELECT r.{column} AS v, {StratumSql(rule)} AS code FROM (SELECT DISTINCT {column} FROM g) r)");
        });
        var joins = string.Concat(rules.Select((rule, i) => string.Create(CultureInfo.InvariantCulture, $" JOIN m{i} ON g.{SqlText.Identifier(rule.Column)} IS NOT DISTINCT FROM m{i}.v")));
        var stratum = string.Join(" || '-' || ", rules.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"m{i}.code")));
        return $"WITH g AS ({combinations}), {string.Join(", ", maps)} SELECT g.*, {stratum} AS stratum FROM g{joins}";
    }

    /// <summary>The register columns the rules read, each once, as quoted identifiers.</summary>
    private static List<string> StrataColumns(IReadOnlyList<StratumRule> rules) =>
        [.. rules.Select(r => r.Column).Distinct(StringComparer.Ordinal).Select(SqlText.Identifier)];

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
        // The numbers are computed inside DuckDB by the registered function: 10.6 million ids never cross into .NET lists.
        var function = RegisterNumberFunction(store, prn);
        return store.Execute(
            $"INSERT INTO person_prn SELECT person_id, {function}(person_id), $seed, $at FROM (SELECT DISTINCT r.person_id FROM {SqlText.Identifier(table)} r " +
            "ANTI JOIN person_prn p ON p.person_id = r.person_id WHERE r.person_id IS NOT NULL)", transaction, ("seed", seed), ("at", store.Clock.GetUtcNow()));
    }

    /// <summary>Whether the store has permanent random numbers at all (the PRNs earlier draws assigned).</summary>
    public static bool HasPrns(BarometerStore store, DuckDBTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Scalar("SELECT count(*) FROM (SELECT 1 FROM person_prn LIMIT 1)", transaction) > 0;
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
    /// Earlier waves' gross samples (ingested, with a boolean <c>responded</c>) and how many responded, by the stratum
    /// each person falls in under <paramref name="rules"/> — from the register extract by person id, whatever their
    /// age now — not by the stratum written in the sample, so waves drawn under another design (the synthetic
    /// generator's strata, an older design) count in the strata of the next one. Persons no longer in the register
    /// are left out. Read from plan's sums kept per combination of the strata columns (migration 0009) when they
    /// cover the rules, else counted over the gross samples and the register.
    /// </summary>
    public static IReadOnlyList<WaveStratumResponse> ResponseByStratum(BarometerStore store, DuckDBTransaction transaction, IReadOnlyList<StratumRule> rules, int beforeWave)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rules);
        if (ResponseByStratumFromCells(store, transaction, rules, beforeWave) is { } kept)
        {
            return kept;
        }

        var samples = new List<string>();
        foreach (var (w, t) in store.Query("SELECT wave, table_name FROM ingested_files WHERE scope = 'survey' AND kind = 'gross_sample' AND wave < $w ORDER BY wave",
            r => (r.GetInt32(0), r.GetString(1)), transaction, ("w", beforeWave)))
        {
            var columns = store.Query("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $t AND schema_name = 'main'",
                r => (r.GetString(0), r.GetString(1)), transaction, ("t", t)).ToDictionary(c => c.Item1, c => c.Item2, StringComparer.Ordinal);
            if (columns.ContainsKey("person_id") && columns.GetValueOrDefault("responded") == "BOOLEAN")
            {
                samples.Add(string.Create(CultureInfo.InvariantCulture, $"SELECT {w} AS wave, TRY_CAST(person_id AS BIGINT) AS person_id, responded FROM {SqlText.Identifier(t)}"));
            }
        }

        if (samples.Count == 0)
        {
            return [];
        }

        var (table, code, _) = StratumCode(store, transaction, rules);
        var sql = $"SELECT g.wave, {code} AS stratum, count(*), count(*) FILTER (WHERE g.responded) FROM ({string.Join(" UNION ALL ", samples)}) g " +
            $"JOIN {SqlText.Identifier(table)} r ON r.person_id = g.person_id GROUP BY ALL ORDER BY ALL";
        return store.Query(sql, r => new WaveStratumResponse(r.GetInt32(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3)), transaction);
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

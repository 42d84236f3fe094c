using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Barometer.Storage.Schema;
using DuckDB.NET.Data;

namespace Barometer.Storage.Fieldwork;

/// <summary>A wave opened for fieldwork.</summary>
public sealed record FieldWave(int Wave, DateTimeOffset OpenedAt, string SampleSha256, IReadOnlyList<string> SampleColumns, DateTimeOffset? ClosedAt);

/// <summary>The stored form of one access code (never the code itself).</summary>
public sealed record FieldCodeRecord(int Wave, string LookupId, long PersonId, byte[] Salt, byte[] SecretHash, int Iterations, int Failures, bool Locked);

/// <summary>A respondent's session.</summary>
public sealed record FieldSession(int Wave, long PersonId, DateTimeOffset ExpiresAt);

/// <summary>One page as a respondent submitted it: the answers given on it, its language, and whether it ends the questionnaire.</summary>
public sealed record FieldPageSubmission(string Page, string Language, IReadOnlyDictionary<string, int> Answers, bool Completes);

/// <summary>What is known of one person who logged in: mode, times, the last page submitted and completion.</summary>
public sealed record FieldRespondent(long PersonId, string Mode, DateTimeOffset StartedAt, DateTimeOffset LastAt, string? LastPage, DateTimeOffset? CompletedAt);

/// <summary>One page submission (paradata).</summary>
public sealed record FieldPageVisit(long PersonId, string Page, string Language, DateTimeOffset SubmittedAt, double? Seconds);

/// <summary>The gross sample as opened: its columns and each person's row (fields as text, null when empty).</summary>
public sealed record FieldSample(IReadOnlyList<string> Columns, IReadOnlyList<(long PersonId, IReadOnlyList<string?> Fields)> Rows);

/// <summary>
/// The field store: a DuckDB file of its own for what respondents give during fieldwork (schema
/// <c>Schema/FieldMigrations</c>): the opened waves with their gross sample, access codes as salted slow hashes
/// (<see cref="AccessCode"/>), sessions, answers per page and paradata. It is apart from the producer's store because
/// it is the most sensitive data of the system and lives on the field host; <c>barometer field close</c> copies its
/// answers into the store through ingest. Every write is one transaction, so a crash loses at most the page being
/// submitted. One connection, used by one caller at a time (the field host's requests take turns on it).
/// </summary>
public sealed class FieldStore : IDisposable
{
    public const string DefaultFileName = "field.duckdb";

    private readonly DuckDBConnection _connection;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();

    private FieldStore(string path, DuckDBConnection connection, TimeProvider clock)
    {
        Path = path;
        _connection = connection;
        _clock = clock;
    }

    public string Path { get; }

    /// <summary>The field store beside the producer's store <paramref name="storePath"/>.</summary>
    public static string PathBeside(string storePath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(storePath)) ?? ".", DefaultFileName);

    /// <summary>Opens (creating when absent) the field store at <paramref name="path"/> and applies pending migrations.</summary>
    public static FieldStore Open(string path, TimeProvider clock) => Open(path, clock, mustExist: false);

    /// <summary>Opens an existing field store; never creates one.</summary>
    public static FieldStore OpenExisting(string path, TimeProvider clock) => Open(path, clock, mustExist: true);

    private static FieldStore Open(string path, TimeProvider clock, bool mustExist)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(clock);
        var full = System.IO.Path.GetFullPath(path);
        if (mustExist && !File.Exists(full))
        {
            throw new StoreException($"there is no field store at '{path}'; open the wave's fieldwork with 'barometer field codes' first.");
        }

        var directory = System.IO.Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new StoreException($"the folder of the field store '{path}' does not exist.");
        }

        DuckDBConnection? connection = null;
        try
        {
            connection = new DuckDBConnection($"Data Source={full}");
            connection.Open();
            SchemaMigrator.Apply(connection, clock, SchemaMigrator.EmbeddedField);
            var store = new FieldStore(full, connection, clock);
            connection = null;
            return store;
        }
        catch (DuckDBException ex)
        {
            throw new StoreException($"cannot open the field store '{path}': {ex.Message}", ex);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    public FieldWave? Wave(int wave)
    {
        lock (_gate)
        {
            return Session(null).Query(
                "SELECT wave, opened_at, sample_sha256, sample_columns, closed_at FROM field_waves WHERE wave = $w",
                r => new FieldWave(r.GetInt32(0), Time(r, 1)!.Value, r.GetString(2), r.GetString(3).Split(','), Time(r, 4)),
                ("w", wave)).FirstOrDefault();
        }
    }

    /// <summary>
    /// Opens <paramref name="wave"/> for fieldwork from the gross sample <paramref name="samplePath"/> (the sample.csv
    /// of <c>barometer draw</c>): stores every person's row and a new access code per person, in one transaction.
    /// Returns the clear codes — the only place they exist — for the letters. Refused when the wave is already open.
    /// </summary>
    /// <param name="wave">The wave.</param>
    /// <param name="samplePath">The gross sample file.</param>
    /// <param name="iterations">PBKDF2 rounds (<see cref="AccessCode.Iterations"/>; tests use fewer).</param>
    /// <param name="beforeCommit">Called with the codes before the transaction commits (the CLI writes the letters' file there, so a failure to write it issues no code).</param>
    /// <exception cref="StoreException">The wave is open already, or the sample file is unreadable or not a gross sample of the wave (the message names file, row and column).</exception>
    public IReadOnlyList<(long PersonId, AccessCode Code)> OpenWave(int wave, string samplePath, int iterations = AccessCode.Iterations,
        Action<IReadOnlyList<(long PersonId, AccessCode Code)>>? beforeCommit = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(samplePath);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        if (Wave(wave) is not null)
        {
            throw new StoreException(string.Create(CultureInfo.InvariantCulture,
                $"wave {wave} is already open for fieldwork in {Path}; its codes were issued when it was opened and are not issued again."));
        }

        if (!File.Exists(samplePath))
        {
            throw new StoreException($"{samplePath}: no such file; expected the sample.csv that 'barometer draw' wrote.");
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(samplePath)));
        var sample = ReadSample(samplePath, wave);
        var codes = new AccessCode[sample.Rows.Count];
        var salts = new byte[codes.Length][];
        var hashes = new byte[codes.Length][];
        var lookups = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = AccessCode.Create(l => !lookups.Add(l));
            salts[i] = AccessCode.NewSalt();
        }

        Parallel.For(0, codes.Length, i => hashes[i] = AccessCode.Hash(codes[i].Secret, salts[i], iterations));
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var session = Session(transaction);
            var now = _clock.GetUtcNow().UtcDateTime;
            session.Execute("INSERT INTO field_waves VALUES ($w, $at, $sha, $columns, NULL)",
                ("w", wave), ("at", now), ("sha", sha), ("columns", string.Join(',', sample.Columns)));
            for (var i = 0; i < codes.Length; i++)
            {
                var (person, fields) = sample.Rows[i];
                session.Execute("INSERT INTO field_persons VALUES ($w, $p, $row)", ("w", wave), ("p", person), ("row", JsonSerializer.Serialize(fields)));
                session.Execute("INSERT INTO field_codes VALUES ($w, $l, $p, $salt, $hash, $n, 0, NULL)",
                    ("w", wave), ("l", codes[i].LookupId), ("p", person), ("salt", salts[i]), ("hash", hashes[i]), ("n", iterations));
            }

            IReadOnlyList<(long PersonId, AccessCode Code)> issued = [.. sample.Rows.Select((r, i) => (r.PersonId, codes[i]))];
            beforeCommit?.Invoke(issued);
            transaction.Commit();
            return issued;
        }
    }

    private FieldSample ReadSample(string path, int wave)
    {
        const string Raw = "field_sample_raw";
        lock (_gate)
        {
            var session = Session(null);
            try
            {
                session.Execute($"CREATE OR REPLACE TEMP TABLE {Raw} AS SELECT * FROM read_csv({SqlText.Literal(path)}, header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')");
            }
            catch (DuckDBException ex)
            {
                throw new StoreException($"{path}: cannot be read as a CSV gross sample: {ex.Message}", ex);
            }

            try
            {
                var columns = session.Query($"DESCRIBE {Raw}", r => r.GetString(0)).ToList();
                foreach (var required in new[] { "person_id", "wave" }.Where(c => !columns.Contains(c)))
                {
                    throw new StoreException($"{path}: row 1: expected a column '{required}' (the columns 'barometer draw' writes).");
                }

                var rows = new List<(long, IReadOnlyList<string?>)>();
                var seen = new HashSet<long>();
                var line = 1;
                var personColumn = columns.IndexOf("person_id");
                var waveColumn = columns.IndexOf("wave");
                foreach (var fields in session.Query($"SELECT * FROM {Raw}", r => Enumerable.Range(0, columns.Count).Select(c => r.IsDBNull(c) ? null : r.GetString(c)).ToArray()))
                {
                    line++;
                    if (!long.TryParse(fields[personColumn], NumberStyles.None, CultureInfo.InvariantCulture, out var person))
                    {
                        throw new StoreException(string.Create(CultureInfo.InvariantCulture, $"{path}: row {line}, column person_id: expected a whole number, found '{fields[personColumn]}'."));
                    }

                    if (fields[waveColumn] != wave.ToString(CultureInfo.InvariantCulture))
                    {
                        throw new StoreException(string.Create(CultureInfo.InvariantCulture, $"{path}: row {line}, column wave: expected {wave} (--wave), found '{fields[waveColumn]}'."));
                    }

                    if (!seen.Add(person))
                    {
                        throw new StoreException(string.Create(CultureInfo.InvariantCulture, $"{path}: row {line}, column person_id: person {person} appears twice."));
                    }

                    rows.Add((person, fields));
                }

                if (rows.Count == 0)
                {
                    throw new StoreException($"{path}: expected at least one sampled person, found none.");
                }

                return new FieldSample(columns, rows);
            }
            finally
            {
                session.TryExecute($"DROP TABLE IF EXISTS {Raw}");
            }
        }
    }

    public FieldCodeRecord? FindCode(int wave, string lookupId)
    {
        lock (_gate)
        {
            return Session(null).Query(
                "SELECT wave, lookup_id, person_id, salt, secret_hash, iterations, failures, locked_at IS NOT NULL FROM field_codes WHERE wave = $w AND lookup_id = $l",
                r => new FieldCodeRecord(r.GetInt32(0), r.GetString(1), r.GetInt64(2), Blob(r, 3), Blob(r, 4), r.GetInt32(5), r.GetInt32(6), r.GetBoolean(7)),
                ("w", wave), ("l", lookupId)).FirstOrDefault();
        }
    }

    /// <summary>Counts a failed attempt on a lookup id and locks the code when the failures reach <paramref name="maxFailures"/>; returns the failures now.</summary>
    public int RecordFailure(int wave, string lookupId, int maxFailures)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var session = Session(transaction);
            session.Execute(
                "UPDATE field_codes SET failures = failures + 1, locked_at = CASE WHEN locked_at IS NULL AND failures + 1 >= $max THEN $at ELSE locked_at END WHERE wave = $w AND lookup_id = $l",
                ("w", wave), ("l", lookupId), ("max", maxFailures), ("at", _clock.GetUtcNow().UtcDateTime));
            var failures = (int)(session.Number("SELECT failures FROM field_codes WHERE wave = $w AND lookup_id = $l", ("w", wave), ("l", lookupId)) ?? 0);
            transaction.Commit();
            return failures;
        }
    }

    /// <summary>
    /// Starts a session after a correct code: the failures of the code are reset, the person is recorded as having
    /// started (first time only), and the session is stored by the SHA-256 of its token.
    /// </summary>
    public void StartSession(string tokenSha256, int wave, long personId, string lookupId, string mode, TimeSpan lifetime)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            using var transaction = _connection.BeginTransaction();
            var session = Session(transaction);
            session.Execute("UPDATE field_codes SET failures = 0 WHERE wave = $w AND lookup_id = $l AND failures > 0", ("w", wave), ("l", lookupId));
            session.Execute("DELETE FROM field_sessions WHERE expires_at < $now", ("now", now));
            session.Execute("INSERT INTO field_sessions VALUES ($t, $w, $p, $now, $until)", ("t", tokenSha256), ("w", wave), ("p", personId), ("now", now), ("until", now + lifetime));
            session.Execute(
                "INSERT INTO field_respondents (wave, person_id, mode, started_at, last_at) VALUES ($w, $p, $mode, $now, $now) ON CONFLICT (wave, person_id) DO UPDATE SET last_at = excluded.last_at",
                ("w", wave), ("p", personId), ("mode", mode), ("now", now));
            transaction.Commit();
        }
    }

    /// <summary>The live session of a token's hash, or null when there is none or it has expired.</summary>
    public FieldSession? FindSession(string tokenSha256)
    {
        lock (_gate)
        {
            return Session(null).Query(
                "SELECT wave, person_id, expires_at FROM field_sessions WHERE token_sha256 = $t AND expires_at > $now",
                r => new FieldSession(r.GetInt32(0), r.GetInt64(1), Time(r, 2)!.Value),
                ("t", tokenSha256), ("now", _clock.GetUtcNow().UtcDateTime)).FirstOrDefault();
        }
    }

    public void EndSession(string tokenSha256)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            Session(transaction).Execute("DELETE FROM field_sessions WHERE token_sha256 = $t", ("t", tokenSha256));
            transaction.Commit();
        }
    }

    /// <summary>One person's row of the gross sample by column name (null where the field was empty).</summary>
    public IReadOnlyDictionary<string, string?> SampleRow(int wave, long personId)
    {
        var columns = Wave(wave)?.SampleColumns ?? [];
        lock (_gate)
        {
            var json = Session(null).Query("SELECT sample_row FROM field_persons WHERE wave = $w AND person_id = $p", r => r.GetString(0), ("w", wave), ("p", personId)).FirstOrDefault();
            var fields = json is null ? [] : JsonSerializer.Deserialize<string?[]>(json) ?? [];
            return columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i < fields.Length ? fields[x.i] : null, StringComparer.Ordinal);
        }
    }

    /// <summary>One person's answers as last submitted, by item.</summary>
    public IReadOnlyDictionary<string, int> Answers(int wave, long personId)
    {
        lock (_gate)
        {
            return Session(null).Query("SELECT item, code FROM field_answers WHERE wave = $w AND person_id = $p", r => (r.GetString(0), r.GetInt32(1)), ("w", wave), ("p", personId))
                .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);
        }
    }

    /// <summary>Whether the person has completed the questionnaire.</summary>
    public bool IsCompleted(int wave, long personId)
    {
        lock (_gate)
        {
            return Session(null).Number("SELECT count(*) FROM field_respondents WHERE wave = $w AND person_id = $p AND completed_at IS NOT NULL", ("w", wave), ("p", personId)) > 0;
        }
    }

    /// <summary>The page the person last submitted, or null before the first.</summary>
    public string? LastPage(int wave, long personId)
    {
        lock (_gate)
        {
            return Session(null).Query("SELECT last_page FROM field_respondents WHERE wave = $w AND person_id = $p", r => r.IsDBNull(0) ? null : r.GetString(0), ("w", wave), ("p", personId)).FirstOrDefault();
        }
    }

    /// <summary>Records that a page was shown (for the time spent on it).</summary>
    public void PageShown(int wave, long personId, string page)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            Session(transaction).Execute("UPDATE field_respondents SET shown_page = $page, shown_at = $now WHERE wave = $w AND person_id = $p",
                ("w", wave), ("p", personId), ("page", page), ("now", _clock.GetUtcNow().UtcDateTime));
            transaction.Commit();
        }
    }

    /// <summary>Stores one page's answers and its paradata in one transaction.</summary>
    public void SavePage(int wave, long personId, FieldPageSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        lock (_gate)
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            using var transaction = _connection.BeginTransaction();
            var session = Session(transaction);
            // One statement for the page's answers (a page has at most a few dozen items).
            var answers = submission.Answers.OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
            if (answers.Count > 0)
            {
                var values = string.Join(", ", answers.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"($w, $p, $i{i}, $c{i}, $page, $now)")));
                var parameters = new List<(string, object?)> { ("w", wave), ("p", personId), ("page", submission.Page), ("now", now) };
                parameters.AddRange(answers.SelectMany((a, i) => new (string, object?)[] { ("i" + i.ToString(CultureInfo.InvariantCulture), a.Key), ("c" + i.ToString(CultureInfo.InvariantCulture), a.Value) }));
                session.Execute(
                    $"INSERT INTO field_answers VALUES {values} ON CONFLICT (wave, person_id, item) DO UPDATE SET code = excluded.code, page = excluded.page, saved_at = excluded.saved_at",
                    [.. parameters]);
            }

            var seconds = session.Query(
                "SELECT CASE WHEN shown_page = $page AND shown_at IS NOT NULL THEN epoch($now::TIMESTAMPTZ) - epoch(shown_at) END FROM field_respondents WHERE wave = $w AND person_id = $p",
                r => r.IsDBNull(0) ? (double?)null : Convert.ToDouble(r.GetValue(0), CultureInfo.InvariantCulture), ("w", wave), ("p", personId), ("page", submission.Page), ("now", now)).FirstOrDefault();
            session.Execute("INSERT INTO field_page_visits VALUES ($w, $p, $page, $lang, $now, $s)",
                ("w", wave), ("p", personId), ("page", submission.Page), ("lang", submission.Language), ("now", now), ("s", seconds));
            session.Execute(
                "UPDATE field_respondents SET last_at = $now, last_page = $page, completed_at = CASE WHEN $done THEN coalesce(completed_at, $now) ELSE completed_at END WHERE wave = $w AND person_id = $p",
                ("w", wave), ("p", personId), ("page", submission.Page), ("now", now), ("done", submission.Completes));
            transaction.Commit();
        }
    }

    /// <summary>The gross sample of an opened wave as it was opened.</summary>
    public FieldSample Sample(int wave)
    {
        var columns = Wave(wave)?.SampleColumns ?? throw new StoreException(string.Create(CultureInfo.InvariantCulture, $"wave {wave} was never opened for fieldwork in {Path}."));
        lock (_gate)
        {
            var rows = Session(null).Query("SELECT person_id, sample_row FROM field_persons WHERE wave = $w ORDER BY person_id",
                r => (r.GetInt64(0), (IReadOnlyList<string?>)(JsonSerializer.Deserialize<string?[]>(r.GetString(1)) ?? [])), ("w", wave));
            return new FieldSample(columns, rows);
        }
    }

    /// <summary>Every answer of the wave: person → item → code.</summary>
    public IReadOnlyDictionary<long, Dictionary<string, int>> AllAnswers(int wave)
    {
        lock (_gate)
        {
            var all = new Dictionary<long, Dictionary<string, int>>();
            foreach (var (person, item, code) in Session(null).Query("SELECT person_id, item, code FROM field_answers WHERE wave = $w", r => (r.GetInt64(0), r.GetString(1), r.GetInt32(2)), ("w", wave)))
            {
                if (!all.TryGetValue(person, out var answers))
                {
                    all[person] = answers = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                answers[item] = code;
            }

            return all;
        }
    }

    public IReadOnlyList<FieldRespondent> Respondents(int wave)
    {
        lock (_gate)
        {
            return Session(null).Query(
                "SELECT person_id, mode, started_at, last_at, last_page, completed_at FROM field_respondents WHERE wave = $w ORDER BY person_id",
                r => new FieldRespondent(r.GetInt64(0), r.GetString(1), Time(r, 2)!.Value, Time(r, 3)!.Value, r.IsDBNull(4) ? null : r.GetString(4), Time(r, 5)), ("w", wave));
        }
    }

    public IReadOnlyList<FieldPageVisit> PageVisits(int wave)
    {
        lock (_gate)
        {
            return Session(null).Query(
                "SELECT person_id, page, language, submitted_at, seconds FROM field_page_visits WHERE wave = $w ORDER BY person_id, submitted_at",
                r => new FieldPageVisit(r.GetInt64(0), r.GetString(1), r.GetString(2), Time(r, 3)!.Value, r.IsDBNull(4) ? null : r.GetDouble(4)), ("w", wave));
        }
    }

    /// <summary>Records that the wave's fieldwork was closed (after its survey was ingested into the store).</summary>
    public void MarkClosed(int wave)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var session = Session(transaction);
            session.Execute("UPDATE field_waves SET closed_at = $now WHERE wave = $w", ("w", wave), ("now", _clock.GetUtcNow().UtcDateTime));
            session.Execute("DELETE FROM field_sessions WHERE wave = $w", ("w", wave));
            transaction.Commit();
        }
    }

    public void Dispose() => _connection.Dispose();

    private StoreSession Session(DuckDBTransaction? transaction) => new(_connection, transaction);

    private static byte[] Blob(DuckDBDataReader reader, int column)
    {
        var value = reader.GetValue(column);
        if (value is byte[] bytes)
        {
            return bytes;
        }

        using var stream = (Stream)value;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static DateTimeOffset? Time(DuckDBDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : reader.GetValue(column) switch
        {
            DateTimeOffset o => o.ToUniversalTime(),
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            var other => DateTimeOffset.Parse(Convert.ToString(other, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture),
        };
}

using System.Globalization;
using Barometer.Storage.Schema;
using DuckDB.NET.Data;

namespace Barometer.Storage;

/// <summary>
/// The embedded store: one DuckDB file (<see cref="DefaultPath"/> unless <c>--store</c> says otherwise) whose schema
/// is brought up to date when it is opened. Every write goes through <see cref="InTransaction{T}"/>, so a write
/// either happens whole or not at all, also when the process is killed half-way (DuckDB rolls back an
/// uncommitted transaction when the file is opened again).
/// </summary>
public sealed class BarometerStore : IDisposable
{
    public const string DefaultPath = "barometer.duckdb";

    private BarometerStore(string path, DuckDBConnection connection, TimeProvider clock, IReadOnlyList<int> migrationsApplied)
    {
        Path = path;
        Connection = connection;
        Clock = clock;
        MigrationsApplied = migrationsApplied;
    }

    /// <summary>The full path of the store file.</summary>
    public string Path { get; }

    public TimeProvider Clock { get; }

    /// <summary>The schema versions applied when this store was opened (empty when it was up to date).</summary>
    public IReadOnlyList<int> MigrationsApplied { get; }

    public int SchemaVersion => SchemaMigrator.CurrentVersion(Connection);

    /// <summary>
    /// The open DuckDB connection, for the production run's SQL over the input tables. Writes must go through
    /// <see cref="InTransaction{T}"/> so they are all-or-nothing.
    /// </summary>
    public DuckDBConnection Connection { get; }

    /// <summary>
    /// The stored input files (register extract and survey waves) and the wide typed table holding each; the
    /// register's have a null wave. The tables have <c>source_row</c> plus the codebook's columns.
    /// </summary>
    public IReadOnlyList<Ingestion.IngestedFile> InputFiles(int? wave = null) =>
        Query(
            "SELECT scope, wave, kind, path, sha256, rows, table_name FROM ingested_files " +
            "WHERE $wave IS NULL OR wave = $wave OR scope = 'register' ORDER BY scope, wave, path",
            r => new Ingestion.IngestedFile(r.GetString(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetString(6)),
            null, ("wave", wave));

    /// <summary>Opens (creating when absent) the store at <paramref name="path"/> and applies pending migrations.</summary>
    public static BarometerStore Open(string path, TimeProvider clock) => Open(path, clock, mustExist: false);

    /// <summary>
    /// Opens the existing store at <paramref name="path"/>: never creates one, and refuses a file that is not a
    /// barometer store (not DuckDB, or DuckDB without the store's schema) without changing it.
    /// </summary>
    public static BarometerStore OpenExisting(string path, TimeProvider clock) => Open(path, clock, mustExist: true);

    private static BarometerStore Open(string path, TimeProvider clock, bool mustExist)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(clock);
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new StoreException($"the folder of the store '{path}' does not exist.");
        }

        if (mustExist)
        {
            if (!File.Exists(full))
            {
                throw new StoreException($"there is no store at '{path}'; run 'barometer ingest' first.");
            }

            if (!HasDuckDbHeader(full))
            {
                throw new StoreException($"'{path}' is not a barometer store (not a DuckDB database file).");
            }
        }

        DuckDBConnection? connection = null;
        try
        {
            connection = new DuckDBConnection($"Data Source={full}");
            connection.Open();
            if (mustExist && !HasSchema(connection))
            {
                throw new StoreException($"'{path}' is not a barometer store (a DuckDB database without the store's schema).");
            }

            var applied = SchemaMigrator.Apply(connection, clock);
            var store = new BarometerStore(full, connection, clock, applied);
            connection = null;
            return store;
        }
        catch (DuckDBException ex)
        {
            throw new StoreException($"cannot open the store '{path}': {ex.Message}", ex);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>Whether the file starts like a DuckDB database (the magic bytes "DUCK" at offset 8).</summary>
    private static bool HasDuckDbHeader(string path)
    {
        var header = new byte[12];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
            && header.AsSpan(8, 4).SequenceEqual("DUCK"u8);
    }

    private static bool HasSchema(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version' AND NOT temporary";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction: committed when it returns, rolled back when it throws.</summary>
    public T InTransaction<T>(Func<DuckDBTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var transaction = Connection.BeginTransaction();
        var result = work(transaction);
        transaction.Commit();
        return result;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction through a <see cref="StoreSession"/>: committed when it returns,
    /// rolled back when it throws.
    /// </summary>
    public T InSession<T>(Func<StoreSession, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InTransaction(transaction => work(new StoreSession(Connection, transaction)));
    }

    /// <summary>A session on this store's connection in <paramref name="transaction"/> (outside any transaction when null).</summary>
    public StoreSession Session(DuckDBTransaction? transaction = null) => new(Connection, transaction);

    internal DuckDBCommand Command(string sql, DuckDBTransaction? transaction = null, params (string Name, object? Value)[] parameters) =>
        Session(transaction).Command(sql, parameters);

    internal int Execute(string sql, DuckDBTransaction? transaction = null, params (string Name, object? Value)[] parameters) =>
        Session(transaction).Execute(sql, parameters);

    internal long Scalar(string sql, DuckDBTransaction? transaction = null, params (string Name, object? Value)[] parameters) =>
        Session(transaction).Number(sql, parameters) ?? 0;

    internal List<T> Query<T>(string sql, Func<DuckDBDataReader, T> map, DuckDBTransaction? transaction = null, params (string Name, object? Value)[] parameters) =>
        Session(transaction).Query(sql, map, parameters);

    public void Dispose() => Connection.Dispose();
}

using DuckDB.NET.Data;

namespace Barometer.Storage;

/// <summary>
/// The store opened read-only, as every reader on the publication side opens it (so the producer's commands can
/// still write to it), with one wording for a missing or unreadable store; the caller's error factory turns the
/// message (and the DuckDB error, if any) into the caller's own exception type. Reads go through a
/// <see cref="StoreSession"/> and the typed tables (<c>ReleaseTable</c>, <c>FieldworkTable</c>, …).
/// </summary>
public sealed class ReadOnlyStore : IDisposable
{
    private readonly DuckDBConnection _connection;

    private ReadOnlyStore(DuckDBConnection connection) => _connection = connection;

    public static ReadOnlyStore Open(string path, Func<string, Exception?, Exception> error)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(error);
        if (!File.Exists(path))
        {
            throw error($"the store '{path}' does not exist; run `barometer demo` or ingest, run and release first.", null);
        }

        var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        try
        {
            connection.Open();
            return new ReadOnlyStore(connection);
        }
        catch (DuckDBException ex)
        {
            connection.Dispose();
            throw error($"cannot read the store '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>A session outside any transaction (each statement sees the store as it is then).</summary>
    public StoreSession Session() => new(_connection, null);

    /// <summary>Runs <paramref name="read"/> in one transaction, so that all its statements see the same state of the store.</summary>
    public T InSession<T>(Func<StoreSession, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var transaction = _connection.BeginTransaction();
        var result = read(new StoreSession(_connection, transaction));
        transaction.Commit();
        return result;
    }

    public void Dispose() => _connection.Dispose();
}

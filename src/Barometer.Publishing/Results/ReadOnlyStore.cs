using DuckDB.NET.Data;

namespace Barometer.Publishing.Results;

/// <summary>
/// Opens the embedded DuckDB store read-only, as every reader on the publication side does (so the producer's
/// commands can still write to it), with one wording for a missing or unreadable store; the caller's error factory
/// turns the message (and the DuckDB error, if any) into the caller's own exception type.
/// </summary>
public static class ReadOnlyStore
{
    public static DuckDBConnection Open(string path, Func<string, Exception?, Exception> error)
    {
        if (!File.Exists(path))
        {
            throw error($"the store '{path}' does not exist; run `barometer demo` or ingest, run and release first.", null);
        }

        var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        try
        {
            connection.Open();
            return connection;
        }
        catch (DuckDBException ex)
        {
            connection.Dispose();
            throw error($"cannot read the store '{path}': {ex.Message}", ex);
        }
    }
}

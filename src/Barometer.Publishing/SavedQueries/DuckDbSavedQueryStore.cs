using DuckDB.NET.Data;

namespace Barometer.Publishing.SavedQueries;

/// <summary>
/// Saved queries in a small DuckDB file of their own (never the producer's store), created with its table on first
/// use. DuckDB allows one writing process per file: several API instances share saved queries through PostgreSQL
/// (<see cref="PostgresSavedQueryStore"/>) instead.
/// </summary>
public sealed class DuckDbSavedQueryStore : ISavedQueryStore
{
    private const string CreateSql =
        "CREATE TABLE IF NOT EXISTS saved_queries (id VARCHAR PRIMARY KEY, document VARCHAR NOT NULL, created_at TIMESTAMPTZ NOT NULL)";

    private readonly string _path;
    private readonly Lock _createLock = new();
    private volatile bool _created;

    public DuckDbSavedQueryStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The file saved queries are kept in.</summary>
    public string FilePath => _path;

    public string Description => $"the saved-query file '{_path}'";

    public void Save(string id, string document, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(document);
        Run("saving a query", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO saved_queries (id, document, created_at) VALUES ($id, $document, $created)";
            command.Parameters.Add(new DuckDBParameter("id", id));
            command.Parameters.Add(new DuckDBParameter("document", document));
            command.Parameters.Add(new DuckDBParameter("created", createdAt.UtcDateTime));
            command.ExecuteNonQuery();
            return 0;
        });
    }

    public string? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!_created && !File.Exists(_path))
        {
            return null;
        }

        return Run("reading a saved query", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT document FROM saved_queries WHERE id = $id";
            command.Parameters.Add(new DuckDBParameter("id", id));
            return command.ExecuteScalar() as string;
        });
    }

    private T Run<T>(string what, Func<DuckDBConnection, T> action)
    {
        try
        {
            var directory = System.IO.Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = new DuckDBConnection($"Data Source={_path}");
            connection.Open();
            EnsureTable(connection);
            return action(connection);
        }
        catch (Exception ex) when (ex is DuckDBException or IOException or UnauthorizedAccessException)
        {
            throw new SavedQueryStoreException($"{what} failed in {Description}: {ex.Message}", ex);
        }
    }

    private void EnsureTable(DuckDBConnection connection)
    {
        if (_created)
        {
            return;
        }

        lock (_createLock)
        {
            using var command = connection.CreateCommand();
            command.CommandText = CreateSql;
            command.ExecuteNonQuery();
            _created = true;
        }
    }
}

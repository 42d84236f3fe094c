using Barometer.Publishing.Results;
using Npgsql;

namespace Barometer.Publishing.SavedQueries;

/// <summary>
/// Saved queries in PostgreSQL (table <c>saved_queries</c> in the first schema of the connection's search path,
/// beside the published results), so that every API instance on the same database opens what any of them saved.
/// The table is created idempotently on first use, serialised between instances by a transaction-scoped advisory
/// lock; the API's database user needs CREATE on the schema once (or the table created beforehand) and
/// SELECT/INSERT on it.
/// </summary>
public sealed class PostgresSavedQueryStore : ISavedQueryStore
{
    /// <summary>Serialises instances creating the table: "SavedQry".</summary>
    private const long CreateLockKey = 0x5361766564517279;

    private readonly PostgresConnection _connection;
    private readonly Lock _createLock = new();
    private volatile bool _created;

    public PostgresSavedQueryStore(string connectionString)
    {
        try
        {
            _connection = new PostgresConnection(connectionString);
        }
        catch (PublishedResultsException ex)
        {
            throw new SavedQueryStoreException(ex.Message, ex);
        }
    }

    public string Description => "saved queries in " + _connection.Description;

    public void Save(string id, string document, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(document);
        Run("saving a query", connection =>
        {
            using var command = new NpgsqlCommand("INSERT INTO saved_queries (id, document, created_at) VALUES (@id, @document, @created)", connection);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("document", document);
            command.Parameters.AddWithValue("created", createdAt.ToUniversalTime());
            command.ExecuteNonQuery();
            return 0;
        });
    }

    public string? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Run("reading a saved query", connection =>
        {
            using var command = new NpgsqlCommand("SELECT document FROM saved_queries WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", id);
            return command.ExecuteScalar() as string;
        });
    }

    private T Run<T>(string what, Func<NpgsqlConnection, T> action)
    {
        try
        {
            using var connection = _connection.Open();
            EnsureTable(connection);
            return action(connection);
        }
        catch (PublishedResultsException ex)
        {
            throw new SavedQueryStoreException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new SavedQueryStoreException(_connection.Failure(what, ex).Message, ex);
        }
    }

    private void EnsureTable(NpgsqlConnection connection)
    {
        if (_created)
        {
            return;
        }

        lock (_createLock)
        {
            if (_created)
            {
                return;
            }

            using var transaction = connection.BeginTransaction();
            using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({CreateLockKey})", connection, transaction))
            {
                command.ExecuteNonQuery();
            }

            using (var command = new NpgsqlCommand(
                """
                CREATE TABLE IF NOT EXISTS saved_queries (
                    id          text        PRIMARY KEY,
                    document    text        NOT NULL,
                    created_at  timestamptz NOT NULL
                );
                COMMENT ON TABLE saved_queries IS
                    'Saved queries of the public API (PxWeb API 2.0 /savedqueries): user-created, public; each is checked against the released results whenever it is read.';
                """, connection, transaction))
            {
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            _created = true;
        }
    }
}

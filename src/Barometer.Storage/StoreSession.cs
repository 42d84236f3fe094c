using System.Globalization;
using DuckDB.NET.Data;

namespace Barometer.Storage;

/// <summary>
/// The one way to send SQL to the store: a DuckDB connection and, for every write, the open transaction it runs in.
/// Everything a run or a release does happens in one such transaction (<see cref="BarometerStore.InSession{T}"/>), so
/// an aborted or killed run leaves the store as it was. Parameters are named (<c>$name</c>); identifiers and
/// literals built into SQL text go through <see cref="SqlText"/>.
/// </summary>
public sealed class StoreSession
{
    public StoreSession(DuckDBTransaction transaction)
    {
        Transaction = transaction ?? throw new ArgumentNullException(nameof(transaction));
        Connection = (DuckDBConnection)transaction.Connection!;
    }

    internal StoreSession(DuckDBConnection connection, DuckDBTransaction? transaction)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        Transaction = transaction;
    }

    /// <summary>The transaction every command of this session runs in; null only for reads outside a transaction.</summary>
    public DuckDBTransaction? Transaction { get; }

    public DuckDBConnection Connection { get; }

    public DuckDBCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        }

        return command;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public List<T> Query<T>(string sql, Func<DuckDBDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(map);
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>The first column of the first row, or null when there is none or it is NULL.</summary>
    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>The first column of the first row as a whole number, or null when there is none or it is NULL.</summary>
    public long? Number(string sql, params (string Name, object? Value)[] parameters) =>
        Scalar(sql, parameters) is { } value ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : null;

    /// <summary>An appender on a table (a row-by-row bulk insert) in this session's transaction.</summary>
    public DuckDBAppender Appender(string table) => Connection.CreateAppender(table);

    /// <summary>An appender on a temporary table of this session.</summary>
    public DuckDBAppender TemporaryAppender(string table) => Connection.CreateAppender("temp", "main", table);

    /// <summary>
    /// Runs a statement whose failure is no error of its own (clean-up after a failed transaction, which DuckDB
    /// refuses until the rollback): false when DuckDB refused it.
    /// </summary>
    public bool TryExecute(string sql)
    {
        try
        {
            Execute(sql);
            return true;
        }
        catch (DuckDBException)
        {
            return false;
        }
    }

    /// <summary>The columns of a table of the store, in their order.</summary>
    public IReadOnlyList<string> ColumnsOf(string table) => Query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position",
        r => r.GetString(0), ("t", table));
}

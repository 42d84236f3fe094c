using System.Globalization;
using Npgsql;

namespace Barometer.Publishing.Results;

/// <summary>
/// Opens connections to the PostgreSQL published-results database and describes it in messages by host, port,
/// database and user — never by the connection string, which may hold a password. The tables live in the first
/// schema of the connection's search path (<c>Search Path=...</c> in the connection string; <c>public</c> by default).
/// </summary>
internal sealed class PostgresConnection
{
    private readonly string _connectionString;

    public PostgresConnection(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // The parser's message names the keyword at fault; the string itself (and any password) is not repeated.
            throw new PublishedResultsException($"the PostgreSQL connection string is not valid: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new PublishedResultsException("the PostgreSQL connection string names no Host.");
        }

        var database = string.IsNullOrEmpty(builder.Database) ? builder.Username ?? "(the user's default)" : builder.Database;
        var schema = string.IsNullOrEmpty(builder.SearchPath) ? "" : $", search path {builder.SearchPath}";
        Description = string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL at {builder.Host}:{builder.Port}, database {database}{schema}, user {builder.Username ?? "(default)"}");
        _connectionString = builder.ConnectionString;
    }

    /// <summary>Where the results go, for messages: host, port, database, schema and user, never the password.</summary>
    public string Description { get; }

    /// <summary>An open connection, or a <see cref="PublishedResultsException"/> that says where it could not connect.</summary>
    public NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            connection.Dispose();
            throw new PublishedResultsException($"cannot connect to {Description}: {ex.Message}", ex);
        }
    }

    /// <summary>A failure while reading or writing, said with where it happened.</summary>
    public PublishedResultsException Failure(string what, Exception inner, string? consequence = null) =>
        new($"{what} failed at {Description}: {inner.Message}{(consequence is null ? "" : " " + consequence)}", inner);
}

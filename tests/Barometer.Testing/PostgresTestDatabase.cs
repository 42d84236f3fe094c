using Barometer.Publishing.Results;
using Npgsql;

namespace Barometer.Testing;

/// <summary>
/// The PostgreSQL server the tests of the PostgreSQL backend use: its connection string comes from
/// <c>BAROMETER_TEST_POSTGRES</c> (<c>scripts/start-postgres.sh</c> starts a throwaway cluster and sets it). Without
/// it those tests are skipped with the reason, unless <c>BAROMETER_REQUIRE_POSTGRES=1</c> (as in <c>.ci/run</c>),
/// when they run and fail saying what is missing. Every test works in a fresh schema of its own.
/// </summary>
public static class PostgresTestDatabase
{
    public const string ConnectionVariable = "BAROMETER_TEST_POSTGRES";

    public const string RequireVariable = "BAROMETER_REQUIRE_POSTGRES";

    private static readonly Lazy<string> SharedPublication = new(PublishShared, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The server's connection string, or null when none is configured.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Whether a missing server is a failure rather than a skip.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why the PostgreSQL tests are skipped, or null when they run.</summary>
    public static string? SkipReason => ConnectionString is null && !Required
        ? $"{ConnectionVariable} is not set, so the PostgreSQL backend is not tested; run the tests through " +
          $"scripts/start-postgres.sh (set {RequireVariable}=1 to make this a failure, as .ci/run does)."
        : null;

    /// <summary>
    /// A connection string for <see cref="ReleasedStore.Shared"/> published into a schema of its own with
    /// <see cref="PostgresPublisher"/>, once per test process. Tests must not write to it.
    /// </summary>
    public static string SharedStorePublished => SharedPublication.Value;

    /// <summary>The server's connection string; fails saying what to set when there is none.</summary>
    public static string Server => ConnectionString ?? throw new InvalidOperationException(
        $"{RequireVariable}=1 but {ConnectionVariable} is not set: start a PostgreSQL server (scripts/start-postgres.sh does) " +
        $"and set {ConnectionVariable} to its connection string.");

    /// <summary>A new, empty schema; the returned scope's connection string has it as its search path.</summary>
    public static PostgresSchemaScope CreateSchema()
    {
        var server = Server;
        var schema = "barometer_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            command.ExecuteNonQuery();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema };
        return new PostgresSchemaScope(server, schema, builder.ConnectionString);
    }

    private static string PublishShared()
    {
        var scope = CreateSchema();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => scope.Dispose();
        var snapshot = new DuckDbPublishedResults(ReleasedStore.Shared.StorePath).Load();
        new PostgresPublisher(scope.ConnectionString).Publish(snapshot);
        return scope.ConnectionString;
    }
}

/// <summary>A schema created for one test, dropped with everything in it on <see cref="Dispose"/>.</summary>
public sealed class PostgresSchemaScope : IDisposable
{
    private readonly string _server;

    internal PostgresSchemaScope(string server, string schema, string connectionString)
    {
        _server = server;
        Schema = schema;
        ConnectionString = connectionString;
    }

    public string Schema { get; }

    /// <summary>The server's connection string with <see cref="Schema"/> as the search path.</summary>
    public string ConnectionString { get; }

    /// <summary>Runs a query in the schema and returns its single value (null for SQL NULL).</summary>
    public object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public void Dispose()
    {
        try
        {
            using var connection = new NpgsqlConnection(_server);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server is throwaway; a schema left behind is harmless.
        }
    }
}

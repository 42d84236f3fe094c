using Barometer.Testing;

namespace Barometer.Web.Tests.Hosting;

/// <summary>
/// The published-results backends the API tests run against. Every test class that takes a backend name
/// (<c>[MemberData(nameof(PublicationBackends.Names), MemberType = typeof(PublicationBackends))]</c>) runs once per
/// backend listed here, through the same endpoints and assertions.
/// <para>
/// duckdb: always, on <see cref="ReleasedStore.Shared"/>'s store file.
/// postgres: when the environment variable <c>BAROMETER_TEST_POSTGRES</c> holds a connection string.
/// </para>
/// <para>
/// NOTE for the PostgreSQL backend: fill in <see cref="PostgresSettings"/> — load the same ReleasedStore snapshot
/// (every release, also the embargoed one) into a fresh schema with the publisher, once per test process (cache it in
/// a Lazy), and return the settings the web host needs (<c>Publication:Backend=postgres</c>,
/// <c>Publication:Postgres=CONNECTION</c>, e.g. with <c>Search Path=SCHEMA</c>). Nothing else in the tests has to change.
/// </para>
/// </summary>
public static class PublicationBackends
{
    public const string DuckDb = "duckdb";

    public const string Postgres = "postgres";

    public const string PostgresVariable = "BAROMETER_TEST_POSTGRES";

    /// <summary>The backends to run.</summary>
    public static IReadOnlyList<string> All =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)) ? [DuckDb] : [DuckDb, Postgres];

    /// <summary>The backends to run, for [MemberData].</summary>
    public static TheoryData<string> Names => [.. All];

    /// <summary>The web host's configuration for <paramref name="backend"/>, pointing at the shared released store.</summary>
    public static IReadOnlyDictionary<string, string?> Settings(string backend) => backend switch
    {
        DuckDb => new Dictionary<string, string?>
        {
            ["Publication:Backend"] = "duckdb",
            ["Publication:Store"] = ReleasedStore.Shared.StorePath,
        },
        Postgres => PostgresSettings(Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set.")),
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "unknown backend"),
    };

    private static Dictionary<string, string?> PostgresSettings(string connectionString) =>
        throw new NotSupportedException(
            $"the postgres test backend is not wired yet ({connectionString.Length} characters of connection string given); see the note on {nameof(PublicationBackends)}.");
}

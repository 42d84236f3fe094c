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
/// postgres: the same store published with <see cref="Barometer.Publishing.Results.PostgresPublisher"/> into a fresh
/// schema once per test process (<see cref="PostgresTestDatabase.SharedStorePublished"/>); without a server the backend
/// is left out, unless <c>BAROMETER_REQUIRE_POSTGRES=1</c> (.ci/run), when its tests fail saying what is missing.
/// </para>
/// </summary>
public static class PublicationBackends
{
    public const string DuckDb = "duckdb";

    public const string Postgres = "postgres";

    public const string PostgresVariable = "BAROMETER_TEST_POSTGRES";

    /// <summary>The backends to run: postgres too when a server is configured, or required (BAROMETER_REQUIRE_POSTGRES=1).</summary>
    public static IReadOnlyList<string> All =>
        PostgresTestDatabase.ConnectionString is null && !PostgresTestDatabase.Required ? [DuckDb] : [DuckDb, Postgres];

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
        Postgres => new Dictionary<string, string?>
        {
            ["Publication:Backend"] = "postgres",
            // The shared store published once per test process into a schema of its own (the connection string's
            // search path), with every release — the embargoed one too — as `barometer publish` copies them.
            ["Publication:Postgres"] = PostgresTestDatabase.SharedStorePublished,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "unknown backend"),
    };
}

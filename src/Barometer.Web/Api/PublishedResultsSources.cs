using Barometer.Publishing.Results;

namespace Barometer.Web.Api;

/// <summary>
/// The published-results backends the web host can read from, by the name <c>Publication:Backend</c> gives. Adding a
/// backend is one entry here: a name and a factory from the options to an <see cref="IPublishedResultsSource"/>.
/// </summary>
public static class PublishedResultsSources
{
    public const string DuckDb = "duckdb";

    public const string Postgres = "postgres";

    private static readonly Dictionary<string, Func<PublicationOptions, IPublishedResultsSource>> Factories = new(StringComparer.OrdinalIgnoreCase)
    {
        [DuckDb] = options => new DuckDbPublishedResults(options.Store),
        [Postgres] = options => CreatePostgres(options),
    };

    /// <summary>The backend names, for messages and validation.</summary>
    public static IReadOnlyList<string> Names { get; } = [DuckDb, Postgres];

    /// <summary>The source <paramref name="options"/> select.</summary>
    public static IPublishedResultsSource Create(PublicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Factories.TryGetValue(options.Backend, out var factory)
            ? factory(options)
            : throw new InvalidOperationException($"Publication:Backend must be one of {string.Join(", ", Names)}, not '{options.Backend}'.");
    }

    private static PostgresPublishedResults CreatePostgres(PublicationOptions options) =>
        string.IsNullOrWhiteSpace(options.Postgres)
            ? throw new InvalidOperationException("Publication:Backend is postgres, but Publication:Postgres (the connection string) is empty.")
            : new PostgresPublishedResults(options.Postgres);
}

namespace Barometer.Web.Api;

/// <summary>
/// The <c>Publication</c> configuration section: where released results are read from and the limits of the public
/// API. Every value can be given as a command-line setting (<c>--Publication:Store=PATH</c>), an environment variable
/// (<c>Publication__Store</c>) or in appsettings.json.
/// </summary>
public sealed class PublicationOptions
{
    public const string Section = "Publication";

    /// <summary>The published-results backend: <c>duckdb</c> (the embedded store, default) or <c>postgres</c>.</summary>
    public string Backend { get; set; } = PublishedResultsSources.DuckDb;

    /// <summary>The DuckDB store file for the <c>duckdb</c> backend.</summary>
    public string Store { get; set; } = "barometer.duckdb";

    /// <summary>The Npgsql connection string for the <c>postgres</c> backend.</summary>
    public string? Postgres { get; set; }

    /// <summary>
    /// The DuckDB file of saved queries (<c>/savedqueries</c>) for the <c>duckdb</c> backend; empty (default):
    /// <c>saved-queries.duckdb</c> in the store file's folder. Never the store itself. With the <c>postgres</c>
    /// backend saved queries are kept in PostgreSQL (<see cref="Postgres"/>) and this is not used.
    /// </summary>
    public string? SavedQueries { get; set; }

    /// <summary>Saved queries one client may create per <see cref="SavedQueriesTimeWindowSeconds"/>; 0 = no limit.</summary>
    public int MaxSavedQueriesPerTimeWindow { get; set; } = 10;

    /// <summary>The time window (seconds) of <see cref="MaxSavedQueriesPerTimeWindow"/>.</summary>
    public int SavedQueriesTimeWindowSeconds { get; set; } = 60;

    /// <summary>The saved-query file the <c>duckdb</c> backend uses: <see cref="SavedQueries"/>, or its default beside the store.</summary>
    public string SavedQueriesPath() =>
        string.IsNullOrWhiteSpace(SavedQueries)
            ? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Store)) ?? ".", "saved-queries.duckdb")
            : System.IO.Path.GetFullPath(SavedQueries);

    /// <summary>The catalogue folder; when empty, the one <c>CatalogueLocator</c> finds (the repository's catalogue/).</summary>
    public string? Catalogue { get; set; }

    /// <summary>How often (seconds) the source's fingerprint is checked for new releases.</summary>
    public int ReloadSeconds { get; set; } = 5;

    /// <summary>The most data cells one request may select; larger selections are refused before anything is computed.</summary>
    public int MaxDataCells { get; set; } = 150_000;

    /// <summary>Calls per client address and time window; 0 turns request-rate limiting off.</summary>
    public int MaxCallsPerTimeWindow { get; set; } = 300;

    /// <summary>
    /// The reverse proxies (addresses such as <c>10.0.0.5</c> or networks such as <c>10.0.0.0/8</c>) whose
    /// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> headers are believed, so that rate limiting counts the real
    /// client behind them. Empty (default): the headers are ignored and the client is the connection's address.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>The rate-limiting time window in seconds.</summary>
    public int TimeWindowSeconds { get; set; } = 10;

    /// <summary><c>fixed</c> (default) or <c>sliding</c> window rate limiting.</summary>
    public string RateLimitWindow { get; set; } = "fixed";

    /// <summary>How long (seconds) a response stays in the output cache; evicted earlier when a release becomes visible.</summary>
    public int CacheSeconds { get; set; } = 600;

    /// <summary>The output cache's size limit in megabytes (its accounting leaves out per-entry overhead).</summary>
    public int CacheMegabytes { get; set; } = 64;

    /// <summary>The licence the data are published under, as reported by /config.</summary>
    public string License { get; set; } = "https://creativecommons.org/licenses/by/4.0/";

    /// <summary>
    /// The bearer key of the producer endpoints (<c>POST /admin/reload</c>). Empty (default): the endpoints do not
    /// exist. Give it through an environment variable or a secret store, never on a shared command line.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>The problems of these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!PublishedResultsSources.Names.Contains(Backend, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"Publication:Backend must be one of {string.Join(", ", PublishedResultsSources.Names)}, not '{Backend}'.");
        }

        if (ReloadSeconds < 1)
        {
            problems.Add("Publication:ReloadSeconds must be at least 1.");
        }

        if (MaxDataCells < 1)
        {
            problems.Add("Publication:MaxDataCells must be at least 1.");
        }

        if (MaxCallsPerTimeWindow < 0 || TimeWindowSeconds < 1)
        {
            problems.Add("Publication:MaxCallsPerTimeWindow must be 0 or more and Publication:TimeWindowSeconds at least 1.");
        }

        if (!RateLimitWindow.Equals("fixed", StringComparison.OrdinalIgnoreCase) && !RateLimitWindow.Equals("sliding", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Publication:RateLimitWindow must be fixed or sliding, not '{RateLimitWindow}'.");
        }

        foreach (var proxy in TrustedProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _) && !System.Net.IPNetwork.TryParse(proxy, out _))
            {
                problems.Add($"Publication:TrustedProxies: '{proxy}' is neither an IP address (10.0.0.5) nor a network (10.0.0.0/8).");
            }
        }

        if (MaxSavedQueriesPerTimeWindow < 0 || SavedQueriesTimeWindowSeconds < 1)
        {
            problems.Add("Publication:MaxSavedQueriesPerTimeWindow must be 0 or more and Publication:SavedQueriesTimeWindowSeconds at least 1.");
        }

        if (Backend.Equals(PublishedResultsSources.DuckDb, StringComparison.OrdinalIgnoreCase)
            && string.Equals(SavedQueriesPath(), System.IO.Path.GetFullPath(Store), StringComparison.Ordinal))
        {
            problems.Add($"Publication:SavedQueries must not be the store '{Store}': saved queries are public state and never go into the producer's store.");
        }

        if (CacheSeconds < 0 || CacheMegabytes < 1)
        {
            problems.Add("Publication:CacheSeconds must be 0 or more and Publication:CacheMegabytes at least 1.");
        }

        return problems;
    }
}

/// <summary>Refuses to start the host with unusable <see cref="PublicationOptions"/>, naming every problem.</summary>
internal sealed class PublicationOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<PublicationOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, PublicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems);
    }
}

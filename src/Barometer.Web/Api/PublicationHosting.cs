using System.Globalization;
using System.Threading.RateLimiting;
using Barometer.Catalogue;
using Barometer.Catalogue.Loading;
using Barometer.Publishing.Results;
using Barometer.Publishing.SavedQueries;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Barometer.Web.Api;

/// <summary>
/// Registers and maps the public PxWeb API 2.0 (everything under /api/v2), its OpenAPI document, the API reference
/// page and — only with an admin key — the producer endpoints. See docs/api.md.
/// </summary>
public static class PublicationHosting
{
    private const string CorsPolicy = "public-read";
    private const string RatePolicy = "per-client";

    public static WebApplicationBuilder AddPublication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<PublicationOptions>()
            .Bind(builder.Configuration.GetSection(PublicationOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicationOptions>, PublicationOptionsValidator>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = ApiRequests.MaxRequestLine);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPublishedResultsSource>(sp => PublishedResultsSources.Create(sp.GetRequiredService<IOptions<PublicationOptions>>().Value));
        // The catalogue (Publication:Catalogue, else the repository's catalogue/), one instance for the whole host.
        services.TryAddSingleton(sp =>
        {
            var folder = sp.GetRequiredService<IOptions<PublicationOptions>>().Value.Catalogue;
            return IndicatorCatalogue.Load(CatalogueLocator.Locate(string.IsNullOrWhiteSpace(folder) ? null : folder));
        });
        services.AddSingleton(sp => new PublicationState(
            sp.GetRequiredService<IPublishedResultsSource>(),
            sp.GetRequiredService<IndicatorCatalogue>,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PublicationState>>()));
        services.AddSingleton<ISavedQueryStore>(sp => CreateSavedQueryStore(sp.GetRequiredService<IOptions<PublicationOptions>>().Value));
        services.AddSingleton<SavedQueryService>();
        services.AddHostedService<PublicationReloader>();
        services.AddProblemDetails();
        services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Integrationsbarometern publication API (PxWeb API 2.0)";
            document.Info.Description = "Released results of the Swedish integration barometer as PxWeb tables. See /api for a reference page.";
            return Task.CompletedTask;
        }));
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods("GET", "POST", "HEAD")
            .AllowAnyHeader()
            .WithExposedHeaders("ETag", "Last-Modified", "Content-Disposition", "Retry-After")));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RatePolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<PublicationOptions>>().Value;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (options.MaxCallsPerTimeWindow == 0)
                {
                    return RateLimitPartition.GetNoLimiter(client);
                }

                var window = TimeSpan.FromSeconds(options.TimeWindowSeconds);
                return options.RateLimitWindow.Equals("sliding", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetSlidingWindowLimiter(client, _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = options.MaxCallsPerTimeWindow,
                        Window = window,
                        SegmentsPerWindow = 5,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.MaxCallsPerTimeWindow,
                        Window = window,
                        QueueLimit = 0,
                    });
            });
            // Creating saved queries has its own, stricter limit per client (it replaces the general one there).
            limiter.AddPolicy(SavedQueryEndpoints.CreatePolicy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<PublicationOptions>>().Value;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return options.MaxSavedQueriesPerTimeWindow == 0
                    ? RateLimitPartition.GetNoLimiter(client)
                    : RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.MaxSavedQueriesPerTimeWindow,
                        Window = TimeSpan.FromSeconds(options.SavedQueriesTimeWindowSeconds),
                        QueueLimit = 0,
                    });
            });
            limiter.OnRejected = async (rejected, cancellation) =>
            {
                var context = rejected.HttpContext;
                var options = context.RequestServices.GetRequiredService<IOptions<PublicationOptions>>().Value;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                var saving = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName == SavedQueryEndpoints.CreatePolicy;
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too Many Requests",
                    detail: saving
                        ? string.Create(CultureInfo.InvariantCulture, $"At most {options.MaxSavedQueriesPerTimeWindow} saved queries per {options.SavedQueriesTimeWindowSeconds} seconds per client (POST /api/v2/savedqueries); try again later.")
                        : string.Create(CultureInfo.InvariantCulture, $"At most {options.MaxCallsPerTimeWindow} calls per {options.TimeWindowSeconds} seconds per client; try again later."))
                    .ExecuteAsync(context).ConfigureAwait(false);
            };
        });
        // Behind trusted reverse proxies only: the forwarded client address, so rate limiting counts real clients.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PublicationOptions>>((forwarded, publication) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in publication.Value.TrustedProxies)
            {
                if (System.Net.IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
            }
        });
        services.AddSingleton<PublishedOutputCachePolicy>();
        services.AddOptions<OutputCacheOptions>().Configure<IOptions<PublicationOptions>>((cache, publication) =>
        {
            cache.SizeLimit = publication.Value.CacheMegabytes * 1024L * 1024;
            cache.MaximumBodySize = 16L * 1024 * 1024;
        });
        services.AddOutputCache();
        return builder;
    }

    public static WebApplication UsePublication(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<PublicationOptions>>().Value.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteUnexpected });
        app.UseWhen(IsApi, api => api.UseStatusCodePages(context => ApiProblems.ForStatus(context.HttpContext).ExecuteAsync(context.HttpContext)));
        app.Use(async (context, next) =>
        {
            if (IsApi(context))
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
            }

            if (IsApi(context) && context.Request.QueryString.Value?.Length > ApiRequests.MaxQueryLength)
            {
                await Results.Problem(
                    statusCode: StatusCodes.Status414RequestUriTooLong,
                    title: "URI Too Long",
                    detail: string.Create(CultureInfo.InvariantCulture, $"The query string is longer than {ApiRequests.MaxQueryLength} characters; use POST /api/v2/tables/{{id}}/data with a selection body."))
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.UseCors();
        app.UseRateLimiter();
        app.UseOutputCache();

        // A new edition (a release became visible or a new snapshot was read) evicts every cached response.
        var state = app.Services.GetRequiredService<PublicationState>();
        var store = app.Services.GetRequiredService<IOutputCacheStore>();
        state.EditionChanged += (_, _) => _ = store.EvictByTagAsync(HttpCaching.Tag, CancellationToken.None).AsTask();
        return app;
    }

    public static WebApplication MapPublicationApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<PublicationOptions>>().Value;
        var policy = app.Services.GetRequiredService<PublishedOutputCachePolicy>();
        var api = app.MapGroup("/api/v2")
            .WithTags("PxWeb API 2.0")
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(RatePolicy)
            .AddEndpointFilter(ApiRequests.Filter)
            .CacheOutput(policy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        TableEndpoints.Map(api);
        DataEndpoint.Map(api);
        SavedQueryEndpoints.Map(api);
        app.MapOpenApi("/openapi/v1.json").RequireCors(CorsPolicy);
        ApiReferencePage.Map(app);
        AdminEndpoints.Map(app, options, RatePolicy);
        return app;
    }

    /// <summary>
    /// The saved-query store: with the postgres backend a table in the same database (shared by every instance),
    /// otherwise a DuckDB file of its own (<see cref="PublicationOptions.SavedQueriesPath"/>), never the store.
    /// </summary>
    private static ISavedQueryStore CreateSavedQueryStore(PublicationOptions options) =>
        options.Backend.Equals(PublishedResultsSources.Postgres, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(options.Postgres)
            ? new PostgresSavedQueryStore(options.Postgres)
            : new DuckDbSavedQueryStore(options.SavedQueriesPath());

    /// <summary>Paths answered with problem+json when nothing else answers: /api (and all of /api/v2), /openapi, /admin.</summary>
    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);

    /// <summary>The last line of defence: 503 when no results can be read yet, otherwise a 500 that says nothing of the cause.</summary>
    private static async Task WriteUnexpected(HttpContext context)
    {
        // The exception handler middleware has logged the exception already.
        var unavailable = context.Features.Get<IExceptionHandlerFeature>()?.Error is PublishedResultsException;
        await Results.Problem(
            statusCode: unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
            title: unavailable ? "Service Unavailable" : "Internal Server Error",
            detail: unavailable
                ? "The published results cannot be read right now; try again shortly."
                : "The server hit an unexpected error. It has been logged; nothing about it is shown here.")
            .ExecuteAsync(context).ConfigureAwait(false);
    }
}

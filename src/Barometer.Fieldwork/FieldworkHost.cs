using System.Globalization;
using System.Threading.RateLimiting;
using Barometer.Catalogue;
using Barometer.Catalogue.Loading;
using Barometer.Catalogue.Questionnaires;
using Barometer.Fieldwork.Access;
using Barometer.Fieldwork.Questionnaire;
using Barometer.Storage;
using Barometer.Storage.Fieldwork;
using Microsoft.AspNetCore.Http.Features;

namespace Barometer.Fieldwork;

/// <summary>
/// The field host (<c>barometer field --wave W</c> starts it): the web questionnaire for the sampled persons of one
/// wave, over the field store that <c>barometer field codes</c> opened. A host of its own, apart from the publication
/// host: it references neither Barometer.Web nor Barometer.Publishing, and the publication host does not reference it.
/// </summary>
public sealed class FieldworkHost
{
    private FieldworkHost()
    {
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddFieldwork();
        var app = builder.Build();
        app.UseFieldwork();
        await app.RunAsync();
    }
}

/// <summary>The field host's services and pipeline.</summary>
internal static class FieldworkSetup
{
    public const string LoginPolicy = "login";

    public static void AddFieldwork(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(FieldworkSettings.Section).Get<FieldworkSettings>() ?? new FieldworkSettings();
        if (settings.Wave is < 1900 or > 2200)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Fieldwork:Wave: expected the wave being fielded (a year), found {settings.Wave}; start the host with 'barometer field --wave W'."));
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services =>
        {
            var store = FieldStore.OpenExisting(settings.FieldStore, services.GetRequiredService<TimeProvider>());
            var wave = store.Wave(settings.Wave);
            if (wave is null || wave.ClosedAt is not null)
            {
                store.Dispose();
                throw new StoreException(string.Create(CultureInfo.InvariantCulture,
                    $"wave {settings.Wave} is {(wave is null ? "not open for fieldwork" : "closed")} in {settings.FieldStore}; open it with 'barometer field codes --wave {settings.Wave}'."));
            }

            return store;
        });
        builder.Services.AddSingleton(_ =>
        {
            var folder = CatalogueLocator.Find(settings.Catalogue)
                ?? throw new InvalidOperationException("Fieldwork:Catalogue: no catalogue folder found; give one with --catalogue.");
            return IndicatorCatalogue.Load(folder);
        });
        builder.Services.AddSingleton(services => new QuestionnaireFlow(new QuestionnaireRouting(services.GetRequiredService<IndicatorCatalogue>())));
        builder.Services.AddSingleton(services => OfferedLanguages(services.GetRequiredService<IndicatorCatalogue>(), settings));
        builder.Services.AddSingleton<RespondentSessions>();
        builder.Services.AddSingleton<ClientAttempts>();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "field_antiforgery";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.FormFieldName = "__RequestVerificationToken";
            options.SuppressXFrameOptionsHeader = false;
        });
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(LoginPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientKey(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, token) =>
            {
                var languages = context.HttpContext.RequestServices.GetRequiredService<FieldLanguages>();
                var language = languages.Parse(context.HttpContext.Request.Query["lang"]);
                context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    PageHtml.Message(languages, language, languages.T(FieldTexts.Start, language), languages.T(FieldTexts.TooManyAttempts, language), "/"), token);
            };
        });
    }

    public static void UseFieldwork(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<FieldworkSettings>();
        var store = app.Services.GetRequiredService<FieldStore>();
        _ = app.Services.GetRequiredService<QuestionnaireFlow>();
        var languages = app.Services.GetRequiredService<FieldLanguages>();
        FieldLog.Opened(app.Logger, settings.Wave, store.Path);
        var offered = string.Join(", ", languages.Offered.Select(l => l.Code));
        FieldLog.LanguagesOffered(app.Logger, offered);
        var drafts = string.Join(", ", languages.Offered.Where(l => !l.IsAdjudicated).Select(l => l.Code));
        if (drafts.Length > 0)
        {
            FieldLog.DraftsOffered(app.Logger, drafts);
        }
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
            await next(context);
        });
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapAccess();
        app.MapQuestionnaire();
        app.MapGet("/field.css", () => Results.Text(PageHtml.Css, "text/css; charset=utf-8"));
        app.MapGet("/healthz", () => Results.Text("ok"));
    }

    /// <summary>
    /// The languages to offer: those <see cref="FieldworkSettings.Languages"/> lists (every adjudicated one when it is
    /// empty), refusing a draft translation unless <see cref="FieldworkSettings.AllowDraftTranslations"/>.
    /// </summary>
    public static FieldLanguages OfferedLanguages(IndicatorCatalogue catalogue, FieldworkSettings settings)
    {
        var texts = new QuestionnaireLanguages(catalogue.Questionnaire);
        var requested = (settings.Languages ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (requested.Length == 0)
        {
            requested = [.. texts.All.Where(l => l.IsAdjudicated || settings.AllowDraftTranslations).Select(l => l.Code)];
        }

        var (offered, problems) = texts.ForFielding(requested, settings.AllowDraftTranslations);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Fieldwork:Languages: " + string.Join("; ", problems));
        }

        return new FieldLanguages(texts, offered);
    }

    /// <summary>The client a login attempt is counted against: its address (a proxy in front must pass the client's on).</summary>
    public static string ClientKey(HttpContext context) =>
        context.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress?.ToString() ?? "unknown";
}

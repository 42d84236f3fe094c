using System.IO.Compression;
using Barometer.Catalogue;
using Barometer.Catalogue.Loading;
using Barometer.Web.Api;
using Barometer.Web.Dashboard.Assets;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Barometer.Web.Dashboard;

/// <summary>
/// Registers and maps the dashboard: server-rendered Razor Pages (Swedish at the root, English under <c>/en</c>)
/// that read the public tables through <c>PublicationState</c> only, the embedded chart bundle under
/// <c>/dashboard-assets</c>, and response compression for the pages.
/// </summary>
public static class DashboardHosting
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Dashboard/Pages";
            options.Conventions.AddPageRoute("/Index", "en");
            options.Conventions.AddPageRoute("/SubGoal", "en/subgoal/{id}");
            options.Conventions.AddPageRoute("/Indicator", "en/indicator/{id}");
            options.Conventions.AddPageRoute("/Method", "en/method");
            options.Conventions.AddPageRoute("/Area", "kommun/{code}");
            options.Conventions.AddPageRoute("/Area", "en/county/{code}");
            options.Conventions.AddPageRoute("/Area", "en/municipality/{code}");
            options.Conventions.AddPageRoute("/Map", "en/map");
        });
        // The catalogue the publication reads (Publication:Catalogue, else the repository's catalogue/ folder).
        builder.Services.TryAddSingleton(sp =>
        {
            var folder = sp.GetRequiredService<IOptions<PublicationOptions>>().Value.Catalogue;
            return IndicatorCatalogue.Load(CatalogueLocator.Locate(string.IsNullOrWhiteSpace(folder) ? null : folder));
        });
        builder.Services.AddSingleton<DashboardAssets>();
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Compress the dashboard's pages only; the API decides about its own responses.
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments(DashboardAssets.RequestPath),
            branch => branch.UseResponseCompression());
        app.MapGet(DashboardAssets.RequestPath + "/{file}", (HttpContext context, string file, DashboardAssets assets) => assets.Serve(context, file))
            .ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }
}

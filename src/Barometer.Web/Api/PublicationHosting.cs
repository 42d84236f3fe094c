namespace Barometer.Web.Api;

/// <summary>Registers and maps the public PxWeb API 2.0 (everything under /api/v2).</summary>
public static class PublicationHosting
{
    public static WebApplicationBuilder AddPublication(this WebApplicationBuilder builder) => builder;

    public static WebApplication UsePublication(this WebApplication app) => app;

    public static WebApplication MapPublicationApi(this WebApplication app) => app;
}

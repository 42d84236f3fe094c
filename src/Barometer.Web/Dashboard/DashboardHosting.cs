namespace Barometer.Web.Dashboard;

/// <summary>Registers and maps the dashboard (server-rendered pages that read the public API only).</summary>
public static class DashboardHosting
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapDashboard(this WebApplication app) => app;
}

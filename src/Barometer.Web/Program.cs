using Barometer.Web.Api;
using Barometer.Web.Dashboard;

var builder = WebApplication.CreateBuilder(args);
builder.AddPublication();
builder.AddDashboard();

var app = builder.Build();
app.UsePublication();
app.MapPublicationApi();
app.MapDashboard();
app.MapGet("/healthz", () => Results.Text("ok"));

await app.RunAsync();

/// <summary>The web host's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;

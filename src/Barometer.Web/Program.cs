var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// The publication API and dashboard arrive with their issues; until then the host only answers health checks.
app.MapGet("/healthz", () => Results.Text("ok"));

await app.RunAsync();

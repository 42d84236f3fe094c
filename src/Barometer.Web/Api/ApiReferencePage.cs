using System.Net;
using System.Text;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Formats;
using Microsoft.Extensions.Options;

namespace Barometer.Web.Api;

/// <summary>
/// <c>/api</c>: a server-rendered reference of the public API in Swedish (default) or English (<c>?lang=en</c>),
/// with working example links. Plain HTML and inline CSS: no scripts, nothing fetched from elsewhere.
/// </summary>
internal static class ApiReferencePage
{
    private sealed record Entry(string Method, string Path, LocalizedText Text, string? Example);

    public static void Map(WebApplication app)
    {
        app.MapGet("/api", Render).ExcludeFromDescription();
    }

    private static IResult Render(HttpContext context, PublicationState state, IOptions<PublicationOptions> options)
    {
        if (!ApiRequests.TryParseLanguage(context.Request.Query["lang"].ToString(), out var language))
        {
            language = Language.Sv;
        }

        string example = "employment_rate";
        string? breakdown = null;
        try
        {
            var tables = state.Current().Tables;
            example = tables.Count > 0 ? tables[0].Id : example;
            breakdown = tables.FirstOrDefault(t => t.Breakdown is not null)?.Id;
        }
#pragma warning disable CA1031 // The reference page is useful without data too; the examples then name a typical table.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        var lang = ApiRequests.Code(language);
        string T(string sv, string en) => new LocalizedText(sv, en)[language];

        var t = Uri.EscapeDataString(example);
        var b = Uri.EscapeDataString(breakdown ?? example);
        Entry[] entries =
        [
            new("GET", "/api/v2/config", new("Konfiguration: språk, gränser (maxDataCells, anrop per tidsfönster), format.", "Configuration: languages, limits (maxDataCells, calls per time window), formats."), $"/api/v2/config"),
            new("GET", "/api/v2/tables", new("Tabellerna. Sök med query, filtrera med pastDays, bläddra med pageNumber och pageSize.", "The tables. Search with query, filter with pastDays, page with pageNumber and pageSize."), $"/api/v2/tables?lang={lang}&query=sysselsättning&pageSize=5"),
            new("GET", "/api/v2/tables/{id}", new("En tabell: rubrik, perioder, variabler och länkar.", "One table: label, periods, variables and links."), $"/api/v2/tables/{t}?lang={lang}"),
            new("GET", "/api/v2/tables/{id}/metadata", new("Tabellens metadata som JSON-stat 2.0 utan värden.", "The table's metadata as JSON-stat 2.0 without values."), $"/api/v2/tables/{t}/metadata?lang={lang}"),
            new("GET", "/api/v2/tables/{id}/defaultselection", new("Urvalet som /data använder när inget anges.", "The selection /data uses when none is given."), $"/api/v2/tables/{t}/defaultselection?lang={lang}"),
            new("GET", "/api/v2/tables/{id}/data", new("Data för ett urval: valuecodes[VARIABEL]=koder eller uttryck (*, top(n), bottom(n), from(), to(), range()), heading, stub, outputFormat (json-stat2, csv, xlsx, px, parquet, html, json-px) och outputFormatParams.", "Data for a selection: valuecodes[VARIABLE]=codes or expressions (*, top(n), bottom(n), from(), to(), range()), heading, stub, outputFormat (json-stat2, csv, xlsx, px, parquet, html, json-px) and outputFormatParams."), $"/api/v2/tables/{b}/data?lang={lang}&valuecodes[Tid]=top(3)&valuecodes[ContentsCode]=estimate,margin&outputFormat=csv&outputFormatParams=UseTexts,SeparatorSemicolon"),
            new("POST", "/api/v2/tables/{id}/data", new("Samma som GET med ett VariablesSelection i kroppen (application/json).", "As GET with a VariablesSelection body (application/json)."), null),
            new("GET", "/api/v2/codelists/{id}", new("En kodlista (värdemängd eller aggregering) för en redovisningsgrupp.", "A codelist (value set or aggregation) of a breakdown variable."), $"/api/v2/codelists/agg_kommun_lan?lang={lang}"),
            new("GET", "/openapi/v1.json", new("OpenAPI-beskrivningen av dessa slutpunkter.", "The OpenAPI document of these endpoints."), "/openapi/v1.json"),
        ];

        var o = options.Value;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(lang).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(E(T("Integrationsbarometern – API-referens", "Integrationsbarometern – API reference")))
            .Append("</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}")
            .Append("code{background:#f3f3f3;padding:0 .25rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.5rem;text-align:left;vertical-align:top}")
            .Append("th{background:#f7f7f7}.m{font-weight:bold;white-space:nowrap}</style></head><body>")
            .Append("<p><a href=\"/api?lang=").Append(T("en\" hreflang=\"en\">English", "sv\" hreflang=\"sv\">Svenska")).Append("</a></p>")
            .Append("<h1>").Append(E(T("Integrationsbarometern: publiceringens API", "Integrationsbarometern: publication API"))).Append("</h1><p>")
            .Append(E(T("API:t följer PxWeb API 2.0, så klienter för SCB:s Statistikdatabasen fungerar oförändrade. Det visar bara publicerade resultat vars publiceringstid har passerat. Alla slutpunkter tar lang=sv (standard) eller lang=en; fel är RFC 7807 problem+json.", "The API follows PxWeb API 2.0, so the clients of Statistics Sweden's Statistikdatabasen work unchanged. It serves only released results whose release time has passed. Every endpoint takes lang=sv (default) or lang=en; errors are RFC 7807 problem+json.")))
            .Append("</p><p>")
            .Append(E(T(
                $"Högst {o.MaxDataCells:N0} celler per anrop och {o.MaxCallsPerTimeWindow} anrop per {o.TimeWindowSeconds} s per klient (sedan 429). Format: {string.Join(", ", CubeWriters.Formats)}.",
                $"At most {o.MaxDataCells:N0} cells per request and {o.MaxCallsPerTimeWindow} calls per {o.TimeWindowSeconds} s per client (then 429). Formats: {string.Join(", ", CubeWriters.Formats)}.")))
            .Append("</p><table><thead><tr><th>").Append(E(T("Metod", "Method"))).Append("</th><th>")
            .Append(E(T("Slutpunkt", "Endpoint"))).Append("</th><th>")
            .Append(E(T("Vad den ger", "What it returns"))).Append("</th></tr></thead><tbody>");
        foreach (var entry in entries)
        {
            html.Append("<tr><td class=\"m\">").Append(entry.Method).Append("</td><td><code>").Append(E(entry.Path)).Append("</code>");
            if (entry.Example is { } href)
            {
                html.Append("<br><a href=\"").Append(E(href)).Append("\">").Append(E(T("exempel", "example"))).Append("</a>");
            }

            html.Append("</td><td>").Append(E(entry.Text[language])).Append("</td></tr>");
        }

        html.Append("</tbody></table><p>")
            .Append(E(T("Tabell-id, variabel- och värdekoder, statussymboler och kodlistor beskrivs i docs/api.md.", "Table ids, variable and value codes, status symbols and codelists are documented in docs/api.md.")))
            .Append("</p></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

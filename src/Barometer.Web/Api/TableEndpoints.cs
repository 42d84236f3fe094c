using System.Globalization;
using System.Reflection;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Formats;
using Barometer.Publishing.Selection;
using Barometer.Publishing.Tables;
using Microsoft.Extensions.Options;

namespace Barometer.Web.Api;

/// <summary>The metadata endpoints: /config, /tables, /tables/{id}, /tables/{id}/metadata, /defaultselection, /codelists/{id}.</summary>
internal static class TableEndpoints
{
    public const int DefaultPageSize = 20;

    private static readonly string AppVersion =
        typeof(TableEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/config", Config)
            .WithName("GetApiConfiguration").WithSummary("API configuration: languages, limits, formats.")
            .WithMetadata(new AllowedQuery("lang"))
            .Produces<ConfigResponse>();
        api.MapGet("/tables", ListTables)
            .WithName("ListAllTables").WithSummary("Lists the published tables; search with query, filter with pastDays, page with pageNumber/pageSize.")
            .WithMetadata(new AllowedQuery("lang", "query", "pastDays", "includeDiscontinued", "pageNumber", "pageSize"))
            .Produces<TablesResponse>();
        api.MapGet("/tables/{id}", GetTable)
            .WithName("GetTableById").WithSummary("One table: label, periods, variables, links.")
            .WithMetadata(new AllowedQuery("lang"))
            .Produces<TableResponse>();
        api.MapGet("/tables/{id}/metadata", GetMetadata)
            .WithName("GetMetadataById").WithSummary("The table's metadata as JSON-stat 2.0 without values.")
            .WithMetadata(new AllowedQuery("lang", "defaultSelection", "savedQuery", "outputFormat") { Codelists = true })
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapGet("/tables/{id}/defaultselection", GetDefaultSelection)
            .WithName("GetDefaultSelection").WithSummary("The selection /data uses when none is given.")
            .WithMetadata(new AllowedQuery("lang"))
            .Produces<SelectionResponse>();
        api.MapGet("/codelists/{id}", GetCodelist)
            .WithName("GetCodelistById").WithSummary("A codelist (value set or aggregation) of a breakdown variable.")
            .WithMetadata(new AllowedQuery("lang", "outputFormat"))
            .Produces<CodelistResponse>();
    }

    private static IResult Config(IOptions<PublicationOptions> options)
    {
        var o = options.Value;
        return Results.Json(
            new ConfigResponse(
                "2.0",
                AppVersion,
                [new("sv", "Svenska"), new("en", "English")],
                "sv",
                o.MaxDataCells,
                o.MaxCallsPerTimeWindow == 0 ? int.MaxValue : o.MaxCallsPerTimeWindow,
                o.TimeWindowSeconds,
                o.License,
                [new("sv", "Källa: Integrationsbarometern"), new("en", "Source: Integrationsbarometern (the Swedish integration barometer)")],
                CubeWriters.DefaultFormat,
                CubeWriters.Formats,
                [new("CORS", [new("enabled", "True")])]),
            ApiRequests.Json);
    }

    private static IResult ListTables(HttpContext context, PublicationState state, TimeProvider time)
    {
        var query = context.Request.Query;
        var language = ApiRequests.Language(context);
        if (!TryInt(query["pageNumber"], 1, out var pageNumber) || pageNumber < 1)
        {
            return ApiProblems.BadRequest("pageNumber must be a whole number of at least 1.");
        }

        // No upper limit (the spec sets none and PxWeb2 asks for 10000): a page larger than the list holds every table.
        if (!TryInt(query["pageSize"], DefaultPageSize, out var pageSize) || pageSize < 1)
        {
            return ApiProblems.BadRequest($"pageSize must be a whole number from 1 to {int.MaxValue}.");
        }

        if (!TryInt(query["pastDays"], 0, out var pastDays) || (query.ContainsKey("pastDays") && pastDays < 1))
        {
            return ApiProblems.BadRequest("pastDays must be a whole number of at least 1.");
        }

        var discontinued = query["includeDiscontinued"].ToString();
        if (discontinued.Length > 0 && !bool.TryParse(discontinued, out _))
        {
            return ApiProblems.BadRequest("includeDiscontinued must be true or false.");
        }

        var edition = state.Edition();
        if (HttpCaching.NotModified(context, HttpCaching.ETag(context.Request, edition), edition.LastModified) is { } notModified)
        {
            return notModified;
        }

        var words = query["query"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var since = pastDays > 0 ? time.GetUtcNow().AddDays(-pastDays) : (DateTimeOffset?)null;
        var matching = edition.Model.Tables
            .Where(t => since is null || t.Updated >= since)
            .Where(t => words.All(w => Matches(t, w)))
            .ToList();
        var totalPages = (int)Math.Max(1, ((long)matching.Count + pageSize - 1) / pageSize);
        var page = matching.Skip((int)Math.Min(int.MaxValue, (long)(pageNumber - 1) * pageSize)).Take(pageSize).Select(t => Item(t, language)).ToList();
        var lang = ApiRequests.Code(language);
        string PageHref(int number) =>
            $"/api/v2/tables?lang={lang}{(words.Length > 0 ? "&query=" + Uri.EscapeDataString(string.Join(' ', words)) : string.Empty)}" +
            $"{(since is null ? string.Empty : "&pastDays=" + pastDays.ToString(CultureInfo.InvariantCulture))}&pageSize={pageSize.ToString(CultureInfo.InvariantCulture)}&pageNumber={number.ToString(CultureInfo.InvariantCulture)}";
        var pageLinks = new List<ApiLink>();
        if (pageNumber > 1)
        {
            pageLinks.Add(new("previous", lang, PageHref(Math.Min(pageNumber - 1, totalPages))));
        }

        if (pageNumber < totalPages)
        {
            pageLinks.Add(new("next", lang, PageHref(pageNumber + 1)));
        }

        return Results.Json(
            new TablesResponse(lang, page, new PageInfo(pageNumber, pageSize, matching.Count, totalPages, pageLinks), [new("self", lang, PageHref(pageNumber))]),
            ApiRequests.Json);
    }

    private static IResult GetTable(string id, HttpContext context, PublicationState state)
    {
        var edition = state.Edition();
        if (edition.Model.FindTable(id) is not { } table)
        {
            return ApiProblems.TableNotFound(id);
        }

        if (HttpCaching.NotModified(context, HttpCaching.ETag(context.Request, edition), edition.LastModified) is { } notModified)
        {
            return notModified;
        }

        var language = ApiRequests.Language(context);
        var item = Item(table, language);
        return Results.Json(
            new TableResponse
            {
                Language = ApiRequests.Code(language),
                Id = item.Id,
                Label = item.Label,
                Description = item.Description,
                SortCode = item.SortCode,
                Updated = item.Updated,
                FirstPeriod = item.FirstPeriod,
                LastPeriod = item.LastPeriod,
                VariableNames = item.VariableNames,
                Source = item.Source,
                SubjectCode = item.SubjectCode,
                Paths = item.Paths,
                Links = item.Links,
            },
            ApiRequests.Json);
    }

    private static IResult GetMetadata(string id, HttpContext context, PublicationState state, SavedQueryService saved)
    {
        var edition = state.Edition();
        if (edition.Model.FindTable(id) is not { } table)
        {
            return ApiProblems.TableNotFound(id);
        }

        var query = context.Request.Query;
        var defaultSelection = query["defaultSelection"].ToString();
        var useDefault = false;
        if (defaultSelection.Length > 0 && !bool.TryParse(defaultSelection, out useDefault))
        {
            return ApiProblems.BadRequest("defaultSelection must be true or false.");
        }

        var format = query["outputFormat"].ToString();
        if (format.Length > 0 && !format.Equals(CubeWriters.DefaultFormat, StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.BadRequest($"outputFormat '{ApiProblems.Quote(format)}' is not available for metadata; it is always {CubeWriters.DefaultFormat}.");
        }

        // savedQuery applies the saved query's codelists, as defaultSelection applies the default's.
        var savedQuery = query["savedQuery"].ToString();
        TableSelection? savedSelection = null;
        if (savedQuery.Length > 0)
        {
            var lookup = saved.Resolve(savedQuery, edition);
            if (lookup.Found is not { } found)
            {
                return lookup.Failure ?? ApiProblems.NotFound($"savedQuery '{ApiProblems.Quote(savedQuery)}': there is no saved query with this id.");
            }

            if (!string.Equals(found.Table.Id, table.Id, StringComparison.Ordinal))
            {
                return ApiProblems.BadRequest($"savedQuery '{ApiProblems.Quote(savedQuery)}' is a query of another table, '{found.Table.Id}'.");
            }

            savedSelection = found.Document.Selection;
        }

        if (HttpCaching.NotModified(context, HttpCaching.ETag(context.Request, edition), edition.LastModified) is { } notModified)
        {
            return notModified;
        }

        // As the reference server: defaultSelection applies only the default selection's codelists and keeps every
        // value; codelist[VAR] applies a codelist to the variable (over the default's for the same variable).
        Cube cube;
        try
        {
            var codelists = new Dictionary<string, VariableSelection>(StringComparer.OrdinalIgnoreCase);
            if (useDefault)
            {
                foreach (var variable in table.DefaultSelection.Variables.Where(v => v.Codelist is not null))
                {
                    codelists[variable.Code] = variable;
                }
            }

            foreach (var variable in savedSelection?.Variables.Where(v => v.Codelist is not null) ?? [])
            {
                codelists[variable.Code] = variable;
            }

            var requested = SelectionParser.FromQuery(query
                .Where(p => AllowedQuery.IsBracketed(p.Key, "codelist"))
                .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value.ToString())));
            foreach (var variable in requested.Variables.Where(v => v.Codelist is not null))
            {
                codelists[variable.Code] = variable;
            }

            cube = table.MetadataCube([.. codelists.Values]);
        }
        catch (SelectionException ex)
        {
            return ApiProblems.BadRequest(ex.Message);
        }

        var writer = CubeWriters.For(CubeWriters.DefaultFormat);
        var language = ApiRequests.Language(context);
        return CubeResults.Write(cube, writer, new CubeWriteOptions { Language = language, IncludeValues = false, Codelists = CodelistLinks(table, language) }, download: false);
    }

    /// <summary>The codelists of each dimension of a table, as the JSON-stat extension lists them, with the address of each.</summary>
    internal static Func<string, IReadOnlyList<CubeCodelistLink>> CodelistLinks(PublishedTable table, Language language)
    {
        var lang = ApiRequests.Code(language);
        return dimension => [.. table.Codelists(dimension).Select(c => new CubeCodelistLink(
            c.Id, c.Label[language], c.Type.ToString(), $"/api/v2/codelists/{Uri.EscapeDataString(c.Id)}?lang={lang}"))];
    }

    private static IResult GetDefaultSelection(string id, HttpContext context, PublicationState state)
    {
        var edition = state.Edition();
        if (edition.Model.FindTable(id) is not { } table)
        {
            return ApiProblems.TableNotFound(id);
        }

        if (HttpCaching.NotModified(context, HttpCaching.ETag(context.Request, edition), edition.LastModified) is { } notModified)
        {
            return notModified;
        }

        var lang = ApiRequests.Code(ApiRequests.Language(context));
        var selection = table.DefaultSelection;
        return Results.Json(
            new SelectionResponse(
                [.. selection.Variables.Select(v => new VariableSelectionBody(v.Code, v.Codelist, v.ValueExpressions))],
                new PlacementBody(selection.Heading ?? [], selection.Stub ?? []),
                lang,
                [
                    new("self", lang, $"/api/v2/tables/{Uri.EscapeDataString(table.Id)}/defaultselection?lang={lang}"),
                    new("data", lang, $"/api/v2/tables/{Uri.EscapeDataString(table.Id)}/data?lang={lang}&outputFormat={CubeWriters.DefaultFormat}"),
                ]),
            ApiRequests.Json);
    }

    private static IResult GetCodelist(string id, HttpContext context, PublicationState state)
    {
        var edition = state.Edition();
        if (edition.Model.FindCodelist(id) is not { } codelist)
        {
            return ApiProblems.NotFound($"There is no codelist with id '{ApiProblems.Quote(id)}'.");
        }

        // Clients (PxWebApiData) add outputFormat=json-stat2 to every address; a codelist has one format, its JSON.
        var format = context.Request.Query["outputFormat"].ToString();
        if (format.Length > 0 && !format.Equals(CubeWriters.DefaultFormat, StringComparison.OrdinalIgnoreCase) && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.BadRequest($"outputFormat '{ApiProblems.Quote(format)}' is not available for codelists; they are always JSON (json-stat2 is accepted).");
        }

        if (HttpCaching.NotModified(context, HttpCaching.ETag(context.Request, edition), edition.LastModified) is { } notModified)
        {
            return notModified;
        }

        var language = ApiRequests.Language(context);
        var lang = ApiRequests.Code(language);
        var other = language.OtherCode();
        var href = $"/api/v2/codelists/{Uri.EscapeDataString(codelist.Id)}";
        return Results.Json(
            new CodelistResponse(
                codelist.Id,
                codelist.Label[language],
                lang,
                ["sv", "en"],
                codelist.Elimination,
                codelist.EliminationValueCode,
                codelist.Type.ToString(),
                [.. codelist.Values.Select(v => new ValueMapBody(v.Code, v.Label[language], v.ValueMap, null))],
                [new("self", lang, $"{href}?lang={lang}"), new("alternate", other, $"{href}?lang={other}")]),
            ApiRequests.Json);
    }

    /// <summary>A table as the spec's Table schema, in one language.</summary>
    internal static TableItem Item(PublishedTable table, Language language)
    {
        var lang = ApiRequests.Code(language);
        var other = language.OtherCode();
        var href = "/api/v2/tables/" + Uri.EscapeDataString(table.Id);
        return new TableItem
        {
            Id = table.Id,
            Label = table.Label[language],
            Description = table.Description[language],
            SortCode = table.Id,
            Updated = table.Updated.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            FirstPeriod = table.FirstPeriod,
            LastPeriod = table.LastPeriod,
            VariableNames = [.. table.Dimensions.Select(d => d.Label[language])],
            Source = table.Source[language],
            SubjectCode = table.SubGoal,
            Paths = [[new PathElement(table.SubGoal, table.SubGoalName[language], table.SubGoal)]],
            Links =
            [
                new("self", lang, $"{href}?lang={lang}"),
                new("alternate", other, $"{href}?lang={other}"),
                new("metadata", lang, $"{href}/metadata?lang={lang}"),
                new("data", lang, $"{href}/data?lang={lang}&outputFormat={CubeWriters.DefaultFormat}"),
            ],
        };
    }

    private static bool Matches(PublishedTable table, string word) =>
        table.Id.Contains(word, StringComparison.OrdinalIgnoreCase)
        || Contains(table.Label, word)
        || Contains(table.Description, word)
        || table.Dimensions.Any(d => Contains(d.Label, word));

    private static bool Contains(LocalizedText text, string word) =>
        text.Sv.Contains(word, StringComparison.OrdinalIgnoreCase) || text.En.Contains(word, StringComparison.OrdinalIgnoreCase);

    private static bool TryInt(Microsoft.Extensions.Primitives.StringValues value, int fallback, out int result)
    {
        if (value.Count == 0 || string.IsNullOrEmpty(value[0]))
        {
            result = fallback;
            return true;
        }

        return int.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out result);
    }
}

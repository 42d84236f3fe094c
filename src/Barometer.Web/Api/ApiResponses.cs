using System.Text.Json.Serialization;

namespace Barometer.Web.Api;

// The response bodies of the PxWeb API 2.0 (docs/pxweb/PxAPI-2.yml, components/schemas), property for property.
#pragma warning disable SA1649, CA1056 // Several small records named after the spec's schemas; hrefs are relative URI strings as in the spec.

internal sealed record ApiLink(string Rel, string Hreflang, string Href);

internal sealed record ApiLanguageInfo(string Id, string Label);

internal sealed record SourceReference(string Language, string Text);

internal sealed record KeyValuePair(string Key, string Value);

internal sealed record ApiFeature(string Id, IReadOnlyList<KeyValuePair>? Params);

internal sealed record ConfigResponse(
    string ApiVersion,
    string AppVersion,
    IReadOnlyList<ApiLanguageInfo> Languages,
    string DefaultLanguage,
    int MaxDataCells,
    int MaxCallsPerTimeWindow,
    int TimeWindow,
    string License,
    IReadOnlyList<SourceReference> SourceReferences,
    string DefaultDataFormat,
    IReadOnlyList<string> DataFormats,
    IReadOnlyList<ApiFeature> Features);

internal sealed record PathElement(string Id, string Label, string? SortCode);

internal record TableItem
{
    public required string Id { get; init; }

    public required string Label { get; init; }

    public string? Description { get; init; }

    public string? SortCode { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The date (UTC) of the newest release in the table, yyyy-MM-dd as the spec's pattern requires.</summary>
    public required string Updated { get; init; }

    public required string FirstPeriod { get; init; }

    public required string LastPeriod { get; init; }

    public string Category { get; init; } = "public";

    public required IReadOnlyList<string> VariableNames { get; init; }

    public bool Discontinued { get; init; }

    public string? Source { get; init; }

    public string? SubjectCode { get; init; }

    public string TimeUnit { get; init; } = "Annual";

    public IReadOnlyList<IReadOnlyList<PathElement>>? Paths { get; init; }

    public required IReadOnlyList<ApiLink> Links { get; init; }
}

internal sealed record TableResponse : TableItem
{
    [JsonPropertyOrder(-1)]
    public required string Language { get; init; }
}

internal sealed record PageInfo(int PageNumber, int PageSize, int TotalElements, int TotalPages, IReadOnlyList<ApiLink> Links);

internal sealed record TablesResponse(string Language, IReadOnlyList<TableItem> Tables, PageInfo Page, IReadOnlyList<ApiLink> Links);

/// <summary>
/// One variable of a selection. PxAPI-2.yml's VariableSelection requires a property <c>values</c> while describing
/// <c>valueCodes</c> (which PxWeb clients read), so both are written with the same codes.
/// </summary>
internal sealed record VariableSelectionBody(string VariableCode, string? Codelist, IReadOnlyList<string> ValueCodes)
{
    public IReadOnlyList<string> Values => ValueCodes;
}

internal sealed record PlacementBody(IReadOnlyList<string> Heading, IReadOnlyList<string> Stub);

internal sealed record SelectionResponse(IReadOnlyList<VariableSelectionBody> Selection, PlacementBody? Placement, string Language, IReadOnlyList<ApiLink> Links);

internal sealed record NoteBody(bool Mandatory, string Text);

internal sealed record ValueMapBody(string Code, string Label, IReadOnlyList<string> ValueMap, IReadOnlyList<NoteBody>? Notes);

internal sealed record CodelistResponse(
    string Id,
    string Label,
    string Language,
    IReadOnlyList<string> Languages,
    bool Elimination,
    string? EliminationValueCode,
    string Type,
    IReadOnlyList<ValueMapBody> Values,
    IReadOnlyList<ApiLink> Links);

#pragma warning restore SA1649, CA1056

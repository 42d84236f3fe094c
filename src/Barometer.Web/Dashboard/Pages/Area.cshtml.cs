using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Web.Api;
using Barometer.Web.Dashboard.Assets;
using Barometer.Web.Dashboard.Figures;
using Microsoft.AspNetCore.Mvc;

namespace Barometer.Web.Dashboard.Pages;

/// <summary>
/// The profile of a county (<c>/lan/01</c>) or municipality (<c>/kommun/0180</c>): every register indicator of the
/// area beside its comparison areas for the foreign-born, the native-born and the gap, the trend of one indicator,
/// expected versus actual and a locator map. The reader chooses the comparison areas with a GET form (default: the
/// county and Sweden), so every view has a URL: <c>?chosen=1&amp;county=1&amp;sweden=1&amp;area=1480&amp;indicator=employment_rate</c>.
/// </summary>
public sealed class AreaModel(PublicationState publication, IndicatorCatalogue catalogue, DashboardAssets assets) : DashboardPageModel(publication, catalogue)
{
    /// <summary>At most this many chosen comparison areas besides the county and Sweden.</summary>
    public const int MaxComparisons = 10;

    public Area Area { get; private set; } = null!;

    /// <summary>The county of a municipality, or null on a county profile.</summary>
    public Area? County { get; private set; }

    public bool IsCounty => Area.Level == AreaLevel.County;

    public bool CompareWithCounty { get; private set; }

    public bool CompareWithSweden { get; private set; }

    /// <summary>The areas of the same level the reader can choose to compare with (all but this one).</summary>
    public IReadOnlyList<(string Code, string Label)> Choices { get; private set; } = [];

    public IReadOnlyList<Area> Chosen { get; private set; } = [];

    /// <summary>Every comparison area in table order: the county (when chosen), then the chosen areas; Sweden comes last in the tables.</summary>
    public IReadOnlyList<Area> Comparisons { get; private set; } = [];

    /// <summary>The register indicators with a table at this level, grouped by sub-goal in catalogue order.</summary>
    public IReadOnlyList<(string SubGoal, IReadOnlyList<IndicatorAreaRows> Rows)> Sections { get; private set; } = [];

    public IReadOnlyList<ExpectedRow> Expected { get; private set; } = [];

    /// <summary>County profiles: the survey indicators' model-based (small-area) estimates, in catalogue order.</summary>
    public IReadOnlyList<ModelEstimateRow> ModelEstimates { get; private set; } = [];

    public IReadOnlyList<Indicator> TrendChoices { get; private set; } = [];

    public Indicator? TrendIndicator { get; private set; }

    public ChartFigure? Trend { get; private set; }

    public string LocatorSpec { get; private set; } = string.Empty;

    public string LocatorDescription { get; private set; } = string.Empty;

    public IActionResult OnGet(string code, string? chosen, string? county, string? sweden, [FromQuery(Name = "area")] string[]? area, string? indicator)
    {
        var level = Request.Path.StartsWithSegments("/lan") || Request.Path.StartsWithSegments(Localization.DashboardUi.EnglishPrefix + "/county")
            ? AreaLevel.County
            : AreaLevel.Municipality;
        var figures = new AreaFigures(Model, Catalogue, Ui, Rules);
        var found = figures.Find(level, code);
        if (found is null)
        {
            return NotFound();
        }

        Area = found;
        Title = found.Name;
        NavKey = "map";
        if (found.CountyCode is { } countyCode)
        {
            County = figures.Find(AreaLevel.County, countyCode);
        }

        // No submitted form: the defaults (the county and Sweden). A submitted form says what it wants.
        var submitted = chosen == "1";
        CompareWithCounty = County is not null && (!submitted || county == "1");
        CompareWithSweden = !submitted || sweden == "1";
        Choices = [.. figures.Areas(level).Where(a => a.Code != found.Code)];
        var known = Choices.ToDictionary(c => c.Code, c => c.Label, StringComparer.Ordinal);
        Chosen = [.. (area ?? []).OfType<string>()
            .SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(known.ContainsKey).Distinct(StringComparer.Ordinal).Take(MaxComparisons)
            .Select(c => new Area(level, c, known[c]))];
        var comparisons = new List<Area>();
        if (CompareWithCounty && County is not null)
        {
            comparisons.Add(County);
        }

        comparisons.AddRange(Chosen);
        Comparisons = comparisons;

        var indicators = figures.Indicators(level);
        Sections = [.. Catalogue.SubGoals.OrderBy(s => s.Order)
            .Select(s => (s.Id, (IReadOnlyList<IndicatorAreaRows>)[.. indicators.Where(i => i.SubGoal == s.Id)
                .Select(i => figures.Rows(i, found, comparisons, CompareWithSweden)).OfType<IndicatorAreaRows>()]))
            .Where(s => s.Item2.Count > 0)];
        Expected = [.. indicators.Select(i => figures.Expected(i, found)).OfType<ExpectedRow>()];
        ModelEstimates = [.. Catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Survey).Select(i => figures.ModelEstimate(i, found)).OfType<ModelEstimateRow>()];
        TrendChoices = indicators;
        TrendIndicator = indicators.FirstOrDefault(i => string.Equals(i.Id, indicator, StringComparison.Ordinal)) ?? (indicators.Count > 0 ? indicators[0] : null);
        Trend = TrendIndicator is null ? null : figures.Trend("trend", TrendIndicator, found, comparisons, CompareWithSweden);
        var maps = new MapFigures(Model, Catalogue, Ui, Rules, assets);
        LocatorSpec = maps.LocatorSpec(found, County?.Name ?? string.Empty);
        LocatorDescription = maps.LocatorDescription(found, County?.Name ?? string.Empty);
        return Page();
    }

    /// <summary>The profile of an area of the same level as this one.</summary>
    public string ProfilePath(string code) => IsCounty ? Ui.CountyPath(code) : Ui.MunicipalityPath(code);

    /// <summary>The profile's path with its comparison choices kept (for the indicator chooser's hidden fields).</summary>
    public IEnumerable<KeyValuePair<string, string>> ChoiceFields()
    {
        yield return new("chosen", "1");
        if (CompareWithCounty)
        {
            yield return new("county", "1");
        }

        if (CompareWithSweden)
        {
            yield return new("sweden", "1");
        }

        foreach (var a in Chosen)
        {
            yield return new("area", a.Code);
        }
    }
}

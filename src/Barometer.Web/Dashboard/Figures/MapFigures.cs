using System.Globalization;
using System.Text.Json.Nodes;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Publishing.Charts;
using Barometer.Publishing.Tables;
using Barometer.Publishing.Texts;
using Barometer.Web.Dashboard.Assets;
using Barometer.Web.Dashboard.Localization;
using Barometer.Web.Dashboard.Tables;

namespace Barometer.Web.Dashboard.Figures;

/// <summary>Which published group a map colours: the foreign-born, the native-born or the gap between them.</summary>
public enum MapGroup
{
    Focal,
    Reference,
    Gap,
}

/// <summary>
/// Choropleth maps of counties and municipalities (Vega-Lite geoshape) and the locator map of a profile. The
/// boundaries are the TopoJSON files in Dashboard/geo/ (see the README there), served with the chart bundle and
/// fetched only by pages that draw a map. The values come from the same published tables as the indicator pages
/// (<c>{indicator}.lan</c>, <c>{indicator}.kommun</c>); an area whose value is hidden is drawn hatched grey with its
/// symbol in the tooltip and the table, never in a colour of the scale.
/// </summary>
public sealed class MapFigures(PublicationModel model, IndicatorCatalogue catalogue, DashboardUi ui, PublicationRules rules, DashboardAssets assets)
{
    /// <summary>The id of the SVG pattern a suppressed area is filled with (defined once on every page with a map).</summary>
    public const string SuppressedPattern = "suppressed-hatch";

    /// <summary>The Vega mark name of the layer of suppressed areas (the SVG group's class is <c>suppressed_marks</c>).</summary>
    public const string SuppressedLayer = "suppressed";

    /// <summary>The Vega mark name of the layer of coloured areas.</summary>
    public const string ValuesLayer = "values";

    private const string FocalColour = "#0072B2";

    public static string GeometryFile(AreaLevel level) => level == AreaLevel.County ? "lan.topo.json" : "kommuner.topo.json";

    /// <summary>The choropleth of one indicator at one level for one group, latest wave, with its table and summary.</summary>
    public ChartFigure? Choropleth(string id, Indicator indicator, AreaLevel level, MapGroup group, Func<string, string> profileUrl)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(profileUrl);
        if (indicator.Comparisons.Count == 0)
        {
            return null;
        }

        var figures = new IndicatorFigures(model, catalogue, indicator, ui, rules);
        var breakdown = Area.BreakdownOf(level);
        var groupCode = group switch { MapGroup.Focal => figures.Focal, MapGroup.Reference => figures.Reference, _ => figures.Gap };
        var query = DashboardQuery.For(indicator.Id + "." + breakdown, (breakdown, "*"), (TableCodes.Group, groupCode), (TableCodes.Contents, string.Join(',', TableCodes.Estimate, TableCodes.Count)), (TableCodes.Time, "top(1)"));
        var cube = query.Run(model);
        if (cube is null)
        {
            return null;
        }

        var cells = new CubeCells(cube);
        var wave = cells.Values(TableCodes.Time)[0].Code;
        var groupLabel = cells.Values(TableCodes.Group).FirstOrDefault(v => v.Code == groupCode) is { } g ? ui.T(g.Label) : groupCode;
        var unit = group == MapGroup.Gap ? figures.GapUnit : figures.LevelUnit;
        var decimals = indicator.Decimals;
        var explanations = cube.Symbols.ToDictionary(s => s.Symbol, s => ui.T(s.Explanation), StringComparer.Ordinal);
        var values = new JsonArray();
        var rows = new List<FigureRow>();
        var shown = new List<(string Name, double Value)>();
        var hidden = 0;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var area in cells.Values(breakdown).Where(v => v.Code != TableCodes.Total))
        {
            var name = ui.T(area.Label);
            var estimate = cells.Get((breakdown, area.Code), (TableCodes.Group, groupCode), (TableCodes.Contents, TableCodes.Estimate), (TableCodes.Time, wave));
            var count = cells.Get((breakdown, area.Code), (TableCodes.Group, figures.Focal), (TableCodes.Contents, TableCodes.Count), (TableCodes.Time, wave));
            string text;
            if (estimate.Value is { } value)
            {
                text = $"{ui.Number(value, decimals)} {unit}" + (estimate.Status is { } flag ? " " + flag : string.Empty);
                shown.Add((name, value));
            }
            else
            {
                var symbol = estimate.Status ?? ".";
                text = ui.T($"redovisas inte ({symbol}: {Explanation(explanations, symbol)})", $"not published ({symbol}: {Explanation(explanations, symbol)})");
                hidden++;
            }

            if (estimate.Status is { } s)
            {
                used.Add(s);
            }

            values.Add(new JsonObject
            {
                ["code"] = area.Code,
                ["name"] = name,
                ["estimate"] = estimate.Value,
                ["symbol"] = estimate.Status,
                ["text"] = text,
            });
            rows.Add(new FigureRow(
                name,
                groupLabel,
                [
                    estimate.Value is null ? new FigureCell(estimate.Status ?? ".", estimate.Status ?? ".") : new FigureCell(ui.Number(estimate.Value, decimals), estimate.Status),
                    new FigureCell(ui.Number(count.Value, 0), null),
                ])
            { Link = profileUrl(area.Code) });
        }

        var levelName = level == AreaLevel.County ? ui.T("län", "county") : ui.T("kommun", "municipality");
        var title = ui.T(
            $"{ui.T(indicator.Name)} per {levelName}, {groupLabel.ToLower(ui.Culture)}, {wave}",
            $"{ui.T(indicator.Name)} by {levelName}, {groupLabel.ToLower(ui.Culture)}, {wave}");
        var summary = Summary(shown, hidden, unit, decimals, level, cells.Get((breakdown, TableCodes.Total), (TableCodes.Group, groupCode), (TableCodes.Contents, TableCodes.Estimate), (TableCodes.Time, wave)).Value);
        var legendTitle = group == MapGroup.Gap ? $"{ui.T("Skillnad", "Gap")} ({unit})" : figures.ValueTitle;
        var colour = new JsonObject
        {
            ["field"] = "estimate",
            ["type"] = "quantitative",
            ["title"] = legendTitle,
            ["scale"] = group == MapGroup.Gap
                ? Diverging(shown)
                : new JsonObject { ["scheme"] = "blues", ["zero"] = false },
            ["legend"] = new JsonObject
            {
                ["orient"] = "bottom",
                ["direction"] = "horizontal",
                ["gradientLength"] = 220,
                ["format"] = ",." + decimals.ToString(CultureInfo.InvariantCulture) + "f",
            },
        };
        var spec = Base(title, summary, level, 560);
        spec["transform"] = new JsonArray
        {
            new JsonObject
            {
                ["lookup"] = "properties.code",
                ["from"] = new JsonObject { ["data"] = new JsonObject { ["values"] = values }, ["key"] = "code", ["fields"] = new JsonArray("name", "estimate", "symbol", "text") },
                ["default"] = null,
            },
        };
        var tooltip = new JsonArray
        {
            new JsonObject { ["field"] = "name", ["type"] = "nominal", ["title"] = level == AreaLevel.County ? ui.T("Län", "County") : ui.T("Kommun", "Municipality") },
            new JsonObject { ["field"] = "text", ["type"] = "nominal", ["title"] = groupLabel },
        };
        spec["layer"] = new JsonArray
        {
            new JsonObject
            {
                ["name"] = ValuesLayer,
                ["transform"] = new JsonArray { new JsonObject { ["filter"] = "isValid(datum.estimate)" } },
                ["mark"] = new JsonObject { ["type"] = "geoshape", ["stroke"] = "#ffffff", ["strokeWidth"] = 0.4 },
                ["encoding"] = new JsonObject { ["color"] = colour, ["tooltip"] = tooltip },
            },
            new JsonObject
            {
                ["name"] = SuppressedLayer,
                ["transform"] = new JsonArray { new JsonObject { ["filter"] = "!isValid(datum.estimate)" } },
                ["mark"] = new JsonObject { ["type"] = "geoshape", ["fill"] = $"url(#{SuppressedPattern})", ["stroke"] = "#ffffff", ["strokeWidth"] = 0.4 },
                ["encoding"] = new JsonObject { ["tooltip"] = tooltip.DeepClone() },
            },
        };
        var table = new FigureTable(title, level == AreaLevel.County ? ui.T("Län", "County") : ui.T("Kommun", "Municipality"), [ui.T("Grupp", "Group"), ui.T("Skattning", "Estimate"), ui.T("Antal personer", "Number of persons")], rows);
        return new ChartFigure(id, title, summary, spec.ToJsonString(), table, [.. cube.Symbols.Where(s => used.Contains(s.Symbol))], query);
    }

    /// <summary>
    /// The locator map of a profile: the counties with the county highlighted, or the municipalities of the county
    /// with the municipality highlighted. Its text alternative is its label.
    /// </summary>
    public string LocatorSpec(Area area, string countyName)
    {
        ArgumentNullException.ThrowIfNull(area);
        var description = LocatorDescription(area, countyName);
        var spec = Base(description, description, area.Level, 300);
        var layers = new JsonArray();
        if (area.CountyCode is { } county)
        {
            spec["transform"] = new JsonArray { new JsonObject { ["filter"] = $"datum.properties.lan === '{county}'" } };
        }

        layers.Add(new JsonObject
        {
            ["mark"] = new JsonObject { ["type"] = "geoshape", ["fill"] = "#D9D9D9", ["stroke"] = "#ffffff", ["strokeWidth"] = 0.6 },
        });
        layers.Add(new JsonObject
        {
            ["transform"] = new JsonArray { new JsonObject { ["filter"] = $"datum.properties.code === '{area.Code}'" } },
            ["mark"] = new JsonObject { ["type"] = "geoshape", ["fill"] = FocalColour, ["stroke"] = "#1B1B1B", ["strokeWidth"] = 1 },
        });
        spec["layer"] = layers;
        return spec.ToJsonString();
    }

    public string LocatorDescription(Area area, string countyName)
    {
        ArgumentNullException.ThrowIfNull(area);
        return area.Level == AreaLevel.County
            ? ui.T($"Karta över Sveriges län där {area.Name} är markerat.", $"Map of Sweden's counties with {area.Name} highlighted.")
            : ui.T($"Karta över kommunerna i {countyName} där {area.Name} är markerad.", $"Map of the municipalities of {countyName} with {area.Name} highlighted.");
    }

    private JsonObject Base(string title, string summary, AreaLevel level, int height) => new()
    {
        ["$schema"] = ChartSpecs.Schema,
        ["title"] = new JsonObject { ["text"] = title, ["anchor"] = "start", ["fontSize"] = 14 },
        ["description"] = summary,
        ["width"] = "container",
        ["height"] = height,
        ["data"] = new JsonObject
        {
            ["url"] = assets.Url(GeometryFile(level)),
            ["format"] = new JsonObject { ["type"] = "topojson", ["feature"] = "areas" },
        },
        ["projection"] = new JsonObject { ["type"] = "mercator" },
        ["config"] = new JsonObject
        {
            ["font"] = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif",
            ["legend"] = new JsonObject { ["labelFontSize"] = 12, ["titleFontSize"] = 12, ["labelColor"] = "#1B1B1B", ["titleColor"] = "#1B1B1B", ["titleLimit"] = 300 },
            ["view"] = new JsonObject { ["stroke"] = null },
            ["aria"] = false,
        },
    };

    /// <summary>A diverging scale symmetric about zero, so that no gap and only no gap has the scale's neutral middle colour.</summary>
    private static JsonObject Diverging(List<(string Name, double Value)> shown)
    {
        var extent = shown.Count == 0 ? 1 : Math.Max(shown.Max(s => Math.Abs(s.Value)), 1e-9);
        return new JsonObject { ["scheme"] = "blueorange", ["domain"] = new JsonArray(-extent, extent) };
    }

    private static string Explanation(Dictionary<string, string> explanations, string symbol) =>
        explanations.TryGetValue(symbol, out var text) ? text : symbol;

    private string Summary(List<(string Name, double Value)> shown, int hidden, string unit, int decimals, AreaLevel level, double? national)
    {
        var parts = new List<string>();
        if (shown.Count > 0)
        {
            var high = shown.MaxBy(s => s.Value);
            var low = shown.MinBy(s => s.Value);
            parts.Add(ui.T(
                $"Högst i {high.Name} ({ui.Number(high.Value, decimals)} {unit}), lägst i {low.Name} ({ui.Number(low.Value, decimals)} {unit}).",
                $"Highest in {high.Name} ({ui.Number(high.Value, decimals)} {unit}), lowest in {low.Name} ({ui.Number(low.Value, decimals)} {unit})."));
        }

        if (national is { } n)
        {
            parts.Add(ui.T($"Riket: {ui.Number(n, decimals)} {unit}.", $"Sweden: {ui.Number(n, decimals)} {unit}."));
        }

        var noun = level == AreaLevel.County ? ui.T("län", "counties") : ui.T("kommuner", "municipalities");
        parts.Add(ui.T($"{shown.Count} {noun} redovisas", $"{shown.Count} {noun} are published")
            + (hidden > 0 ? ui.T($", {hidden} redovisas inte och visas randiga grå (se symbolerna).", $", {hidden} are not published and are drawn hatched grey (see the symbols).") : "."));
        return string.Join(' ', parts);
    }
}

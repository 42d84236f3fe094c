using System.Globalization;
using System.Text.Json.Nodes;
using Barometer.Catalogue.Text;

namespace Barometer.Publishing.Charts;

/// <summary>
/// Builds Vega-Lite 6 specifications of the barometer's charts from published estimates. The dashboard draws them
/// in the browser (vega-embed) and the yearly report renders the same specifications to SVG, so a chart looks and
/// reads the same in both. Every specification is self-contained: the data are inline, the number locale follows the
/// language (decimal comma in Swedish), the colours are the Okabe–Ito palette (safe for colour-blind readers) and
/// each series also has its own shape, and the summary is the chart's accessible description. Suppressed cells are
/// drawn as gaps carrying their status symbol, never as zero. Pure: no I/O, no clock.
/// </summary>
public static class ChartSpecs
{
    /// <summary>The Vega-Lite schema the specifications follow.</summary>
    public const string Schema = "https://vega.github.io/schema/vega-lite/v6.json";

    private const string FocalColour = "#0072B2";
    private const string ReferenceColour = "#D55E00";
    private const string OtherColour = "#4D4D4D";
    private const string GapColour = "#009E73";

    /// <summary>
    /// Dot and whisker: one row per category, a dot per series at its estimate and a whisker over its 95 % interval.
    /// Used for the groups of an indicator (foreign-born and native-born, or a breakdown) and for chosen kommuner.
    /// </summary>
    public static JsonObject DotWhisker(IReadOnlyList<ChartPoint> points, IReadOnlyList<ChartSeries> series, ChartText text)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(text);
        var categories = CategoryOrder(points);
        var y = new JsonObject
        {
            ["field"] = "categoryLabel",
            ["type"] = "nominal",
            ["sort"] = Strings(categories),
            ["title"] = null,
            ["axis"] = new JsonObject { ["labelLimit"] = 180 },
        };
        var valueAxis = ValueAxis(text, "lower");
        // Series side by side within a row only when some row has more than one of them.
        var sideBySide = points.GroupBy(p => p.Category, StringComparer.Ordinal).Any(g => g.Count() > 1);
        var spec = Base(points, series, text);
        spec["height"] = new JsonObject { ["step"] = sideBySide ? 16 : 26 };
        spec["encoding"] = new JsonObject
        {
            ["y"] = y,
            ["yOffset"] = sideBySide ? new JsonObject { ["field"] = "seriesLabel", ["sort"] = Strings(series.Select(s => s.Label)) } : null,
            ["color"] = ColourEncoding(series),
        };
        spec["layer"] = new JsonArray
        {
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "rule", ["strokeWidth"] = 2 },
                ["encoding"] = new JsonObject { ["x"] = valueAxis, ["x2"] = new JsonObject { ["field"] = "upper" } },
            },
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "point", ["filled"] = true, ["size"] = 70, ["opacity"] = 1 },
                ["encoding"] = new JsonObject
                {
                    ["x"] = new JsonObject { ["field"] = "estimate", ["type"] = "quantitative" },
                    ["shape"] = ShapeEncoding(series),
                    ["tooltip"] = Tooltip(text),
                },
            },
            SymbolLayer("x"),
        };
        return spec;
    }

    /// <summary>
    /// Trend over waves: a line per series through its estimates with its 95 % interval as a band. A hidden value
    /// breaks the line and its symbol is written above the wave.
    /// </summary>
    public static JsonObject Trend(IReadOnlyList<ChartPoint> points, IReadOnlyList<ChartSeries> series, ChartText text)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(text);
        var x = new JsonObject
        {
            ["field"] = "categoryLabel",
            ["type"] = "ordinal",
            ["sort"] = Strings(CategoryOrder(points)),
            ["title"] = new LocalizedText("Omgång", "Wave")[text.Language],
            ["axis"] = new JsonObject { ["labelAngle"] = 0 },
        };
        var spec = Base(points, series, text);
        spec["height"] = 180;
        spec["encoding"] = new JsonObject { ["x"] = x, ["color"] = ColourEncoding(series) };
        spec["layer"] = new JsonArray
        {
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "area", ["opacity"] = 0.18, ["invalid"] = "break-paths-show-domains" },
                ["encoding"] = new JsonObject { ["y"] = ValueAxis(text, "lower"), ["y2"] = new JsonObject { ["field"] = "upper" } },
            },
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "line", ["strokeWidth"] = 2, ["invalid"] = "break-paths-show-domains" },
                ["encoding"] = new JsonObject { ["y"] = new JsonObject { ["field"] = "estimate", ["type"] = "quantitative" } },
            },
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "point", ["filled"] = true, ["size"] = 60, ["opacity"] = 1 },
                ["encoding"] = new JsonObject
                {
                    ["y"] = new JsonObject { ["field"] = "estimate", ["type"] = "quantitative" },
                    ["shape"] = ShapeEncoding(series),
                    ["tooltip"] = Tooltip(text),
                },
            },
            SymbolLayer("y"),
        };
        return spec;
    }

    /// <summary>
    /// The integration curve: the focal group's level by years in Sweden (categories in band order) with its 95 %
    /// intervals, and the reference group's level as a horizontal reference line with its interval as a band.
    /// </summary>
    /// <param name="points">The focal group's levels, one per years-in-Sweden band, in band order.</param>
    /// <param name="focal">The focal series.</param>
    /// <param name="reference">The reference group's level (e.g. the native-born), or null when it is not published.</param>
    /// <param name="text">Language, title, summary, axis title and decimals.</param>
    public static JsonObject IntegrationCurve(IReadOnlyList<ChartPoint> points, ChartSeries focal, ChartPoint? reference, ChartText text)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(focal);
        ArgumentNullException.ThrowIfNull(text);
        var spec = Base(points, [focal], text);
        spec["height"] = 200;
        var x = new JsonObject
        {
            ["field"] = "categoryLabel",
            ["type"] = "ordinal",
            ["sort"] = Strings(CategoryOrder(points)),
            ["title"] = new LocalizedText("Vistelsetid i Sverige (år)", "Years in Sweden")[text.Language],
            ["axis"] = new JsonObject { ["labelAngle"] = 0 },
        };
        var layers = new JsonArray();
        if (reference is { Estimate: { } level })
        {
            var label = $"{reference.SeriesLabel}: {Format(level, text)}";
            layers.Add(new JsonObject
            {
                ["data"] = new JsonObject { ["values"] = new JsonArray { new JsonObject { ["level"] = level, ["lower"] = reference.Lower, ["upper"] = reference.Upper, ["label"] = label } } },
                ["layer"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["mark"] = new JsonObject { ["type"] = "rect", ["color"] = ReferenceColour, ["opacity"] = 0.15 },
                        ["encoding"] = new JsonObject { ["y"] = new JsonObject { ["field"] = "lower", ["type"] = "quantitative" }, ["y2"] = new JsonObject { ["field"] = "upper" } },
                    },
                    new JsonObject
                    {
                        ["mark"] = new JsonObject { ["type"] = "rule", ["color"] = ReferenceColour, ["strokeDash"] = new JsonArray(6, 4), ["strokeWidth"] = 2 },
                        ["encoding"] = new JsonObject { ["y"] = new JsonObject { ["field"] = "level", ["type"] = "quantitative" } },
                    },
                    new JsonObject
                    {
                        ["mark"] = new JsonObject { ["type"] = "text", ["align"] = "left", ["dx"] = 4, ["dy"] = -8, ["x"] = 0, ["color"] = "#8A3A00", ["fontWeight"] = "bold" },
                        ["encoding"] = new JsonObject { ["y"] = new JsonObject { ["field"] = "level", ["type"] = "quantitative" }, ["text"] = new JsonObject { ["field"] = "label" } },
                    },
                },
            });
        }

        layers.Add(new JsonObject
        {
            ["encoding"] = new JsonObject { ["x"] = x, ["color"] = ColourEncoding([focal]) },
            ["layer"] = new JsonArray
            {
                new JsonObject
                {
                    ["mark"] = new JsonObject { ["type"] = "line", ["strokeWidth"] = 2, ["invalid"] = "break-paths-show-domains" },
                    ["encoding"] = new JsonObject { ["y"] = ValueAxis(text, "estimate") },
                },
                new JsonObject
                {
                    ["mark"] = new JsonObject { ["type"] = "rule", ["strokeWidth"] = 2 },
                    ["encoding"] = new JsonObject { ["y"] = new JsonObject { ["field"] = "lower", ["type"] = "quantitative" }, ["y2"] = new JsonObject { ["field"] = "upper" } },
                },
                new JsonObject
                {
                    ["mark"] = new JsonObject { ["type"] = "point", ["filled"] = true, ["size"] = 70, ["opacity"] = 1 },
                    ["encoding"] = new JsonObject { ["y"] = new JsonObject { ["field"] = "estimate", ["type"] = "quantitative" }, ["tooltip"] = Tooltip(text) },
                },
                SymbolLayer("y"),
            },
        });
        spec["layer"] = layers;
        return spec;
    }

    /// <summary>
    /// Ranked bars: one bar per category (a county) sorted from the highest estimate down, a whisker over each
    /// interval, and the national level as a dashed reference line. Hidden values rank last and show their symbol.
    /// </summary>
    /// <param name="points">One point per category.</param>
    /// <param name="series">The one series drawn.</param>
    /// <param name="national">The level for the whole country, or null.</param>
    /// <param name="nationalLabel">The reference line's label, e.g. "Riket".</param>
    /// <param name="text">Language, title, summary, axis title and decimals.</param>
    public static JsonObject RankedBars(IReadOnlyList<ChartPoint> points, ChartSeries series, double? national, string? nationalLabel, ChartText text)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(text);
        var ranked = points
            .OrderBy(p => p.Estimate is null ? 1 : 0)
            .ThenByDescending(p => p.Estimate ?? double.NegativeInfinity)
            .ThenBy(p => p.CategoryLabel, StringComparer.Create(Culture(text.Language), false))
            .ToList();
        var spec = Base(ranked, [series], text);
        spec["height"] = new JsonObject { ["step"] = 18 };
        var y = new JsonObject
        {
            ["field"] = "categoryLabel",
            ["type"] = "nominal",
            ["sort"] = Strings(ranked.Select(p => p.CategoryLabel).Distinct()),
            ["title"] = null,
            ["axis"] = new JsonObject { ["labelLimit"] = 180 },
        };
        var layers = new JsonArray
        {
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "bar", ["color"] = FocalColour, ["opacity"] = 0.85 },
                ["encoding"] = new JsonObject { ["y"] = y, ["x"] = ValueAxis(text, "estimate"), ["tooltip"] = Tooltip(text) },
            },
            new JsonObject
            {
                ["mark"] = new JsonObject { ["type"] = "rule", ["color"] = "#1B1B1B" },
                ["encoding"] = new JsonObject { ["y"] = new JsonObject { ["field"] = "categoryLabel", ["type"] = "nominal", ["sort"] = y["sort"]!.DeepClone() }, ["x"] = new JsonObject { ["field"] = "lower", ["type"] = "quantitative" }, ["x2"] = new JsonObject { ["field"] = "upper" } },
            },
            new JsonObject
            {
                ["transform"] = new JsonArray { new JsonObject { ["filter"] = "datum.estimate == null && datum.symbol != null" } },
                ["mark"] = new JsonObject { ["type"] = "text", ["align"] = "left", ["x"] = 4, ["fontWeight"] = "bold", ["color"] = "#1B1B1B" },
                ["encoding"] = new JsonObject { ["y"] = new JsonObject { ["field"] = "categoryLabel", ["type"] = "nominal", ["sort"] = y["sort"]!.DeepClone() }, ["text"] = new JsonObject { ["field"] = "symbol" } },
            },
        };
        if (national is { } level)
        {
            layers.Add(new JsonObject
            {
                ["data"] = new JsonObject { ["values"] = new JsonArray { new JsonObject { ["level"] = level, ["label"] = $"{nationalLabel}: {Format(level, text)}" } } },
                ["mark"] = new JsonObject { ["type"] = "rule", ["color"] = ReferenceColour, ["strokeDash"] = new JsonArray(6, 4), ["strokeWidth"] = 2 },
                ["encoding"] = new JsonObject { ["x"] = new JsonObject { ["field"] = "level", ["type"] = "quantitative" }, ["tooltip"] = new JsonObject { ["field"] = "label" } },
            });
        }

        spec["layer"] = layers;
        return spec;
    }

    /// <summary>A number as the chart's locale writes it (decimal comma and U+2212 minus in Swedish).</summary>
    public static string Format(double value, ChartText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rounded = Math.Round(value, text.Decimals, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("N" + text.Decimals.ToString(CultureInfo.InvariantCulture), Culture(text.Language));
    }

    private static CultureInfo Culture(Language language) => language.Culture();

    private static JsonObject Base(IReadOnlyList<ChartPoint> points, IReadOnlyList<ChartSeries> series, ChartText text)
    {
        var roles = series.ToDictionary(s => s.Code, s => s.Role, StringComparer.Ordinal);
        var values = new JsonArray();
        foreach (var p in points)
        {
            values.Add(new JsonObject
            {
                ["category"] = p.Category,
                ["categoryLabel"] = p.CategoryLabel,
                ["series"] = p.Series,
                ["seriesLabel"] = p.SeriesLabel,
                ["role"] = (roles.TryGetValue(p.Series, out var role) ? role : SeriesRole.Other).ToString().ToLowerInvariant(),
                ["estimate"] = p.Estimate,
                ["lower"] = p.Estimate is null ? null : p.Lower,
                ["upper"] = p.Estimate is null ? null : p.Upper,
                ["symbol"] = p.Symbol,
            });
        }

        return new JsonObject
        {
            ["$schema"] = Schema,
            ["title"] = new JsonObject { ["text"] = text.Title, ["anchor"] = "start", ["fontSize"] = 14 },
            ["description"] = text.Summary,
            ["width"] = text.Width is { } width ? width : "container",
            ["data"] = new JsonObject { ["values"] = values },
            ["config"] = Config(text.Language),
        };
    }

    private static JsonObject Config(Language language) => new()
    {
        ["locale"] = new JsonObject
        {
            ["number"] = language == Language.En
                ? new JsonObject { ["decimal"] = ".", ["thousands"] = ",", ["grouping"] = new JsonArray(3), ["currency"] = new JsonArray("SEK ", "") }
                : new JsonObject { ["decimal"] = ",", ["thousands"] = "\u00a0", ["grouping"] = new JsonArray(3), ["currency"] = new JsonArray("", "\u00a0kr"), ["minus"] = "\u2212" },
        },
        ["font"] = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif",
        ["axis"] = new JsonObject { ["labelFontSize"] = 12, ["titleFontSize"] = 12, ["labelColor"] = "#1B1B1B", ["titleColor"] = "#1B1B1B" },
        // One legend entry per line: a legend never makes the chart wider than a phone.
        ["legend"] = new JsonObject { ["orient"] = "bottom", ["direction"] = "vertical", ["labelFontSize"] = 12, ["titleFontSize"] = 12, ["labelColor"] = "#1B1B1B", ["labelLimit"] = 260 },
        ["view"] = new JsonObject { ["stroke"] = null },

        // The chart's text alternative is its summary (the specification's description) and its data table; the
        // marks themselves carry no ARIA roles, which would only repeat the table mark by mark.
        ["aria"] = false,
    };

    private static JsonObject ValueAxis(ChartText text, string field) => new()
    {
        ["field"] = field,
        ["type"] = "quantitative",
        ["title"] = text.ValueTitle,
        ["scale"] = new JsonObject { ["zero"] = false, ["nice"] = true },
        ["axis"] = new JsonObject { ["format"] = "," + "." + text.Decimals.ToString(CultureInfo.InvariantCulture) + "f", ["tickCount"] = 5 },
    };

    private static JsonObject ColourEncoding(IReadOnlyList<ChartSeries> series) => new()
    {
        ["field"] = "seriesLabel",
        ["type"] = "nominal",
        ["title"] = null,
        ["sort"] = Strings(series.Select(s => s.Label)),
        ["scale"] = new JsonObject
        {
            ["domain"] = Strings(series.Select(s => s.Label)),
            ["range"] = Strings(series.Select(s => s.Role switch
            {
                SeriesRole.Focal => FocalColour,
                SeriesRole.Reference => ReferenceColour,
                SeriesRole.Gap => GapColour,
                _ => OtherColour,
            })),
        },
    };

    private static JsonObject ShapeEncoding(IReadOnlyList<ChartSeries> series) => new()
    {
        ["field"] = "seriesLabel",
        ["type"] = "nominal",
        ["title"] = null,
        ["scale"] = new JsonObject
        {
            ["domain"] = Strings(series.Select(s => s.Label)),
            ["range"] = Strings(series.Select(s => s.Role switch
            {
                SeriesRole.Focal => "circle",
                SeriesRole.Reference => "square",
                SeriesRole.Gap => "triangle-up",
                _ => "diamond",
            })),
        },
    };

    private static JsonArray Tooltip(ChartText text)
    {
        var format = ",." + text.Decimals.ToString(CultureInfo.InvariantCulture) + "f";
        return new JsonArray
        {
            new JsonObject { ["field"] = "seriesLabel", ["title"] = new LocalizedText("Grupp", "Group")[text.Language] },
            new JsonObject { ["field"] = "categoryLabel", ["title"] = new LocalizedText("Kategori", "Category")[text.Language] },
            new JsonObject { ["field"] = "estimate", ["type"] = "quantitative", ["format"] = format, ["title"] = new LocalizedText("Skattning", "Estimate")[text.Language] },
            new JsonObject { ["field"] = "lower", ["type"] = "quantitative", ["format"] = format, ["title"] = new LocalizedText($"{text.IntervalLevel} intervall, nedre", $"{text.IntervalLevel} interval, lower")[text.Language] },
            new JsonObject { ["field"] = "upper", ["type"] = "quantitative", ["format"] = format, ["title"] = new LocalizedText($"{text.IntervalLevel} intervall, övre", $"{text.IntervalLevel} interval, upper")[text.Language] },
        };
    }

    /// <summary>The status symbol of each hidden cell, written where its value would be.</summary>
    private static JsonObject SymbolLayer(string valueChannel) => new()
    {
        ["transform"] = new JsonArray { new JsonObject { ["filter"] = "datum.estimate == null && datum.symbol != null" } },
        ["mark"] = valueChannel == "x"
            ? new JsonObject { ["type"] = "text", ["align"] = "left", ["x"] = 4, ["fontWeight"] = "bold", ["color"] = "#1B1B1B" }
            : new JsonObject { ["type"] = "text", ["baseline"] = "top", ["y"] = 4, ["fontWeight"] = "bold", ["color"] = "#1B1B1B" },
        ["encoding"] = new JsonObject { ["text"] = new JsonObject { ["field"] = "symbol" } },
    };

    private static List<string> CategoryOrder(IEnumerable<ChartPoint> points) => [.. points.Select(p => p.CategoryLabel).Distinct(StringComparer.Ordinal)];

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}

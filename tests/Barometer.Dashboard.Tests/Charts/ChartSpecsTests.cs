using System.Text.Json.Nodes;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Charts;

namespace Barometer.Dashboard.Tests.Charts;

public sealed class ChartSpecsTests
{
    private static readonly ChartSeries Focal = new("foreign_vs_native:focal", "Utrikes födda", SeriesRole.Focal);
    private static readonly ChartSeries Reference = new("foreign_vs_native:reference", "Inrikes födda", SeriesRole.Reference);

    private static readonly ChartPoint[] Points =
    [
        new("1", "Män", Focal.Code, Focal.Label, 61.25, 58.5, 64.0, null),
        new("1", "Män", Reference.Code, Reference.Label, 80.5, 79.75, 81.25, null),
        new("2", "Kvinnor", Focal.Code, Focal.Label, null, null, null, ".."),
        new("2", "Kvinnor", Reference.Code, Reference.Label, 78.0, 77.0, 79.0, "*"),
    ];

    private static ChartText Text(Language language, string level = "95 %") =>
        new(language, "Titel", "Sammanfattning", "Andel (%)", 1) { IntervalLevel = level };

    [Theory]
    [InlineData(Language.Sv, "90 % intervall, nedre", "90 % intervall, övre")]
    [InlineData(Language.En, "90 % interval, lower", "90 % interval, upper")]
    public void DotWhisker_IntervalLevel_NamesTheLimitsInTheTooltip(Language language, string lower, string upper)
    {
        var json = ChartSpecs.DotWhisker(Points, [Focal, Reference], Text(language, "90 %"))
            .ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.Contains(lower, json, StringComparison.Ordinal);
        Assert.Contains(upper, json, StringComparison.Ordinal);
        Assert.DoesNotContain("95", json, StringComparison.Ordinal);
    }

    [Fact]
    public void DotWhisker_Points_InlineDataWithHiddenValueAsNullAndSymbol()
    {
        var spec = ChartSpecs.DotWhisker(Points, [Focal, Reference], Text(Language.Sv));
        Assert.Equal(ChartSpecs.Schema, spec["$schema"]!.GetValue<string>());
        var values = spec["data"]!["values"]!.AsArray();
        Assert.Equal(4, values.Count);
        var hidden = values[2]!;
        Assert.Null(hidden["estimate"]);
        Assert.Null(hidden["lower"]);
        Assert.Equal("..", hidden["symbol"]!.GetValue<string>());
        Assert.Equal(61.25, values[0]!["estimate"]!.GetValue<double>());
        Assert.Equal("*", values[3]!["symbol"]!.GetValue<string>());
        Assert.Equal(78.0, values[3]!["estimate"]!.GetValue<double>());
        Assert.Equal("Sammanfattning", spec["description"]!.GetValue<string>());
    }

    [Fact]
    public void DotWhisker_Swedish_DecimalCommaLocaleAndEnglishDecimalPoint()
    {
        var sv = ChartSpecs.DotWhisker(Points, [Focal, Reference], Text(Language.Sv));
        var en = ChartSpecs.DotWhisker(Points, [Focal, Reference], Text(Language.En));
        Assert.Equal(",", sv["config"]!["locale"]!["number"]!["decimal"]!.GetValue<string>());
        Assert.Equal(".", en["config"]!["locale"]!["number"]!["decimal"]!.GetValue<string>());
    }

    [Fact]
    public void DotWhisker_Series_ColourBlindSafeColoursAndDistinctShapes()
    {
        var spec = ChartSpecs.DotWhisker(Points, [Focal, Reference], Text(Language.Sv));
        var colours = spec["encoding"]!["color"]!["scale"]!["range"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(["#0072B2", "#D55E00"], colours);
        var shapes = FindAll(spec, "shape").Select(s => s["scale"]!["range"]!.AsArray().Select(c => c!.GetValue<string>()).ToList()).First();
        Assert.Equal(["circle", "square"], shapes);
    }

    [Fact]
    public void DotWhisker_HiddenValue_HasASymbolLayerNotAZeroMark()
    {
        var spec = ChartSpecs.DotWhisker(Points, [Focal, Reference], Text(Language.Sv));
        var layers = spec["layer"]!.AsArray();
        var symbolLayer = layers.Single(l => l!["mark"]!["type"]!.GetValue<string>() == "text");
        Assert.Contains("datum.estimate == null", symbolLayer!["transform"]![0]!["filter"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("symbol", symbolLayer["encoding"]!["text"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public void Trend_MissingWave_BreaksTheLineInsteadOfJoiningIt()
    {
        var points = new[]
        {
            new ChartPoint("2022", "2022", Focal.Code, Focal.Label, 60, 58, 62, null),
            new ChartPoint("2023", "2023", Focal.Code, Focal.Label, null, null, null, ".."),
            new ChartPoint("2024", "2024", Focal.Code, Focal.Label, 63, 61, 65, null),
        };
        var spec = ChartSpecs.Trend(points, [Focal], Text(Language.Sv));
        var line = spec["layer"]!.AsArray().Single(l => l!["mark"]!["type"]!.GetValue<string>() == "line");
        Assert.Equal("break-paths-show-domains", line!["mark"]!["invalid"]!.GetValue<string>());
        Assert.Equal(["2022", "2023", "2024"], spec["encoding"]!["x"]!["sort"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void RankedBars_Counties_SortedDescendingWithHiddenLast()
    {
        var points = new[]
        {
            new ChartPoint("01", "Stockholms län", Focal.Code, Focal.Label, 60, null, null, null),
            new ChartPoint("03", "Uppsala län", Focal.Code, Focal.Label, null, null, null, "x"),
            new ChartPoint("04", "Södermanlands län", Focal.Code, Focal.Label, 65, null, null, null),
        };
        var spec = ChartSpecs.RankedBars(points, Focal, 62.5, "Riket", Text(Language.Sv));
        var order = spec["layer"]![0]!["encoding"]!["y"]!["sort"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        Assert.Equal(["Södermanlands län", "Stockholms län", "Uppsala län"], order);
        Assert.Contains(spec["layer"]!.AsArray(), l => l!["data"]?["values"]?[0]?["level"]?.GetValue<double>() == 62.5);
    }

    [Fact]
    public void IntegrationCurve_Reference_DrawnAsDashedLineWithItsLabel()
    {
        var points = new[]
        {
            new ChartPoint("1", "0–3", Focal.Code, Focal.Label, 40, 35, 45, null),
            new ChartPoint("2", "4–9", Focal.Code, Focal.Label, 60, 56, 64, null),
            new ChartPoint("3", "10–", Focal.Code, Focal.Label, 70, 68, 72, null),
        };
        var reference = new ChartPoint("total", "Inrikes födda", Reference.Code, Reference.Label, 80.25, 79.5, 81, null);
        var spec = ChartSpecs.IntegrationCurve(points, Focal, reference, Text(Language.Sv));
        var referenceLayer = spec["layer"]![0]!;
        Assert.Equal(80.25, referenceLayer["data"]!["values"]![0]!["level"]!.GetValue<double>());
        Assert.Equal("Inrikes födda: 80,3", referenceLayer["data"]!["values"]![0]!["label"]!.GetValue<string>());
        Assert.Contains(referenceLayer["layer"]!.AsArray(), l => l!["mark"]!["strokeDash"] is not null);
    }

    private static IEnumerable<JsonNode> FindAll(JsonNode node, string key)
    {
        if (node is JsonObject obj)
        {
            foreach (var (k, v) in obj)
            {
                if (k == key && v is not null)
                {
                    yield return v;
                }

                if (v is not null)
                {
                    foreach (var found in FindAll(v, key))
                    {
                        yield return found;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array.OfType<JsonNode>())
            {
                foreach (var found in FindAll(item, key))
                {
                    yield return found;
                }
            }
        }
    }
}

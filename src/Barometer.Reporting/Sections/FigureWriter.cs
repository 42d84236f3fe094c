using System.Globalization;
using Barometer.Catalogue.Indicators;
using Barometer.Publishing.Charts;
using Barometer.Publishing.Results;
using Barometer.Publishing.Tables;
using Barometer.Publishing.Texts;
using Barometer.Reporting.Findings;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting.Sections;

/// <summary>
/// An indicator's figures: the trend of the compared groups' levels over the waves and the levels by its first
/// reported breakdown, as the dashboard's chart specifications (<see cref="ChartSpecs"/>) rendered to SVG, with a
/// numbered caption naming the source table.
/// </summary>
internal sealed class FigureWriter(ReportDocument document) : SectionWriter(document)
{
    public void WriteTrend(Indicator indicator)
    {
        var waves = Inputs.EarlierReleases.Select(r => r.Wave).Append(Wave).Distinct().Order().ToList();
        var groups = SeriesOf(indicator);
        var points = new List<ChartPoint>();
        foreach (var (code, label, _) in groups)
        {
            foreach (var wave in waves)
            {
                var r = Cells.Value(wave, indicator.Id, null, "", code);
                var scale = ReportNumbers.Scale(indicator, ValueRole.Level);
                points.Add(Point(wave.ToString(CultureInfo.InvariantCulture), wave.ToString(CultureInfo.InvariantCulture), code, label, r, scale));
            }
        }

        var summary = string.Join("; ", groups.Select(g => g.Label)) + " " + (L("per omgång", "by wave"));
        var spec = ChartSpecs.Trend(points, [.. groups.Select(g => new ChartSeries(g.Code, g.Label, g.Role))],
            new ChartText(Language, indicator.Name[Language], summary, Document.UnitName(indicator), indicator.Decimals, 560) { IntervalLevel = PublicationTexts.IntervalLevel(Document.PublicationRules)[Language] });
        var placeholder = Document.AddChart(spec);
        var figure = Document.NextFigure();
        var id = "fig-" + figure.ToString(CultureInfo.InvariantCulture);
        Body.Append("<figure id=\"").Append(id).Append("\">\n<div class=\"chart\">").Append(placeholder).Append("</div>\n<figcaption><span class=\"caption-label\">")
            .Append(L("Figur ", "Figure ")).Append("<span class=\"no\">").Append(figure.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
            .Append(LabelHtml(indicator.Name[Language])).Append(": ").Append(LabelHtml(string.Join(L(" och ", " and "), groups.Select(g => FindingRules.InSentence(g.Label, Language)))))
            .Append(", ").Append(WaveSpan(waves[0])).Append('–').Append(WaveSpan(waves[^1]))
            .Append(indicator.Source.Kind == SourceKind.Survey ? Esc(L(", med konfidensintervall (skuggat).", ", with confidence intervals (shaded).")) : ".")
            .Append("<br><span class=\"source\">").Append(L("Källa: Integrationsbarometern ", "Source: The Integration Barometer ")).Append(WaveSpan(Wave))
            .Append(L(", tabell ", ", table ")).Append(TableId(TableCodes.TableId(indicator.Id, null))).Append(".</span></figcaption>\n</figure>\n");
    }

    /// <summary>Dot and whisker of the compared groups' levels by the indicator's first reported breakdown.</summary>
    public void WriteBreakdown(Indicator indicator)
    {
        if (ResultTableWriter.TableBreakdowns(Document, indicator).FirstOrDefault() is not { } breakdown)
        {
            return;
        }

        var groups = SeriesOf(indicator);
        var points = new List<ChartPoint>();
        var scale = ReportNumbers.Scale(indicator, ValueRole.Level);
        foreach (var code in Document.Codes(breakdown))
        {
            foreach (var (group, label, _) in groups)
            {
                var r = Cells.Value(Wave, indicator.Id, breakdown, code, group);
                points.Add(Point(code, Document.CellLabel(breakdown, code), group, label, r, scale));
            }
        }

        if (points.All(p => p.Estimate is null))
        {
            return;
        }

        var title = indicator.Name[Language] + L(" efter ", " by ") + FindingRules.InSentence(Document.BreakdownLabel(breakdown), Language);
        var spec = ChartSpecs.DotWhisker(points, [.. groups.Select(g => new ChartSeries(g.Code, g.Label, g.Role))],
            new ChartText(Language, title, title, Document.UnitName(indicator), indicator.Decimals, 560) { IntervalLevel = PublicationTexts.IntervalLevel(Document.PublicationRules)[Language] });
        var placeholder = Document.AddChart(spec);
        var figure = Document.NextFigure();
        Body.Append("<figure id=\"fig-").Append(figure.ToString(CultureInfo.InvariantCulture)).Append("\">\n<div class=\"chart\">").Append(placeholder)
            .Append("</div>\n<figcaption><span class=\"caption-label\">").Append(L("Figur ", "Figure ")).Append("<span class=\"no\">").Append(figure.ToString(CultureInfo.InvariantCulture))
            .Append("</span>.</span> ").Append(LabelHtml(title)).Append(", ").Append(WaveSpan(Wave))
            .Append(indicator.Source.Kind == SourceKind.Survey ? Esc(L(", med konfidensintervall.", ", with confidence intervals.")) : ".")
            .Append(' ').Append(Esc(L("Dolda värden visas med sitt symboltecken.", "Hidden values show their symbol.")))
            .Append("<br><span class=\"source\">").Append(L("Källa: Integrationsbarometern ", "Source: The Integration Barometer ")).Append(WaveSpan(Wave))
            .Append(L(", tabell ", ", table ")).Append(TableId(TableCodes.TableId(indicator.Id, breakdown))).Append(".</span></figcaption>\n</figure>\n");
    }

    /// <summary>A point of a chart: the cell's level on the published scale, or a gap with the cell's symbol when it is hidden.</summary>
    private ChartPoint Point(string category, string categoryLabel, string series, string seriesLabel, PublishedResult? r, double scale)
    {
        var hidden = r is null || r.Row.SuppressionRule is not null || r.Row.Estimate is null;
        return new ChartPoint(category, categoryLabel, series, seriesLabel,
            hidden ? null : r!.Row.Estimate * scale, hidden ? null : r!.Row.CiLower * scale, hidden ? null : r!.Row.CiUpper * scale, hidden ? Document.Symbol(r) : null);
    }

    /// <summary>The series of an indicator's charts, by their <c>Grupp</c> codes: the compared groups, or everyone.</summary>
    private List<(string Code, string Label, SeriesRole Role)> SeriesOf(Indicator indicator) =>
        indicator.Comparisons.Count > 0
            ?
            [
                (TableCodes.Focal(indicator.Comparisons[0]), Catalogue.Comparison(indicator.Comparisons[0]).Focal.Label[Language], SeriesRole.Focal),
                (TableCodes.Reference(indicator.Comparisons[0]), Catalogue.Comparison(indicator.Comparisons[0]).Reference.Label[Language], SeriesRole.Reference),
            ]
            : [(TableCodes.All, L("Samtliga", "All"), SeriesRole.Other)];
}

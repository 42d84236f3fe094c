using System.Globalization;
using Barometer.Catalogue.Indicators;
using Barometer.Publishing.Tables;
using Barometer.Storage.Results;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting.Sections;

/// <summary>
/// Appendix C: the model-based (small-area) estimates of the survey indicators by county, one table per sub-goal with
/// a column per indicator whose estimates were published this wave, each value with its interval and the symbol of a
/// model-based estimate (docs/methodology/small-area.md). Indicators whose estimates were held back are listed.
/// </summary>
internal sealed class ModelEstimateAppendixWriter(ReportDocument document, ResultTableWriter tables) : SectionWriter(document)
{
    /// <summary>The group whose model-based estimates an indicator has: its first comparison, or <c>all</c>.</summary>
    private static string GroupOf(Indicator indicator) => indicator.Comparisons.Count > 0 ? indicator.Comparisons[0] : TableCodes.All;

    private bool Published(Indicator indicator, IReadOnlyList<string> counties) =>
        counties.Any(c => Cells.Value(Wave, indicator.Id, ReportDocument.CountyBreakdown, c, TableCodes.ModelEstimate(GroupOf(indicator))) is { Row.SuppressionRule: null });

    private bool HeldBack(Indicator indicator, IReadOnlyList<string> counties) =>
        counties.Any(c => Cells.Value(Wave, indicator.Id, ReportDocument.CountyBreakdown, c, TableCodes.ModelEstimate(GroupOf(indicator))) is { Row.SuppressionRule: SuppressionRules.SmallAreaHeldBack });

    public void Write()
    {
        var counties = Document.Codes(ReportDocument.CountyBreakdown);
        var survey = Catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Survey).ToList();
        var published = survey.Where(i => Published(i, counties)).ToList();
        var heldBack = survey.Where(i => HeldBack(i, counties)).ToList();
        if (published.Count == 0 && heldBack.Count == 0)
        {
            return;
        }

        var rules = Document.PublicationRules;
        Body.Append("<section class=\"appendix model-estimates\">\n");
        Document.Heading(2, "model-estimates", L("Bilaga C", "Appendix C"), L("Modellbaserade skattningar per län", "Model-based estimates by county"));
        Body.Append("<p>").Append(Esc(L(
            $"Urvalet är för litet för direkta skattningar av enkätindikatorerna per län. Bilagan redovisar i stället modellbaserade skattningar ({rules.ModelBased}): en Fay–Herriot-modell väger samman länets direkta skattning med en skattning från registeruppgifter om länets befolkning (andel födda utanför Europa, andel med färre än tio år i Sverige, andel förvärvsarbetande ",
            $"The sample is too small for direct estimates of the survey indicators by county. This appendix shows model-based estimates instead ({rules.ModelBased}): a Fay–Herriot model combines the county's direct estimate with an estimate from register figures on the county's population (share born outside Europe, share with fewer than ten years in Sweden, share employed aged ")))
            .Append(LabelHtml(L("20–64 år", "20–64"))).Append(Esc(L(
            "), och länen justeras så att de tillsammans ger riksvärdet. Inom hakparentes intervallet från modellens medelkvadratfel. En indikators skattningar redovisas bara när modellens kontroller godkänns (bilaga A och metodbeskrivningen för småområdesskattningar).",
            "), and the counties are adjusted to add up to the national value. In brackets the interval from the model's mean squared error. An indicator's estimates are shown only when the model's checks pass (Appendix A and the methodology of the small-area estimates)."))).Append("</p>\n");
        var number = 1;
        foreach (var subGoal in Catalogue.SubGoals.OrderBy(s => s.Order))
        {
            var indicators = published.Where(i => i.SubGoal == subGoal.Id).ToList();
            if (indicators.Count == 0)
            {
                continue;
            }

            Document.Heading(3, "model-estimates-" + subGoal.Id, "C." + number.ToString(CultureInfo.InvariantCulture), subGoal.Name[Language]);
            number++;
            foreach (var chunk in indicators.Chunk(4))
            {
                var table = Document.NextTable();
                var groups = chunk.Select(GroupOf).Distinct(StringComparer.Ordinal).Select(g => g == TableCodes.All ? L("samtliga", "all") : Catalogue.Comparison(g).Focal.Label[Language]);
                Body.Append("<table id=\"tab-").Append(table.ToString(CultureInfo.InvariantCulture)).Append("\" class=\"compact county\">\n<caption><span class=\"caption-label\">")
                    .Append(L("Tabell ", "Table ")).Append("<span class=\"no\">").Append(table.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
                    .Append(Esc(L("Modellbaserade skattningar per län, ", "Model-based estimates by county, "))).Append(LabelHtml(string.Join(", ", groups)))
                    .Append(", ").Append(WaveSpan(Wave)).Append(".</caption>\n<thead><tr><th scope=\"col\">").Append(Esc(Document.BreakdownLabel(ReportDocument.CountyBreakdown))).Append("</th>");
                foreach (var indicator in chunk)
                {
                    Body.Append("<th scope=\"col\"><a href=\"#ind-").Append(indicator.Id).Append("\">").Append(LabelHtml(indicator.Name[Language])).Append("</a><br><span class=\"unit\">")
                        .Append(LabelHtml(Document.UnitTitle(indicator))).Append("</span></th>");
                }

                Body.Append("</tr></thead>\n<tbody>\n");
                foreach (var county in counties)
                {
                    Body.Append("<tr><th scope=\"row\">").Append(LabelHtml(Document.CellLabel(ReportDocument.CountyBreakdown, county))).Append("</th>");
                    foreach (var indicator in chunk)
                    {
                        Body.Append(tables.ValueCell(Cells.Value(Wave, indicator.Id, ReportDocument.CountyBreakdown, county, TableCodes.ModelEstimate(GroupOf(indicator))), withSign: false));
                    }

                    Body.Append("</tr>\n");
                }

                Body.Append("</tbody>\n</table>\n<p class=\"source\">").Append(L("Källa: Integrationsbarometern ", "Source: The Integration Barometer ")).Append(WaveSpan(Wave))
                    .Append(L(", tabell ", ", table ")).Append(string.Join(", ", chunk.Select(i => TableId(TableCodes.TableId(i.Id, ReportDocument.CountyBreakdown))))).Append(". ")
                    .Append(Esc(Document.SymbolLegend())).Append("</p>\n");
            }
        }

        if (heldBack.Count > 0)
        {
            Body.Append("<p>").Append(Esc(L("Skattningarna redovisas inte för ", "The estimates are not shown for ")))
                .Append(string.Join(", ", heldBack.Select(i => LabelHtml(i.Name[Language]))))
                .Append(Esc(L(": en modellkontroll underkändes eller något län saknade svarande, se kvalitetsavsnittet.", ": a model check failed or a county had no respondents; see the quality section."))).Append("</p>\n");
        }

        Body.Append("</section>\n");
    }
}

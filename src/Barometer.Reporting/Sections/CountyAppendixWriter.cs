using System.Globalization;
using Barometer.Catalogue.Indicators;
using Barometer.Reporting.Findings;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting.Sections;

/// <summary>
/// Appendix B: for each sub-goal, a table by county (one row per län, in code order, named in the report's
/// language) of each register indicator broken down by län, the same table as the chapters' but without the total
/// and the previous wave, and linked from the indicator's chapter.
/// </summary>
internal sealed class CountyAppendixWriter(ReportDocument document, ResultTableWriter tables) : SectionWriter(document)
{
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the indicator has a table by county in appendix B: a register indicator broken down by län, with
    /// released results in this version.
    /// </summary>
    public bool HasCountyTable(Indicator indicator) =>
        indicator.Source.Kind == SourceKind.Register && indicator.Breakdowns.Contains(ReportDocument.CountyBreakdown, StringComparer.Ordinal)
        && Cells.HasResults(Wave, indicator.Id);

    /// <summary>Where the chapter's reference to an indicator's county table gets that table's number, once it is written.</summary>
    public static string NumberPlaceholder(string indicator) => "<!--county-table:" + indicator + "-->";

    public static string Anchor(Indicator indicator) => "lan-" + indicator.Id;

    public void Write()
    {
        var subGoals = Catalogue.SubGoals.OrderBy(s => s.Order)
            .Select(s => (SubGoal: s, Indicators: Catalogue.IndicatorsOf(s.Id).Where(HasCountyTable).ToList()))
            .Where(s => s.Indicators.Count > 0).ToList();
        if (subGoals.Count == 0)
        {
            return;
        }

        Body.Append("<section class=\"appendix counties\">\n");
        Document.Heading(2, "counties", L("Bilaga B", "Appendix B"), L("Län", "Counties"));
        Body.Append("<p>").Append(Esc(L(
            "Bilagan redovisar registerindikatorerna efter folkbokföringslän, ett län per rad i länskodernas ordning. För en indikator med jämförelse visas nivån i de jämförda grupperna och skillnaden mellan dem, för övriga nivån bland samtliga. Registeruppgifterna är totalräkningar utan urvalsfel; celler med få personer är undertryckta enligt redovisnings- och sekretessreglerna i bilaga A.",
            "The appendix shows the register indicators by county of residence, one county a row in the order of the county codes. For an indicator with a comparison it shows the levels of the compared groups and the difference between them, for the others the level among all. Register figures are totals without sampling error; cells with few persons are suppressed by the publication and disclosure rules of Appendix A."))).Append("</p>\n");
        var county = Document.BreakdownLabel(ReportDocument.CountyBreakdown);
        var number = 1;
        foreach (var (subGoal, indicators) in subGoals)
        {
            Document.Heading(3, "counties-" + subGoal.Id, "B." + number.ToString(CultureInfo.InvariantCulture), subGoal.Name[Language]);
            number++;
            foreach (var indicator in indicators)
            {
                var title = "<a href=\"#ind-" + indicator.Id + "\">" + LabelHtml(indicator.Name[Language]) + "</a>" + Esc(L(" efter ", " by "))
                    + LabelHtml(FindingRules.InSentence(county, Language));
                Body.Append("<div class=\"county\" id=\"").Append(Anchor(indicator)).Append("\">\n");
                _numbers[indicator.Id] = tables.Write(indicator, new ReportTableLayout([ReportDocument.CountyBreakdown], Total: false, Previous: null, county, title, CssClass: "compact county"));
                Body.Append("</div>\n");
            }
        }

        Body.Append("</section>\n");
    }

    /// <summary>Puts the number of each county table where the chapters refer to it.</summary>
    public void ResolveReferences()
    {
        foreach (var (indicator, table) in _numbers)
        {
            Body.Replace(NumberPlaceholder(indicator), table.ToString(CultureInfo.InvariantCulture));
        }
    }
}

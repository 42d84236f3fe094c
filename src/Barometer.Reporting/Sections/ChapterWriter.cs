using System.Globalization;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.SubGoals;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting.Sections;

/// <summary>
/// A chapter per sub-goal: its goal, then each indicator with its definition and source, the findings in words, the
/// trend and breakdown figures, the table, and a reference to its county table in appendix B.
/// </summary>
internal sealed class ChapterWriter(ReportDocument document, IndicatorText text, FigureWriter figures, ResultTableWriter tables, CountyAppendixWriter counties)
    : SectionWriter(document)
{
    public void Write(SubGoal subGoal, int number)
    {
        var chapterNo = number.ToString(CultureInfo.InvariantCulture);
        Body.Append("<section class=\"chapter\">\n");
        Document.Heading(2, "sg-" + subGoal.Id, chapterNo, subGoal.Name[Language]);
        Body.Append("<p class=\"goal\">").Append(LabelHtml(subGoal.Description[Language])).Append("</p>\n");
        var i = 1;
        foreach (var indicator in Catalogue.IndicatorsOf(subGoal.Id))
        {
            WriteIndicator(indicator, chapterNo + "." + i.ToString(CultureInfo.InvariantCulture));
            i++;
        }

        Body.Append("</section>\n");
    }

    private void WriteIndicator(Indicator indicator, string number)
    {
        Body.Append("<section class=\"indicator\">\n");
        Document.Heading(3, "ind-" + indicator.Id, number, indicator.Name[Language], toc: false);
        var source = indicator.Source.Kind == SourceKind.Survey
            ? L("Källa: urvalsundersökningen.", "Source: the sample survey.")
            : L("Källa: register (totalräkning).", "Source: registers (total count).");
        Body.Append("<p class=\"definition\">").Append(LabelHtml(indicator.Definition[Language])).Append(' ')
            .Append(indicator.Population.Description is { } population ? LabelHtml(population[Language]) + " " : "").Append(Esc(source)).Append("</p>\n");

        if (!Cells.HasResults(Wave, indicator.Id))
        {
            Body.Append("<p>").Append(Esc(L("Indikatorn har inga frisläppta resultat i denna version.", "The indicator has no released results in this version."))).Append("</p>\n</section>\n");
            return;
        }

        var paragraph = indicator.Comparisons.Count > 0 ? text.ComparisonFindings(indicator, indicator.Comparisons[0]) : text.LevelFindings(indicator);
        Body.Append("<div class=\"text\">\n");
        foreach (var sentence in paragraph)
        {
            Body.Append("<p>").Append(Render(sentence)).Append("</p>\n");
        }

        Body.Append("</div>\n");
        figures.WriteTrend(indicator);
        figures.WriteBreakdown(indicator);
        tables.WriteIndicatorTable(indicator);
        if (counties.HasCountyTable(indicator))
        {
            Body.Append("<p class=\"see-counties\">").Append(Esc(L("Indikatorn efter län redovisas i ", "The indicator by county is shown in ")))
                .Append("<a class=\"xref\" href=\"#").Append(CountyAppendixWriter.Anchor(indicator)).Append("\">").Append(L("tabell ", "Table ")).Append("<span class=\"no\">")
                .Append(CountyAppendixWriter.NumberPlaceholder(indicator.Id)).Append("</span></a>").Append(Esc(L(" i bilaga B.", " in Appendix B."))).Append("</p>\n");
        }

        Body.Append("</section>\n");
    }
}

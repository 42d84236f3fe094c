using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.SubGoals;
using Barometer.Publishing.Results;
using Barometer.Publishing.Tables;
using Barometer.Reporting.Findings;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting.Sections;

/// <summary>
/// Chapter 1, the summary: for each sub-goal its headline indicators (chosen in the catalogue), the largest
/// significant differences between the compared groups, and the differences that narrowed or widened significantly
/// since the previous wave.
/// </summary>
internal sealed class SummaryWriter(ReportDocument document, IndicatorText text) : SectionWriter(document)
{
    public void Write()
    {
        Body.Append("<section class=\"summary\">\n");
        Document.Heading(2, "summary", "1", L("Sammanfattning", "Summary"));
        Body.Append("<p>").Append(Esc(L(
            "Sammanfattningen redovisar för varje delmål först dess nyckelindikatorer, sedan de största skillnaderna mellan jämförda grupper och de skillnader som har förändrats sedan föregående omgång. En skillnad eller förändring beskrivs som en ökning, minskning eller skillnad endast när den är statistiskt säkerställd; registeruppgifter är totalräkningar utan urvalsfel.",
            "For each sub-goal, the summary first shows its key indicators, then the largest differences between the compared groups and the differences that changed since the previous wave. A difference or change is described as an increase, decrease or difference only when it is statistically significant; register figures are totals without sampling error."))).Append("</p>\n");
        foreach (var subGoal in Catalogue.SubGoals.OrderBy(s => s.Order))
        {
            Body.Append("<h3>").Append(LabelHtml(subGoal.Name[Language])).Append("</h3>\n");
            WriteHeadline(subGoal);
            WriteFindings(subGoal);
        }

        Body.Append("</section>\n");
    }

    private void WriteFindings(SubGoal subGoal)
    {
        Body.Append("<ul class=\"findings\">\n");
        var gaps = new List<(Indicator Indicator, PublishedResult Gap, double Size)>();
        var narrowed = new List<(Indicator Indicator, PublishedResult Gap, PublishedResult Change)>();
        var widened = new List<(Indicator Indicator, PublishedResult Gap, PublishedResult Change)>();
        var surveyWithChange = false;
        foreach (var indicator in Catalogue.IndicatorsOf(subGoal.Id))
        {
            if (indicator.Comparisons.Count == 0)
            {
                continue;
            }

            var cmp = indicator.Comparisons[0];
            var gap = Cells.Value(Wave, indicator.Id, null, "", TableCodes.Gap(cmp));
            if (gap is null || gap.Row.Estimate is not { } size)
            {
                continue;
            }

            var verdict = FindingRules.Classify(gap);
            var reference = Cells.Value(Wave, indicator.Id, null, "", TableCodes.Reference(cmp));
            if (verdict is Verdict.SignificantlyNegative or Verdict.SignificantlyPositive || (verdict == Verdict.WithoutSamplingError && size != 0))
            {
                var relative = indicator.Gap == GapKind.Ratio ? Math.Abs(1 - size)
                    : reference?.Row.Estimate is { } r && r != 0 ? Math.Abs(size / r) : 0;
                gaps.Add((indicator, gap, relative));
            }

            if (PreviousWave is not null && Cells.Change(Wave, indicator.Id, null, "", TableCodes.Gap(cmp)) is { } change)
            {
                surveyWithChange |= FindingRules.Classify(change) != Verdict.Unavailable;
                if (FindingRules.NarrowedSignificantly(gap, change))
                {
                    narrowed.Add((indicator, gap, change));
                }
                else if (FindingRules.WidenedSignificantly(gap, change))
                {
                    widened.Add((indicator, gap, change));
                }
            }
        }

        foreach (var (indicator, gap, _) in gaps.OrderByDescending(g => g.Size).Take(3))
        {
            var cmp = Catalogue.Comparison(indicator.Comparisons[0]);
            Body.Append("<li><a href=\"#ind-").Append(indicator.Id).Append("\">").Append(LabelHtml(indicator.Name[Language])).Append("</a>: ")
                .Append(Render(FindingRules.DescribeGap(gap, cmp.Focal.Label[Language], cmp.Reference.Label[Language], Cells))).Append("</li>\n");
        }

        if (gaps.Count == 0)
        {
            Body.Append("<li>").Append(Esc(L("Inga statistiskt säkerställda skillnader mellan de jämförda grupperna.",
                "No statistically significant differences between the compared groups."))).Append("</li>\n");
        }

        if (PreviousWave is { } previous)
        {
            foreach (var (indicator, gap, change) in narrowed.Concat(widened))
            {
                Body.Append("<li><a href=\"#ind-").Append(indicator.Id).Append("\">").Append(LabelHtml(indicator.Name[Language])).Append("</a>: ")
                    .Append(Render(FindingRules.DescribeGapChange(gap, change, previous, Cells))).Append("</li>\n");
            }

            if (narrowed.Count == 0 && widened.Count == 0 && surveyWithChange)
            {
                Body.Append("<li>").Append(Render(new Sentence().T(L(
                    "Ingen av delmålets skillnader från urvalsundersökningen har förändrats statistiskt säkerställt sedan ",
                    "None of the sub-goal's survey differences has changed significantly since ")).W(previous).T("."))).Append("</li>\n");
            }
        }

        Body.Append("</ul>\n");
    }

    /// <summary>
    /// The sub-goal's headline indicators as the catalogue chooses them (subgoals.yaml), in their order: the latest
    /// levels of the compared groups and their difference, or the level of everyone for an indicator without a
    /// comparison. An indicator without released results in this version is left out.
    /// </summary>
    private void WriteHeadline(SubGoal subGoal)
    {
        var items = new List<(Indicator Indicator, List<Sentence> Sentences)>();
        foreach (var indicator in Catalogue.HeadlineIndicatorsOf(subGoal.Id))
        {
            if (!Cells.HasResults(Wave, indicator.Id))
            {
                continue;
            }

            if (indicator.Comparisons.Count == 0)
            {
                var all = new Sentence();
                text.AppendLevel(all, indicator, L("Samtliga", "All"), Cells.Value(Wave, indicator.Id, null, "", TableCodes.All));
                items.Add((indicator, [all.T(".")]));
                continue;
            }

            var cmpId = indicator.Comparisons[0];
            var cmp = Catalogue.Comparison(cmpId);
            var sentences = new List<Sentence> { text.Levels(indicator, cmpId) };
            if (Cells.Value(Wave, indicator.Id, null, "", TableCodes.Gap(cmpId)) is { } gap)
            {
                sentences.Add(FindingRules.DescribeGap(gap, cmp.Focal.Label[Language], cmp.Reference.Label[Language], Cells));
            }

            items.Add((indicator, sentences));
        }

        if (items.Count == 0)
        {
            return;
        }

        Body.Append("<p class=\"headline-title\">").Append(Esc(L("Nyckelindikatorer", "Key indicators"))).Append("</p>\n<ul class=\"headline\">\n");
        foreach (var (indicator, sentences) in items)
        {
            Body.Append("<li><a href=\"#ind-").Append(indicator.Id).Append("\">").Append(LabelHtml(indicator.Name[Language])).Append("</a>: ")
                .Append(string.Join(" ", sentences.Select(Render))).Append("</li>\n");
        }

        Body.Append("</ul>\n");
    }
}

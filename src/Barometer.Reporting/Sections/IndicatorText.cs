using Barometer.Catalogue.Indicators;
using Barometer.Publishing.Results;
using Barometer.Publishing.Tables;
using Barometer.Reporting.Findings;

namespace Barometer.Reporting.Sections;

/// <summary>
/// The sentences about one indicator that the summary and the chapters write by <see cref="FindingRules"/>: the
/// compared groups' levels, the difference and its change, the largest differences by group and the groups where
/// the difference narrowed, or for an indicator without a comparison the level of everyone.
/// </summary>
internal sealed class IndicatorText(ReportDocument document) : SectionWriter(document)
{
    /// <summary>The findings of an indicator with a comparison, one sentence after another.</summary>
    public List<Sentence> ComparisonFindings(Indicator indicator, string cmpId)
    {
        var cmp = Catalogue.Comparison(cmpId);
        var focalLabel = cmp.Focal.Label[Language];
        var referenceLabel = cmp.Reference.Label[Language];
        var list = new List<Sentence>();
        var focal = Cells.Value(Wave, indicator.Id, null, "", TableCodes.Focal(cmpId));
        list.Add(Levels(indicator, cmpId));

        var gap = Cells.Value(Wave, indicator.Id, null, "", TableCodes.Gap(cmpId));
        if (gap is not null)
        {
            list.Add(FindingRules.DescribeGap(gap, focalLabel, referenceLabel, Cells));
        }

        if (indicator.StandardisedGap && Cells.Value(Wave, indicator.Id, null, "", TableCodes.StandardisedGap(cmpId)) is { Row.Estimate: not null } standardised)
        {
            var s = new Sentence().T(L("Standardiserad för kön och ålder är den skattade skillnaden ", "Standardised for sex and age, the estimated difference is "))
                .N(Cells.Number(standardised, withSign: true)!).Append(FindingRules.UnitAfter(indicator, ReportCells.GapRole(indicator), Cells))
                .Append(FindingRules.Interval(standardised, Cells));
            s.T(FindingRules.Classify(standardised) switch
            {
                Verdict.SignificantlyNegative or Verdict.SignificantlyPositive => L("; den är statistiskt säkerställd.", "; it is statistically significant."),
                Verdict.NotSignificant => L("; den är inte statistiskt säkerställd.", "; it is not statistically significant."),
                _ => ".",
            });
            list.Add(s);
        }

        if (PreviousWave is { } previous)
        {
            if (gap is not null && Cells.Change(Wave, indicator.Id, null, "", TableCodes.Gap(cmpId)) is { } gapChange)
            {
                list.Add(FindingRules.DescribeGapChange(gap, gapChange, previous, Cells));
                if (focal is not null && Cells.Change(Wave, indicator.Id, null, "", TableCodes.Focal(cmpId)) is { } focalChange)
                {
                    list.Add(FindingRules.DescribeChange(focalChange, L("Nivån bland ", "The level among ") + FindingRules.InSentence(focalLabel, Language), previous, Cells));
                }
            }
            else if (Cells.Value(previous, indicator.Id, null, "", TableCodes.Gap(cmpId)) is { Row.Estimate: not null } previousGap && gap is { Row.Estimate: not null })
            {
                var role = ReportCells.GapRole(indicator);
                list.Add(new Sentence().T(L("Motsvarande skillnad ", "The corresponding difference in ")).W(previous).T(L(" var ", " was "))
                    .N(Cells.Number(previousGap, withSign: role != ValueRole.RatioGap)!).Append(FindingRules.UnitAfter(indicator, role, Cells))
                    .T(L(" (registeruppgifter; förändringar mellan omgångar skattas inte med osäkerhet).", " (register figures; changes between waves are not estimated with uncertainty).")));
            }
        }

        list.Add(LargestGaps(indicator, cmpId));
        if (PreviousWave is { } prev && indicator.Source.Kind == SourceKind.Survey)
        {
            list.Add(NarrowedGroups(indicator, cmpId, prev));
        }

        return list;
    }

    /// <summary>The latest levels of the focal and the reference group of a comparison, in one sentence.</summary>
    public Sentence Levels(Indicator indicator, string cmpId)
    {
        var cmp = Catalogue.Comparison(cmpId);
        var levels = new Sentence();
        AppendLevel(levels, indicator, cmp.Focal.Label[Language], Cells.Value(Wave, indicator.Id, null, "", TableCodes.Focal(cmpId)));
        levels.T("; ");
        AppendLevel(levels, indicator, FindingRules.InSentence(cmp.Reference.Label[Language], Language), Cells.Value(Wave, indicator.Id, null, "", TableCodes.Reference(cmpId)));
        return levels.T(".");
    }

    /// <summary>"label: level unit (CI …)", or "label: not published".</summary>
    public void AppendLevel(Sentence s, Indicator indicator, string label, PublishedResult? level)
    {
        s.L(label).T(": ");
        if (level is null || Cells.Number(level) is not { } value)
        {
            s.T(L("redovisas inte", "not published"));
            return;
        }

        s.N(value).Append(FindingRules.UnitAfter(indicator, ValueRole.Level, Cells)).Append(FindingRules.Interval(level, Cells));
    }

    /// <summary>The findings of an indicator without a comparison: the level of everyone, its change, and by sex.</summary>
    public List<Sentence> LevelFindings(Indicator indicator)
    {
        var list = new List<Sentence>();
        var all = Cells.Value(Wave, indicator.Id, null, "", TableCodes.All);
        var s = new Sentence();
        AppendLevel(s, indicator, L("Samtliga", "All"), all);
        list.Add(s.T("."));
        if (PreviousWave is { } previous && Cells.Change(Wave, indicator.Id, null, "", TableCodes.All) is { } change)
        {
            list.Add(FindingRules.DescribeChange(change, L("Nivån", "The level"), previous, Cells));
        }

        if (indicator.Breakdowns.Contains("sex") && indicator.SeparateBySex)
        {
            var bySex = new Sentence().T(L("Efter kön: ", "By sex: "));
            var first = true;
            foreach (var code in Document.Codes("sex"))
            {
                var level = Cells.Value(Wave, indicator.Id, "sex", code, TableCodes.All);
                if (!first)
                {
                    bySex.T("; ");
                }

                first = false;
                AppendLevel(bySex, indicator, FindingRules.InSentence(Document.CellLabel("sex", code), Language), level);
            }

            list.Add(bySex.T("."));
        }

        return list;
    }

    private IEnumerable<PublishedResult> ReportedGaps(Indicator indicator, string cmpId) =>
        Cells.BreakdownValues(Wave, indicator.Id, TableCodes.Gap(cmpId)).Where(r => !ReportDocument.LeftOutBreakdowns.Contains(r.Row.Breakdown));

    private Sentence LargestGaps(Indicator indicator, string cmpId)
    {
        var candidates = ReportedGaps(indicator, cmpId)
            .Where(r => r.Row.Estimate is not null)
            .Where(r => FindingRules.Classify(r) is Verdict.SignificantlyNegative or Verdict.SignificantlyPositive or Verdict.WithoutSamplingError)
            .OrderByDescending(r => indicator.Gap == GapKind.Ratio ? Math.Abs(1 - r.Row.Estimate!.Value) : Math.Abs(r.Row.Estimate!.Value))
            .ThenBy(r => r.Row.Breakdown, StringComparer.Ordinal).ThenBy(r => r.Row.Cell, StringComparer.Ordinal)
            .Take(3).ToList();
        var s = new Sentence();
        if (candidates.Count == 0)
        {
            return s.T(L("I ingen av de redovisade grupperna finns en statistiskt säkerställd skillnad.",
                "No reported group shows a statistically significant difference."));
        }

        var role = ReportCells.GapRole(indicator);
        s.T(L("Störst är skillnaden bland ", "The difference is largest among "));
        for (var i = 0; i < candidates.Count; i++)
        {
            var r = candidates[i];
            if (i > 0)
            {
                s.T(i == candidates.Count - 1 ? L(" och ", " and ") : ", ");
            }

            s.L(FindingRules.InSentence(Document.CellLabel(r.Row.Breakdown, r.Row.Cell), Language)).T(" (").N(Cells.Number(r, withSign: role != ValueRole.RatioGap)!)
                .Append(FindingRules.UnitAfter(indicator, role, Cells)).T(")");
        }

        return s.T(".");
    }

    private Sentence NarrowedGroups(Indicator indicator, string cmpId, int previous)
    {
        var narrowed = new List<(PublishedResult Gap, PublishedResult Change)>();
        foreach (var gap in ReportedGaps(indicator, cmpId).OrderBy(r => r.Row.Breakdown, StringComparer.Ordinal).ThenBy(r => r.Row.Cell, StringComparer.Ordinal))
        {
            if (Cells.Change(Wave, indicator.Id, gap.Row.Breakdown, gap.Row.Cell, TableCodes.Gap(cmpId)) is { } change && FindingRules.NarrowedSignificantly(gap, change))
            {
                narrowed.Add((gap, change));
            }
        }

        var s = new Sentence();
        if (narrowed.Count == 0)
        {
            return s.T(L("Det finns ingen redovisad grupp där skillnaden har minskat statistiskt säkerställt sedan ",
                "There is no reported group in which the difference has narrowed significantly since ")).W(previous).T(".");
        }

        s.T(L("Skillnaden har minskat statistiskt säkerställt sedan ", "The difference has narrowed significantly since ")).W(previous).T(L(" bland ", " among "));
        for (var i = 0; i < narrowed.Count; i++)
        {
            var (gap, change) = narrowed[i];
            if (i > 0)
            {
                s.T(i == narrowed.Count - 1 ? L(" och ", " and ") : ", ");
            }

            s.L(FindingRules.InSentence(Document.CellLabel(gap.Row.Breakdown, gap.Row.Cell), Language)).T(L(" (förändring ", " (change ")).N(Cells.Number(change, withSign: true)!)
                .Append(FindingRules.UnitAfter(indicator, ValueRole.Difference, Cells)).Append(FindingRules.Interval(change, Cells, parenthesis: false)).T(")");
        }

        return s.T(".");
    }
}

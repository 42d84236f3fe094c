using System.Globalization;
using System.Text;
using Barometer.Catalogue.Indicators;
using Barometer.Publishing.Results;
using Barometer.Publishing.Tables;
using Barometer.Reporting.Findings;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting.Sections;

/// <summary>
/// What one table of an indicator's released cells of this wave shows: the rows of each breakdown's codes (after
/// a total row, if any), the column of the previous wave (if any), the heading of the row column, the title in
/// the caption (HTML) and the table's class.
/// </summary>
internal sealed record ReportTableLayout(IReadOnlyList<string> Breakdowns, bool Total, int? Previous, string RowHeading, string TitleHtml, string? CssClass);

/// <summary>
/// The numbered tables of an indicator's cells: the compared groups' levels and their difference (or the level of
/// everyone), one row per breakdown code, with the change since (or the value of) the previous wave, the symbols of
/// hidden cells and their legend, and the ids of the API tables the cells come from.
/// </summary>
internal sealed class ResultTableWriter(ReportDocument document) : SectionWriter(document)
{
    /// <summary>The breakdowns an indicator's chapter table (and breakdown figure) shows: up to three with at most 12 codes.</summary>
    public static List<string> TableBreakdowns(ReportDocument document, Indicator indicator) =>
        [.. indicator.Breakdowns.Where(b => !ReportDocument.LeftOutBreakdowns.Contains(b) && document.Codes(b).Count <= 12).Take(3)];

    /// <summary>The table of an indicator's chapter: the total and the reported breakdowns, with the previous wave.</summary>
    public void WriteIndicatorTable(Indicator indicator) =>
        Write(indicator, new ReportTableLayout(TableBreakdowns(Document, indicator), Total: true, PreviousWave, L("Grupp", "Group"), LabelHtml(indicator.Name[Language]), CssClass: null));

    /// <summary>Writes a numbered table of an indicator's cells and returns its number.</summary>
    public int Write(Indicator indicator, ReportTableLayout layout)
    {
        // A row is a cell of a table: the total table's one cell (breakdown null), or a code of a breakdown table.
        var rows = new List<(string? Breakdown, string Cell, string Label)>();
        if (layout.Total)
        {
            rows.Add((null, "", L("Totalt", "Total")));
        }

        foreach (var b in layout.Breakdowns)
        {
            rows.AddRange(Document.Codes(b).Select(c => ((string?)b, c, Document.CellLabel(b, c))));
        }

        var grouped = layout.Total || layout.Breakdowns.Count > 1;
        var table = Document.NextTable();
        var survey = indicator.Source.Kind == SourceKind.Survey;
        var cmpId = indicator.Comparisons.Count > 0 ? indicator.Comparisons[0] : null;
        var previous = layout.Previous;
        Body.Append("<table id=\"tab-").Append(table.ToString(CultureInfo.InvariantCulture)).Append('"')
            .Append(layout.CssClass is { } css ? " class=\"" + css + "\"" : "").Append(">\n<caption><span class=\"caption-label\">")
            .Append(L("Tabell ", "Table ")).Append("<span class=\"no\">").Append(table.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
            .Append(layout.TitleHtml).Append(", ").Append(WaveSpan(Wave)).Append(". ").Append(LabelHtml(Document.UnitTitle(indicator)));
        if (survey)
        {
            Body.Append(Esc(L(". Konfidensintervall inom hakparentes; förändringar med felmarginal ±.", ". Confidence intervals in brackets; changes with their margin of error ±.")));
        }

        Body.Append("</caption>\n<thead><tr><th scope=\"col\">").Append(LabelHtml(layout.RowHeading)).Append("</th>");
        if (cmpId is not null)
        {
            var cmp = Catalogue.Comparison(cmpId);
            Body.Append("<th scope=\"col\">").Append(LabelHtml(cmp.Focal.Label[Language])).Append("</th><th scope=\"col\">").Append(LabelHtml(cmp.Reference.Label[Language]))
                .Append("</th><th scope=\"col\">").Append(indicator.Gap == GapKind.Ratio ? L("Kvot (procent)", "Ratio (per cent)") : L("Skillnad", "Difference")).Append("</th>");
        }
        else
        {
            Body.Append("<th scope=\"col\">").Append(L("Samtliga", "All")).Append("</th>");
        }

        if (previous is { } p)
        {
            Body.Append("<th scope=\"col\">").Append(survey
                ? (cmpId is not null ? L("Förändring av skillnaden sedan ", "Change in the difference since ") : L("Förändring sedan ", "Change since "))
                : (cmpId is not null ? (indicator.Gap == GapKind.Ratio ? L("Kvot ", "Ratio ") : L("Skillnad ", "Difference ")) : L("Nivå ", "Level "))).Append(WaveSpan(p)).Append("</th>");
        }

        Body.Append("</tr></thead>\n<tbody>\n");
        string? lastBreakdown = null;
        foreach (var (breakdown, cell, label) in rows)
        {
            if (grouped && breakdown is not null && breakdown != lastBreakdown)
            {
                Body.Append("<tr class=\"group\"><th colspan=\"5\" scope=\"rowgroup\">").Append(LabelHtml(Document.BreakdownLabel(breakdown))).Append("</th></tr>\n");
            }

            lastBreakdown = breakdown;
            Body.Append("<tr><th scope=\"row\">").Append(LabelHtml(label)).Append("</th>");
            if (cmpId is not null)
            {
                Body.Append(ValueCell(Cells.Value(Wave, indicator.Id, breakdown, cell, TableCodes.Focal(cmpId)), withSign: false))
                    .Append(ValueCell(Cells.Value(Wave, indicator.Id, breakdown, cell, TableCodes.Reference(cmpId)), withSign: false))
                    .Append(ValueCell(Cells.Value(Wave, indicator.Id, breakdown, cell, TableCodes.Gap(cmpId)), withSign: indicator.Gap != GapKind.Ratio));
            }
            else
            {
                Body.Append(ValueCell(Cells.Value(Wave, indicator.Id, breakdown, cell, TableCodes.All), withSign: false));
            }

            if (previous is { } pw)
            {
                Body.Append(survey
                    ? ValueCell(Cells.Change(Wave, indicator.Id, breakdown, cell, cmpId is not null ? TableCodes.Gap(cmpId) : TableCodes.All), withSign: true)
                    : ValueCell(Cells.Value(pw, indicator.Id, breakdown, cell, cmpId is not null ? TableCodes.Gap(cmpId) : TableCodes.All),
                        withSign: cmpId is not null && indicator.Gap != GapKind.Ratio));
            }

            Body.Append("</tr>\n");
        }

        var tables = (layout.Total ? new string?[] { null } : []).Concat(layout.Breakdowns).Select(b => TableId(TableCodes.TableId(indicator.Id, b)));
        Body.Append("</tbody>\n</table>\n<p class=\"source\">").Append(L("Källa: Integrationsbarometern ", "Source: The Integration Barometer ")).Append(WaveSpan(Wave))
            .Append(L(", tabell ", ", table ")).Append(string.Join(", ", tables)).Append(". ").Append(Esc(Document.SymbolLegend())).Append("</p>\n");
        return table;
    }

    /// <summary>A table cell of one released value: the number (with its flag) and its interval or margin, or the symbol of a hidden cell.</summary>
    public string ValueCell(PublishedResult? r, bool withSign)
    {
        if (r is null || r.Row.SuppressionRule is not null || r.Row.Estimate is null)
        {
            return "<td class=\"sym\">" + Esc(Document.Symbol(r)) + "</td>";
        }

        var sb = new StringBuilder("<td>");
        sb.Append(Render([Cells.Number(r, withSign: withSign)!]));
        if (r.Row.QualityFlag is { } flag)
        {
            var symbol = flag == StatusSymbols.ModelBasedFlag ? Document.PublicationRules.ModelBased : Document.PublicationRules.Uncertain;
            sb.Append("<sup class=\"flag\">").Append(Esc(symbol)).Append("</sup>");
        }

        if (ReportCells.IsChange(r))
        {
            if (Cells.Number(r, TableCodes.Margin) is { } margin)
            {
                sb.Append("<br><span class=\"ci\">±").Append(Render([margin])).Append("</span>");
            }
        }
        else if (Cells.Number(r, TableCodes.CiLower) is { } lower && Cells.Number(r, TableCodes.CiUpper) is { } upper)
        {
            sb.Append("<br><span class=\"ci\">[").Append(Render([lower])).Append(L("; ", ", ")).Append(Render([upper])).Append("]</span>");
        }

        return sb.Append("</td>").ToString();
    }
}

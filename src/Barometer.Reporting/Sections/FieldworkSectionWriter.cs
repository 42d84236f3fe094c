using System.Globalization;
using Barometer.Reporting.Findings;
using Barometer.Storage.Fieldwork;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting.Sections;

/// <summary>
/// Appendix A.2, sample and response rates: the design and the wave's fieldwork in words, and two tables of the
/// gross sample — response rates by the calibration variables' groups and by stratum.
/// </summary>
internal sealed class FieldworkSectionWriter(ReportDocument document) : SectionWriter(document)
{
    public void Write()
    {
        Document.Heading(3, "a-sample", "A.2", L("Urval och svarsfrekvenser", "Sample and response rates"));
        if (Inputs.Fieldwork is not { } fieldwork)
        {
            Body.Append("<p>").Append(Esc(L("Bruttourvalet för omgången finns inte i databasen.", "The wave's gross sample is not in the store."))).Append("</p>\n");
            return;
        }

        var s = new Sentence().T(L("Urvalet är ett stratifierat obundet slumpmässigt urval. Bruttourvalet omfattar ", "The sample is a stratified simple random sample. The gross sample holds "))
            .N(Document.FieldworkNumber(fieldwork.Sampled, "total;stat=sampled")).T(L(" personer i ", " persons in ")).N(Document.FieldworkNumber(fieldwork.Strata.Count, "total;stat=strata"))
            .T(L(" strata (födelseregion × vistelsetid × område för utrikes födda, område för inrikes födda); ", " strata (region of birth × years in Sweden × area for the foreign-born, area for the native-born); "))
            .N(Document.FieldworkNumber(fieldwork.Responded, "total;stat=responded")).T(L(" svarade, en svarsfrekvens på ", " responded, a response rate of "))
            .N(Document.FieldworkRate(fieldwork.Rate, "total;stat=rate")).T(L(" procent. Bortfallet hanteras genom kalibrering (se nedan).", " per cent. Non-response is handled by calibration (see below)."));
        Body.Append("<p>").Append(Render(s)).Append("</p>\n");
        WriteGroups(fieldwork);
        WriteStrata(fieldwork);
    }

    private void WriteGroups(SurveyFieldwork fieldwork)
    {
        var table = Document.NextTable();
        Body.Append("<table id=\"tab-").Append(table.ToString(CultureInfo.InvariantCulture)).Append("\" class=\"compact\">\n<caption><span class=\"caption-label\">")
            .Append(L("Tabell ", "Table ")).Append("<span class=\"no\">").Append(table.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
            .Append(Esc(L("Svarsfrekvens efter grupp (bakgrundsvariabler i bruttourvalet), ", "Response rate by group (background variables of the gross sample), "))).Append(WaveSpan(Wave))
            .Append(".</caption>\n<thead><tr><th scope=\"col\">").Append(L("Grupp", "Group")).Append("</th><th scope=\"col\">").Append(L("Urval", "Sampled")).Append("</th><th scope=\"col\">")
            .Append(L("Svarande", "Respondents")).Append("</th><th scope=\"col\">").Append(L("Svarsfrekvens (procent)", "Response rate (per cent)")).Append("</th></tr></thead>\n<tbody>\n");
        string? last = null;
        foreach (var g in fieldwork.Groups)
        {
            if (g.Variable != last)
            {
                Body.Append("<tr class=\"group\"><th colspan=\"4\" scope=\"rowgroup\">").Append(LabelHtml(Document.BreakdownLabel(g.Variable))).Append("</th></tr>\n");
                last = g.Variable;
            }

            var key = "variable=" + g.Variable + ";code=" + g.Code;
            Body.Append("<tr><th scope=\"row\">").Append(LabelHtml(g.Code.Length == 0 ? L("Uppgift saknas", "Not known") : Document.CellLabel(g.Variable, g.Code))).Append("</th><td>")
                .Append(Render([Document.FieldworkNumber(g.Sampled, key + ";stat=sampled")])).Append("</td><td>").Append(Render([Document.FieldworkNumber(g.Responded, key + ";stat=responded")]))
                .Append("</td><td>").Append(Render([Document.FieldworkRate(g.Rate, key + ";stat=rate")])).Append("</td></tr>\n");
        }

        Body.Append("</tbody>\n</table>\n<p class=\"source\">").Append(Esc(L("Källa: bruttourvalet för omgång ", "Source: the gross sample of wave "))).Append(WaveSpan(Wave)).Append(".</p>\n");
    }

    private void WriteStrata(SurveyFieldwork fieldwork)
    {
        var table = Document.NextTable();
        Body.Append("<table id=\"tab-").Append(table.ToString(CultureInfo.InvariantCulture)).Append("\" class=\"compact\">\n<caption><span class=\"caption-label\">")
            .Append(L("Tabell ", "Table ")).Append("<span class=\"no\">").Append(table.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
            .Append(Esc(L("Urval och svarsfrekvens efter stratum, ", "Sample and response rate by stratum, "))).Append(WaveSpan(Wave))
            .Append(".</caption>\n<thead><tr><th scope=\"col\">Stratum</th><th scope=\"col\">").Append(L("Personer i ramen", "Persons in the frame")).Append("</th><th scope=\"col\">")
            .Append(L("Urval", "Sampled")).Append("</th><th scope=\"col\">").Append(L("Svarande", "Respondents")).Append("</th><th scope=\"col\">")
            .Append(L("Svarsfrekvens (procent)", "Response rate (per cent)")).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var stratum in fieldwork.Strata)
        {
            var key = "stratum=" + stratum.Stratum;
            Body.Append("<tr><th scope=\"row\"><code class=\"code\">").Append(Esc(stratum.Stratum)).Append("</code></th><td>")
                .Append(Render([Document.FieldworkNumber(stratum.FramePersons, key + ";stat=frame")])).Append("</td><td>").Append(Render([Document.FieldworkNumber(stratum.Sampled, key + ";stat=sampled")]))
                .Append("</td><td>").Append(Render([Document.FieldworkNumber(stratum.Responded, key + ";stat=responded")])).Append("</td><td>")
                .Append(Render([Document.FieldworkRate(stratum.Rate, key + ";stat=rate")])).Append("</td></tr>\n");
        }

        Body.Append("</tbody>\n</table>\n<p class=\"source\">").Append(Esc(L("Källa: bruttourvalet för omgång ", "Source: the gross sample of wave "))).Append(WaveSpan(Wave)).Append(".</p>\n");
    }
}

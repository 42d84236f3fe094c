using System.Globalization;
using Barometer.Reporting.Findings;
using Barometer.Storage.Fieldwork;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting.Sections;

/// <summary>
/// Appendix A.2, sample and response rates: the design and the wave's fieldwork in words, and two tables of the
/// gross sample — response rates by the calibration variables' groups and by stratum — then the run's nonresponse
/// analysis: the R-indicator with its partial indicators, and the shares of register variables in the gross sample,
/// among respondents and among calibrated respondents (the bias calibration removes).
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
        WriteRepresentativity();
    }

    private void WriteRepresentativity()
    {
        if (Inputs.Nonresponse is not { } nr)
        {
            return;
        }

        var hidden = Document.PublicationRules.TooUncertain;
        if (nr.R is not { } r)
        {
            Body.Append("<p>").Append(Esc(L("Svarsbenägenhetsmodellen kunde inte skattas för omgången: ", "The response-propensity model could not be fitted for the wave: ") + nr.Problem)).Append("</p>\n");
        }
        else
        {
            var s = new Sentence().T(L("Hur väl de svarande speglar bruttourvalet mäts med R-indikatorn (Schouten, Cobben och Bethlehem): ett minus två gånger standardavvikelsen för svarsbenägenheterna, skattade med en logistisk modell med designvikter på registervariablerna ",
                    "How well the respondents mirror the gross sample is measured by the R-indicator (Schouten, Cobben and Bethlehem): one minus twice the standard deviation of the response propensities, estimated by a design-weighted logistic model on the register variables "))
                .T(string.Join(", ", nr.Partials.Where(p => p.Code is null).Select(p => Document.BreakdownLabel(p.Variable))))
                .T(L(". R-indikatorn är ", ". The R-indicator is ")).N(Document.NonresponseNumber(r, 3, "stat=r"))
                .T(L(" (värdet ett betyder att alla har samma svarsbenägenhet); den vägda genomsnittliga svarsbenägenheten är ", " (the value one means everyone has the same response propensity); the weighted mean propensity is "))
                .N(Document.NonresponseNumber(nr.MeanPropensity!.Value, 1, "stat=mean_propensity", 100))
                .T(L(" procent. De partiella indikatorerna visar vilka grupper som bidrar mest; negativa värden betyder lägre svarsbenägenhet än i urvalet som helhet.",
                    " per cent. The partial indicators show which groups contribute most; negative values mean a lower propensity than in the sample as a whole."));
            Body.Append("<p>").Append(Render(s)).Append("</p>\n");
            WritePartials(nr, hidden);
        }

        WriteBias(nr, hidden);
    }

    private void WritePartials(NonresponseSummary nr, string hidden)
    {
        var table = Document.NextTable();
        Body.Append("<table id=\"tab-").Append(table.ToString(CultureInfo.InvariantCulture)).Append("\" class=\"compact\">\n<caption><span class=\"caption-label\">")
            .Append(L("Tabell ", "Table ")).Append("<span class=\"no\">").Append(table.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
            .Append(Esc(L("Partiella R-indikatorer (ovillkorade) efter variabel och grupp, ", "Partial R-indicators (unconditional) by variable and group, "))).Append(WaveSpan(Wave))
            .Append(".</caption>\n<thead><tr><th scope=\"col\">").Append(L("Variabel / grupp", "Variable / group")).Append("</th><th scope=\"col\">")
            .Append(L("Andel av bruttourvalet (procent)", "Share of the gross sample (per cent)")).Append("</th><th scope=\"col\">")
            .Append(L("Genomsnittlig svarsbenägenhet (procent)", "Mean response propensity (per cent)")).Append("</th><th scope=\"col\">")
            .Append(L("Partiell R-indikator", "Partial R-indicator")).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var p in nr.Partials)
        {
            if (p.Code is null)
            {
                Body.Append("<tr class=\"group\"><th scope=\"row\">").Append(LabelHtml(Document.BreakdownLabel(p.Variable))).Append("</th><td></td><td></td><td>")
                    .Append(Render([Document.NonresponseNumber(p.Partial!.Value, 3, "variable=" + p.Variable + ";stat=partial")])).Append("</td></tr>\n");
                continue;
            }

            var key = "variable=" + p.Variable + ";code=" + p.Code;
            Body.Append("<tr><th scope=\"row\">").Append(LabelHtml(Document.CellLabel(p.Variable, p.Code))).Append("</th>");
            foreach (var (value, stat, decimals, scale) in new[] { (p.Share, "share", 1, 100.0), (p.MeanPropensity, "mean_propensity", 1, 100.0), (p.Partial, "partial", 3, 1.0) })
            {
                Body.Append("<td>").Append(value is { } v ? Render([Document.NonresponseNumber(v, decimals, key + ";stat=" + stat, scale)]) : Esc(hidden)).Append("</td>");
            }

            Body.Append("</tr>\n");
        }

        Body.Append("</tbody>\n</table>\n<p class=\"source\">").Append(Esc(L("Källa: bruttourvalet för omgång ", "Source: the gross sample of wave "))).Append(WaveSpan(Wave))
            .Append(Esc(L("; modell ", "; model "))).Append("<code class=\"code\">").Append(Esc(nr.Model)).Append("</code>. ")
            .Append(Esc(hidden)).Append(Esc(L(" = färre svarande än minimiantalet.", " = fewer respondents than the minimum."))).Append("</p>\n");
    }

    private void WriteBias(NonresponseSummary nr, string hidden)
    {
        var table = Document.NextTable();
        Body.Append("<table id=\"tab-").Append(table.ToString(CultureInfo.InvariantCulture)).Append("\" class=\"compact\">\n<caption><span class=\"caption-label\">")
            .Append(L("Tabell ", "Table ")).Append("<span class=\"no\">").Append(table.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
            .Append(Esc(L("Registervariabler som är kända för alla i bruttourvalet: andel i bruttourvalet, bland svarande (designvikter) och bland svarande med kalibrerade vikter, procent, ",
                "Register variables known for everyone in the gross sample: share in the gross sample, among respondents (design weights) and among respondents with calibrated weights, per cent, ")))
            .Append(WaveSpan(Wave)).Append(".</caption>\n<thead><tr><th scope=\"col\">").Append(L("Variabel / grupp", "Variable / group")).Append("</th><th scope=\"col\">")
            .Append(L("Bruttourvalet", "Gross sample")).Append("</th><th scope=\"col\">").Append(L("Svarande", "Respondents")).Append("</th><th scope=\"col\">")
            .Append(L("Svarande, kalibrerat", "Respondents, calibrated")).Append("</th></tr></thead>\n<tbody>\n");
        string? last = null;
        foreach (var b in nr.Bias)
        {
            if (b.Variable != last)
            {
                Body.Append("<tr class=\"group\"><th colspan=\"4\" scope=\"rowgroup\">").Append(LabelHtml(Document.BreakdownLabel(b.Variable)))
                    .Append(Esc(b.CalibratedOn ? L(" (kalibreringsvariabel)", " (calibration variable)") : L(" (ej kalibreringsvariabel)", " (not calibrated to)"))).Append("</th></tr>\n");
                last = b.Variable;
            }

            var key = "bias;variable=" + b.Variable + ";code=" + b.Code;
            Body.Append("<tr><th scope=\"row\">").Append(LabelHtml(Document.CellLabel(b.Variable, b.Code))).Append("</th>");
            foreach (var (value, stat) in new[] { (b.GrossSample, "gross"), (b.RespondentsDesign, "design"), (b.RespondentsCalibrated, "calibrated") })
            {
                Body.Append("<td>").Append(value is { } v ? Render([Document.NonresponseNumber(v, 1, key + ";stat=" + stat, 100)]) : Esc(hidden)).Append("</td>");
            }

            Body.Append("</tr>\n");
        }

        Body.Append("</tbody>\n</table>\n<p class=\"source\">").Append(Esc(L("Källa: bruttourvalet och de svarande i omgång ", "Source: the gross sample and the respondents of wave "))).Append(WaveSpan(Wave))
            .Append(Esc(L(". Skillnaden mellan kolumnerna Svarande och Bruttourvalet är bortfallets skevhet; kalibreringen tar bort den på kalibreringsvariablerna och minskar den på variabler som samvarierar med dem.",
                ". The difference between the Respondents and Gross sample columns is the nonresponse bias; calibration removes it on the calibration variables and reduces it on variables related to them.")))
            .Append("</p>\n");
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
            Body.Append("<tr><th scope=\"row\">").Append(LabelHtml(Document.CellLabel(g.Variable, g.Code))).Append("</th><td>")
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

using Barometer.Reporting.Findings;
using Barometer.Storage.Runs;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting.Sections;

/// <summary>
/// Appendix A, method and quality, in the style of Statistics Sweden's quality declarations: population and frame
/// (A.1), calibration (A.3) and variance estimation (A.4) here; the sample and response rates (A.2, <see cref="FieldworkSectionWriter"/>),
/// the publication and disclosure rules (A.5, <see cref="RulesSectionWriter"/>) and what changed (A.6, <see cref="VersionsSectionWriter"/>)
/// in their own writers.
/// </summary>
internal sealed class MethodAppendixWriter(ReportDocument document, FieldworkSectionWriter fieldwork, RulesSectionWriter rules, VersionsSectionWriter versions)
    : SectionWriter(document)
{
    public void Write()
    {
        Body.Append("<section class=\"appendix\">\n");
        Document.Heading(2, "appendix", L("Bilaga A", "Appendix A"), L("Metod och kvalitet", "Method and quality"));
        Body.Append("<p>").Append(Esc(L(
            "Bilagan beskriver statistikens kvalitet i stil med SCB:s kvalitetsdeklarationer: population och ram, urval och svarsfrekvenser, kalibrering, variansskattning, redovisningsregler och vad som har ändrats sedan föregående omgång.",
            "The appendix describes the quality of the statistics in the style of Statistics Sweden's quality declarations: population and frame, sample and response rates, calibration, variance estimation, publication rules and what has changed since the previous wave."))).Append("</p>\n");
        WritePopulation();
        fieldwork.Write();
        WriteCalibration();
        WriteVariance();
        rules.Write();
        versions.Write();
        Body.Append("</section>\n");
    }

    private void WritePopulation()
    {
        Document.Heading(3, "a-population", "A.1", L("Population och ram", "Population and frame"));
        var s = new Sentence().T(L("Målpopulationen för urvalsundersökningen är personer folkbokförda i Sverige i åldern ",
            "The target population of the sample survey is persons registered in Sweden aged "));
        s.N(Document.RuleNumber(r => r.Calibration.Population[0], RunRulePaths.CalibrationPopulation(0))).T("–").N(Document.RuleNumber(r => r.Calibration.Population[1], RunRulePaths.CalibrationPopulation(1)))
            .T(L(" år. Urvalsramen är Registret över totalbefolkningen (RTB) vid ramens referensdatum", " years. The frame is the Total Population Register (RTB) at the frame's reference date"));
        if (Inputs.Fieldwork is { } fieldworkInputs)
        {
            s.T(L("; ramen omfattar ", "; the frame holds ")).N(Document.FieldworkNumber(fieldworkInputs.FramePersons, "total;stat=frame")).T(L(" personer", " persons"));
        }

        s.T(L(". Registerindikatorerna avser hela befolkningen i respektive indikators population och har inget urvalsfel; de kan ha täcknings- och mätfel i registren.",
            ". The register indicators cover the whole population of each indicator and have no sampling error; they may have coverage and measurement errors of the registers."));
        Body.Append("<p>").Append(Render(s)).Append("</p>\n");
    }

    private void WriteCalibration()
    {
        Document.Heading(3, "a-calibration", "A.3", L("Kalibrering", "Calibration"));
        var calibration = Document.Rules?.Calibration;
        var method = calibration?.Method ?? Catalogue.Calibration.Method;
        var s = new Sentence().T(L("Designvikterna kalibreras så att det viktade urvalet återger registertotaler på varje marginal (metod: ",
            "The design weights are calibrated so that the weighted sample reproduces register totals on every margin (method: ")).L(method)
            .T(L("). Marginalerna i den körning som frisläpptes:", "). The margins of the released run:"));
        Body.Append("<p>").Append(Render(s)).Append("</p>\n<ul>\n");
        if (calibration?.Margins is { } margins)
        {
            for (var i = 0; i < margins.Count; i++)
            {
                var m = margins[i];
                var names = m.Variables.Select(Document.BreakdownLabel);
                var item = new Sentence().L(string.Join(" × ", names)).T(": ").N(Document.RuleNumber(r => r.Calibration.Margins[i].Cells, RunRulePaths.CalibrationMarginCells(i)))
                    .T(L(" celler, total ", " cells, total "))
                    .N(Document.RuleNumber(r => r.Calibration.Margins[i].Total, RunRulePaths.CalibrationMarginTotal(i))).T(L(" personer (källa: ", " persons (source: ")).L(m.Source ?? "").T(").");
                Body.Append("<li>").Append(Render(item)).Append("</li>\n");
            }
        }

        Body.Append("</ul>\n<p>").Append(Esc(L(
            "Kalibreringen minskar bortfallsfelet när svarsbenägenheten samvarierar med kalibreringsvariablerna, och den minskar standardfelen för indikatorer som samvarierar med dem.",
            "Calibration reduces non-response bias where the propensity to respond varies with the calibration variables, and it reduces the standard errors of indicators that vary with them."))).Append("</p>\n");
    }

    private void WriteVariance()
    {
        Document.Heading(3, "a-variance", "A.4", L("Variansskattning och osäkerhet", "Variance estimation and uncertainty"));
        var s = new Sentence().T(L(
            "Standardfelen skattas med Taylorlinearisering för det stratifierade urvalet med ändlighetskorrektion, där de kalibrerade vikterna behandlas genom residualerna från kalibreringen. Konfidensintervallen har konfidensgraden ",
            "Standard errors are estimated by Taylor linearisation for the stratified design with finite population correction, with the calibrated weights handled through the calibration residuals. The confidence intervals have a confidence level of "))
            .N(Document.RuleNumber(r => r.Survey.ConfidenceLevel, RunRulePaths.SurveyConfidenceLevel, 100)).T(L(
                " procent; för andelar används logit-intervall. Skillnader mellan grupper skattas i samma urval med hänsyn till kovariansen. Förändringar mellan omgångar skattas som skillnader mellan två oberoende urval. En skillnad eller förändring kallas statistiskt säkerställd när konfidensintervallet inte innehåller noll. Standardiserade skillnader vägs om till referensgruppens fördelning efter ",
                " per cent; proportions use logit intervals. Differences between groups are estimated in the same sample, taking their covariance into account. Changes between waves are estimated as differences between two independent samples. A difference or change is called statistically significant when its confidence interval does not contain zero. Standardised differences reweight to the reference group's distribution by "));
        var variables = Document.Rules?.Standardisation?.Variables?.Select(Document.BreakdownLabel).ToList() ?? [];
        s.L(string.Join(L(" och ", " and "), variables.Select(v => FindingRules.InSentence(v, Language)))).T(".");
        Body.Append("<p>").Append(Render(s)).Append("</p>\n");
    }
}

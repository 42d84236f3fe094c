using Barometer.Reporting.Findings;
using Barometer.Storage.Runs;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting.Sections;

/// <summary>
/// Appendix A.5, publication and disclosure rules, with every threshold and symbol taken from the rules the released
/// run applied (its provenance).
/// </summary>
internal sealed class RulesSectionWriter(ReportDocument document) : SectionWriter(document)
{
    public void Write()
    {
        Document.Heading(3, "a-rules", "A.5", L("Redovisnings- och sekretessregler", "Publication and disclosure rules"));
        var rules = Document.PublicationRules;
        var items = new List<Sentence>
        {
            new Sentence().T(L("Urvalsundersökningen: en skattning som bygger på färre än ", "Survey: an estimate based on fewer than "))
                .N(Document.RuleNumber(r => r.Survey.MinRespondents, RunRulePaths.SurveyMinRespondents)).T(L(" svarande redovisas inte (", " respondents is not published (")).T(rules.TooUncertain).T(").").T(L(
                    " En skattning vars relativa felmarginal överstiger ", " An estimate whose relative margin of error exceeds ")).N(Document.RuleNumber(r => r.Survey.RelativeMarginFlag, RunRulePaths.SurveyRelativeMarginFlag, 100))
                .T(L(" procent markeras som osäker (", " per cent is marked as uncertain (")).T(rules.Uncertain).T(L(") men redovisas.", ") but published."))
                .T(L(" Ytterligare skattningar undertrycks (", " Further estimates are withheld (")).T(rules.TooUncertain).T(L(
                    ") så att en undertryckt skattning inte kan räknas fram ur totalen och övriga delgrupper.",
                    ") so that a suppressed estimate cannot be recalculated from the total and the other subgroups.")),
            new Sentence().T(L("Register: en andel redovisas bara om gruppen har fler än ", "Registers: a share is published only if the group has more than "))
                .N(Document.RuleNumber(r => r.Register.GroupSizeMoreThan, RunRulePaths.RegisterGroupSizeMoreThan)).T(L(" personer och fler än ", " persons and more than ")).N(Document.RuleNumber(r => r.Register.WithPropertyMoreThan, RunRulePaths.RegisterWithPropertyMoreThan))
                .T(L(" har egenskapen och lika många saknar den; annars visas ", " have the property and as many do not; otherwise ")).T(rules.Disclosure).T(L(".", " is shown.")).T(rules.ComplementarySuppression
                    ? L(" Ytterligare celler undertrycks (sekundär röjandekontroll) så att en undertryckt cell inte kan räknas fram ur marginalerna.",
                        " Further cells are suppressed (secondary disclosure control) so that a suppressed cell cannot be recovered from the margins.")
                    : ""),
            new Sentence().T(L("En skillnad redovisas inte när någon av de jämförda grupperna är undertryckt; en förändring redovisas inte när föregående omgång saknar värde (",
                "A difference is not published when either compared group is suppressed; a change is not published when the previous wave has no value (")).T(rules.NotApplicable).T(")."),
            new Sentence().T(L("Undertryckta celler visas alltid med sitt symboltecken, aldrig som noll. ", "Suppressed cells always show their symbol, never zero. ")).T(Document.SymbolLegend()),
        };
        Body.Append("<ul>\n");
        foreach (var item in items)
        {
            Body.Append("<li>").Append(Render(item)).Append("</li>\n");
        }

        Body.Append("</ul>\n");
    }
}

using Barometer.Catalogue.Questionnaires;

namespace Barometer.Fieldwork.Questionnaire;

/// <summary>
/// The languages this field host offers (the catalogue's declared languages that passed the TRAPD gate), how a page
/// names its language and writing direction, and every text of the respondent's side in each of them.
/// </summary>
internal sealed class FieldLanguages
{
    public FieldLanguages(QuestionnaireLanguages texts, IReadOnlyList<QuestionnaireLanguage> offered)
    {
        Texts = texts;
        Offered = offered;
        var missing = FieldTexts.Keys.Where(k => !texts.HasInterface(k)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"questionnaire.yaml: the field host needs the interface texts {string.Join(", ", missing)}; add them under 'interface:'.");
        }
    }

    public QuestionnaireLanguages Texts { get; }

    public IReadOnlyList<QuestionnaireLanguage> Offered { get; }

    /// <summary>The offered language of a <c>lang</c> parameter; Swedish (the source) for anything else.</summary>
    public QuestionnaireLanguage Parse(string? code) => Offered.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.Ordinal)) ?? Texts.Source;

    /// <summary>The writing direction for a <c>dir</c> attribute.</summary>
    public static string Direction(QuestionnaireLanguage language) => language.Direction == TextDirection.RightToLeft ? "rtl" : "ltr";

    /// <summary>One of the field host's texts (<see cref="FieldTexts"/>) in a language.</summary>
    public string T(string key, QuestionnaireLanguage language) => Texts.Interface(key, language);
}

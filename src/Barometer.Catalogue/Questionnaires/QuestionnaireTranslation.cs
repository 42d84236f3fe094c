namespace Barometer.Catalogue.Questionnaires;

/// <summary>
/// Where a translated text stands in the TRAPD process of cross-national surveys (Translation, Review, Adjudication,
/// Pretesting, Documentation; Harkness 2003, as the ESS uses it), in the order a text passes through the steps.
/// </summary>
public enum TranslationStatus
{
    /// <summary>Translated, not yet reviewed: a draft.</summary>
    Translated,

    /// <summary>Reviewed by a second translator or reviewer.</summary>
    Reviewed,

    /// <summary>The adjudicator has decided the final text: it may be fielded.</summary>
    Adjudicated,

    /// <summary>Adjudicated and pretested with respondents.</summary>
    Pretested,
}

/// <summary>Which way a language is written (the page's <c>dir</c> attribute).</summary>
public enum TextDirection
{
    LeftToRight,
    RightToLeft,
}

/// <summary>One text of a translation with its TRAPD status and where it is written.</summary>
public sealed record TranslatedText(string Text, TranslationStatus Status, SourceLocation Location);

/// <summary>
/// The questionnaire in one language besides Swedish and English (<c>translations/questionnaire.LANG.yaml</c>): the
/// title, every block's name, every answer code's label per scale, every item's question and the field host's texts.
/// </summary>
public sealed record QuestionnaireTranslation(
    string Language,
    TextDirection Direction,
    string File,
    TranslatedText Title,
    IReadOnlyDictionary<string, TranslatedText> Blocks,
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, TranslatedText>> Codes,
    IReadOnlyDictionary<string, TranslatedText> Items,
    IReadOnlyDictionary<string, TranslatedText> Interface)
{
    /// <summary>The translation file of a language, relative to the catalogue folder.</summary>
    public static string FileOf(string language) => $"translations/questionnaire.{language}.yaml";

    /// <summary>Every text of the translation.</summary>
    public IEnumerable<TranslatedText> Texts =>
        new[] { Title }.Concat(Blocks.Values).Concat(Codes.Values.SelectMany(c => c.Values)).Concat(Items.Values).Concat(Interface.Values);

    /// <summary>How many texts stand at each status.</summary>
    public IReadOnlyDictionary<TranslationStatus, int> StatusCounts =>
        Enum.GetValues<TranslationStatus>().ToDictionary(s => s, s => Texts.Count(t => t.Status == s));

    /// <summary>Texts not yet adjudicated: while there is one, the language is a draft and is fielded only on request.</summary>
    public int NotAdjudicated => Texts.Count(t => t.Status < TranslationStatus.Adjudicated);
}

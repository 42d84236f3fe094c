using System.Globalization;
using Barometer.Catalogue.Text;

namespace Barometer.Catalogue.Questionnaires;

/// <summary>One language the questionnaire is declared in: Swedish and English from the source file, the others from their translation files.</summary>
public sealed record QuestionnaireLanguage(string Code, string Name, TextDirection Direction, QuestionnaireTranslation? Translation)
{
    /// <summary>Swedish or English, written in questionnaire.yaml itself (no TRAPD status of their own).</summary>
    public bool IsSource => Translation is null;

    /// <summary>Every text adjudicated (or pretested): the language may be fielded without asking.</summary>
    public bool IsAdjudicated => Translation is null || Translation.NotAdjudicated == 0;

    /// <summary>The lowest status of its texts ("adjudicated" for the source languages).</summary>
    public TranslationStatus LowestStatus => Translation?.Texts.Min(t => t.Status) ?? TranslationStatus.Adjudicated;
}

/// <summary>
/// Every text a respondent reads, in every declared language: the title, each block's name, each item's question, each
/// answer code's label and the field host's own texts; and which languages may be fielded (the TRAPD gate).
/// </summary>
public sealed class QuestionnaireLanguages
{
    private readonly Questionnaire _questionnaire;
    private readonly Dictionary<string, QuestionnaireLanguage> _byCode;

    public QuestionnaireLanguages(Questionnaire questionnaire)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        _questionnaire = questionnaire;
        var translations = questionnaire.Translations.ToDictionary(t => t.Language, StringComparer.Ordinal);
        var all = new List<QuestionnaireLanguage>();
        foreach (var code in questionnaire.Languages)
        {
            if (SourceLanguage(code) is { } source)
            {
                var name = questionnaire.Interface.TryGetValue(LanguageNameKey, out var names) ? names[source] : code;
                all.Add(new QuestionnaireLanguage(code, name, TextDirection.LeftToRight, null));
            }
            else if (translations.TryGetValue(code, out var translation))
            {
                var name = translation.Interface.TryGetValue(LanguageNameKey, out var text) ? text.Text : code;
                all.Add(new QuestionnaireLanguage(code, name, translation.Direction, translation));
            }
        }

        All = all;
        _byCode = all.ToDictionary(l => l.Code, StringComparer.Ordinal);
    }

    /// <summary>The interface text that names a language in itself (Svenska, English, العربية, …).</summary>
    public const string LanguageNameKey = "language_name";

    /// <summary>Every declared language, in the order questionnaire.yaml declares them.</summary>
    public IReadOnlyList<QuestionnaireLanguage> All { get; }

    public QuestionnaireLanguage Source => _byCode["sv"];

    public QuestionnaireLanguage? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var language) ? language : null;

    public string Title(QuestionnaireLanguage language) => Pick(language, _questionnaire.Title, t => t.Title);

    public static string Block(SurveyBlock block, QuestionnaireLanguage language) => Pick(language, block.Name, t => t.Blocks[block.Id]);

    public static string Question(SurveyItem item, QuestionnaireLanguage language) => Pick(language, item.Question, t => t.Items[item.Id]);

    public static string CodeLabel(ResponseScale scale, ResponseCode code, QuestionnaireLanguage language) =>
        Pick(language, code.Label, t => t.Codes[scale.Id][code.Code]);

    /// <summary>One of the field host's texts (questionnaire.yaml's <c>interface:</c>).</summary>
    public string Interface(string key, QuestionnaireLanguage language)
    {
        if (!_questionnaire.Interface.TryGetValue(key, out var source))
        {
            throw new KeyNotFoundException($"interface text '{key}' is not in questionnaire.yaml");
        }

        return Pick(language, source, t => t.Interface[key]);
    }

    /// <summary>Whether the questionnaire has an interface text with this key.</summary>
    public bool HasInterface(string key) => _questionnaire.Interface.ContainsKey(key);

    /// <summary>
    /// The languages to field: <paramref name="requested"/> (every declared language when empty). A language with a text
    /// not yet adjudicated is a draft and is refused unless <paramref name="allowDrafts"/>; an undeclared code is refused.
    /// Returns the languages (none when there is a problem), or the problems (each naming the language, its file and its status counts).
    /// </summary>
    public (IReadOnlyList<QuestionnaireLanguage> Languages, IReadOnlyList<string> Problems) ForFielding(IReadOnlyCollection<string> requested, bool allowDrafts)
    {
        var problems = new List<string>();
        var chosen = new List<QuestionnaireLanguage>();
        foreach (var code in requested.Count == 0 ? All.Select(l => l.Code) : requested)
        {
            if (Find(code) is not { } language)
            {
                problems.Add($"language '{code}' is not declared in questionnaire.yaml (declared: {string.Join(", ", All.Select(l => l.Code))})");
            }
            else if (!language.IsAdjudicated && !allowDrafts)
            {
                problems.Add($"language '{code}' ({language.Name}) is a draft: {Describe(language)} in {language.Translation!.File}; " +
                    "a language is fielded when every text is adjudicated, or with --allow-draft-translations");
            }
            else if (!chosen.Contains(language))
            {
                chosen.Add(language);
            }
        }

        if (problems.Count > 0)
        {
            return ([], problems);
        }

        if (!chosen.Contains(Source))
        {
            chosen.Insert(0, Source);
        }

        return (chosen, problems);
    }

    /// <summary>"138 texts: 138 translated" — how many texts of a translation stand at each status.</summary>
    public static string Describe(QuestionnaireLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        if (language.Translation is not { } translation)
        {
            return "source (questionnaire.yaml)";
        }

        var counts = translation.StatusCounts.Where(p => p.Value > 0).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value} {p.Key.ToString().ToLowerInvariant()}"));
        return string.Create(CultureInfo.InvariantCulture, $"{translation.Texts.Count()} texts: {string.Join(", ", counts)}");
    }

    private static Language? SourceLanguage(string code) =>
        Enum.GetValues<Language>().Cast<Language?>().FirstOrDefault(l => l!.Value.Code() == code);

    private static string Pick(QuestionnaireLanguage language, LocalizedText source, Func<QuestionnaireTranslation, TranslatedText> translated) =>
        language.Translation is { } translation ? translated(translation).Text : source[SourceLanguage(language.Code)!.Value];
}

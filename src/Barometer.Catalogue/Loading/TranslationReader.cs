using System.Globalization;
using System.Text.RegularExpressions;
using Barometer.Catalogue.Questionnaires;
using Barometer.Catalogue.Text;
using YamlDotNet.RepresentationModel;

namespace Barometer.Catalogue.Loading;

/// <summary>
/// Reads the translation files of the questionnaire's declared languages and checks them against the source: every
/// block, answer code, item and interface text has a text in every language, with the same <c>{…}</c> placeholders as
/// the Swedish, and no translation has an answer code the source does not (or lacks one it has). Every problem names
/// the file (with line), the text and the language.
/// </summary>
internal static partial class TranslationReader
{
    public const string Folder = "translations";

    /// <summary>The languages written in questionnaire.yaml itself.</summary>
    public static readonly IReadOnlyList<string> SourceLanguages = ["sv", "en"];

    public static IReadOnlyList<string> ReadDeclared(LoadContext context, YamlMap map)
    {
        var declared = map.Strings("languages");
        if (declared.Count == 0)
        {
            return SourceLanguages;
        }

        var codes = new List<string>();
        foreach (var (code, location) in declared)
        {
            if (!LanguageCodePattern().IsMatch(code))
            {
                context.Log.Add(location, $"'{code}' is not a language code: use the two- or three-letter ISO 639 code in lower case, e.g. ar");
            }
            else if (codes.Contains(code))
            {
                context.Log.Add(location, $"language '{code}' is declared twice");
            }
            else
            {
                codes.Add(code);
            }
        }

        foreach (var source in SourceLanguages.Where(s => !codes.Contains(s)))
        {
            context.Log.Add(map.LocationOf("languages"), $"languages: the source languages sv and en must be declared (missing '{source}')");
        }

        return codes;
    }

    /// <summary>Checks that the source's English texts have the Swedish texts' placeholders.</summary>
    public static void CheckSourcePlaceholders(LoadContext context, string what, LocalizedText text, SourceLocation location)
    {
        var sv = Placeholders(text.Sv);
        var en = Placeholders(text.En);
        if (!sv.SequenceEqual(en, StringComparer.Ordinal))
        {
            context.Log.Add(location, $"language 'en': {what} has placeholders {Describe(en)} but the Swedish text has {Describe(sv)}");
        }
    }

    public static List<QuestionnaireTranslation> Read(LoadContext context, Questionnaire source)
    {
        var translations = new List<QuestionnaireTranslation>();
        foreach (var language in source.Languages.Where(l => !SourceLanguages.Contains(l)))
        {
            var file = QuestionnaireTranslation.FileOf(language);
            if (!File.Exists(Path.Combine(context.Root, file)))
            {
                context.Log.Add(new SourceLocation(file, 1), $"language '{language}' is declared in {QuestionnaireReader.File} but its translation file is missing");
                continue;
            }

            if (YamlMap.LoadFile(context.Root, file, context.Log) is { } map && ReadFile(context, source, language, map) is { } translation)
            {
                translations.Add(translation);
            }
        }

        var folder = Path.Combine(context.Root, Folder);
        if (Directory.Exists(folder))
        {
            foreach (var path in Directory.GetFiles(folder, "questionnaire.*.yaml").Order(StringComparer.Ordinal))
            {
                var language = Path.GetFileName(path)["questionnaire.".Length..^".yaml".Length];
                if (!source.Languages.Contains(language) || SourceLanguages.Contains(language))
                {
                    context.Log.Add(new SourceLocation($"{Folder}/{Path.GetFileName(path)}", 1),
                        $"language '{language}' has a translation file but is not declared in {QuestionnaireReader.File} (languages: [...])");
                }
            }
        }

        return translations;
    }

    private static QuestionnaireTranslation? ReadFile(LoadContext context, Questionnaire source, string language, YamlMap map)
    {
        var reader = new FileReader(context, language, map);
        var declaredLanguage = map.String("language");
        if (declaredLanguage is not null && declaredLanguage != language)
        {
            context.Log.Add(map.LocationOf("language"), $"language '{language}': the file says language: {declaredLanguage}; it must match the file name");
        }

        var directionText = map.String("direction");
        TextDirection? direction = directionText switch
        {
            null => null,
            "ltr" => TextDirection.LeftToRight,
            "rtl" => TextDirection.RightToLeft,
            _ => null,
        };
        if (directionText is not null && direction is null)
        {
            context.Log.Add(map.LocationOf("direction"), $"language '{language}': direction must be ltr or rtl, not '{directionText}'");
        }

        var title = reader.Entry(map, "title", "the title", source.Title.Sv);
        var blocks = reader.Texts(map, "blocks", "block", source.Blocks.Select(b => (b.Id, b.Name.Sv)).ToList());
        var items = reader.Texts(map, "items", "item", source.Items.Select(i => (i.Id, i.Question.Sv)).ToList());
        var ui = reader.Texts(map, "interface", "interface text", source.Interface.Select(p => (p.Key, p.Value.Sv)).ToList());
        var codes = reader.Codes(map, source.Scales);
        map.Finish();
        return title is null || direction is null || reader.Failed
            ? null
            : new QuestionnaireTranslation(language, direction.Value, map.File, title, blocks, codes, items, ui);
    }

    /// <summary>The <c>{…}</c> tokens of a text, in order.</summary>
    internal static List<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    private static string Describe(List<string> placeholders) => placeholders.Count == 0 ? "none" : string.Join(", ", placeholders);

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguageCodePattern();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>Reads the entries of one translation file, logging every problem with the language named.</summary>
    private sealed class FileReader(LoadContext context, string language, YamlMap file)
    {
        public bool Failed { get; private set; }

        public TranslatedText? Entry(YamlMap parent, string key, string what, string sourceText)
        {
            var node = parent.Node(key);
            if (node is null)
            {
                Problem(parent.Location, $"{what} has no text");
                return null;
            }

            return Entry(node, what, sourceText);
        }

        public Dictionary<string, TranslatedText> Texts(YamlMap parent, string key, string kind, IReadOnlyList<(string Id, string Sv)> expected)
        {
            var texts = new Dictionary<string, TranslatedText>(StringComparer.Ordinal);
            var node = parent.Node(key);
            if (expected.Count == 0 && node is null)
            {
                return texts;
            }

            if (node is not YamlMappingNode mapping)
            {
                Problem(node is null ? parent.Location : file.Locate(node), $"'{key}' must be a mapping from each {kind}'s id to {{text: ..., status: ...}}");
                return texts;
            }

            var wanted = expected.ToDictionary(e => e.Id, e => e.Sv, StringComparer.Ordinal);
            foreach (var (keyNode, value) in mapping.Children)
            {
                var id = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                if (!wanted.TryGetValue(id, out var sv))
                {
                    Problem(file.Locate(keyNode), $"{kind} '{id}' is not in {QuestionnaireReader.File}");
                    continue;
                }

                if (Entry(value, $"{kind} '{id}'", sv) is { } text)
                {
                    texts[id] = text;
                }
            }

            foreach (var (id, _) in expected.Where(e => !texts.ContainsKey(e.Id) && !Present(mapping, e.Id)))
            {
                Problem(file.Locate(mapping), $"{kind} '{id}' has no text");
            }

            return texts;
        }

        public Dictionary<string, IReadOnlyDictionary<int, TranslatedText>> Codes(YamlMap parent, IReadOnlyList<ResponseScale> scales)
        {
            var result = new Dictionary<string, IReadOnlyDictionary<int, TranslatedText>>(StringComparer.Ordinal);
            var node = parent.Node("scales");
            if (node is not YamlMappingNode mapping)
            {
                Problem(node is null ? parent.Location : file.Locate(node), "'scales' must be a mapping from each scale's id to its answer codes' texts");
                return result;
            }

            var byId = scales.ToDictionary(s => s.Id, StringComparer.Ordinal);
            foreach (var (keyNode, value) in mapping.Children)
            {
                var id = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
                if (!byId.TryGetValue(id, out var scale))
                {
                    Problem(file.Locate(keyNode), $"scale '{id}' is not in {QuestionnaireReader.File}");
                    continue;
                }

                if (value is not YamlMappingNode codes)
                {
                    Problem(file.Locate(value), $"scale '{id}' must map each answer code to {{text: ..., status: ...}}");
                    continue;
                }

                var texts = new Dictionary<int, TranslatedText>();
                foreach (var (codeNode, codeValue) in codes.Children)
                {
                    var codeText = (codeNode as YamlScalarNode)?.Value ?? string.Empty;
                    if (!int.TryParse(codeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) || scale.Find(code) is not { } sourceCode)
                    {
                        Problem(file.Locate(codeNode),
                            $"answer code {codeText} of scale '{id}' is not a code of that scale in {QuestionnaireReader.File} " +
                            $"({string.Join(", ", scale.Codes.Select(c => c.Code.ToString(CultureInfo.InvariantCulture)))}): the answer codes must be the same in every language");
                        continue;
                    }

                    if (Entry(codeValue, $"answer code {code} of scale '{id}'", sourceCode.Label.Sv) is { } text)
                    {
                        texts[code] = text;
                    }
                }

                foreach (var missing in scale.Codes.Where(c => !texts.ContainsKey(c.Code) && !Present(codes, c.Code.ToString(CultureInfo.InvariantCulture))))
                {
                    Problem(file.Locate(codes), $"answer code {missing.Code} of scale '{id}' has no text");
                }

                result[id] = texts;
            }

            foreach (var scale in scales.Where(s => !result.ContainsKey(s.Id) && !Present(mapping, s.Id)))
            {
                Problem(file.Locate(mapping), $"scale '{scale.Id}' has no texts (answer codes {string.Join(", ", scale.Codes.Select(c => c.Code.ToString(CultureInfo.InvariantCulture)))})");
            }

            return result;
        }

        private TranslatedText? Entry(YamlNode node, string what, string sourceText)
        {
            if (node is not YamlMappingNode mapping)
            {
                Problem(file.Locate(node), $"{what} must be written {{text: ..., status: translated|reviewed|adjudicated|pretested}}");
                return null;
            }

            var entry = new YamlMap(mapping, file.File, context.Log);
            var textNode = entry.Node("text");
            var text = (textNode as YamlScalarNode)?.Value?.Trim();
            var status = entry.Enum<TranslationStatus>("status");
            entry.Finish();
            if (string.IsNullOrEmpty(text))
            {
                Problem(entry.Location, $"{what} has no text");
                return null;
            }

            var expected = Placeholders(sourceText);
            var found = Placeholders(text);
            if (!expected.SequenceEqual(found, StringComparer.Ordinal))
            {
                Problem(entry.Location, $"{what} has placeholders {Describe(found)} but the Swedish source has {Describe(expected)}");
            }

            if (status is null)
            {
                Failed = true;
                return null;
            }

            return new TranslatedText(text, status.Value, entry.Location);
        }

        private static bool Present(YamlMappingNode mapping, string key) => mapping.Children.ContainsKey(new YamlScalarNode(key));

        private void Problem(SourceLocation location, string message)
        {
            Failed = true;
            context.Log.Add(location, $"language '{language}': {message}");
        }
    }
}

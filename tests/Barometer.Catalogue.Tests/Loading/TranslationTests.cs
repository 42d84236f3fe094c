using Barometer.Catalogue.Loading;
using Barometer.Catalogue.Questionnaires;

namespace Barometer.Catalogue.Tests.Loading;

/// <summary>
/// The questionnaire's translation files: the shipped ones are complete drafts, and a planted missing text, a planted
/// mismatched placeholder and a planted answer code that differs from the source are reported with file, line, the
/// text and the language (what <c>barometer catalogue validate</c> lists).
/// </summary>
public class TranslationTests
{
    private const string Arabic = "translations/questionnaire.ar.yaml";
    private const string Persian = "translations/questionnaire.fa.yaml";
    private const string Somali = "translations/questionnaire.so.yaml";
    private const string Ukrainian = "translations/questionnaire.uk.yaml";

    private static readonly IndicatorCatalogue Shipped = IndicatorCatalogue.Load(CatalogueLocator.Locate());

    [Fact]
    public void ShippedQuestionnaire_IsDeclaredInSevenLanguages_EachTranslationComplete()
    {
        var questionnaire = Shipped.Questionnaire;
        Assert.Equal(["sv", "en", "ar", "fa", "so", "ti", "uk"], questionnaire.Languages);
        Assert.Equal(["ar", "fa", "so", "ti", "uk"], questionnaire.Translations.Select(t => t.Language));
        var codes = questionnaire.Scales.Sum(s => s.Codes.Count);
        Assert.Equal(103, codes);
        Assert.Equal(26, questionnaire.Interface.Count); // 21 for the field host, 5 for the letters
        foreach (var translation in questionnaire.Translations)
        {
            Assert.Equal(questionnaire.Blocks.Count, translation.Blocks.Count);
            Assert.Equal(questionnaire.Items.Count, translation.Items.Count);
            Assert.Equal(codes, translation.Codes.Values.Sum(c => c.Count));
            Assert.Equal(questionnaire.Interface.Count, translation.Interface.Count);
            Assert.Equal(1 + 12 + 47 + 103 + 26, translation.Texts.Count());
        }
    }

    [Fact]
    public void ShippedTranslations_AreDraftsAtStatusTranslated_AndRightToLeftForArabicAndPersian()
    {
        foreach (var translation in Shipped.Questionnaire.Translations)
        {
            // Written by the project, not by a qualified translator: nothing is reviewed or adjudicated yet.
            Assert.All(translation.Texts, t => Assert.Equal(TranslationStatus.Translated, t.Status));
            Assert.Equal(translation.Language is "ar" or "fa" ? TextDirection.RightToLeft : TextDirection.LeftToRight, translation.Direction);
        }
    }

    [Fact]
    public void Load_PlantedMissingItemText_NamesFileItemAndLanguage()
    {
        using var copy = new CatalogueCopy();
        RemoveLine(copy, Arabic, "  q_trust_police:");
        var line = copy.LineOf(Arabic, "items:") + 1;
        copy.AssertProblem(Arabic, line, "language 'ar'", "item 'q_trust_police' has no text");
    }

    [Fact]
    public void Load_PlantedMissingAnswerCodeText_NamesScaleCodeAndLanguage()
    {
        using var copy = new CatalogueCopy();
        var scaleLine = copy.LineOf(Ukrainian, "  trust5:");
        RemoveLine(copy, Ukrainian, "    3: {status: translated, text: \"Ні висока, ні низька довіра\"}");
        copy.AssertProblem(Ukrainian, scaleLine + 1, "language 'uk'", "answer code 3 of scale 'trust5' has no text");
    }

    [Fact]
    public void Load_PlantedMismatchedPlaceholder_NamesTextAndLanguage()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Persian, "{0} از {1}", "{0} از {2}");
        copy.AssertProblem(Persian, line, "language 'fa'", "interface text 'progress' has placeholders {0}, {2} but the Swedish source has {0}, {1}");
    }

    [Fact]
    public void Load_PlantedPlaceholderInAnItem_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Ukrainian, "Наскільки ви довіряєте поліції?", "Наскільки ви довіряєте {police}?");
        copy.AssertProblem(Ukrainian, line, "language 'uk'", "item 'q_trust_police' has placeholders {police} but the Swedish source has none");
    }

    [Fact]
    public void Load_PlantedAnswerCodeThatDiffersFromTheSource_IsReported()
    {
        using var copy = new CatalogueCopy();
        // yes_no's "vet ej" keyed 7 instead of 8: 7 is no code of the scale, and 8 then has no text.
        var scaleLine = copy.LineOf(Somali, "  yes_no:");
        var line = copy.Replace(Somali, "    8: {status: translated, text: \"Ma garanayo\"}", "    7: {status: translated, text: \"Ma garanayo\"}");
        Assert.Equal(scaleLine + 3, line);
        copy.AssertProblem(Somali, line, "language 'so'", "answer code 7 of scale 'yes_no' is not a code of that scale", "the answer codes must be the same in every language");
        copy.AssertProblem(Somali, scaleLine + 1, "language 'so'", "answer code 8 of scale 'yes_no' has no text");
    }

    [Fact]
    public void Load_UnknownStatus_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Arabic, "work: {status: translated,", "work: {status: approved,");
        copy.AssertProblem(Arabic, line, "'status' must be one of translated, reviewed, adjudicated, pretested");
    }

    [Fact]
    public void Load_DeclaredLanguageWithoutFile_AndFileWithoutDeclaration_AreReported()
    {
        using var copy = new CatalogueCopy();
        File.Move(Path.Combine(copy.Directory, Arabic), Path.Combine(copy.Directory, "translations/questionnaire.ps.yaml"));
        copy.AssertProblem(Arabic, 1, "language 'ar' is declared in questionnaire.yaml but its translation file is missing");
        copy.AssertProblem("translations/questionnaire.ps.yaml", 1, "language 'ps' has a translation file but is not declared");
    }

    [Fact]
    public void Load_SourceEnglishWithoutTheSwedishPlaceholders_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace("questionnaire.yaml", "en: \"Page {0} of {1}\"", "en: \"Page {0}\"");
        copy.AssertProblem("questionnaire.yaml", line, "language 'en'", "interface text 'progress' has placeholders {0}");
    }

    [Fact]
    public void ForFielding_RefusesDraftLanguages_UnlessAllowed()
    {
        var languages = new QuestionnaireLanguages(Shipped.Questionnaire);

        var (all, problems) = languages.ForFielding([], allowDrafts: false);
        Assert.Empty(all);
        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.Contains("language 'ar' (العربية) is a draft: 189 texts: 189 translated in translations/questionnaire.ar.yaml", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Contains("--allow-draft-translations", p, StringComparison.Ordinal));

        var (source, none) = languages.ForFielding(["sv", "en"], allowDrafts: false);
        Assert.Empty(none);
        Assert.Equal(["sv", "en"], source.Select(l => l.Code));

        var (drafts, allowed) = languages.ForFielding([], allowDrafts: true);
        Assert.Empty(allowed);
        Assert.Equal(["sv", "en", "ar", "fa", "so", "ti", "uk"], drafts.Select(l => l.Code));

        var (_, unknown) = languages.ForFielding(["de"], allowDrafts: true);
        Assert.Contains("language 'de' is not declared", Assert.Single(unknown), StringComparison.Ordinal);
    }

    [Fact]
    public void Texts_AreTakenFromTheTranslation_OrTheSourceForSwedishAndEnglish()
    {
        var languages = new QuestionnaireLanguages(Shipped.Questionnaire);
        var item = Shipped.Questionnaire.FindItem("q_trust_police")!;
        var scale = Shipped.Questionnaire.FindScale("yes_no")!;
        Assert.Equal("Hur stort förtroende har du för polisen?", QuestionnaireLanguages.Question(item, languages.Find("sv")!));
        Assert.Equal("How much trust do you have in the police?", QuestionnaireLanguages.Question(item, languages.Find("en")!));
        Assert.Equal("Наскільки ви довіряєте поліції?", QuestionnaireLanguages.Question(item, languages.Find("uk")!));
        Assert.Equal("لا أعرف", QuestionnaireLanguages.CodeLabel(scale, scale.Find(8)!, languages.Find("ar")!));
        Assert.Equal("ገጽ {0} ካብ {1}", languages.Interface("progress", languages.Find("ti")!));
        Assert.Equal("Soomaali", languages.Find("so")!.Name);
    }

    private static void RemoveLine(CatalogueCopy copy, string relative, string start)
    {
        var path = Path.Combine(copy.Directory, relative);
        var lines = File.ReadAllLines(path).ToList();
        var index = lines.FindIndex(l => l.StartsWith(start, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no line starting '{start}' in {relative}");
        lines.RemoveAt(index);
        File.WriteAllLines(path, lines);
    }
}

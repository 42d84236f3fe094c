using System.Net;
using Barometer.Catalogue.Questionnaires;
using Barometer.Fieldwork.Tests.Hosting;
using Barometer.Storage.Fieldwork;

namespace Barometer.Fieldwork.Tests;

/// <summary>
/// The questionnaire in every declared language: the TRAPD gate (draft translations only with the flag), every page
/// in the respondent's language with its writing direction, and a language switch that keeps the page and its answers.
/// </summary>
public class LanguageTests
{
    private static readonly QuestionnaireLanguages Texts = new(FieldTestHost.Catalogue.Questionnaire);

    public static TheoryData<string> Translated => ["ar", "fa", "so", "ti", "uk"];

    private static FieldTestHost DraftHost() => new(new Dictionary<string, string?> { ["Fieldwork:AllowDraftTranslations"] = "true" });

    [Fact]
    public async Task DefaultHost_OffersTheAdjudicatedLanguagesOnly_LeavingTheDraftsOut()
    {
        using var host = new FieldTestHost();
        using var respondent = host.Respondent();

        await respondent.Get("/?lang=ar");

        Assert.Equal("sv", respondent.Language);
        Assert.Contains("href=\"/?lang=en\"", respondent.Html, StringComparison.Ordinal);
        foreach (var draft in Translated)
        {
            Assert.DoesNotContain("?lang=" + draft + "\"", respondent.Html, StringComparison.Ordinal);
        }

        Assert.Contains(host.Logs, l => l.Contains("Languages offered: sv, en", StringComparison.Ordinal));
    }

    [Fact]
    public void HostListingADraftLanguage_WithoutTheFlag_RefusesToStart()
    {
        using var host = new FieldTestHost(new Dictionary<string, string?> { ["Fieldwork:Languages"] = "sv,ar" });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => host.CreateClient());

        Assert.Contains("language 'ar' (العربية) is a draft", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-draft-translations", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Translated))]
    public async Task EveryPage_IsInTheChosenLanguage_WithItsDirection(string code)
    {
        using var host = DraftHost();
        using var respondent = host.Respondent();
        var language = Texts.Find(code)!;
        var dir = code is "ar" or "fa" ? "rtl" : "ltr";

        await respondent.Get("/?lang=" + code);
        Assert.Contains($"<html lang=\"{code}\" dir=\"{dir}\">", respondent.Html, StringComparison.Ordinal);
        Assert.Contains(Texts.Interface("welcome", language), Decoded(respondent), StringComparison.Ordinal);
        Assert.Contains("<input type=\"text\" id=\"code\" name=\"code\" dir=\"ltr\"", respondent.Html, StringComparison.Ordinal);

        await respondent.LogIn(host.Codes[101].Printed, code);
        Assert.Equal("work", respondent.Block);
        Assert.Contains($"<html lang=\"{code}\" dir=\"{dir}\">", respondent.Html, StringComparison.Ordinal);
        var page = Decoded(respondent);
        var questionnaire = FieldTestHost.Catalogue.Questionnaire;
        var item = questionnaire.FindItem("q_employed_now")!;
        var scale = questionnaire.FindScale(item.Scale)!;
        Assert.Contains(QuestionnaireLanguages.Block(questionnaire.Blocks[0], language), page, StringComparison.Ordinal);
        Assert.Contains(QuestionnaireLanguages.Question(item, language), page, StringComparison.Ordinal);
        foreach (var answer in scale.Codes)
        {
            Assert.Contains(">" + QuestionnaireLanguages.CodeLabel(scale, answer, language) + "</label>", page, StringComparison.Ordinal);
        }

        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, Texts.Interface("progress", language), 1, 12), page, StringComparison.Ordinal);
        Assert.DoesNotContain("Nästa", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneRespondentPerLanguage_AnswersTheWholeQuestionnaire_InThatLanguage()
    {
        using var host = DraftHost();
        var languages = new Dictionary<long, string> { [101] = "ar", [102] = "fa", [103] = "so", [104] = "ti", [105] = "uk", [106] = "en" };
        foreach (var (person, code) in languages)
        {
            using var respondent = host.Respondent();
            await respondent.LogIn(host.Codes[person].Printed, code);
            var blocks = await QuestionnaireTests.AnswerAll(respondent);

            Assert.Equal("/done?lang=" + code, respondent.Path);
            Assert.Contains(Texts.Interface("thanks", Texts.Find(code)!), Decoded(respondent), StringComparison.Ordinal);
            Assert.NotEmpty(blocks);
        }

        using var store = FieldStore.OpenExisting(host.FieldStorePath, TimeProvider.System);
        foreach (var (person, code) in languages)
        {
            Assert.True(store.IsCompleted(FieldTestHost.Wave, person));
            Assert.All(store.PageVisits(FieldTestHost.Wave).Where(v => v.PersonId == person), v => Assert.Equal(code, v.Language));
        }
    }

    [Fact]
    public async Task LanguageSwitch_KeepsThePageAndItsAnswers_IntoRightToLeftAndBack()
    {
        using var host = DraftHost();
        using var respondent = host.Respondent();
        await respondent.LogIn(host.Codes[101].Printed);
        await respondent.Submit(new Dictionary<string, string> { ["q_employed_now"] = "1" });
        var page = respondent.Block;
        Assert.Equal("language", page);
        var first = respondent.Questions.First();

        await respondent.Submit(new Dictionary<string, string> { [first.Key] = first.Value[1] }, "lang:ar");
        Assert.Equal(page, respondent.Block);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", respondent.Html, StringComparison.Ordinal);
        Assert.Equal(first.Value[1], respondent.Checked[first.Key]);

        // An answer given on the Arabic page survives the next switch too.
        var second = respondent.Questions.Skip(1).First();
        await respondent.Submit(new Dictionary<string, string>(respondent.Checked) { [second.Key] = second.Value[0] }, "lang:ti");
        Assert.Equal(page, respondent.Block);
        Assert.Contains("<html lang=\"ti\" dir=\"ltr\">", respondent.Html, StringComparison.Ordinal);
        Assert.Equal(first.Value[1], respondent.Checked[first.Key]);
        Assert.Equal(second.Value[0], respondent.Checked[second.Key]);

        await respondent.Submit(new Dictionary<string, string>(respondent.Checked), "back");
        Assert.Equal("work", respondent.Block);
        Assert.Equal("ti", respondent.Language);
        Assert.Equal("1", respondent.Checked["q_employed_now"]);

        using var store = FieldStore.OpenExisting(host.FieldStorePath, TimeProvider.System);
        Assert.Equal(["sv", "sv", "ar", "ti"], store.PageVisits(FieldTestHost.Wave).Where(v => v.PersonId == 101).Select(v => v.Language));
    }

    [Fact]
    public async Task LanguageSwitch_IsInsideThePageForm_AfterItsOwnButtons_NamingEachLanguageInItself()
    {
        using var host = DraftHost();
        using var respondent = host.Respondent();
        await respondent.LogIn(host.Codes[102].Printed, "fa");
        var html = respondent.Html;

        // "Next" is the form's first button, so Enter never switches language.
        var next = html.IndexOf("value=\"next\"", StringComparison.Ordinal);
        var formEnd = html.IndexOf("</form>", StringComparison.Ordinal);
        Assert.True(next > 0 && next < html.IndexOf("value=\"lang:", StringComparison.Ordinal));
        Assert.True(html.LastIndexOf("value=\"lang:", StringComparison.Ordinal) < formEnd);
        Assert.Contains("<a href=\"#languages\">", html, StringComparison.Ordinal);
        foreach (var other in Texts.All.Where(l => l.Code != "fa"))
        {
            var dir = other.Code is "ar" ? "rtl" : "ltr";
            Assert.Contains($"value=\"lang:{other.Code}\" class=\"secondary\" lang=\"{other.Code}\" dir=\"{dir}\">{other.Name}</button>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        }
    }

    private static string Decoded(Respondent respondent) => WebUtility.HtmlDecode(respondent.Html);
}

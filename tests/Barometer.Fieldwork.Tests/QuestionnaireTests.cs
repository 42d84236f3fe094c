using System.Net;
using Barometer.Fieldwork.Tests.Hosting;
using Barometer.Storage.Fieldwork;

namespace Barometer.Fieldwork.Tests;

public class QuestionnaireTests
{
    /// <summary>Answers every page shown with the first alternative of each question; returns the blocks seen in order.</summary>
    internal static async Task<List<string>> AnswerAll(Respondent respondent, Func<string, List<string>, string>? choose = null)
    {
        var blocks = new List<string>();
        for (var guard = 0; respondent.Block is { } block && guard < 50; guard++)
        {
            blocks.Add(block);
            var answers = respondent.Questions.ToDictionary(q => q.Key, q => choose?.Invoke(q.Key, q.Value) ?? q.Value[0]);
            await respondent.Submit(answers);
        }

        return blocks;
    }

    [Fact]
    public async Task Respondent_AnswersTheWholeQuestionnaire_OverHttp()
    {
        using var host = new FieldTestHost();
        using var respondent = host.Respondent();

        await respondent.LogIn(host.Codes[101].Printed);
        Assert.Equal(HttpStatusCode.OK, respondent.Status);
        Assert.Equal("work", respondent.Block);
        Assert.Contains("Sida 1 av", respondent.Html, StringComparison.Ordinal);
        var blocks = await AnswerAll(respondent);

        Assert.Equal("/done?lang=sv", respondent.Path);
        Assert.Contains("Tack för dina svar", respondent.Html, StringComparison.Ordinal);
        Assert.Equal(FieldTestHost.Catalogue.Questionnaire.Blocks.Select(b => b.Id), blocks);
        using var store = FieldStore.OpenExisting(host.FieldStorePath, TimeProvider.System);
        Assert.True(store.IsCompleted(FieldTestHost.Wave, 101));
        var answers = store.Answers(FieldTestHost.Wave, 101);
        Assert.Equal(FieldTestHost.Catalogue.Questionnaire.Items.Count, answers.Count);
        Assert.Equal(blocks.Count, store.PageVisits(FieldTestHost.Wave).Count(v => v.PersonId == 101));
        Assert.All(store.PageVisits(FieldTestHost.Wave), v => Assert.Equal("sv", v.Language));
    }

    [Fact]
    public async Task EveryPage_LabelsEveryControl_AndStatesItsLanguage()
    {
        using var host = new FieldTestHost();
        using var respondent = host.Respondent();
        await respondent.LogIn(host.Codes[105].Printed);

        Assert.Contains("<html lang=\"sv\" dir=\"ltr\">", respondent.Html, StringComparison.Ordinal);
        foreach (var (item, codes) in respondent.Questions)
        {
            foreach (var code in codes)
            {
                Assert.Contains($"<label for=\"{item}-{code}\">", respondent.Html, StringComparison.Ordinal);
            }
        }

        Assert.Contains("<fieldset>\n<legend>", respondent.Html, StringComparison.Ordinal);
        Assert.Contains(">Vet ej</label>", respondent.Html, StringComparison.Ordinal);
        Assert.Contains(">Inget svar</label>", respondent.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routing_SkipsTheLanguageBlockForTheNativeBorn_AndTheYouthBlockAbove29()
    {
        using var host = new FieldTestHost();
        using var native = host.Respondent();
        using var foreign = host.Respondent();

        await native.LogIn(host.Codes[102].Printed);
        var nativeBlocks = await AnswerAll(native);
        await foreign.LogIn(host.Codes[101].Printed);
        var foreignBlocks = await AnswerAll(foreign);

        Assert.DoesNotContain("language", nativeBlocks);
        Assert.DoesNotContain("youth", nativeBlocks);
        Assert.Contains("language", foreignBlocks);
        Assert.Contains("youth", foreignBlocks);
    }

    [Fact]
    public async Task Routing_ByAnEarlierAnswer_SkipsTheFilteredItem_AndBackNavigationReRoutes()
    {
        using var host = new FieldTestHost();
        using var respondent = host.Respondent();
        await respondent.LogIn(host.Codes[103].Printed);

        // Not employed (2): the Swedish-at-work item is not asked.
        await respondent.Submit(new Dictionary<string, string> { ["q_employed_now"] = "2" });
        Assert.Equal("language", respondent.Block);
        Assert.DoesNotContain("q_swedish_at_work", respondent.Questions.Keys);
        Assert.Contains("q_swedish_speak", respondent.Questions.Keys);

        // Back, change to employed (1): now it is.
        await respondent.Submit(new Dictionary<string, string>(), "back");
        Assert.Equal("work", respondent.Block);
        Assert.Equal("2", respondent.Checked["q_employed_now"]);
        await respondent.Submit(new Dictionary<string, string> { ["q_employed_now"] = "1" });
        Assert.Equal("language", respondent.Block);
        Assert.Contains("q_swedish_at_work", respondent.Questions.Keys);
    }

    [Fact]
    public async Task LanguageSwitch_OnAPage_KeepsTheAnswersGivenOnIt_AndEarlierOnes()
    {
        using var host = new FieldTestHost();
        using var respondent = host.Respondent();
        await respondent.LogIn(host.Codes[105].Printed);
        await respondent.Submit(new Dictionary<string, string> { ["q_employed_now"] = "1" });
        var page = respondent.Block;
        var first = respondent.Questions.First();

        await respondent.Submit(new Dictionary<string, string> { [first.Key] = first.Value[1] }, "lang:en");

        Assert.Equal(page, respondent.Block);
        Assert.Equal("en", respondent.Language);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", respondent.Html, StringComparison.Ordinal);
        Assert.Contains("Page 2 of", respondent.Html, StringComparison.Ordinal);
        Assert.Equal(first.Value[1], respondent.Checked[first.Key]);
        await respondent.Submit(new Dictionary<string, string>(respondent.Checked), "back");
        Assert.Equal("work", respondent.Block);
        Assert.Equal("en", respondent.Language);
        Assert.Equal("1", respondent.Checked["q_employed_now"]);
        Assert.Contains("Do you currently have a job", respondent.Html, StringComparison.Ordinal);

        using var store = FieldStore.OpenExisting(host.FieldStorePath, TimeProvider.System);
        Assert.Equal(["sv", "sv", "en"], store.PageVisits(FieldTestHost.Wave).Where(v => v.PersonId == 105).Select(v => v.Language));
    }

    [Fact]
    public async Task SaveAndResume_LoggingInAgain_ContinuesAfterTheLastPage_WithTheAnswers()
    {
        using var host = new FieldTestHost();
        string trustPage;
        Dictionary<string, string> answers;
        using (var first = host.Respondent())
        {
            await first.LogIn(host.Codes[104].Printed);
            await first.Submit(new Dictionary<string, string> { ["q_employed_now"] = "2" });
            trustPage = first.Block!;
            answers = first.Questions.ToDictionary(q => q.Key, q => q.Value[2]);
            await first.Submit(answers, "stop");
            Assert.Equal("/stopped?lang=sv", first.Path);

            // The session ended with stop.
            await first.Get("/q/" + trustPage);
            Assert.Equal("/?lang=sv", first.Path);
        }

        using var again = host.Respondent();
        await again.LogIn(host.Codes[104].Printed);
        Assert.NotNull(again.Block);
        Assert.NotEqual(trustPage, again.Block);
        Assert.NotEqual("work", again.Block);
        await again.Submit(new Dictionary<string, string>(), "back");
        Assert.Equal(trustPage, again.Block);
        Assert.Equal(answers, again.Checked);
    }
}

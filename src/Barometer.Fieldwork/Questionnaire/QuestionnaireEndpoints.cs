using System.Globalization;
using Barometer.Catalogue.Questionnaires;
using Barometer.Fieldwork.Access;
using Barometer.Storage.Fieldwork;
using Microsoft.AspNetCore.Antiforgery;

namespace Barometer.Fieldwork.Questionnaire;

/// <summary>
/// The questionnaire pages: <c>GET /q</c> resumes where the respondent stopped, <c>GET /q/{block}</c> shows a page,
/// <c>POST /q/{block}</c> saves its answers (one transaction) and moves on, back, to another language on the same page,
/// or stops (save and resume later). Every page is for the session's own person only: nothing in a URL or form names a
/// person.
/// </summary>
internal static class QuestionnaireEndpoints
{
    private const string Html = "text/html; charset=utf-8";

    public static void MapQuestionnaire(this WebApplication app)
    {
        app.MapGet("/q", (HttpContext context, string? lang, FieldLanguages languages, RespondentSessions sessions, FieldStore store, QuestionnaireFlow flow) =>
        {
            var language = languages.Parse(lang);
            if (sessions.Current(context) is not { } session)
            {
                return Results.Redirect("/?lang=" + language.Code);
            }

            if (store.IsCompleted(session.Wave, session.PersonId))
            {
                return Results.Redirect("/done?lang=" + language.Code);
            }

            var pages = Pages(store, flow, session);
            var last = store.LastPage(session.Wave, session.PersonId);
            var index = last is null ? 0 : Math.Min(pages.Count - 1, pages.ToList().FindIndex(p => p.Block.Id == last) + 1);
            return Results.Redirect(PageUrl(pages[Math.Max(0, index)].Block.Id, language));
        });

        app.MapGet("/q/{block}", (HttpContext context, string block, string? lang, FieldLanguages languages, RespondentSessions sessions, FieldStore store, QuestionnaireFlow flow, IAntiforgery antiforgery) =>
        {
            var language = languages.Parse(lang);
            if (sessions.Current(context) is not { } session)
            {
                return Results.Redirect("/?lang=" + language.Code);
            }

            if (store.IsCompleted(session.Wave, session.PersonId))
            {
                return Results.Redirect("/done?lang=" + language.Code);
            }

            var pages = Pages(store, flow, session);
            var index = pages.ToList().FindIndex(p => p.Block.Id == block);
            if (index < 0)
            {
                return Results.Redirect("/q?lang=" + language.Code);
            }

            store.PageShown(session.Wave, session.PersonId, block);
            return Render(context, antiforgery, languages, language, pages, index, null, StatusCodes.Status200OK);
        });

        app.MapPost("/q/{block}", (HttpContext context, string block, IFormCollection form, FieldLanguages languages, RespondentSessions sessions, FieldStore store, QuestionnaireFlow flow,
            IAntiforgery antiforgery, ILogger<FieldworkHost> logger) =>
        {
            var language = languages.Parse(form["lang"]);
            if (sessions.Current(context) is not { } session)
            {
                return Results.Redirect("/?lang=" + language.Code);
            }

            if (store.IsCompleted(session.Wave, session.PersonId))
            {
                return Results.Redirect("/done?lang=" + language.Code);
            }

            var register = store.SampleRow(session.Wave, session.PersonId);
            var stored = store.Answers(session.Wave, session.PersonId);
            var pages = flow.Pages(register, stored);
            var index = pages.ToList().FindIndex(p => p.Block.Id == block);
            if (index < 0)
            {
                return Results.Redirect("/q?lang=" + language.Code);
            }

            var page = pages[index];
            var given = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (item, scale) in page.Items)
            {
                var text = form[item.Id].ToString();
                if (text.Length == 0)
                {
                    continue;
                }

                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) || scale.Find(code) is null)
                {
                    return Render(context, antiforgery, languages, language, pages, index, languages.T(FieldTexts.InvalidAnswer, language), StatusCodes.Status400BadRequest);
                }

                given[item.Id] = code;
            }

            var merged = new Dictionary<string, int>(stored, StringComparer.Ordinal);
            foreach (var (item, code) in given)
            {
                merged[item] = code;
            }

            var after = flow.Pages(register, merged);
            var at = after.ToList().FindIndex(p => p.Block.Id == block);
            var newlyAsked = at >= 0 && after[at].Items.Any(n => page.Items.All(o => o.Item.Id != n.Item.Id));
            var action = form["action"].ToString();
            var switchTo = action.StartsWith("lang:", StringComparison.Ordinal) ? languages.Parse(action["lang:".Length..]) : language;
            var completes = action == "next" && !newlyAsked && at == after.Count - 1;
            store.SavePage(session.Wave, session.PersonId, new FieldPageSubmission(block, language.Code, given, completes));
            if (completes)
            {
                FieldLog.Completed(logger);
                sessions.End(context);
                return Results.Redirect("/done?lang=" + language.Code);
            }

            if (action == "stop")
            {
                sessions.End(context);
                return Results.Redirect("/stopped?lang=" + language.Code);
            }

            var target = at < 0 ? "/q?lang=" + switchTo.Code
                : action == "next" && !newlyAsked ? PageUrl(after[at + 1].Block.Id, switchTo)
                : action == "back" && at > 0 ? PageUrl(after[at - 1].Block.Id, switchTo)
                : PageUrl(block, switchTo);
            return Results.Redirect(target);
        });

        app.MapGet("/done", (string? lang, FieldLanguages languages) =>
        {
            var language = languages.Parse(lang);
            return Results.Content(PageHtml.Message(languages, language, languages.T(FieldTexts.Finish, language), languages.T(FieldTexts.Thanks, language), "/done"), Html);
        });

        app.MapGet("/stopped", (string? lang, FieldLanguages languages) =>
        {
            var language = languages.Parse(lang);
            return Results.Content(PageHtml.Message(languages, language, languages.T(FieldTexts.Stop, language), languages.T(FieldTexts.Stopped, language), "/stopped"), Html);
        });
    }

    private static IReadOnlyList<FlowPage> Pages(FieldStore store, QuestionnaireFlow flow, FieldSession session) =>
        flow.Pages(store.SampleRow(session.Wave, session.PersonId), store.Answers(session.Wave, session.PersonId));

    private static string PageUrl(string block, QuestionnaireLanguage language) => "/q/" + Uri.EscapeDataString(block) + "?lang=" + language.Code;

    private static IResult Render(HttpContext context, IAntiforgery antiforgery, FieldLanguages languages, QuestionnaireLanguage language, IReadOnlyList<FlowPage> pages, int index, string? message, int status)
    {
        var page = pages[index];
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = PageHtml.Page(languages, new QuestionPage(language, page.Block, page.Items, page.Answers, index + 1, pages.Count), tokens.FormFieldName, tokens.RequestToken!, message);
        return Results.Content(html, Html, null, status);
    }
}

using Barometer.Catalogue.Questionnaires;
using Barometer.Fieldwork.Questionnaire;
using Barometer.Storage.Fieldwork;
using Microsoft.AspNetCore.Antiforgery;

namespace Barometer.Fieldwork.Access;

/// <summary>
/// Logging in with the access code. The code's first group finds the person's row (<see cref="AccessCode"/>); the
/// secret is checked against its salted PBKDF2 hash. Wrong attempts count per lookup id (the code is locked at
/// <see cref="FieldworkSettings.MaxFailuresPerCode"/>) and per client address (<see cref="ClientAttempts"/>), and the
/// endpoint is rate-limited per client. Neither the code nor any part of it is logged.
/// </summary>
internal static class AccessEndpoints
{
    public static void MapAccess(this WebApplication app)
    {
        app.MapGet("/", (HttpContext context, string? lang, FieldLanguages languages, RespondentSessions sessions, IAntiforgery antiforgery) =>
        {
            if (sessions.Current(context) is not null)
            {
                return Results.Redirect("/q?lang=" + languages.Parse(lang).Code);
            }

            return LoginPage(context, antiforgery, languages, languages.Parse(lang), null, StatusCodes.Status200OK);
        });

        app.MapPost("/login", (HttpContext context, IFormCollection form, FieldLanguages languages, FieldStore store, FieldworkSettings settings, RespondentSessions sessions,
            ClientAttempts clients, IAntiforgery antiforgery, ILogger<FieldworkHost> logger) =>
        {
            var language = languages.Parse(form["lang"]);
            var client = FieldworkSetup.ClientKey(context);
            if (clients.IsLockedOut(client))
            {
                FieldLog.LoginFailed(logger, "client locked out");
                return LoginPage(context, antiforgery, languages, language, languages.T(FieldTexts.ClientLocked, language), StatusCodes.Status429TooManyRequests);
            }

            var code = AccessCode.Parse(form["code"]);
            var record = code is null ? null : store.FindCode(settings.Wave, code.LookupId);
            string reason;
            string message = languages.T(FieldTexts.WrongCode, language);
            if (code is null || record is null)
            {
                reason = "no such code";
            }
            else if (record.Locked)
            {
                reason = "code locked";
                message = languages.T(FieldTexts.CodeLocked, language);
            }
            else if (record.Iterations < settings.MinimumIterations || !code.Matches(record.Salt, record.SecretHash, record.Iterations))
            {
                reason = "wrong secret";
                var failures = store.RecordFailure(settings.Wave, record.LookupId, settings.MaxFailuresPerCode);
                if (failures >= settings.MaxFailuresPerCode)
                {
                    FieldLog.CodeLocked(logger, failures);
                    message = languages.T(FieldTexts.CodeLocked, language);
                }
            }
            else if (store.IsCompleted(settings.Wave, record.PersonId))
            {
                return Results.Content(PageHtml.Message(languages, language, languages.T(FieldTexts.Start, language), languages.T(FieldTexts.AlreadyAnswered, language), "/"), "text/html; charset=utf-8");
            }
            else
            {
                clients.Succeed(client);
                sessions.Start(context, record);
                FieldLog.LoggedIn(logger);
                return Results.Redirect("/q?lang=" + language.Code, permanent: false, preserveMethod: false);
            }

            FieldLog.LoginFailed(logger, reason);
            if (clients.Fail(client))
            {
                FieldLog.ClientLocked(logger, settings.ClientLockoutMinutes, settings.MaxFailuresPerClient);
            }

            return LoginPage(context, antiforgery, languages, language, message, StatusCodes.Status401Unauthorized);
        }).RequireRateLimiting(FieldworkSetup.LoginPolicy);
    }

    private static IResult LoginPage(HttpContext context, IAntiforgery antiforgery, FieldLanguages languages, QuestionnaireLanguage language, string? message, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return Results.Content(PageHtml.Login(languages, language, tokens.FormFieldName, tokens.RequestToken!, message), "text/html; charset=utf-8", null, status);
    }
}

namespace Barometer.Fieldwork;

/// <summary>
/// The field host's log messages. None carries an access code, a part of one, an answer or a person id: a log is
/// read by more people than the field store.
/// </summary>
internal static partial class FieldLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Fieldwork of wave {Wave} open: {Store}")]
    public static partial void Opened(ILogger logger, int wave, string store);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "A respondent logged in")]
    public static partial void LoggedIn(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "A login failed ({Reason})")]
    public static partial void LoginFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "An access code was locked after {Failures} wrong attempts")]
    public static partial void CodeLocked(ILogger logger, int failures);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "A client address was locked out for {Minutes} minutes after {Failures} failed logins")]
    public static partial void ClientLocked(ILogger logger, int minutes, int failures);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "A respondent completed the questionnaire")]
    public static partial void Completed(ILogger logger);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Languages offered: {Languages}")]
    public static partial void LanguagesOffered(ILogger logger, string languages);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Draft translations offered (texts not adjudicated): {Languages}")]
    public static partial void DraftsOffered(ILogger logger, string languages);
}

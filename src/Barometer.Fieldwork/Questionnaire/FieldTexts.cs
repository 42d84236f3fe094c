namespace Barometer.Fieldwork.Questionnaire;

/// <summary>
/// The keys of the field host's own texts. The texts are data: Swedish and English under <c>interface:</c> in
/// catalogue/questionnaire.yaml, every other language in its translation file (checked by <c>catalogue validate</c>);
/// the questions come from the catalogue too.
/// </summary>
internal static class FieldTexts
{
    public const string Welcome = "welcome";
    public const string CodeLabel = "code_label";
    public const string Start = "start";
    public const string WrongCode = "wrong_code";
    public const string CodeLocked = "code_locked";
    public const string ClientLocked = "client_locked";
    public const string TooManyAttempts = "too_many_attempts";
    public const string AlreadyAnswered = "already_answered";
    public const string FieldworkClosed = "fieldwork_closed";
    public const string Next = "next";
    public const string Back = "back";
    public const string Finish = "finish";
    public const string Progress = "progress";
    public const string LanguageName = "language_name";
    public const string LanguageSwitch = "language_switch";
    public const string Thanks = "thanks";
    public const string Stop = "stop";
    public const string Stopped = "stopped";
    public const string InvalidAnswer = "invalid_answer";
    public const string Optional = "optional";
    public const string SkipToContent = "skip_to_content";

    /// <summary>Every key the host uses; the host refuses to start when the questionnaire lacks one.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        Welcome, CodeLabel, Start, WrongCode, CodeLocked, ClientLocked, TooManyAttempts, AlreadyAnswered, FieldworkClosed, Next, Back, Finish,
        Progress, LanguageName, LanguageSwitch, Thanks, Stop, Stopped, InvalidAnswer, Optional, SkipToContent,
    ];
}

using Barometer.Catalogue.Text;

namespace Barometer.Fieldwork.Questionnaire;

/// <summary>Every text of the field host's own pages, in Swedish (the default) and English; the questions come from the catalogue.</summary>
internal static class FieldTexts
{
    public static readonly LocalizedText Title = new("Integrationsbarometerns enkät", "The Integration Barometer survey");
    public static readonly LocalizedText Welcome = new(
        "Välkommen! Skriv in koden från ditt brev för att börja eller fortsätta enkäten. Dina svar sparas sida för sida, så du kan avbryta och fortsätta senare med samma kod.",
        "Welcome! Enter the code from your letter to start or continue the survey. Your answers are saved page by page, so you can stop and continue later with the same code.");
    public static readonly LocalizedText CodeLabel = new("Din kod (16 tecken, t.ex. ABCD-EFGH-JKLM-NPQR)", "Your code (16 characters, e.g. ABCD-EFGH-JKLM-NPQR)");
    public static readonly LocalizedText Start = new("Börja", "Start");
    public static readonly LocalizedText WrongCode = new("Koden stämmer inte. Kontrollera den mot brevet och försök igen.", "The code is not right. Check it against the letter and try again.");
    public static readonly LocalizedText CodeLocked = new(
        "Koden är spärrad efter för många felaktiga försök. Kontakta oss på telefonnumret i brevet.",
        "The code is blocked after too many wrong attempts. Contact us at the telephone number in the letter.");
    public static readonly LocalizedText ClientLocked = new(
        "För många misslyckade inloggningar från din anslutning. Vänta en stund och försök igen.",
        "Too many failed logins from your connection. Wait a while and try again.");
    public static readonly LocalizedText TooManyAttempts = new("För många försök på kort tid. Vänta en minut och försök igen.", "Too many attempts in a short time. Wait a minute and try again.");
    public static readonly LocalizedText AlreadyAnswered = new("Enkäten är redan besvarad med den här koden. Tack för dina svar!", "The survey has already been answered with this code. Thank you for your answers!");
    public static readonly LocalizedText FieldworkClosed = new("Enkäten är stängd.", "The survey is closed.");
    public static readonly LocalizedText Next = new("Nästa", "Next");
    public static readonly LocalizedText Back = new("Föregående", "Previous");
    public static readonly LocalizedText Finish = new("Skicka in svaren", "Submit the answers");
    public static readonly LocalizedText Progress = new("Sida {0} av {1}", "Page {0} of {1}");
    public static readonly LocalizedText LanguageName = new("Svenska", "English");
    public static readonly LocalizedText LanguageSwitch = new("Språk", "Language");
    public static readonly LocalizedText Thanks = new("Tack för dina svar! Enkäten är inskickad och koden kan inte användas igen.", "Thank you for your answers! The survey is submitted and the code cannot be used again.");
    public static readonly LocalizedText Stop = new("Spara och avsluta", "Save and stop");
    public static readonly LocalizedText Stopped = new(
        "Dina svar är sparade. Logga in igen med samma kod för att fortsätta där du slutade.",
        "Your answers are saved. Log in again with the same code to continue where you stopped.");
    public static readonly LocalizedText InvalidAnswer = new("Ett svar var inte ett av alternativen. Välj igen.", "An answer was not one of the options. Choose again.");
    public static readonly LocalizedText Optional = new("Du kan hoppa över en fråga du inte vill svara på.", "You may skip a question you do not want to answer.");
}

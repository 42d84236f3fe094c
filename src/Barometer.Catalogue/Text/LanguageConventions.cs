using System.Globalization;

namespace Barometer.Catalogue.Text;

/// <summary>
/// What follows from a language besides its texts: its code (the html lang attribute, the API's lang parameter)
/// and its culture for numbers and dates. Both are picked through <see cref="LocalizedText"/>.
/// </summary>
public static class LanguageConventions
{
    private static readonly LocalizedText Codes = new("sv", "en");
    private static readonly LocalizedText OtherCodes = new("en", "sv");
    private static readonly LocalizedText CultureNames = new("sv-SE", "en-GB");

    /// <summary>The language's code: <c>sv</c> or <c>en</c>.</summary>
    public static string Code(this Language language) => Codes[language];

    /// <summary>The code of the other language (the alternate link, the language switch).</summary>
    public static string OtherCode(this Language language) => OtherCodes[language];

    /// <summary>The language's culture: <c>sv-SE</c> or <c>en-GB</c>.</summary>
    public static CultureInfo Culture(this Language language) => CultureInfo.GetCultureInfo(CultureNames[language]);
}

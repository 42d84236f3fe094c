using Barometer.Catalogue.Text;

namespace Barometer.Fieldwork.Questionnaire;

/// <summary>The languages the questionnaire is offered in, and how a page names its language and writing direction.</summary>
internal static class FieldLanguages
{
    public static IReadOnlyList<Language> Offered { get; } = [Language.Sv, Language.En];

    /// <summary>The language of a <c>lang</c> parameter; Swedish (the source) for anything else.</summary>
    public static Language Parse(string? code) => Offered.FirstOrDefault(l => string.Equals(l.Code(), code, StringComparison.Ordinal), Language.Sv);

    /// <summary>Languages written right to left (Arabic and Persian, when their translations come).</summary>
    private static readonly HashSet<Language> RightToLeft = [];

    /// <summary>The writing direction for the page's <c>dir</c> attribute.</summary>
    public static string Direction(Language language) => RightToLeft.Contains(language) ? "rtl" : "ltr";
}

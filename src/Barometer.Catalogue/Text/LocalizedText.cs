namespace Barometer.Catalogue.Text;

/// <summary>The languages every user-facing text exists in; Swedish is the default.</summary>
public enum Language
{
    Sv,
    En,
}

/// <summary>A text in Swedish and English. The loader reports a missing or empty translation.</summary>
public sealed record LocalizedText(string Sv, string En)
{
    public string this[Language language] => language == Language.En ? En : Sv;
}

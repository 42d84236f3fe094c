using System.Globalization;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Text;

namespace Barometer.Reporting.Findings;

/// <summary>What a released value is, which decides its scale and unit in the report.</summary>
public enum ValueRole
{
    /// <summary>A level (or the bounds and margin of a level) on the indicator's unit.</summary>
    Level,

    /// <summary>A difference between groups or waves: percentage points for shares, else the indicator's unit.</summary>
    Difference,

    /// <summary>A gap of a ratio-gap indicator: the focal group's value as a percentage of the reference group's.</summary>
    RatioGap,

    /// <summary>A count (respondents, persons).</summary>
    Count,

    /// <summary>A share on the 0–1 scale shown in per cent (response rates).</summary>
    Share,
}

/// <summary>
/// Formats released values for the report: scaled by the indicator's unit (shares ×100), rounded to the indicator's
/// decimals, with decimal comma, a non-breaking space between thousands and a true minus sign in Swedish, and
/// decimal point and comma between thousands in English.
/// </summary>
public static class ReportNumbers
{
    private static readonly CultureInfo Swedish = CreateSwedish();
    private static readonly CultureInfo English = CreateEnglish();

    public static CultureInfo Culture(Language language) => language == Language.En ? English : Swedish;

    /// <summary>The factor that turns a stored value of <paramref name="role"/> into what the report shows.</summary>
    public static double Scale(Indicator indicator, ValueRole role)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return role switch
        {
            ValueRole.RatioGap or ValueRole.Share => 100,
            ValueRole.Count => 1,
            _ => indicator.Unit == "percent" ? 100 : 1,
        };
    }

    /// <summary>The decimals a value of <paramref name="role"/> is shown with.</summary>
    public static int Decimals(Indicator indicator, ValueRole role)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return role switch
        {
            ValueRole.Count => 0,
            ValueRole.RatioGap or ValueRole.Share => 1,
            _ => indicator.Decimals,
        };
    }

    public static string Format(double value, int decimals, Language language)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            rounded = 0; // no negative zero
        }

        return rounded.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture(language));
    }

    public static string Format(double stored, Indicator indicator, ValueRole role, Language language) =>
        Format(stored * Scale(indicator, role), Decimals(indicator, role), language);

    /// <summary>Formats with an explicit sign (+ or minus), for changes and gaps in tables.</summary>
    public static string FormatSigned(double stored, Indicator indicator, ValueRole role, Language language)
    {
        var text = Format(stored, indicator, role, language);
        return text.StartsWith('-') || text.StartsWith('\u2212') || IsZero(text) ? text : "+" + text;
    }

    /// <summary>Reads back a number as <see cref="Format(double,int,Language)"/> wrote it (for tests and checks).</summary>
    public static double Parse(string text, Language language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = text.Trim().Replace("\u00a0", "", StringComparison.Ordinal).Replace("\u202f", "", StringComparison.Ordinal)
            .Replace('\u2212', '-').TrimStart('+');
        cleaned = language == Language.En ? cleaned.Replace(",", "", StringComparison.Ordinal) : cleaned.Replace(" ", "", StringComparison.Ordinal).Replace(',', '.');
        return double.Parse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    private static bool IsZero(string text) => text.All(c => c is '0' or ',' or '.');

    private static CultureInfo CreateSwedish()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = "\u00a0";
        culture.NumberFormat.NegativeSign = "\u2212";
        return CultureInfo.ReadOnly(culture);
    }

    private static CultureInfo CreateEnglish()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ".";
        culture.NumberFormat.NumberGroupSeparator = ",";
        culture.NumberFormat.NegativeSign = "-";
        return CultureInfo.ReadOnly(culture);
    }
}

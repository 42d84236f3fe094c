using System.Globalization;
using Barometer.Catalogue.Text;

namespace Barometer.Web.Dashboard.Localization;

/// <summary>
/// The language of one dashboard request and everything that follows from it: texts, number and date formats
/// (decimal comma, non-breaking thousands separator and the minus sign in Swedish) and the URLs of every view in
/// that language. Swedish pages live at the root, English ones under <c>/en</c>; a view's query string is kept when
/// switching language, so every view has one URL per language that reproduces it.
/// </summary>
public sealed class DashboardUi
{
    public const string EnglishPrefix = "/en";

    private DashboardUi(Language language)
    {
        Language = language;
        Culture = language.Culture();
    }

    public static DashboardUi Swedish { get; } = new(Language.Sv);

    public static DashboardUi English { get; } = new(Language.En);

    public static DashboardUi For(Language language) => language == Language.En ? English : Swedish;

    public static DashboardUi ForPath(PathString path) => path.StartsWithSegments(EnglishPrefix) ? English : Swedish;

    public Language Language { get; }

    public CultureInfo Culture { get; }

    /// <summary>The html lang attribute and the API's lang parameter.</summary>
    public string Code => Language.Code();

    /// <summary>The code of the other language, which the language switch links to.</summary>
    public string CounterpartCode => Language.OtherCode();

    /// <summary>The text in the page's language: the one bilingual mechanism, <see cref="LocalizedText"/>.</summary>
    public string T(string sv, string en) => new LocalizedText(sv, en)[Language];

    public string T(LocalizedText? text) => text is null ? string.Empty : text[Language];

    /// <summary>A number with <paramref name="decimals"/> decimals in this language's format; empty for null.</summary>
    public string Number(double? value, int decimals)
    {
        if (value is not { } v)
        {
            return string.Empty;
        }

        var rounded = Math.Round(v, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            rounded = 0; // no "−0,0"
        }

        return rounded.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture);
    }

    /// <summary>A signed number (+1,2 / −1,2) for changes and gaps.</summary>
    public string WithSign(double? value, int decimals)
    {
        var text = Number(value, decimals);
        return value is > 0 && text.Length > 0 && Math.Round(value.Value, decimals) != 0 ? "+" + text : text;
    }

    public string Date(DateTimeOffset when) =>
        when.ToString("d MMMM yyyy", Culture);

    public string DateTime(DateTimeOffset when) =>
        when.ToString(T("d MMMM yyyy 'kl.' HH.mm 'UTC'", "d MMMM yyyy, HH:mm 'UTC'"), Culture);

    public string HomePath => T("/", EnglishPrefix);

    public string MethodPath => T("/metod", EnglishPrefix + "/method");

    public string SubGoalPath(string id) => T("/delmal/", EnglishPrefix + "/subgoal/") + Uri.EscapeDataString(id);

    public string IndicatorPath(string id) => T("/indikator/", EnglishPrefix + "/indicator/") + Uri.EscapeDataString(id);

    /// <summary>The profile of a county (<c>/lan/01</c>, <c>/en/county/01</c>).</summary>
    public string CountyPath(string code) => T("/lan/", EnglishPrefix + "/county/") + Uri.EscapeDataString(code);

    /// <summary>The profile of a municipality (<c>/kommun/0180</c>, <c>/en/municipality/0180</c>).</summary>
    public string MunicipalityPath(string code) => T("/kommun/", EnglishPrefix + "/municipality/") + Uri.EscapeDataString(code);

    /// <summary>The maps of counties and municipalities (<c>/karta</c>, <c>/en/map</c>).</summary>
    public string MapPath => T("/karta", EnglishPrefix + "/map");

    /// <summary>The same view in the other language: the path mapped, the query string kept.</summary>
    public static string Counterpart(PathString path, QueryString query)
    {
        var value = path.Value ?? "/";
        string mapped;
        if (path.StartsWithSegments(EnglishPrefix, out var rest))
        {
            var tail = rest.Value ?? string.Empty;
            mapped = tail switch
            {
                "" or "/" => "/",
                "/method" => "/metod",
                "/map" => "/karta",
                _ when tail.StartsWith("/county/", StringComparison.Ordinal) => "/lan/" + tail["/county/".Length..],
                _ when tail.StartsWith("/municipality/", StringComparison.Ordinal) => "/kommun/" + tail["/municipality/".Length..],
                _ when tail.StartsWith("/subgoal/", StringComparison.Ordinal) => "/delmal/" + tail["/subgoal/".Length..],
                _ when tail.StartsWith("/indicator/", StringComparison.Ordinal) => "/indikator/" + tail["/indicator/".Length..],
                _ => "/",
            };
        }
        else
        {
            mapped = value switch
            {
                "" or "/" => EnglishPrefix,
                "/metod" => EnglishPrefix + "/method",
                "/karta" => EnglishPrefix + "/map",
                _ when value.StartsWith("/lan/", StringComparison.Ordinal) => EnglishPrefix + "/county/" + value["/lan/".Length..],
                _ when value.StartsWith("/kommun/", StringComparison.Ordinal) => EnglishPrefix + "/municipality/" + value["/kommun/".Length..],
                _ when value.StartsWith("/delmal/", StringComparison.Ordinal) => EnglishPrefix + "/subgoal/" + value["/delmal/".Length..],
                _ when value.StartsWith("/indikator/", StringComparison.Ordinal) => EnglishPrefix + "/indicator/" + value["/indikator/".Length..],
                _ => EnglishPrefix,
            };
        }

        return mapped + query.Value;
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using Barometer.Reporting.Findings;

namespace Barometer.Reporting.Sections;

/// <summary>The report's HTML pieces: escaping, labels, waves, table ids, times, and the inlines of a sentence.</summary>
internal static class Html
{
    public static string Esc(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A catalogue label; one with digits (e.g. "20–64 år") is marked so that readers of the report's digits skip it.</summary>
    public static string LabelHtml(string text) =>
        text.Any(char.IsAsciiDigit) ? "<span class=\"label\">" + Esc(text) + "</span>" : Esc(text);

    public static string WaveSpan(int wave) => "<span class=\"wave\">" + wave.ToString(CultureInfo.InvariantCulture) + "</span>";

    public static string TableId(string id) => "<code class=\"table-id\">" + Esc(id) + "</code>";

    public static string Time(DateTimeOffset at) =>
        "<time datetime=\"" + at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + "\">"
        + at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC</time>";

    /// <summary>A text that is a value of the release's provenance (e.g. its version), referenced by its path.</summary>
    public static string Provenance(string text, string path) =>
        Render([new NumberInline(text, "provenance", "release", path)]);

    public static string Render(IEnumerable<Inline> inlines)
    {
        var sb = new StringBuilder();
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case TextInline t:
                    sb.Append(Esc(t.Text));
                    break;
                case LabelInline l:
                    sb.Append(LabelHtml(l.Text));
                    break;
                case WaveInline w:
                    sb.Append(WaveSpan(w.Wave));
                    break;
                case NumberInline n:
                    sb.Append("<span class=\"num\" data-source=\"").Append(Esc(n.Source)).Append("\" data-table=\"").Append(Esc(n.Table)).Append("\" data-cell=\"")
                        .Append(Esc(n.Cell)).Append('"').Append(n.Absolute ? " data-abs=\"1\"" : "").Append('>').Append(Esc(n.Text)).Append("</span>");
                    break;
                default:
                    break;
            }
        }

        return sb.ToString();
    }

    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

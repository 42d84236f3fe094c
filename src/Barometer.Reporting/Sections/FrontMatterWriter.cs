using System.Globalization;
using System.Text;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting.Sections;

/// <summary>The cover (title, version, release and generation times, embargo notice, correction) and the table of contents.</summary>
internal sealed class FrontMatterWriter(ReportDocument document) : SectionWriter(document)
{
    public void WriteCover(StringBuilder html)
    {
        var release = Inputs.Release;
        var now = Document.Now;
        html.Append("<header class=\"cover\">\n<p class=\"kicker\">").Append(Esc(Catalogue.Title[Language])).Append("</p>\n<h1>")
            .Append(L("Integrationsbarometern ", "The Integration Barometer ")).Append(WaveSpan(Wave)).Append("</h1>\n<p class=\"subtitle\">")
            .Append(Esc(L("Uppföljning av integrationspolitikens mål och fem delmål: utrikes födda jämförda med inrikes födda.",
                "Follow-up of the integration policy goal and its five sub-goals: the foreign-born compared with the native-born.")))
            .Append("</p>\n<dl class=\"release\">\n<dt>").Append(L("Version", "Version")).Append("</dt><dd>")
            .Append(Provenance(release.Version.ToString(CultureInfo.InvariantCulture), "version")).Append("</dd>\n<dt>")
            .Append(release.ReleaseTime <= now ? L("Publicerad", "Published") : L("Publiceras", "To be published")).Append("</dt><dd>")
            .Append(Time(release.ReleaseTime)).Append("</dd>\n<dt>").Append(L("Framställd", "Generated")).Append("</dt><dd>").Append(Time(now)).Append("</dd>\n</dl>\n");
        if (release.ReleaseTime > now)
        {
            html.Append("<p class=\"embargo\"><strong>").Append(L("Under embargo.", "Under embargo.")).Append("</strong> ")
                .Append(Esc(L("Rapporten bygger på en frisläppt version som ännu inte är offentlig. Den får inte spridas före ",
                    "The report is based on a released version that is not yet public. It must not be distributed before ")))
                .Append(Time(release.ReleaseTime)).Append(".</p>\n");
        }

        if (release.Note is { } note)
        {
            html.Append("<p class=\"note\">").Append(Esc(L("Rättelse: ", "Correction: "))).Append(Esc(note)).Append("</p>\n");
        }

        html.Append("</header>\n");
    }

    /// <summary>The contents of every heading written so far, with the page of each when an earlier printing found them.</summary>
    public void WriteContents(StringBuilder html)
    {
        html.Append("<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\">").Append(L("Innehåll", "Contents")).Append("</h2>\n<ol>\n");
        foreach (var (id, number, title, level) in Document.Contents)
        {
            html.Append("<li class=\"toc-").Append(level.ToString(CultureInfo.InvariantCulture)).Append("\"><a href=\"#").Append(id).Append("\"><span class=\"no\">")
                .Append(Esc(number)).Append("</span> ").Append(LabelHtml(title));
            if (Document.Pages is { } pages && pages.TryGetValue(id, out var page))
            {
                html.Append("<span class=\"page\">").Append(page.ToString(CultureInfo.InvariantCulture)).Append("</span>");
            }

            html.Append("</a></li>\n");
        }

        html.Append("</ol>\n</nav>\n");
    }
}

using Barometer.Catalogue.Text;

namespace Barometer.Reporting.Sections;

/// <summary>
/// The report's inline style sheet: readable on screen and in print, with A4 pages, a running title and page
/// numbers in the page margin boxes (Chromium 131+ prints <c>@page</c> margin boxes), figures and tables kept whole
/// across page breaks, and each chapter on a new page.
/// </summary>
internal static class ReportStyle
{
    public static string Css(string title, Language language)
    {
        var quoted = "\"" + title.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var page = new LocalizedText("\"Sida \" counter(page) \" av \" counter(pages)", "\"Page \" counter(page) \" of \" counter(pages)")[language];
        return """
            :root { --ink: #1b1b1b; --muted: #555; --rule: #c8c8c8; --accent: #0b5394; --band: #f3f6fa; }
            * { box-sizing: border-box; }
            html { font-family: "Source Sans 3", "Noto Sans", "DejaVu Sans", system-ui, sans-serif; color: var(--ink); line-height: 1.45; font-size: 11pt; }
            body { margin: 0 auto; max-width: 48rem; padding: 1.5rem; }
            h1 { font-size: 2.2rem; margin: 0.3rem 0 0.6rem; color: var(--accent); }
            h2 { font-size: 1.5rem; margin: 2rem 0 0.6rem; color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: 0.2rem; }
            h3 { font-size: 1.15rem; margin: 1.6rem 0 0.4rem; }
            .no { color: var(--muted); font-weight: 600; margin-right: 0.25rem; }
            a { color: var(--accent); }
            .cover { border-bottom: 4px solid var(--accent); padding-bottom: 1rem; margin-bottom: 1rem; }
            .kicker { text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin: 0; }
            .subtitle { font-size: 1.1rem; }
            dl.release { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0.8rem 0; }
            dl.release dt { font-weight: 600; }
            dl.release dd { margin: 0; }
            .embargo { background: #fff4e0; border-left: 4px solid #d55e00; padding: 0.5rem 0.8rem; }
            .note { background: var(--band); padding: 0.5rem 0.8rem; }
            nav.toc ol { list-style: none; padding-left: 0; }
            nav.toc li { margin: 0.15rem 0; }
            nav.toc li.toc-3 { padding-left: 1.6rem; }
            nav.toc a { text-decoration: none; color: var(--ink); }
            .goal { font-style: italic; }
            .definition { color: var(--muted); font-size: 0.95rem; }
            ul.findings li { margin-bottom: 0.35rem; }
            .headline-title { font-weight: 700; margin-bottom: 0.2rem; }
            ul.headline li { margin-bottom: 0.35rem; }
            figure { margin: 1rem 0; break-inside: avoid; }
            figure .chart svg { max-width: 100%; height: auto; }
            figcaption, caption { font-size: 0.9rem; text-align: left; }
            .caption-label { font-weight: 700; }
            .caption-label .no { color: inherit; margin-right: 0; }
            nav.toc a { display: flex; gap: 0.3rem; }
            nav.toc .page { margin-left: auto; padding-left: 1rem; color: var(--muted); }
            .source { font-size: 0.8rem; color: var(--muted); }
            table { border-collapse: collapse; width: 100%; margin: 1rem 0 0.2rem; font-size: 0.85rem; break-inside: auto; }
            caption { caption-side: top; margin-bottom: 0.3rem; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; }
            th, td { padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
            thead th { border-bottom: 2px solid var(--ink); text-align: right; }
            thead th:first-child, tbody th { text-align: left; font-weight: 400; }
            tr.group th { font-weight: 700; background: var(--band); }
            td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.sym { color: var(--muted); }
            .ci { color: var(--muted); font-size: 0.8rem; }
            sup.flag { color: #d55e00; }
            table.compact { font-size: 0.8rem; }
            div.county { break-inside: avoid; }
            table.county { line-height: 1.2; margin-top: 0.6rem; }
            table.county th, table.county td { padding: 0.1rem 0.4rem; }
            .see-counties { font-size: 0.9rem; }
            a.xref .no { color: inherit; font-weight: inherit; margin-right: 0; }
            code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.85em; }
            @page { size: A4; margin: 20mm 18mm 20mm 18mm;
              @top-left { content: TITLE; font-size: 8pt; color: #555; }
              @bottom-right { content: PAGE; font-size: 8pt; color: #555; } }
            @page :first { @top-left { content: none; } }
            @media print {
              body { max-width: none; padding: 0; }
              html { font-size: 10pt; }
              nav.toc { break-after: page; }
              section.chapter, section.appendix, section.summary { break-before: page; }
              section.indicator h3 { break-after: avoid; }
              a { color: inherit; text-decoration: none; }
            }

            """.Replace("TITLE", quoted, StringComparison.Ordinal).Replace("PAGE", page, StringComparison.Ordinal);
    }
}

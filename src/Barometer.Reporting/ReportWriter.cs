using System.Globalization;
using System.Text;
using Barometer.Catalogue;
using Barometer.Catalogue.Text;
using Barometer.Reporting.Rendering;
using Barometer.Reporting.Sections;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting;

/// <summary>
/// How a report is written: its language, the moment it is generated (for the embargo notice), and for the printed
/// version the page of each contents entry (by its anchor id), found in a first printing.
/// </summary>
public sealed record ReportOptions(Language Language, DateTimeOffset Now, IReadOnlyDictionary<string, int>? ContentsPages = null);

/// <summary>One entry of the report's table of contents: the anchor, the numbering and the title as printed.</summary>
public sealed record ContentsEntry(string Id, string Number, string Title, int Level);

/// <summary>A written report: the HTML document and its table of contents.</summary>
public sealed record WrittenReport(string Html, IReadOnlyList<ContentsEntry> Contents);

/// <summary>
/// Writes the yearly report of one release as one self-contained HTML file (inline CSS, inline SVG charts, no
/// external references) by composing its section writers (<c>Sections/</c>): the cover and contents, a summary with
/// each sub-goal's headline indicators and main findings, a chapter per sub-goal with each indicator's text, figures
/// and table, appendix A on method and quality, and appendix B with a table by county (län) of each register
/// indicator broken down by län. Every number is a <c>span.num</c> naming its table and cell in the API's table model
/// (or its fieldwork or provenance source), and the text follows <see cref="Findings.FindingRules"/>.
/// </summary>
public sealed class ReportWriter(IndicatorCatalogue catalogue, IChartRenderer charts)
{
    private readonly IndicatorCatalogue _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
    private readonly IChartRenderer _charts = charts ?? throw new ArgumentNullException(nameof(charts));

    public string WriteHtml(ReportInputs inputs, ReportOptions options) => Write(inputs, options).Html;

    public WrittenReport Write(ReportInputs inputs, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        var document = new ReportDocument(_catalogue, inputs, options);
        var html = Compose(document);
        var svgs = _charts.RenderSvg(document.ChartSpecs);
        var sb = new StringBuilder(html);
        for (var i = 0; i < svgs.Count; i++)
        {
            sb.Replace(ReportDocument.ChartPlaceholder(i), StripXmlDeclaration(svgs[i]));
        }

        return new WrittenReport(sb.ToString(), [.. document.Contents]);
    }

    private static string Compose(ReportDocument document)
    {
        var text = new IndicatorText(document);
        var tables = new ResultTableWriter(document);
        var counties = new CountyAppendixWriter(document, tables);
        var chapters = new ChapterWriter(document, text, new FigureWriter(document), tables, counties);
        var appendix = new MethodAppendixWriter(document, new FieldworkSectionWriter(document), new RulesSectionWriter(document), new VersionsSectionWriter(document));
        var front = new FrontMatterWriter(document);

        new SummaryWriter(document, text).Write();
        var chapter = 2;
        foreach (var subGoal in document.Catalogue.SubGoals.OrderBy(s => s.Order))
        {
            chapters.Write(subGoal, chapter++);
        }

        appendix.Write();
        counties.Write();
        counties.ResolveReferences();
        new ModelEstimateAppendixWriter(document, tables).Write();

        var title = (document.L("Integrationsbarometern ", "The Integration Barometer ")) + document.Wave.ToString(CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(document.Language.Code()).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Esc(title)).Append("</title>\n<style>\n").Append(ReportStyle.Css(title, document.Language)).Append("</style>\n</head>\n<body>\n");
        front.WriteCover(html);
        front.WriteContents(html);
        html.Append("<main>\n").Append(document.Body).Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string StripXmlDeclaration(string svg) =>
        svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..] : svg;
}

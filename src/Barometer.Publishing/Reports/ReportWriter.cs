using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.SubGoals;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Charts;
using Barometer.Publishing.Results;
using Barometer.Storage.Results;

namespace Barometer.Publishing.Reports;

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
/// external references): a summary with each sub-goal's headline indicators (chosen in the catalogue) and main
/// findings, a chapter per sub-goal with each indicator's text, chart and table, an appendix on method and quality, and
/// an appendix with a table by county (län) of each register indicator broken down by län, linked from its chapter.
/// Every number is a <c>span.num</c> naming its table and cell (or its fieldwork or provenance source), and the text
/// follows <see cref="FindingRules"/>.
/// </summary>
public sealed class ReportWriter(IndicatorCatalogue catalogue, IChartRenderer charts)
{
    /// <summary>Breakdowns left out of the report's tables and rankings (too many small cells for a printed report).</summary>
    private const string CountyBreakdown = "lan";

    private static readonly HashSet<string> LeftOutBreakdowns = new(["kommun", "lan", "birth_region_8", "years_in_sweden_5"], StringComparer.Ordinal);

    private readonly IndicatorCatalogue _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
    private readonly IChartRenderer _charts = charts ?? throw new ArgumentNullException(nameof(charts));

    public string WriteHtml(ReportInputs inputs, ReportOptions options) => Write(inputs, options).Html;

    public WrittenReport Write(ReportInputs inputs, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        var document = new Document(_catalogue, inputs, options);
        var html = document.Write();
        var svgs = _charts.RenderSvg(document.ChartSpecs);
        var sb = new StringBuilder(html);
        for (var i = 0; i < svgs.Count; i++)
        {
            sb.Replace(Document.ChartPlaceholder(i), StripXmlDeclaration(svgs[i]));
        }

        return new WrittenReport(sb.ToString(), [.. document.Contents.Select(c => new ContentsEntry(c.Id, c.Number, c.Title, c.Level))]);
    }

    private static string StripXmlDeclaration(string svg) =>
        svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..] : svg;

    /// <summary>The state of one report being written.</summary>
    private sealed class Document
    {
        private readonly IndicatorCatalogue _catalogue;
        private readonly ReportInputs _inputs;
        private readonly Language _language;
        private readonly DateTimeOffset _now;
        private readonly ReportCells _cells;
        private readonly StringBuilder _body = new();
        private readonly List<(string Id, string Number, string Title, int Level)> _toc = [];
        private readonly IReadOnlyDictionary<string, int>? _pages;
        private readonly JsonObject? _rules;
        private readonly Dictionary<string, int> _countyTables = new(StringComparer.Ordinal);
        private int _figures;
        private int _tables;

        public Document(IndicatorCatalogue catalogue, ReportInputs inputs, ReportOptions options)
        {
            _catalogue = catalogue;
            _inputs = inputs;
            _language = options.Language;
            _now = options.Now;
            _cells = new ReportCells(catalogue, inputs.Results.Concat(inputs.EarlierResults), options.Language);
            _rules = inputs.Release.Rules;
            _pages = options.ContentsPages;
        }

        public IReadOnlyList<(string Id, string Number, string Title, int Level)> Contents => _toc;

        public List<JsonObject> ChartSpecs { get; } = [];

        private bool En => _language == Language.En;

        private int Wave => _inputs.Release.Wave;

        private int? PreviousWave => _inputs.PreviousRelease?.Wave;

        public static string ChartPlaceholder(int index) => string.Create(CultureInfo.InvariantCulture, $"<!--chart:{index}-->");

        private string L(string sv, string en) => En ? en : sv;

        public string Write()
        {
            WriteSummary();
            var chapter = 2;
            foreach (var subGoal in _catalogue.SubGoals.OrderBy(s => s.Order))
            {
                WriteChapter(subGoal, chapter++);
            }

            WriteAppendix();
            WriteCountyAppendix();
            foreach (var (indicator, table) in _countyTables)
            {
                _body.Replace(CountyTableNumber(indicator), table.ToString(CultureInfo.InvariantCulture));
            }

            var title = (En ? "The Integration Barometer " : "Integrationsbarometern ") + Wave.ToString(CultureInfo.InvariantCulture);
            var html = new StringBuilder();
            html.Append("<!DOCTYPE html>\n<html lang=\"").Append(En ? "en" : "sv").Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<title>").Append(Esc(title)).Append("</title>\n<style>\n").Append(Css(title)).Append("</style>\n</head>\n<body>\n");
            WriteCover(html);
            WriteToc(html);
            html.Append("<main>\n").Append(_body).Append("</main>\n</body>\n</html>\n");
            return html.ToString();
        }

        // ------------------------------------------------------------------ cover and contents

        private void WriteCover(StringBuilder html)
        {
            var release = _inputs.Release;
            html.Append("<header class=\"cover\">\n<p class=\"kicker\">").Append(Esc(_catalogue.Title[_language])).Append("</p>\n<h1>")
                .Append(En ? "The Integration Barometer " : "Integrationsbarometern ").Append(WaveSpan(Wave)).Append("</h1>\n<p class=\"subtitle\">")
                .Append(Esc(L("Uppföljning av integrationspolitikens mål och fem delmål: utrikes födda jämförda med inrikes födda.",
                    "Follow-up of the integration policy goal and its five sub-goals: the foreign-born compared with the native-born.")))
                .Append("</p>\n<dl class=\"release\">\n<dt>").Append(L("Version", "Version")).Append("</dt><dd>")
                .Append(Provenance(release.Version.ToString(CultureInfo.InvariantCulture), "version")).Append("</dd>\n<dt>")
                .Append(release.ReleaseTime <= _now ? L("Publicerad", "Published") : L("Publiceras", "To be published")).Append("</dt><dd>")
                .Append(Time(release.ReleaseTime)).Append("</dd>\n<dt>").Append(L("Framställd", "Generated")).Append("</dt><dd>").Append(Time(_now)).Append("</dd>\n</dl>\n");
            if (release.ReleaseTime > _now)
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

        private void WriteToc(StringBuilder html)
        {
            html.Append("<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<h2 id=\"toc-title\">").Append(L("Innehåll", "Contents")).Append("</h2>\n<ol>\n");
            foreach (var (id, number, title, level) in _toc)
            {
                html.Append("<li class=\"toc-").Append(level.ToString(CultureInfo.InvariantCulture)).Append("\"><a href=\"#").Append(id).Append("\"><span class=\"no\">")
                    .Append(Esc(number)).Append("</span> ").Append(LabelHtml(title));
                if (_pages is not null && _pages.TryGetValue(id, out var page))
                {
                    html.Append("<span class=\"page\">").Append(page.ToString(CultureInfo.InvariantCulture)).Append("</span>");
                }

                html.Append("</a></li>\n");
            }

            html.Append("</ol>\n</nav>\n");
        }

        private void Heading(int level, string id, string number, string title, bool toc = true)
        {
            if (toc)
            {
                _toc.Add((id, number, title, level));
            }

            var tag = "h" + level.ToString(CultureInfo.InvariantCulture);
            _body.Append('<').Append(tag).Append(" id=\"").Append(id).Append("\"><span class=\"no\">").Append(Esc(number)).Append("</span> ")
                .Append(LabelHtml(title)).Append("</").Append(tag).Append(">\n");
        }

        // ------------------------------------------------------------------ summary

        private void WriteSummary()
        {
            _body.Append("<section class=\"summary\">\n");
            Heading(2, "summary", "1", L("Sammanfattning", "Summary"));
            _body.Append("<p>").Append(Esc(L(
                "Sammanfattningen redovisar för varje delmål först dess nyckelindikatorer, sedan de största skillnaderna mellan jämförda grupper och de skillnader som har förändrats sedan föregående omgång. En skillnad eller förändring beskrivs som en ökning, minskning eller skillnad endast när den är statistiskt säkerställd; registeruppgifter är totalräkningar utan urvalsfel.",
                "For each sub-goal, the summary first shows its key indicators, then the largest differences between the compared groups and the differences that changed since the previous wave. A difference or change is described as an increase, decrease or difference only when it is statistically significant; register figures are totals without sampling error."))).Append("</p>\n");
            foreach (var subGoal in _catalogue.SubGoals.OrderBy(s => s.Order))
            {
                _body.Append("<h3>").Append(LabelHtml(subGoal.Name[_language])).Append("</h3>\n");
                WriteHeadline(subGoal);
                _body.Append("<ul class=\"findings\">\n");
                var gaps = new List<(Indicator Indicator, PublishedResult Gap, double Size)>();
                var narrowed = new List<(Indicator Indicator, PublishedResult Gap, PublishedResult Change)>();
                var widened = new List<(Indicator Indicator, PublishedResult Gap, PublishedResult Change)>();
                var surveyWithChange = false;
                foreach (var indicator in _catalogue.IndicatorsOf(subGoal.Id))
                {
                    if (indicator.Comparisons.Count == 0)
                    {
                        continue;
                    }

                    var cmp = indicator.Comparisons[0];
                    var gap = _cells.Find(Wave, indicator.Id, "gap", "total", "", cmp);
                    if (gap is null || gap.Estimate is not { } size)
                    {
                        continue;
                    }

                    var verdict = FindingRules.Classify(gap);
                    var reference = _cells.Find(Wave, indicator.Id, "level", "total", "", cmp + ":reference");
                    if (verdict is Verdict.SignificantlyNegative or Verdict.SignificantlyPositive || (verdict == Verdict.WithoutSamplingError && size != 0))
                    {
                        var relative = indicator.Gap == GapKind.Ratio ? Math.Abs(1 - size)
                            : reference?.Estimate is { } r && r != 0 ? Math.Abs(size / r) : 0;
                        gaps.Add((indicator, gap, relative));
                    }

                    if (PreviousWave is not null && _cells.Find(Wave, indicator.Id, "change", "total", "", "gap:" + cmp) is { } change)
                    {
                        surveyWithChange |= FindingRules.Classify(change) != Verdict.Unavailable;
                        if (FindingRules.NarrowedSignificantly(gap, change))
                        {
                            narrowed.Add((indicator, gap, change));
                        }
                        else if (FindingRules.WidenedSignificantly(gap, change))
                        {
                            widened.Add((indicator, gap, change));
                        }
                    }
                }

                foreach (var (indicator, gap, _) in gaps.OrderByDescending(g => g.Size).Take(3))
                {
                    var cmp = _catalogue.Comparison(indicator.Comparisons[0]);
                    _body.Append("<li><a href=\"#ind-").Append(indicator.Id).Append("\">").Append(LabelHtml(indicator.Name[_language])).Append("</a>: ")
                        .Append(Render(FindingRules.DescribeGap(gap, cmp.Focal.Label[_language], cmp.Reference.Label[_language], _cells))).Append("</li>\n");
                }

                if (gaps.Count == 0)
                {
                    _body.Append("<li>").Append(Esc(L("Inga statistiskt säkerställda skillnader mellan de jämförda grupperna.",
                        "No statistically significant differences between the compared groups."))).Append("</li>\n");
                }

                if (PreviousWave is { } previous)
                {
                    foreach (var (indicator, gap, change) in narrowed.Concat(widened))
                    {
                        _body.Append("<li><a href=\"#ind-").Append(indicator.Id).Append("\">").Append(LabelHtml(indicator.Name[_language])).Append("</a>: ")
                            .Append(Render(FindingRules.DescribeGapChange(gap, change, previous, _cells))).Append("</li>\n");
                    }

                    if (narrowed.Count == 0 && widened.Count == 0 && surveyWithChange)
                    {
                        _body.Append("<li>").Append(Render(new Sentence().T(L(
                            "Ingen av delmålets skillnader från urvalsundersökningen har förändrats statistiskt säkerställt sedan ",
                            "None of the sub-goal's survey differences has changed significantly since ")).W(previous).T("."))).Append("</li>\n");
                    }
                }

                _body.Append("</ul>\n");
            }

            _body.Append("</section>\n");
        }

        /// <summary>
        /// The sub-goal's headline indicators as the catalogue chooses them (subgoals.yaml), in their order: the latest
        /// levels of the compared groups and their difference, or the level of everyone for an indicator without a
        /// comparison. An indicator without released results in this version is left out.
        /// </summary>
        private void WriteHeadline(SubGoal subGoal)
        {
            var items = new List<(Indicator Indicator, List<Sentence> Sentences)>();
            foreach (var indicator in _catalogue.HeadlineIndicatorsOf(subGoal.Id))
            {
                if (!_cells.All.Any(r => r.Wave == Wave && r.Indicator == indicator.Id))
                {
                    continue;
                }

                if (indicator.Comparisons.Count == 0)
                {
                    var all = new Sentence();
                    AppendLevel(all, indicator, L("Samtliga", "All"), _cells.Find(Wave, indicator.Id, "level", "total", "", "all"));
                    items.Add((indicator, [all.T(".")]));
                    continue;
                }

                var cmpId = indicator.Comparisons[0];
                var cmp = _catalogue.Comparison(cmpId);
                var sentences = new List<Sentence> { Levels(indicator, cmpId) };
                if (_cells.Find(Wave, indicator.Id, "gap", "total", "", cmpId) is { } gap)
                {
                    sentences.Add(FindingRules.DescribeGap(gap, cmp.Focal.Label[_language], cmp.Reference.Label[_language], _cells));
                }

                items.Add((indicator, sentences));
            }

            if (items.Count == 0)
            {
                return;
            }

            _body.Append("<p class=\"headline-title\">").Append(Esc(L("Nyckelindikatorer", "Key indicators"))).Append("</p>\n<ul class=\"headline\">\n");
            foreach (var (indicator, sentences) in items)
            {
                _body.Append("<li><a href=\"#ind-").Append(indicator.Id).Append("\">").Append(LabelHtml(indicator.Name[_language])).Append("</a>: ")
                    .Append(string.Join(" ", sentences.Select(Render))).Append("</li>\n");
            }

            _body.Append("</ul>\n");
        }

        // ------------------------------------------------------------------ chapters

        private void WriteChapter(SubGoal subGoal, int number)
        {
            var chapterNo = number.ToString(CultureInfo.InvariantCulture);
            _body.Append("<section class=\"chapter\">\n");
            Heading(2, "sg-" + subGoal.Id, chapterNo, subGoal.Name[_language]);
            _body.Append("<p class=\"goal\">").Append(LabelHtml(subGoal.Description[_language])).Append("</p>\n");
            var i = 1;
            foreach (var indicator in _catalogue.IndicatorsOf(subGoal.Id))
            {
                WriteIndicator(indicator, chapterNo + "." + i.ToString(CultureInfo.InvariantCulture));
                i++;
            }

            _body.Append("</section>\n");
        }

        private void WriteIndicator(Indicator indicator, string number)
        {
            _body.Append("<section class=\"indicator\">\n");
            Heading(3, "ind-" + indicator.Id, number, indicator.Name[_language], toc: false);
            var source = indicator.Source.Kind == SourceKind.Survey
                ? L("Källa: urvalsundersökningen.", "Source: the sample survey.")
                : L("Källa: register (totalräkning).", "Source: registers (total count).");
            _body.Append("<p class=\"definition\">").Append(LabelHtml(indicator.Definition[_language])).Append(' ')
                .Append(indicator.Population.Description is { } population ? LabelHtml(population[_language]) + " " : "").Append(Esc(source)).Append("</p>\n");

            var hasAny = _cells.All.Any(r => r.Wave == Wave && r.Indicator == indicator.Id);
            if (!hasAny)
            {
                _body.Append("<p>").Append(Esc(L("Indikatorn har inga frisläppta resultat i denna version.", "The indicator has no released results in this version."))).Append("</p>\n</section>\n");
                return;
            }

            var paragraph = indicator.Comparisons.Count > 0 ? ComparisonFindings(indicator, indicator.Comparisons[0]) : LevelFindings(indicator);
            _body.Append("<div class=\"text\">\n");
            foreach (var sentence in paragraph)
            {
                _body.Append("<p>").Append(Render(sentence)).Append("</p>\n");
            }

            _body.Append("</div>\n");
            WriteTrendFigure(indicator);
            WriteBreakdownFigure(indicator);
            WriteIndicatorTable(indicator);
            if (HasCountyTable(indicator))
            {
                _body.Append("<p class=\"see-counties\">").Append(Esc(L("Indikatorn efter län redovisas i ", "The indicator by county is shown in ")))
                    .Append("<a class=\"xref\" href=\"#").Append(CountyTableAnchor(indicator)).Append("\">").Append(L("tabell ", "Table ")).Append("<span class=\"no\">")
                    .Append(CountyTableNumber(indicator.Id)).Append("</span></a>").Append(Esc(L(" i bilaga B.", " in Appendix B."))).Append("</p>\n");
            }

            _body.Append("</section>\n");
        }

        private List<Sentence> ComparisonFindings(Indicator indicator, string cmpId)
        {
            var cmp = _catalogue.Comparison(cmpId);
            var focalLabel = cmp.Focal.Label[_language];
            var referenceLabel = cmp.Reference.Label[_language];
            var list = new List<Sentence>();
            var focal = _cells.Find(Wave, indicator.Id, "level", "total", "", cmpId + ":focal");
            list.Add(Levels(indicator, cmpId));

            var gap = _cells.Find(Wave, indicator.Id, "gap", "total", "", cmpId);
            if (gap is not null)
            {
                list.Add(FindingRules.DescribeGap(gap, focalLabel, referenceLabel, _cells));
            }

            if (indicator.StandardisedGap && _cells.Find(Wave, indicator.Id, "standardised_gap", "total", "", cmpId) is { Estimate: not null } standardised)
            {
                var s = new Sentence().T(L("Standardiserad för kön och ålder är den skattade skillnaden ", "Standardised for sex and age, the estimated difference is "))
                    .N(_cells.Number(standardised, withSign: true)!).Append(FindingRules.UnitAfter(indicator, ReportCells.RoleOf(indicator, "standardised_gap", "estimate"), _cells))
                    .Append(FindingRules.Interval(standardised, _cells));
                s.T(FindingRules.Classify(standardised) switch
                {
                    Verdict.SignificantlyNegative or Verdict.SignificantlyPositive => L("; den är statistiskt säkerställd.", "; it is statistically significant."),
                    Verdict.NotSignificant => L("; den är inte statistiskt säkerställd.", "; it is not statistically significant."),
                    _ => ".",
                });
                list.Add(s);
            }

            if (PreviousWave is { } previous)
            {
                if (gap is not null && _cells.Find(Wave, indicator.Id, "change", "total", "", "gap:" + cmpId) is { } gapChange)
                {
                    list.Add(FindingRules.DescribeGapChange(gap, gapChange, previous, _cells));
                    if (focal is not null && _cells.Find(Wave, indicator.Id, "change", "total", "", cmpId + ":focal") is { } focalChange)
                    {
                        list.Add(FindingRules.DescribeChange(focalChange, L("Nivån bland ", "The level among ") + FindingRules.InSentence(focalLabel, _language), previous, _cells));
                    }
                }
                else if (_cells.Find(previous, indicator.Id, "gap", "total", "", cmpId) is { Estimate: not null } previousGap && gap is { Estimate: not null })
                {
                    var role = ReportCells.RoleOf(indicator, "gap", "estimate");
                    list.Add(new Sentence().T(L("Motsvarande skillnad ", "The corresponding difference in ")).W(previous).T(L(" var ", " was "))
                        .N(_cells.Number(previousGap, withSign: role != ValueRole.RatioGap)!).Append(FindingRules.UnitAfter(indicator, role, _cells))
                        .T(L(" (registeruppgifter; förändringar mellan omgångar skattas inte med osäkerhet).", " (register figures; changes between waves are not estimated with uncertainty).")));
                }
            }

            list.Add(LargestGaps(indicator, cmpId));
            if (PreviousWave is { } prev && indicator.Source.Kind == SourceKind.Survey)
            {
                list.Add(NarrowedGroups(indicator, cmpId, prev));
            }

            return list;
        }

        /// <summary>The latest levels of the focal and the reference group of a comparison, in one sentence.</summary>
        private Sentence Levels(Indicator indicator, string cmpId)
        {
            var cmp = _catalogue.Comparison(cmpId);
            var levels = new Sentence();
            AppendLevel(levels, indicator, cmp.Focal.Label[_language], _cells.Find(Wave, indicator.Id, "level", "total", "", cmpId + ":focal"));
            levels.T("; ");
            AppendLevel(levels, indicator, FindingRules.InSentence(cmp.Reference.Label[_language], _language), _cells.Find(Wave, indicator.Id, "level", "total", "", cmpId + ":reference"));
            return levels.T(".");
        }

        private void AppendLevel(Sentence s, Indicator indicator, string label, PublishedResult? level)
        {
            s.L(label).T(": ");
            if (level is null || _cells.Number(level) is not { } value)
            {
                s.T(L("redovisas inte", "not published"));
                return;
            }

            s.N(value).Append(FindingRules.UnitAfter(indicator, ValueRole.Level, _cells)).Append(FindingRules.Interval(level, _cells));
        }

        private List<Sentence> LevelFindings(Indicator indicator)
        {
            var list = new List<Sentence>();
            var all = _cells.Find(Wave, indicator.Id, "level", "total", "", "all");
            var s = new Sentence();
            AppendLevel(s, indicator, L("Samtliga", "All"), all);
            list.Add(s.T("."));
            if (PreviousWave is { } previous && _cells.Find(Wave, indicator.Id, "change", "total", "", "all") is { } change)
            {
                list.Add(FindingRules.DescribeChange(change, L("Nivån", "The level"), previous, _cells));
            }

            if (indicator.Breakdowns.Contains("sex") && indicator.SeparateBySex)
            {
                var bySex = new Sentence().T(L("Efter kön: ", "By sex: "));
                var first = true;
                foreach (var code in Codes("sex"))
                {
                    var level = _cells.Find(Wave, indicator.Id, "level", "sex", code, "all");
                    if (!first)
                    {
                        bySex.T("; ");
                    }

                    first = false;
                    AppendLevel(bySex, indicator, FindingRules.InSentence(CellLabel("sex", code), _language), level);
                }

                list.Add(bySex.T("."));
            }

            return list;
        }

        private Sentence LargestGaps(Indicator indicator, string cmpId)
        {
            var candidates = _cells.All
                .Where(r => r.Wave == Wave && r.Indicator == indicator.Id && r.Measure == Measure.Gap && r.ComparisonGroup == cmpId && r.Breakdown != "total"
                            && !LeftOutBreakdowns.Contains(r.Breakdown) && r.Estimate is not null)
                .Where(r => FindingRules.Classify(r) is Verdict.SignificantlyNegative or Verdict.SignificantlyPositive or Verdict.WithoutSamplingError)
                .OrderByDescending(r => indicator.Gap == GapKind.Ratio ? Math.Abs(1 - r.Estimate!.Value) : Math.Abs(r.Estimate!.Value))
                .ThenBy(r => r.Breakdown, StringComparer.Ordinal).ThenBy(r => r.Cell, StringComparer.Ordinal)
                .Take(3).ToList();
            var s = new Sentence();
            if (candidates.Count == 0)
            {
                return s.T(L("I ingen av de redovisade grupperna finns en statistiskt säkerställd skillnad.",
                    "No reported group shows a statistically significant difference."));
            }

            var role = ReportCells.RoleOf(indicator, "gap", "estimate");
            s.T(L("Störst är skillnaden bland ", "The difference is largest among "));
            for (var i = 0; i < candidates.Count; i++)
            {
                var r = candidates[i];
                if (i > 0)
                {
                    s.T(i == candidates.Count - 1 ? L(" och ", " and ") : ", ");
                }

                s.L(FindingRules.InSentence(CellLabel(r.Breakdown, r.Cell), _language)).T(" (").N(_cells.Number(r, withSign: role != ValueRole.RatioGap)!)
                    .Append(FindingRules.UnitAfter(indicator, role, _cells)).T(")");
            }

            return s.T(".");
        }

        private Sentence NarrowedGroups(Indicator indicator, string cmpId, int previous)
        {
            var narrowed = new List<(PublishedResult Gap, PublishedResult Change)>();
            foreach (var gap in _cells.All.Where(r => r.Wave == Wave && r.Indicator == indicator.Id && r.Measure == Measure.Gap && r.ComparisonGroup == cmpId
                                                      && r.Breakdown != "total" && !LeftOutBreakdowns.Contains(r.Breakdown))
                         .OrderBy(r => r.Breakdown, StringComparer.Ordinal).ThenBy(r => r.Cell, StringComparer.Ordinal))
            {
                if (_cells.Find(Wave, indicator.Id, "change", gap.Breakdown, gap.Cell, "gap:" + cmpId) is { } change && FindingRules.NarrowedSignificantly(gap, change))
                {
                    narrowed.Add((gap, change));
                }
            }

            var s = new Sentence();
            if (narrowed.Count == 0)
            {
                return s.T(L("Det finns ingen redovisad grupp där skillnaden har minskat statistiskt säkerställt sedan ",
                    "There is no reported group in which the difference has narrowed significantly since ")).W(previous).T(".");
            }

            s.T(L("Skillnaden har minskat statistiskt säkerställt sedan ", "The difference has narrowed significantly since ")).W(previous).T(L(" bland ", " among "));
            for (var i = 0; i < narrowed.Count; i++)
            {
                var (gap, change) = narrowed[i];
                if (i > 0)
                {
                    s.T(i == narrowed.Count - 1 ? L(" och ", " and ") : ", ");
                }

                s.L(FindingRules.InSentence(CellLabel(gap.Breakdown, gap.Cell), _language)).T(L(" (förändring ", " (change ")).N(_cells.Number(change, withSign: true)!)
                    .Append(FindingRules.UnitAfter(indicator, ValueRole.Difference, _cells)).Append(FindingRules.Interval(change, _cells, parenthesis: false)).T(")");
            }

            return s.T(".");
        }

        // ------------------------------------------------------------------ figures and tables

        private void WriteTrendFigure(Indicator indicator)
        {
            var waves = _inputs.EarlierReleases.Select(r => r.Wave).Append(Wave).Distinct().Order().ToList();
            var groups = SeriesOf(indicator);
            var points = new List<ChartPoint>();
            foreach (var (code, label, _) in groups)
            {
                foreach (var wave in waves)
                {
                    var r = _cells.Find(wave, indicator.Id, "level", "total", "", code);
                    var scale = ReportNumbers.Scale(indicator, ValueRole.Level);
                    var hidden = r is null || r.SuppressionRule is not null || r.Estimate is null;
                    points.Add(new ChartPoint(wave.ToString(CultureInfo.InvariantCulture), wave.ToString(CultureInfo.InvariantCulture), code, label,
                        hidden ? null : r!.Estimate * scale, hidden ? null : r!.CiLower * scale, hidden ? null : r!.CiUpper * scale, hidden ? Symbol(r) : null));
                }
            }

            var unit = Capitalise(_catalogue.Units.FirstOrDefault(u => u.Id == indicator.Unit)?.Name[_language] ?? indicator.Unit);
            var summary = string.Join("; ", groups.Select(g => g.Label)) + " " + (En ? "by wave" : "per omgång");
            var spec = Charts.ChartSpecs.Trend(points, [.. groups.Select(g => new ChartSeries(g.Code, g.Label, g.Role))],
                new ChartText(_language, indicator.Name[_language], summary, unit, indicator.Decimals, 560));
            var index = ChartSpecs.Count;
            ChartSpecs.Add(spec);
            var figure = ++_figures;
            var id = "fig-" + figure.ToString(CultureInfo.InvariantCulture);
            _body.Append("<figure id=\"").Append(id).Append("\">\n<div class=\"chart\">").Append(ChartPlaceholder(index)).Append("</div>\n<figcaption><span class=\"caption-label\">")
                .Append(L("Figur ", "Figure ")).Append("<span class=\"no\">").Append(figure.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
                .Append(LabelHtml(indicator.Name[_language])).Append(": ").Append(LabelHtml(string.Join(L(" och ", " and "), groups.Select(g => FindingRules.InSentence(g.Label, _language)))))
                .Append(", ").Append(WaveSpan(waves[0])).Append('–').Append(WaveSpan(waves[^1]))
                .Append(indicator.Source.Kind == SourceKind.Survey ? Esc(L(", med konfidensintervall (skuggat).", ", with confidence intervals (shaded).")) : ".")
                .Append("<br><span class=\"source\">").Append(L("Källa: Integrationsbarometern ", "Source: The Integration Barometer ")).Append(WaveSpan(Wave))
                .Append(L(", tabell ", ", table ")).Append(TableId(indicator.Id)).Append(".</span></figcaption>\n</figure>\n");
        }

        private List<string> TableBreakdowns(Indicator indicator) =>
            [.. indicator.Breakdowns.Where(b => !LeftOutBreakdowns.Contains(b) && Codes(b).Count <= 12).Take(3)];

        /// <summary>Dot and whisker of the compared groups' levels by the indicator's first reported breakdown.</summary>
        private void WriteBreakdownFigure(Indicator indicator)
        {
            if (TableBreakdowns(indicator).FirstOrDefault() is not { } breakdown)
            {
                return;
            }

            var groups = SeriesOf(indicator);
            var points = new List<ChartPoint>();
            var scale = ReportNumbers.Scale(indicator, ValueRole.Level);
            foreach (var code in Codes(breakdown))
            {
                foreach (var (group, label, _) in groups)
                {
                    var r = _cells.Find(Wave, indicator.Id, "level", breakdown, code, group);
                    var hidden = r is null || r.SuppressionRule is not null || r.Estimate is null;
                    points.Add(new ChartPoint(code, CellLabel(breakdown, code), group, label,
                        hidden ? null : r!.Estimate * scale, hidden ? null : r!.CiLower * scale, hidden ? null : r!.CiUpper * scale, hidden ? Symbol(r) : null));
                }
            }

            if (points.All(p => p.Estimate is null))
            {
                return;
            }

            var title = indicator.Name[_language] + L(" efter ", " by ") + FindingRules.InSentence(BreakdownLabel(breakdown), _language);
            var spec = Charts.ChartSpecs.DotWhisker(points, [.. groups.Select(g => new ChartSeries(g.Code, g.Label, g.Role))],
                new ChartText(_language, title, title, Capitalise(_catalogue.Units.FirstOrDefault(u => u.Id == indicator.Unit)?.Name[_language] ?? indicator.Unit), indicator.Decimals, 560));
            var index = ChartSpecs.Count;
            ChartSpecs.Add(spec);
            var figure = ++_figures;
            _body.Append("<figure id=\"fig-").Append(figure.ToString(CultureInfo.InvariantCulture)).Append("\">\n<div class=\"chart\">").Append(ChartPlaceholder(index))
                .Append("</div>\n<figcaption><span class=\"caption-label\">").Append(L("Figur ", "Figure ")).Append("<span class=\"no\">").Append(figure.ToString(CultureInfo.InvariantCulture))
                .Append("</span>.</span> ").Append(LabelHtml(title)).Append(", ").Append(WaveSpan(Wave))
                .Append(indicator.Source.Kind == SourceKind.Survey ? Esc(L(", med konfidensintervall.", ", with confidence intervals.")) : ".")
                .Append(' ').Append(Esc(L("Dolda värden visas med sitt symboltecken.", "Hidden values show their symbol.")))
                .Append("<br><span class=\"source\">").Append(L("Källa: Integrationsbarometern ", "Source: The Integration Barometer ")).Append(WaveSpan(Wave))
                .Append(L(", tabell ", ", table ")).Append(TableId(ReportCells.TableId(indicator.Id, breakdown))).Append(".</span></figcaption>\n</figure>\n");
        }

        private List<(string Code, string Label, SeriesRole Role)> SeriesOf(Indicator indicator) =>
            indicator.Comparisons.Count > 0
                ?
                [
                    (indicator.Comparisons[0] + ":focal", _catalogue.Comparison(indicator.Comparisons[0]).Focal.Label[_language], SeriesRole.Focal),
                    (indicator.Comparisons[0] + ":reference", _catalogue.Comparison(indicator.Comparisons[0]).Reference.Label[_language], SeriesRole.Reference),
                ]
                : [("all", L("Samtliga", "All"), SeriesRole.Other)];

        private void WriteIndicatorTable(Indicator indicator) =>
            WriteResultTable(indicator, new ResultTable(TableBreakdowns(indicator), Total: true, PreviousWave, L("Grupp", "Group"), LabelHtml(indicator.Name[_language]), CssClass: null));

        /// <summary>
        /// What one table of an indicator's released cells of this wave shows: the rows of each breakdown's codes (after
        /// a total row, if any), the column of the previous wave (if any), the heading of the row column, the title in
        /// the caption (HTML) and the table's class.
        /// </summary>
        private sealed record ResultTable(IReadOnlyList<string> Breakdowns, bool Total, int? Previous, string RowHeading, string TitleHtml, string? CssClass);

        /// <summary>
        /// Writes a numbered table of an indicator's cells: the compared groups' levels and their difference (or the
        /// level of everyone), one row per breakdown code, with the symbols of hidden cells and their legend; returns
        /// the table's number.
        /// </summary>
        private int WriteResultTable(Indicator indicator, ResultTable layout)
        {
            var rows = new List<(string Breakdown, string Cell, string Label)>();
            if (layout.Total)
            {
                rows.Add(("total", "", L("Totalt", "Total")));
            }

            foreach (var b in layout.Breakdowns)
            {
                rows.AddRange(Codes(b).Select(c => (b, c, CellLabel(b, c))));
            }

            var grouped = layout.Total || layout.Breakdowns.Count > 1;
            var table = ++_tables;
            var survey = indicator.Source.Kind == SourceKind.Survey;
            var cmpId = indicator.Comparisons.Count > 0 ? indicator.Comparisons[0] : null;
            var previous = layout.Previous;
            _body.Append("<table id=\"tab-").Append(table.ToString(CultureInfo.InvariantCulture)).Append('"')
                .Append(layout.CssClass is { } css ? " class=\"" + css + "\"" : "").Append(">\n<caption><span class=\"caption-label\">")
                .Append(L("Tabell ", "Table ")).Append("<span class=\"no\">").Append(table.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
                .Append(layout.TitleHtml).Append(", ").Append(WaveSpan(Wave)).Append(". ").Append(LabelHtml(UnitTitle(indicator)));
            if (survey)
            {
                _body.Append(Esc(L(". Konfidensintervall inom hakparentes; förändringar med felmarginal ±.", ". Confidence intervals in brackets; changes with their margin of error ±.")));
            }

            _body.Append("</caption>\n<thead><tr><th scope=\"col\">").Append(LabelHtml(layout.RowHeading)).Append("</th>");
            if (cmpId is not null)
            {
                var cmp = _catalogue.Comparison(cmpId);
                _body.Append("<th scope=\"col\">").Append(LabelHtml(cmp.Focal.Label[_language])).Append("</th><th scope=\"col\">").Append(LabelHtml(cmp.Reference.Label[_language]))
                    .Append("</th><th scope=\"col\">").Append(indicator.Gap == GapKind.Ratio ? L("Kvot (procent)", "Ratio (per cent)") : L("Skillnad", "Difference")).Append("</th>");
            }
            else
            {
                _body.Append("<th scope=\"col\">").Append(L("Samtliga", "All")).Append("</th>");
            }

            if (previous is { } p)
            {
                _body.Append("<th scope=\"col\">").Append(survey
                    ? (cmpId is not null ? L("Förändring av skillnaden sedan ", "Change in the difference since ") : L("Förändring sedan ", "Change since "))
                    : (cmpId is not null ? (indicator.Gap == GapKind.Ratio ? L("Kvot ", "Ratio ") : L("Skillnad ", "Difference ")) : L("Nivå ", "Level "))).Append(WaveSpan(p)).Append("</th>");
            }

            _body.Append("</tr></thead>\n<tbody>\n");
            string? lastBreakdown = null;
            foreach (var (breakdown, cell, label) in rows)
            {
                if (grouped && breakdown != "total" && breakdown != lastBreakdown)
                {
                    _body.Append("<tr class=\"group\"><th colspan=\"5\" scope=\"rowgroup\">").Append(LabelHtml(BreakdownLabel(breakdown))).Append("</th></tr>\n");
                }

                lastBreakdown = breakdown;
                _body.Append("<tr><th scope=\"row\">").Append(LabelHtml(label)).Append("</th>");
                if (cmpId is not null)
                {
                    _body.Append(ValueCell(_cells.Find(Wave, indicator.Id, "level", breakdown, cell, cmpId + ":focal"), withSign: false))
                        .Append(ValueCell(_cells.Find(Wave, indicator.Id, "level", breakdown, cell, cmpId + ":reference"), withSign: false))
                        .Append(ValueCell(_cells.Find(Wave, indicator.Id, "gap", breakdown, cell, cmpId), withSign: indicator.Gap != GapKind.Ratio));
                }
                else
                {
                    _body.Append(ValueCell(_cells.Find(Wave, indicator.Id, "level", breakdown, cell, "all"), withSign: false));
                }

                if (previous is { } pw)
                {
                    _body.Append(survey
                        ? ValueCell(_cells.Find(Wave, indicator.Id, "change", breakdown, cell, cmpId is not null ? "gap:" + cmpId : "all"), withSign: true)
                        : ValueCell(cmpId is not null ? _cells.Find(pw, indicator.Id, "gap", breakdown, cell, cmpId) : _cells.Find(pw, indicator.Id, "level", breakdown, cell, "all"),
                            withSign: cmpId is not null && indicator.Gap != GapKind.Ratio));
                }

                _body.Append("</tr>\n");
            }

            var tables = (layout.Total ? new[] { "total" } : []).Concat(layout.Breakdowns).Select(b => TableId(ReportCells.TableId(indicator.Id, b)));
            _body.Append("</tbody>\n</table>\n<p class=\"source\">").Append(L("Källa: Integrationsbarometern ", "Source: The Integration Barometer ")).Append(WaveSpan(Wave))
                .Append(L(", tabell ", ", table ")).Append(string.Join(", ", tables)).Append(". ").Append(Esc(SymbolLegend())).Append("</p>\n");
            return table;
        }

        private string ValueCell(PublishedResult? r, bool withSign)
        {
            if (r is null || r.SuppressionRule is not null || r.Estimate is null)
            {
                return "<td class=\"sym\">" + Esc(Symbol(r)) + "</td>";
            }

            var sb = new StringBuilder("<td>");
            sb.Append(Render([_cells.Number(r, withSign: withSign)!]));
            if (r.QualityFlag is not null)
            {
                sb.Append("<sup class=\"flag\">").Append(Esc(SymbolOf("uncertain", "*"))).Append("</sup>");
            }

            if (r.Measure == Measure.Change)
            {
                if (_cells.Number(r, "margin") is { } margin)
                {
                    sb.Append("<br><span class=\"ci\">±").Append(Render([margin])).Append("</span>");
                }
            }
            else if (_cells.Number(r, "ci_lower") is { } lower && _cells.Number(r, "ci_upper") is { } upper)
            {
                sb.Append("<br><span class=\"ci\">[").Append(Render([lower])).Append(En ? ", " : "; ").Append(Render([upper])).Append("]</span>");
            }

            return sb.Append("</td>").ToString();
        }

        private string Symbol(PublishedResult? r)
        {
            if (r is null || r.SuppressionRule is null or "change.previous_unavailable")
            {
                return SymbolOf("not_applicable", ".");
            }

            return r.SuppressionRule.StartsWith("register.", StringComparison.Ordinal) ? "x" : SymbolOf("suppressed", "..");
        }

        private string SymbolOf(string key, string fallback) => _rules?["symbols"]?[key]?.GetValue<string>() ?? fallback;

        private string SymbolLegend() => L(
            $"{SymbolOf("suppressed", "..")} för osäker för att redovisas (eller undertryckt för att skydda en sådan skattning); {SymbolOf("not_applicable", ".")} uppgift kan inte förekomma; x röjandekontroll; {SymbolOf("uncertain", "*")} osäker skattning (stor felmarginal).",
            $"{SymbolOf("suppressed", "..")} too uncertain to be published (or withheld to protect such an estimate); {SymbolOf("not_applicable", ".")} not applicable; x suppressed for disclosure control; {SymbolOf("uncertain", "*")} uncertain estimate (large margin of error).");

        // ------------------------------------------------------------------ appendix

        private void WriteAppendix()
        {
            _body.Append("<section class=\"appendix\">\n");
            Heading(2, "appendix", L("Bilaga A", "Appendix A"), L("Metod och kvalitet", "Method and quality"));
            _body.Append("<p>").Append(Esc(L(
                "Bilagan beskriver statistikens kvalitet i stil med SCB:s kvalitetsdeklarationer: population och ram, urval och svarsfrekvenser, kalibrering, variansskattning, redovisningsregler och vad som har ändrats sedan föregående omgång.",
                "The appendix describes the quality of the statistics in the style of Statistics Sweden's quality declarations: population and frame, sample and response rates, calibration, variance estimation, publication rules and what has changed since the previous wave."))).Append("</p>\n");
            WritePopulation();
            WriteSample();
            WriteCalibration();
            WriteVariance();
            WriteRules();
            WriteChanges();
            _body.Append("</section>\n");
        }

        private void WritePopulation()
        {
            Heading(3, "a-population", "A.1", L("Population och ram", "Population and frame"));
            var s = new Sentence().T(L("Målpopulationen för urvalsundersökningen är personer folkbokförda i Sverige i åldern ",
                "The target population of the sample survey is persons registered in Sweden aged "));
            s.N(ProvenanceNumber("rules.calibration.population.0")).T("–").N(ProvenanceNumber("rules.calibration.population.1"))
                .T(L(" år. Urvalsramen är Registret över totalbefolkningen (RTB) vid ramens referensdatum", " years. The frame is the Total Population Register (RTB) at the frame's reference date"));
            if (_inputs.Fieldwork is { } fieldwork)
            {
                s.T(L("; ramen omfattar ", "; the frame holds ")).N(FieldworkNumber(fieldwork.FramePersons, "total;stat=frame")).T(L(" personer", " persons"));
            }

            s.T(L(". Registerindikatorerna avser hela befolkningen i respektive indikators population och har inget urvalsfel; de kan ha täcknings- och mätfel i registren.",
                ". The register indicators cover the whole population of each indicator and have no sampling error; they may have coverage and measurement errors of the registers."));
            _body.Append("<p>").Append(Render(s)).Append("</p>\n");
        }

        private void WriteSample()
        {
            Heading(3, "a-sample", "A.2", L("Urval och svarsfrekvenser", "Sample and response rates"));
            if (_inputs.Fieldwork is not { } fieldwork)
            {
                _body.Append("<p>").Append(Esc(L("Bruttourvalet för omgången finns inte i databasen.", "The wave's gross sample is not in the store."))).Append("</p>\n");
                return;
            }

            var s = new Sentence().T(L("Urvalet är ett stratifierat obundet slumpmässigt urval. Bruttourvalet omfattar ", "The sample is a stratified simple random sample. The gross sample holds "))
                .N(FieldworkNumber(fieldwork.Sampled, "total;stat=sampled")).T(L(" personer i ", " persons in ")).N(FieldworkNumber(fieldwork.Strata.Count, "total;stat=strata"))
                .T(L(" strata (födelseregion × vistelsetid × område för utrikes födda, område för inrikes födda); ", " strata (region of birth × years in Sweden × area for the foreign-born, area for the native-born); "))
                .N(FieldworkNumber(fieldwork.Responded, "total;stat=responded")).T(L(" svarade, en svarsfrekvens på ", " responded, a response rate of "))
                .N(FieldworkRate(fieldwork.Rate, "total;stat=rate")).T(L(" procent. Bortfallet hanteras genom kalibrering (se nedan).", " per cent. Non-response is handled by calibration (see below)."));
            _body.Append("<p>").Append(Render(s)).Append("</p>\n");

            var table = ++_tables;
            _body.Append("<table id=\"tab-").Append(table.ToString(CultureInfo.InvariantCulture)).Append("\" class=\"compact\">\n<caption><span class=\"caption-label\">")
                .Append(L("Tabell ", "Table ")).Append("<span class=\"no\">").Append(table.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
                .Append(Esc(L("Svarsfrekvens efter grupp (bakgrundsvariabler i bruttourvalet), ", "Response rate by group (background variables of the gross sample), "))).Append(WaveSpan(Wave))
                .Append(".</caption>\n<thead><tr><th scope=\"col\">").Append(L("Grupp", "Group")).Append("</th><th scope=\"col\">").Append(L("Urval", "Sampled")).Append("</th><th scope=\"col\">")
                .Append(L("Svarande", "Respondents")).Append("</th><th scope=\"col\">").Append(L("Svarsfrekvens (procent)", "Response rate (per cent)")).Append("</th></tr></thead>\n<tbody>\n");
            string? last = null;
            foreach (var g in fieldwork.Groups)
            {
                if (g.Variable != last)
                {
                    _body.Append("<tr class=\"group\"><th colspan=\"4\" scope=\"rowgroup\">").Append(LabelHtml(BreakdownLabel(g.Variable))).Append("</th></tr>\n");
                    last = g.Variable;
                }

                var key = "variable=" + g.Variable + ";code=" + g.Code;
                _body.Append("<tr><th scope=\"row\">").Append(LabelHtml(g.Code.Length == 0 ? L("Uppgift saknas", "Not known") : CellLabel(g.Variable, g.Code))).Append("</th><td>")
                    .Append(Render([FieldworkNumber(g.Sampled, key + ";stat=sampled")])).Append("</td><td>").Append(Render([FieldworkNumber(g.Responded, key + ";stat=responded")]))
                    .Append("</td><td>").Append(Render([FieldworkRate(g.Rate, key + ";stat=rate")])).Append("</td></tr>\n");
            }

            _body.Append("</tbody>\n</table>\n<p class=\"source\">").Append(Esc(L("Källa: bruttourvalet för omgång ", "Source: the gross sample of wave "))).Append(WaveSpan(Wave)).Append(".</p>\n");

            table = ++_tables;
            _body.Append("<table id=\"tab-").Append(table.ToString(CultureInfo.InvariantCulture)).Append("\" class=\"compact\">\n<caption><span class=\"caption-label\">")
                .Append(L("Tabell ", "Table ")).Append("<span class=\"no\">").Append(table.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
                .Append(Esc(L("Urval och svarsfrekvens efter stratum, ", "Sample and response rate by stratum, "))).Append(WaveSpan(Wave))
                .Append(".</caption>\n<thead><tr><th scope=\"col\">Stratum</th><th scope=\"col\">").Append(L("Personer i ramen", "Persons in the frame")).Append("</th><th scope=\"col\">")
                .Append(L("Urval", "Sampled")).Append("</th><th scope=\"col\">").Append(L("Svarande", "Respondents")).Append("</th><th scope=\"col\">")
                .Append(L("Svarsfrekvens (procent)", "Response rate (per cent)")).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var stratum in fieldwork.Strata)
            {
                var key = "stratum=" + stratum.Stratum;
                _body.Append("<tr><th scope=\"row\"><code class=\"code\">").Append(Esc(stratum.Stratum)).Append("</code></th><td>")
                    .Append(Render([FieldworkNumber(stratum.FramePersons, key + ";stat=frame")])).Append("</td><td>").Append(Render([FieldworkNumber(stratum.Sampled, key + ";stat=sampled")]))
                    .Append("</td><td>").Append(Render([FieldworkNumber(stratum.Responded, key + ";stat=responded")])).Append("</td><td>")
                    .Append(Render([FieldworkRate(stratum.Rate, key + ";stat=rate")])).Append("</td></tr>\n");
            }

            _body.Append("</tbody>\n</table>\n<p class=\"source\">").Append(Esc(L("Källa: bruttourvalet för omgång ", "Source: the gross sample of wave "))).Append(WaveSpan(Wave)).Append(".</p>\n");
        }

        private void WriteCalibration()
        {
            Heading(3, "a-calibration", "A.3", L("Kalibrering", "Calibration"));
            var calibration = _rules?["calibration"] as JsonObject;
            var method = calibration?["method"]?.GetValue<string>() ?? _catalogue.Calibration.Method;
            var s = new Sentence().T(L("Designvikterna kalibreras så att det viktade urvalet återger registertotaler på varje marginal (metod: ",
                "The design weights are calibrated so that the weighted sample reproduces register totals on every margin (method: ")).L(method)
                .T(L("). Marginalerna i den körning som frisläpptes:", "). The margins of the released run:"));
            _body.Append("<p>").Append(Render(s)).Append("</p>\n<ul>\n");
            if (calibration?["margins"] is JsonArray margins)
            {
                for (var i = 0; i < margins.Count; i++)
                {
                    var m = margins[i]!;
                    var names = m["variables"]!.AsArray().Select(v => BreakdownLabel(v!.GetValue<string>()));
                    var path = string.Create(CultureInfo.InvariantCulture, $"rules.calibration.margins.{i}");
                    var item = new Sentence().L(string.Join(" × ", names)).T(": ").N(ProvenanceNumber(path + ".cells")).T(L(" celler, total ", " cells, total "))
                        .N(ProvenanceNumber(path + ".total")).T(L(" personer (källa: ", " persons (source: ")).L(m["source"]?.GetValue<string>() ?? "").T(").");
                    _body.Append("<li>").Append(Render(item)).Append("</li>\n");
                }
            }

            _body.Append("</ul>\n<p>").Append(Esc(L(
                "Kalibreringen minskar bortfallsfelet när svarsbenägenheten samvarierar med kalibreringsvariablerna, och den minskar standardfelen för indikatorer som samvarierar med dem.",
                "Calibration reduces non-response bias where the propensity to respond varies with the calibration variables, and it reduces the standard errors of indicators that vary with them."))).Append("</p>\n");
        }

        private void WriteVariance()
        {
            Heading(3, "a-variance", "A.4", L("Variansskattning och osäkerhet", "Variance estimation and uncertainty"));
            var s = new Sentence().T(L(
                "Standardfelen skattas med Taylorlinearisering för det stratifierade urvalet med ändlighetskorrektion, där de kalibrerade vikterna behandlas genom residualerna från kalibreringen. Konfidensintervallen har konfidensgraden ",
                "Standard errors are estimated by Taylor linearisation for the stratified design with finite population correction, with the calibrated weights handled through the calibration residuals. The confidence intervals have a confidence level of "))
                .N(ProvenanceNumber("rules.survey.confidence_level", 100)).T(L(
                    " procent; för andelar används logit-intervall. Skillnader mellan grupper skattas i samma urval med hänsyn till kovariansen. Förändringar mellan omgångar skattas som skillnader mellan två oberoende urval. En skillnad eller förändring kallas statistiskt säkerställd när konfidensintervallet inte innehåller noll. Standardiserade skillnader vägs om till referensgruppens fördelning efter ",
                    " per cent; proportions use logit intervals. Differences between groups are estimated in the same sample, taking their covariance into account. Changes between waves are estimated as differences between two independent samples. A difference or change is called statistically significant when its confidence interval does not contain zero. Standardised differences reweight to the reference group's distribution by "));
            var variables = (_rules?["standardisation"]?["variables"] as JsonArray)?.Select(v => BreakdownLabel(v!.GetValue<string>())).ToList() ?? [];
            s.L(string.Join(L(" och ", " and "), variables.Select(v => FindingRules.InSentence(v, _language)))).T(".");
            _body.Append("<p>").Append(Render(s)).Append("</p>\n");
        }

        private void WriteRules()
        {
            Heading(3, "a-rules", "A.5", L("Redovisnings- och sekretessregler", "Publication and disclosure rules"));
            var items = new List<Sentence>
            {
                new Sentence().T(L("Urvalsundersökningen: en skattning som bygger på färre än ", "Survey: an estimate based on fewer than "))
                    .N(ProvenanceNumber("rules.survey.min_respondents")).T(L(" svarande redovisas inte (", " respondents is not published (")).T(SymbolOf("suppressed", "..")).T(").").T(L(
                        " En skattning vars relativa felmarginal överstiger ", " An estimate whose relative margin of error exceeds ")).N(ProvenanceNumber("rules.survey.relative_margin_flag", 100))
                    .T(L(" procent markeras som osäker (", " per cent is marked as uncertain (")).T(SymbolOf("uncertain", "*")).T(L(") men redovisas.", ") but published."))
                    .T(L(" Ytterligare skattningar undertrycks (", " Further estimates are withheld (")).T(SymbolOf("suppressed", "..")).T(L(
                        ") så att en undertryckt skattning inte kan räknas fram ur totalen och övriga delgrupper.",
                        ") so that a suppressed estimate cannot be recalculated from the total and the other subgroups.")),
                new Sentence().T(L("Register: en andel redovisas bara om gruppen har fler än ", "Registers: a share is published only if the group has more than "))
                    .N(ProvenanceNumber("rules.register.group_size_more_than")).T(L(" personer och fler än ", " persons and more than ")).N(ProvenanceNumber("rules.register.with_property_more_than"))
                    .T(L(" har egenskapen och lika många saknar den; annars visas x.", " have the property and as many do not; otherwise x is shown.")).T(_rules?["register"]?["complementary_suppression"]?.GetValue<bool>() == true
                        ? L(" Ytterligare celler undertrycks (sekundär röjandekontroll) så att en undertryckt cell inte kan räknas fram ur marginalerna.",
                            " Further cells are suppressed (secondary disclosure control) so that a suppressed cell cannot be recovered from the margins.")
                        : ""),
                new Sentence().T(L("En skillnad redovisas inte när någon av de jämförda grupperna är undertryckt; en förändring redovisas inte när föregående omgång saknar värde (",
                    "A difference is not published when either compared group is suppressed; a change is not published when the previous wave has no value (")).T(SymbolOf("not_applicable", ".")).T(")."),
                new Sentence().T(L("Undertryckta celler visas alltid med sitt symboltecken, aldrig som noll. ", "Suppressed cells always show their symbol, never zero. ")).T(SymbolLegend()),
            };
            _body.Append("<ul>\n");
            foreach (var item in items)
            {
                _body.Append("<li>").Append(Render(item)).Append("</li>\n");
            }

            _body.Append("</ul>\n");
        }

        private void WriteChanges()
        {
            Heading(3, "a-changes", "A.6", L("Ändringar sedan föregående omgång och om denna version", "Changes since the previous wave and about this version"));
            var release = _inputs.Release;
            var items = new List<string>();
            var previous = _inputs.PreviousRelease;
            if (previous is null)
            {
                items.Add(Render(new Sentence().T(L("Omgång ", "Wave ")).W(release.Wave).T(L(" är den första frisläppta omgången; förändringar redovisas inte.",
                    " is the first released wave; changes are not reported."))));
            }
            else
            {
                items.Add(CompareText(L("Katalogversion", "Catalogue version"), previous, release, "catalogue_version"));
                items.Add(CompareText(L("Programversion", "Software version"), previous, release, "software_version"));
                var changedRules = ChangedRules(previous.Rules, release.Rules).ToList();
                items.Add(Render(new Sentence().T(changedRules.Count == 0
                    ? L("Redovisnings-, kalibrerings- och sekretessreglerna är desamma som för ", "The publication, calibration and disclosure rules are the same as for ")
                    : L("Regler som har ändrats sedan ", "Rules changed since ")).W(previous.Wave)
                    .T(changedRules.Count == 0 ? "." : ": ").L(string.Join(", ", changedRules)).T(changedRules.Count == 0 ? "" : ".")));
            }

            foreach (var version in _inputs.VersionsOfWave)
            {
                var s = new Sentence().T(L("Version ", "Version ")).N(new NumberInline(version.Version.ToString(CultureInfo.InvariantCulture), "provenance", "releases",
                    string.Create(CultureInfo.InvariantCulture, $"wave={version.Wave};version={version.Version}"))).T(L(": publiceringstid ", ": release time "));
                items.Add(Render(s) + Time(version.ReleaseTime) + Esc(version.Note is { } note ? L(". Rättelse: ", ". Correction: ") + note : "") + ".");
            }

            var files = _inputs.Release.Provenance["input_files"] as JsonArray;
            items.Add(Esc(L("Indata (", "Input files (")) + LabelHtml("SHA-256") + "): " + string.Join("; ",
                (files ?? []).Select(f => "<code class=\"code\">" + Esc(f?["path"]?.GetValue<string>() ?? "") + "</code> <code class=\"code hash\">"
                    + Esc((f?["sha256"]?.GetValue<string>() ?? "")[..Math.Min(12, (f?["sha256"]?.GetValue<string>() ?? "").Length)]) + "…</code>")) + ".");
            _body.Append("<ul>\n");
            foreach (var item in items)
            {
                _body.Append("<li>").Append(item).Append("</li>\n");
            }

            _body.Append("</ul>\n");
        }

        private string CompareText(string what, ReportRelease previous, ReportRelease current, string key)
        {
            var before = previous.Provenance[key]?.GetValue<string>() ?? "";
            var now = current.Provenance[key]?.GetValue<string>() ?? "";
            return Esc(what) + ": <code class=\"code\">" + Esc(now) + "</code>" + (before == now
                ? Esc(L(" (oförändrad sedan ", " (unchanged since ")) + WaveSpan(previous.Wave) + ")."
                : Esc(L(" (tidigare ", " (previously ")) + "<code class=\"code\">" + Esc(before) + "</code>" + Esc(L(" för ", " for ")) + WaveSpan(previous.Wave) + ").");
        }

        private static IEnumerable<string> ChangedRules(JsonObject? before, JsonObject? now)
        {
            var keys = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var k in (before ?? []).Select(p => p.Key).Concat((now ?? []).Select(p => p.Key)))
            {
                keys.Add(k);
            }

            foreach (var key in keys.Where(k => k != "register_sha256"))
            {
                var a = before?[key];
                var b = now?[key];
                if (key == "calibration")
                {
                    // Totals follow the register; compare the method and the margins' variables and sources.
                    static string Shape(JsonNode? c) => c is null ? "" : (c["method"]?.ToJsonString() ?? "") + "|" + (c["population"]?.ToJsonString() ?? "") + "|" + string.Join(",",
                        (c["margins"] as JsonArray ?? []).Select(m => (m?["variables"]?.ToJsonString() ?? "") + (m?["source"]?.ToJsonString() ?? "")));
                    if (Shape(a) != Shape(b))
                    {
                        yield return key;
                    }
                }
                else if (!JsonNode.DeepEquals(a, b))
                {
                    yield return key;
                }
            }
        }

        // ------------------------------------------------------------------ counties

        /// <summary>
        /// Whether the indicator has a table by county in appendix B: a register indicator broken down by län, with
        /// released results in this version.
        /// </summary>
        private bool HasCountyTable(Indicator indicator) =>
            indicator.Source.Kind == SourceKind.Register && indicator.Breakdowns.Contains(CountyBreakdown, StringComparer.Ordinal)
            && _cells.All.Any(r => r.Wave == Wave && r.Indicator == indicator.Id);

        /// <summary>Where the chapter's reference to an indicator's county table gets that table's number, once it is written.</summary>
        private static string CountyTableNumber(string indicator) => "<!--county-table:" + indicator + "-->";

        private static string CountyTableAnchor(Indicator indicator) => "lan-" + indicator.Id;

        /// <summary>
        /// Appendix B: for each sub-goal, a table by county (one row per län, in code order, named in the report's
        /// language) of each register indicator broken down by län, the same table as the chapters' but without the
        /// total and the previous wave, and linked from the indicator's chapter.
        /// </summary>
        private void WriteCountyAppendix()
        {
            var subGoals = _catalogue.SubGoals.OrderBy(s => s.Order)
                .Select(s => (SubGoal: s, Indicators: _catalogue.IndicatorsOf(s.Id).Where(HasCountyTable).ToList()))
                .Where(s => s.Indicators.Count > 0).ToList();
            if (subGoals.Count == 0)
            {
                return;
            }

            _body.Append("<section class=\"appendix counties\">\n");
            Heading(2, "counties", L("Bilaga B", "Appendix B"), L("Län", "Counties"));
            _body.Append("<p>").Append(Esc(L(
                "Bilagan redovisar registerindikatorerna efter folkbokföringslän, ett län per rad i länskodernas ordning. För en indikator med jämförelse visas nivån i de jämförda grupperna och skillnaden mellan dem, för övriga nivån bland samtliga. Registeruppgifterna är totalräkningar utan urvalsfel; celler med få personer är undertryckta enligt redovisnings- och sekretessreglerna i bilaga A.",
                "The appendix shows the register indicators by county of residence, one county a row in the order of the county codes. For an indicator with a comparison it shows the levels of the compared groups and the difference between them, for the others the level among all. Register figures are totals without sampling error; cells with few persons are suppressed by the publication and disclosure rules of Appendix A."))).Append("</p>\n");
            var county = BreakdownLabel(CountyBreakdown);
            var number = 1;
            foreach (var (subGoal, indicators) in subGoals)
            {
                Heading(3, "counties-" + subGoal.Id, "B." + number.ToString(CultureInfo.InvariantCulture), subGoal.Name[_language]);
                number++;
                foreach (var indicator in indicators)
                {
                    var title = "<a href=\"#ind-" + indicator.Id + "\">" + LabelHtml(indicator.Name[_language]) + "</a>" + Esc(L(" efter ", " by "))
                        + LabelHtml(FindingRules.InSentence(county, _language));
                    _body.Append("<div class=\"county\" id=\"").Append(CountyTableAnchor(indicator)).Append("\">\n");
                    _countyTables[indicator.Id] = WriteResultTable(indicator, new ResultTable([CountyBreakdown], Total: false, Previous: null, county, title, CssClass: "compact county"));
                    _body.Append("</div>\n");
                }
            }

            _body.Append("</section>\n");
        }

        // ------------------------------------------------------------------ numbers and text

        private NumberInline ProvenanceNumber(string path, double scale = 1)
        {
            JsonNode? node = _inputs.Release.Provenance;
            foreach (var part in path.Split('.'))
            {
                node = node is JsonArray array && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? (i < array.Count ? array[i] : null) : node?[part];
            }

            var value = node?.GetValue<double>() ?? throw new ReportException($"the release's provenance has no number at '{path}'.");
            var decimals = Math.Abs(value * scale - Math.Round(value * scale)) < 1e-9 ? 0 : 2;
            var cell = scale == 1 ? path : path + ";scale=" + scale.ToString(CultureInfo.InvariantCulture);
            return new NumberInline(ReportNumbers.Format(value * scale, decimals, _language), "provenance", "release", cell);
        }

        private NumberInline FieldworkNumber(long value, string cell) =>
            new(ReportNumbers.Format(value, 0, _language), "fieldwork", "gross_sample", cell);

        private NumberInline FieldworkRate(double? rate, string cell) =>
            new(rate is { } r ? ReportNumbers.Format(r * 100, 1, _language) : SymbolOf("not_applicable", "."), "fieldwork", "gross_sample", cell);

        private static string Provenance(string text, string path) =>
            Render([new NumberInline(text, "provenance", "release", path)]);

        private static string Render(IEnumerable<Inline> inlines)
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

        private static string LabelHtml(string text) =>
            text.Any(char.IsAsciiDigit) ? "<span class=\"label\">" + Esc(text) + "</span>" : Esc(text);

        private static string WaveSpan(int wave) => "<span class=\"wave\">" + wave.ToString(CultureInfo.InvariantCulture) + "</span>";

        private static string TableId(string id) => "<code class=\"table-id\">" + Esc(id) + "</code>";

        private static string Time(DateTimeOffset at) =>
            "<time datetime=\"" + at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + "\">"
            + at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC</time>";

        private static string Esc(string text) => WebUtility.HtmlEncode(text);

        private IReadOnlyList<string> Codes(string variable)
        {
            var classification = _catalogue.FindVariable(variable)?.Classification is { } id ? _catalogue.FindClassification(id) : null;
            return classification is null ? [] : [.. classification.Codes.Select(c => c.Code)];
        }

        private string CellLabel(string variable, string code)
        {
            var classification = _catalogue.FindVariable(variable)?.Classification is { } id ? _catalogue.FindClassification(id) : null;
            return classification?.Find(code)?.Label[_language] ?? code;
        }

        private string BreakdownLabel(string variable)
        {
            var info = _catalogue.FindVariable(variable);
            var classification = info?.Classification is { } id ? _catalogue.FindClassification(id) : null;
            return classification?.Name[_language] ?? info?.Description[_language] ?? variable;
        }

        private string UnitTitle(Indicator indicator)
        {
            var unit = _catalogue.Units.FirstOrDefault(u => u.Id == indicator.Unit);
            var name = unit?.Name[_language] ?? indicator.Unit;
            return (indicator.Unit == "percent" ? L("Procent; skillnader i procentenheter", "Per cent; differences in percentage points") : Capitalise(name));
        }

        private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

        private string Css(string title) => ReportStyle.Css(title, En);
    }
}

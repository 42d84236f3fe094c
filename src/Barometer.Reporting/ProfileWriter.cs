using System.Globalization;
using System.Text;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Results;
using Barometer.Publishing.Tables;
using Barometer.Reporting.Sections;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting;

/// <summary>The level of a printed profile: a municipality (<c>kommun</c>) or a county (<c>lan</c>).</summary>
public enum ProfileLevel
{
    Municipality,
    County,
}

/// <summary>The area a printed profile is about: its level and its code in the level's classification (e.g. 0180, 01).</summary>
public sealed record ProfileArea(ProfileLevel Level, string Code)
{
    /// <summary>The breakdown (and the API tables' suffix) of the area's level.</summary>
    public string Breakdown => Level == ProfileLevel.County ? "lan" : "kommun";

    /// <summary>The county of a municipality (the first two digits of its code), or null for a county.</summary>
    public string? CountyCode => Level == ProfileLevel.Municipality && Code.Length == 4 ? Code[..2] : null;
}

/// <summary>
/// Writes the printed profile of one municipality or county (<c>barometer profile</c>) as one self-contained HTML
/// file from the released, public results of the latest public wave: every register indicator published by the
/// area's level for the compared groups and the gap, beside its county (municipalities) and Sweden; expected versus
/// actual where published; for counties the survey indicators' model-based estimates; the sources and the symbols.
/// Every number is a <c>span.num</c> naming its table and cell in the API's table model, as in the report.
/// </summary>
public sealed class ProfileWriter(IndicatorCatalogue catalogue)
{
    private readonly IndicatorCatalogue _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));

    /// <summary>Throws a <see cref="ReportException"/> naming what was expected when the catalogue has no such area.</summary>
    public void Validate(ProfileArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        var codes = AreaCodes(area.Breakdown);
        if (!codes.Contains(area.Code, StringComparer.Ordinal))
        {
            var what = area.Level == ProfileLevel.County
                ? "a county code (län) of the classification, two digits such as 01"
                : "a municipality code (kommun) of the classification, four digits such as 0180";
            throw new ReportException($"unknown {(area.Level == ProfileLevel.County ? "county" : "municipality")} code '{area.Code}'; expected {what}"
                + (codes.Count == 0 ? " (the catalogue has no such classification)." : "."));
        }
    }

    private List<string> AreaCodes(string breakdown)
    {
        var classification = _catalogue.FindVariable(breakdown)?.Classification is { } id ? _catalogue.FindClassification(id) : null;
        return classification is null ? [] : [.. classification.Codes.Select(c => c.Code)];
    }

    public string WriteHtml(ReportInputs inputs, ProfileArea area, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(options);
        Validate(area);
        var document = new ReportDocument(_catalogue, inputs, options with { ContentsPages = null });
        return new Composer(document, area).Compose();
    }

    private sealed class Composer(ReportDocument document, ProfileArea area)
    {
        private readonly ResultTableWriter _tables = new(document);
        private readonly StringBuilder _html = new();
        private readonly SortedSet<string> _sources = new(StringComparer.Ordinal);

        private int Wave => document.Wave;

        private string L(string sv, string en) => document.L(sv, en);

        private string AreaName(ProfileArea a) => document.CellLabel(a.Breakdown, a.Code);

        public string Compose()
        {
            var isCounty = area.Level == ProfileLevel.County;
            var name = AreaName(area);
            var title = (isCounty ? L("Länsprofil: ", "County profile: ") : L("Kommunprofil: ", "Municipality profile: ")) + name;
            var body = new StringBuilder();
            WriteRegister(body);
            WriteExpected(body);
            if (isCounty)
            {
                WriteModelEstimates(body);
            }

            WriteSources(body);

            _html.Append("<!DOCTYPE html>\n<html lang=\"").Append(document.Language.Code()).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(Esc(title)).Append("</title>\n<style>\n")
                .Append(ReportStyle.Css(title + " " + Wave.ToString(CultureInfo.InvariantCulture), document.Language))
                .Append("section.profile h2 { margin-top: 1.2rem; }\n</style>\n</head>\n<body>\n<header class=\"cover\">\n<p class=\"kicker\">")
                .Append(Esc(L("Integrationsbarometern ", "The Integration Barometer "))).Append(WaveSpan(Wave)).Append("</p>\n<h1>").Append(LabelHtml(title)).Append("</h1>\n<p class=\"subtitle\">")
                .Append(Esc(isCounty ? L("Län ", "County ") : L("Kommun ", "Municipality "))).Append("<span class=\"label\">").Append(Esc(area.Code)).Append("</span>")
                .Append(Esc(L(". Publicerade resultat, version ", ". Published results, version ")))
                .Append(Provenance(document.Inputs.Release.Version.ToString(CultureInfo.InvariantCulture), "version"))
                .Append(Esc(L(", publicerad ", ", published "))).Append(Time(document.Inputs.Release.ReleaseTime)).Append(".</p>\n</header>\n<main>\n")
                .Append(body).Append("</main>\n</body>\n</html>\n");
            return _html.ToString();
        }

        private bool Has(Indicator indicator, string breakdown) =>
            indicator.Breakdowns.Contains(breakdown, StringComparer.Ordinal) && document.Cells.HasResults(Wave, indicator.Id);

        private void WriteRegister(StringBuilder body)
        {
            var isCounty = area.Level == ProfileLevel.County;
            var county = area.CountyCode is { } c && AreaCodesContain("lan", c) ? new ProfileArea(ProfileLevel.County, c) : null;
            body.Append("<section class=\"profile register\">\n<h2>").Append(Esc(L("Registerindikatorer", "Register indicators"))).Append("</h2>\n<p>")
                .Append(Esc(isCounty
                    ? L("Länets värden bredvid hela Sveriges, för de jämförda grupperna och skillnaden mellan dem. Registeruppgifterna är totalräkningar utan urvalsfel.",
                        "The county's values beside Sweden's, for the compared groups and the difference between them. Register figures are totals without sampling error.")
                    : L("Kommunens värden bredvid länets och hela Sveriges, för de jämförda grupperna och skillnaden mellan dem. Registeruppgifterna är totalräkningar utan urvalsfel.",
                        "The municipality's values beside its county's and Sweden's, for the compared groups and the difference between them. Register figures are totals without sampling error.")))
                .Append("</p>\n");
            var any = false;
            foreach (var subGoal in document.Catalogue.SubGoals.OrderBy(s => s.Order))
            {
                var indicators = document.Catalogue.IndicatorsOf(subGoal.Id)
                    .Where(i => i.Source.Kind == SourceKind.Register && i.Comparisons.Count > 0 && Has(i, area.Breakdown)).ToList();
                if (indicators.Count == 0)
                {
                    continue;
                }

                any = true;
                body.Append("<h3>").Append(LabelHtml(subGoal.Name[document.Language])).Append("</h3>\n");
                foreach (var indicator in indicators)
                {
                    var cmp = indicator.Comparisons[0];
                    var comparison = document.Catalogue.Comparison(cmp);
                    var table = document.NextTable();
                    body.Append("<table class=\"compact county\" id=\"tab-").Append(table.ToString(CultureInfo.InvariantCulture)).Append("\">\n<caption><span class=\"caption-label\">")
                        .Append(L("Tabell ", "Table ")).Append("<span class=\"no\">").Append(table.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
                        .Append(LabelHtml(indicator.Name[document.Language])).Append(", ").Append(WaveSpan(Wave)).Append(". <span class=\"unit\">")
                        .Append(LabelHtml(document.UnitTitle(indicator))).Append("</span></caption>\n<thead><tr><th scope=\"col\">").Append(Esc(L("Område", "Area"))).Append("</th><th scope=\"col\">")
                        .Append(LabelHtml(comparison.Focal.Label[document.Language])).Append("</th><th scope=\"col\">").Append(LabelHtml(comparison.Reference.Label[document.Language]))
                        .Append("</th><th scope=\"col\">").Append(Esc(L("Skillnad", "Gap"))).Append("</th></tr></thead>\n<tbody>\n");
                    Row(body, indicator, cmp, area.Breakdown, area.Code, AreaName(area), subject: true);
                    if (county is not null && Has(indicator, county.Breakdown))
                    {
                        Row(body, indicator, cmp, county.Breakdown, county.Code, AreaName(county), subject: false);
                    }

                    Row(body, indicator, cmp, null, "", L("Riket", "Sweden"), subject: false);
                    body.Append("</tbody>\n</table>\n");
                    _sources.Add(TableCodes.TableId(indicator.Id, area.Breakdown));
                    if (county is not null)
                    {
                        _sources.Add(TableCodes.TableId(indicator.Id, county.Breakdown));
                    }

                    _sources.Add(indicator.Id);
                }
            }

            if (!any)
            {
                body.Append("<p>").Append(Esc(L("Inga registerindikatorer redovisas för området i den senaste publicerade omgången.",
                    "No register indicators are published for the area in the latest published wave."))).Append("</p>\n");
            }

            body.Append("</section>\n");
        }

        private bool AreaCodesContain(string breakdown, string code) => document.Codes(breakdown).Contains(code, StringComparer.Ordinal);

        private void Row(StringBuilder body, Indicator indicator, string cmp, string? breakdown, string code, string label, bool subject)
        {
            var cells = document.Cells;
            body.Append(subject ? "<tr class=\"group\">" : "<tr>").Append("<th scope=\"row\">").Append(LabelHtml(label)).Append("</th>")
                .Append(_tables.ValueCell(cells.Value(Wave, indicator.Id, breakdown, code, TableCodes.Focal(cmp)), withSign: false))
                .Append(_tables.ValueCell(cells.Value(Wave, indicator.Id, breakdown, code, TableCodes.Reference(cmp)), withSign: false))
                .Append(_tables.ValueCell(cells.Value(Wave, indicator.Id, breakdown, code, TableCodes.Gap(cmp)), withSign: true))
                .Append("</tr>\n");
        }

        private void WriteExpected(StringBuilder body)
        {
            var cells = document.Cells;
            var rows = document.Catalogue.Indicators
                .Where(i => i.Comparisons.Count > 0 && i.ExpectedAreas.Contains(area.Breakdown, StringComparer.Ordinal)
                    && cells.Value(Wave, i.Id, area.Breakdown, area.Code, TableCodes.Expected(i.Comparisons[0])) is not null)
                .ToList();
            if (rows.Count == 0)
            {
                return;
            }

            var table = document.NextTable();
            body.Append("<section class=\"profile expected\">\n<h2>").Append(Esc(L("Förväntat och faktiskt utfall", "Expected versus actual"))).Append("</h2>\n<p>")
                .Append(Esc(L("Det förväntade värdet är den nivå områdets utrikes födda skulle ha om var och en hade rikets nivå i sin grupp (ålder, kön, utbildning, födelseregion, tid i Sverige, skäl för bosättning). Skillnaden är faktiskt minus förväntat, med ett intervall för den slumpmässiga variationen i en befolkning av den storleken.",
                    "The expected value is the level the area's foreign-born would have if each of them had the national rate of their group (age, sex, education, region of birth, years in Sweden, grounds for residence). The difference is actual minus expected, with an interval for the chance variation of a population that size.")));
            // An indicator with a declared regression (e.g. the merit rating) has its expected value from that model instead.
            foreach (var regression in rows.Where(i => i.ExpectedVersusActual is null && i.Expected is not null))
            {
                body.Append(' ').Append(LabelHtml(L(regression.Name.Sv + ": " + regression.Expected!.Description.Sv, regression.Name.En + ": " + regression.Expected!.Description.En)));
            }

            body
                .Append("</p>\n<table class=\"compact county\" id=\"tab-").Append(table.ToString(CultureInfo.InvariantCulture)).Append("\">\n<caption><span class=\"caption-label\">")
                .Append(L("Tabell ", "Table ")).Append("<span class=\"no\">").Append(table.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
                .Append(Esc(L("Förväntat och faktiskt utfall, ", "Expected versus actual, "))).Append(LabelHtml(AreaName(area))).Append(", ").Append(WaveSpan(Wave))
                .Append(".</caption>\n<thead><tr><th scope=\"col\">").Append(Esc(L("Indikator", "Indicator"))).Append("</th><th scope=\"col\">").Append(Esc(L("Faktiskt", "Actual")))
                .Append("</th><th scope=\"col\">").Append(Esc(L("Förväntat", "Expected"))).Append("</th><th scope=\"col\">").Append(Esc(L("Skillnad", "Difference"))).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var indicator in rows)
            {
                var cmp = indicator.Comparisons[0];
                body.Append("<tr><th scope=\"row\">").Append(LabelHtml(indicator.Name[document.Language])).Append("<br><span class=\"unit\">")
                    .Append(LabelHtml(document.UnitTitle(indicator))).Append("</span></th>")
                    .Append(_tables.ValueCell(cells.Value(Wave, indicator.Id, area.Breakdown, area.Code, TableCodes.Focal(cmp)), withSign: false))
                    .Append(_tables.ValueCell(cells.Value(Wave, indicator.Id, area.Breakdown, area.Code, TableCodes.Expected(cmp)), withSign: false))
                    .Append(_tables.ValueCell(cells.Value(Wave, indicator.Id, area.Breakdown, area.Code, TableCodes.ExpectedDifference(cmp)), withSign: true))
                    .Append("</tr>\n");
                _sources.Add(TableCodes.TableId(indicator.Id, area.Breakdown));
            }

            body.Append("</tbody>\n</table>\n</section>\n");
        }

        private void WriteModelEstimates(StringBuilder body)
        {
            var cells = document.Cells;
            var rules = document.PublicationRules;
            var rows = new List<(Indicator Indicator, string Set, PublishedResult Model)>();
            foreach (var indicator in document.Catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Survey))
            {
                var set = indicator.Comparisons.Count > 0 ? indicator.Comparisons[0] : TableCodes.All;
                if (cells.Value(Wave, indicator.Id, area.Breakdown, area.Code, TableCodes.ModelEstimate(set)) is { } model)
                {
                    rows.Add((indicator, set, model));
                }
            }

            if (rows.Count == 0)
            {
                return;
            }

            var table = document.NextTable();
            body.Append("<section class=\"profile model-estimates\">\n<h2>").Append(Esc(L("Enkätindikatorer: modellbaserade skattningar", "Survey indicators: model-based estimates"))).Append("</h2>\n<p>")
                .Append(Esc(L($"Urvalet är för litet för direkta skattningar per län. Värdena är modellbaserade skattningar ({rules.ModelBased}) från en Fay–Herriot-modell som väger samman länets direkta skattning med registeruppgifter om länets befolkning; inom hakparentes intervallet från modellens medelkvadratfel. Riket är den direkta skattningen för hela landet.",
                    $"The sample is too small for direct estimates by county. The values are model-based estimates ({rules.ModelBased}) from a Fay–Herriot model that combines the county's direct estimate with register figures on the county's population; in brackets the interval from the model's mean squared error. Sweden is the direct estimate for the whole country.")))
                .Append("</p>\n<table class=\"compact county\" id=\"tab-").Append(table.ToString(CultureInfo.InvariantCulture)).Append("\">\n<caption><span class=\"caption-label\">")
                .Append(L("Tabell ", "Table ")).Append("<span class=\"no\">").Append(table.ToString(CultureInfo.InvariantCulture)).Append("</span>.</span> ")
                .Append(Esc(L("Modellbaserade skattningar, ", "Model-based estimates, "))).Append(LabelHtml(AreaName(area))).Append(", ").Append(WaveSpan(Wave))
                .Append(".</caption>\n<thead><tr><th scope=\"col\">").Append(Esc(L("Indikator", "Indicator"))).Append("</th><th scope=\"col\">").Append(Esc(L("Grupp", "Group")))
                .Append("</th><th scope=\"col\">").Append(LabelHtml(AreaName(area))).Append("</th><th scope=\"col\">").Append(Esc(L("Riket", "Sweden"))).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var (indicator, set, model) in rows)
            {
                var group = set == TableCodes.All ? L("samtliga", "all") : document.Catalogue.Comparison(set).Focal.Label[document.Language];
                var national = set == TableCodes.All ? TableCodes.All : TableCodes.Focal(set);
                body.Append("<tr><th scope=\"row\">").Append(LabelHtml(indicator.Name[document.Language])).Append("<br><span class=\"unit\">")
                    .Append(LabelHtml(document.UnitTitle(indicator))).Append("</span></th><td class=\"sym\" style=\"text-align:left\">").Append(LabelHtml(group)).Append("</td>")
                    .Append(_tables.ValueCell(model, withSign: false))
                    .Append(_tables.ValueCell(cells.Value(Wave, indicator.Id, null, "", national), withSign: false))
                    .Append("</tr>\n");
                _sources.Add(TableCodes.TableId(indicator.Id, area.Breakdown));
                _sources.Add(indicator.Id);
            }

            body.Append("</tbody>\n</table>\n</section>\n");
        }

        private void WriteSources(StringBuilder body)
        {
            body.Append("<section class=\"profile sources\">\n<h2>").Append(Esc(L("Källa och teckenförklaring", "Source and symbols"))).Append("</h2>\n<p class=\"source\">")
                .Append(Esc(L("Källa: Integrationsbarometern ", "Source: The Integration Barometer "))).Append(WaveSpan(Wave))
                .Append(Esc(L(", publicerade resultat; tabellerna i API:t ", ", published results; the API tables ")))
                .Append(string.Join(", ", _sources.Select(TableId))).Append(".</p>\n<p class=\"source\">")
                .Append(Esc(L("Inom hakparentes värdets intervall där det redovisas. ", "In brackets the value's interval where published. ")))
                .Append(Esc(document.SymbolLegend())).Append("</p>\n</section>\n");
        }
    }
}

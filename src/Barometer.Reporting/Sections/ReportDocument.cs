using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Results;
using Barometer.Publishing.Texts;
using Barometer.Reporting.Findings;
using Barometer.Storage.Runs;
using static Barometer.Reporting.Sections.Html;

namespace Barometer.Reporting.Sections;

/// <summary>
/// The state of one report being written, shared by its section writers: the catalogue, the inputs, the language,
/// the cells, the body written so far, the contents, the numbering of figures and tables, the charts to render, and
/// what every section looks up the same way (labels, units, symbols, provenance and fieldwork numbers).
/// </summary>
internal sealed class ReportDocument
{
    /// <summary>The county breakdown: its tables are in appendix B.</summary>
    public const string CountyBreakdown = "lan";

    /// <summary>Breakdowns left out of the report's tables and rankings (too many small cells for a printed report).</summary>
    public static readonly IReadOnlySet<string> LeftOutBreakdowns = new HashSet<string>(["kommun", "lan", "birth_region_8", "years_in_sweden_5"], StringComparer.Ordinal);

    public ReportDocument(IndicatorCatalogue catalogue, ReportInputs inputs, ReportOptions options)
    {
        Catalogue = catalogue;
        Inputs = inputs;
        Language = options.Language;
        Now = options.Now;
        Pages = options.ContentsPages;
        Cells = new ReportCells(catalogue, inputs.Results.Concat(inputs.EarlierResults), options.Language);
        Rules = inputs.Release.Rules;
        PublicationRules = PublicationRules.FromRun(Rules, catalogue.Quality);
    }

    public IndicatorCatalogue Catalogue { get; }

    public ReportInputs Inputs { get; }

    public Language Language { get; }

    /// <summary>The moment the report is generated (for the embargo notice).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The page of each contents entry in an earlier printing, by anchor id, or null.</summary>
    public IReadOnlyDictionary<string, int>? Pages { get; }

    public ReportCells Cells { get; }

    /// <summary>The run rules recorded in the release's provenance, or null.</summary>
    public RunRules? Rules { get; }

    /// <summary>The thresholds and symbols of the released run, which the report's texts state.</summary>
    public PublicationRules PublicationRules { get; }

    /// <summary>The HTML of the sections (inside <c>main</c>) written so far.</summary>
    public StringBuilder Body { get; } = new();

    public List<ContentsEntry> Contents { get; } = [];

    /// <summary>The Vega-Lite specifications of the charts, in the order of their placeholders.</summary>
    public List<JsonObject> ChartSpecs { get; } = [];

    public int Wave => Inputs.Release.Wave;

    public int? PreviousWave => Inputs.PreviousRelease?.Wave;

    private int _figures;
    private int _tables;

    /// <summary>The text in the report's language: the one bilingual mechanism, <see cref="LocalizedText"/>.</summary>
    public string L(string sv, string en) => new LocalizedText(sv, en)[Language];

    public int NextFigure() => ++_figures;

    public int NextTable() => ++_tables;

    public static string ChartPlaceholder(int index) => string.Create(CultureInfo.InvariantCulture, $"<!--chart:{index}-->");

    /// <summary>Adds a chart to render and returns the placeholder its SVG replaces.</summary>
    public string AddChart(JsonObject spec)
    {
        var index = ChartSpecs.Count;
        ChartSpecs.Add(spec);
        return ChartPlaceholder(index);
    }

    public void Heading(int level, string id, string number, string title, bool toc = true)
    {
        if (toc)
        {
            Contents.Add(new ContentsEntry(id, number, title, level));
        }

        var tag = "h" + level.ToString(CultureInfo.InvariantCulture);
        Body.Append('<').Append(tag).Append(" id=\"").Append(id).Append("\"><span class=\"no\">").Append(Esc(number)).Append("</span> ")
            .Append(LabelHtml(title)).Append("</").Append(tag).Append(">\n");
    }

    // ------------------------------------------------------------------ catalogue labels

    public IReadOnlyList<string> Codes(string variable)
    {
        var classification = Catalogue.FindVariable(variable)?.Classification is { } id ? Catalogue.FindClassification(id) : null;
        return classification is null ? [] : [.. classification.Codes.Select(c => c.Code)];
    }

    public string CellLabel(string variable, string code) => Catalogue.CodeLabel(variable, code)?[Language] ?? code;

    public string BreakdownLabel(string variable) => Catalogue.VariableLabel(variable)?[Language] ?? variable;

    /// <summary>The indicator's unit as a chart's value title, e.g. "Procent".</summary>
    public string UnitName(Indicator indicator) =>
        Capitalise(Catalogue.Units.FirstOrDefault(u => u.Id == indicator.Unit)?.Name[Language] ?? indicator.Unit);

    /// <summary>The unit line of a table's caption.</summary>
    public string UnitTitle(Indicator indicator)
    {
        var unit = Catalogue.Units.FirstOrDefault(u => u.Id == indicator.Unit);
        var name = unit?.Name[Language] ?? indicator.Unit;
        return indicator.Unit == "percent" ? L("Procent; skillnader i procentenheter", "Per cent; differences in percentage points") : Capitalise(name);
    }

    // ------------------------------------------------------------------ symbols

    /// <summary>The status symbol of a hidden cell (or of a cell with no result).</summary>
    public string Symbol(PublishedResult? r) => PublicationRules.SymbolFor(r?.Row.SuppressionRule);

    /// <summary>The symbols in one line, as under every table and in the rules of appendix A.</summary>
    public string SymbolLegend() => PublicationTexts.SymbolLegend(PublicationRules)[Language];

    // ------------------------------------------------------------------ numbers from the provenance and the fieldwork

    /// <summary>
    /// A number of the released run's rules (<see cref="RunRules"/>), times <paramref name="scale"/>, cited by its
    /// place in the release's provenance (<see cref="RunRulePaths"/>, e.g. <c>rules.survey.min_respondents</c>).
    /// </summary>
    public NumberInline RuleNumber(Func<RunRules, double> value, string path, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(value);
        var number = (Rules is { } rules ? value(rules) : (double?)null) ?? throw new ReportException($"the release's provenance has no number at '{path}'.");
        var decimals = Math.Abs(number * scale - Math.Round(number * scale)) < 1e-9 ? 0 : 2;
        var cell = scale == 1 ? path : path + ";scale=" + scale.ToString(CultureInfo.InvariantCulture);
        return new NumberInline(ReportNumbers.Format(number * scale, decimals, Language), "provenance", "release", cell);
    }

    public NumberInline FieldworkNumber(long value, string cell) =>
        new(ReportNumbers.Format(value, 0, Language), "fieldwork", "gross_sample", cell);

    /// <summary>A number of the run's nonresponse analysis (<c>NonresponseTable</c>), times <paramref name="scale"/>.</summary>
    public NumberInline NonresponseNumber(double value, int decimals, string cell, double scale = 1) =>
        new(ReportNumbers.Format(value * scale, decimals, Language), "nonresponse", "run",
            scale == 1 ? cell : cell + ";scale=" + scale.ToString(CultureInfo.InvariantCulture));

    public NumberInline FieldworkRate(double? rate, string cell) =>
        new(rate is { } r ? ReportNumbers.Format(r * 100, 1, Language) : PublicationRules.NotApplicable, "fieldwork", "gross_sample", cell);
}

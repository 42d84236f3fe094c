using System.Globalization;
using System.Text;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Publishing.Charts;
using Barometer.Publishing.Tables;
using Barometer.Publishing.Texts;
using Barometer.Storage.Results;
using Barometer.Web.Dashboard.Localization;
using Barometer.Web.Dashboard.Tables;

namespace Barometer.Web.Dashboard.Figures;

/// <summary>
/// Builds the figures of one indicator from the publication model (docs/api.md: tables <c>{indicator}</c> and
/// <c>{indicator}.{breakdown}</c>, dimensions <c>Grupp</c>, <c>ContentsCode</c>, <c>Tid</c> and the breakdown
/// variable). Every figure is one <see cref="DashboardQuery"/> run on the model, so the chart, its table and its
/// download links show the same cube.
/// </summary>
public sealed class IndicatorFigures
{
    private const string Group = TableCodes.Group;
    private const string Contents = TableCodes.Contents;
    private const string Time = TableCodes.Time;
    private const string Total = TableCodes.Total;
    private const string All = TableCodes.All;

    private static readonly string LevelContents = string.Join(',', TableCodes.Estimate, TableCodes.Margin, TableCodes.CiLower, TableCodes.CiUpper, TableCodes.Count);

    private static readonly string HeadlineContents =
        string.Join(',', TableCodes.Estimate, TableCodes.Margin, TableCodes.CiLower, TableCodes.CiUpper, TableCodes.Change, TableCodes.ChangeMargin);

    private readonly PublicationModel _model;
    private readonly DashboardUi _ui;

    public IndicatorFigures(PublicationModel model, IndicatorCatalogue catalogue, Indicator indicator, DashboardUi ui, PublicationRules rules)
    {
        Rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _model = model ?? throw new ArgumentNullException(nameof(model));
        Catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        Indicator = indicator ?? throw new ArgumentNullException(nameof(indicator));
        _ui = ui ?? throw new ArgumentNullException(nameof(ui));
        Comparison = indicator.Comparisons.Count > 0 ? indicator.Comparisons[0] : null;
        Table = model.FindTable(indicator.Id);
    }

    public IndicatorCatalogue Catalogue { get; }

    /// <summary>The rules the figures state: the level of their intervals.</summary>
    public PublicationRules Rules { get; }

    /// <summary>"95 % intervall" at the rules' level, in the page's language.</summary>
    public string IntervalName => _ui.T(PublicationTexts.Interval(Rules));

    public Indicator Indicator { get; }

    /// <summary>The first comparison of the indicator (foreign- vs native-born, usually), or null when it has none.</summary>
    public string? Comparison { get; }

    /// <summary>The indicator's total table, or null when nothing of it is public.</summary>
    public PublishedTable? Table { get; }

    public bool IsPublished => Table is not null;

    public bool IsRegister => Indicator.Source.Kind == SourceKind.Register;

    public string Focal => TableCodes.Focal(Comparison ?? "");

    public string Reference => TableCodes.Reference(Comparison ?? "");

    public string Gap => TableCodes.Gap(Comparison ?? "");

    public string StandardisedGap => TableCodes.StandardisedGap(Comparison ?? "");

    public bool IsPercent => Indicator.Unit == "percent";

    /// <summary>The unit of a level as a short suffix: "%", "kr", "mån" …</summary>
    public string LevelUnit => _ui.T(Catalogue.Unit(Indicator.Unit).Symbol);

    /// <summary>The unit of a gap: percentage points for percent indicators, per cent for ratio gaps, else the level unit.</summary>
    public string GapUnit => Indicator.Gap == GapKind.Ratio ? "%" : IsPercent ? _ui.T("procentenheter", "percentage points") : LevelUnit;

    public int Decimals => Indicator.Decimals;

    /// <summary>The groups a level chart shows: focal and reference of the first comparison, or everyone.</summary>
    public IReadOnlyList<string> LevelGroups => Comparison is null ? [All] : [Focal, Reference];

    public SeriesRole RoleOf(string group) =>
        ComparisonGroups.IsFocal(group) ? SeriesRole.Focal
        : ComparisonGroups.IsReference(group) ? SeriesRole.Reference
        : ComparisonGroups.IsGapCode(group) ? SeriesRole.Gap
        : SeriesRole.Other;

    public string ValueTitle => IsPercent ? _ui.T("Andel (%)", "Share (%)") : $"{_ui.T(Indicator.Name)} ({LevelUnit})";

    /// <summary>The latest public figures: levels, gap with its interval, and the gap's change since the previous wave.</summary>
    public Headline? Headline()
    {
        if (Table is null)
        {
            return null;
        }

        var query = DashboardQuery.For(Indicator.Id, (Group, string.Join(',', HeadlineGroups())), (Contents, HeadlineContents), (Time, "top(2)"));
        var cells = new CubeCells(query.Run(_model)!);
        var waves = cells.Values(Time).Select(v => v.Code).OrderBy(w => w, StringComparer.Ordinal).ToList();
        var wave = waves[^1];
        var previous = waves.Count > 1 ? waves[^2] : null;
        HeadlineValue Value(string group) => new(
            GroupLabel(cells, group),
            cells.Get((Group, group), (Contents, TableCodes.Estimate), (Time, wave)),
            cells.Get((Group, group), (Contents, TableCodes.CiLower), (Time, wave)),
            cells.Get((Group, group), (Contents, TableCodes.CiUpper), (Time, wave)),
            cells.Get((Group, group), (Contents, TableCodes.Change), (Time, wave)),
            cells.Get((Group, group), (Contents, TableCodes.ChangeMargin), (Time, wave)),
            previous is null ? default : cells.Get((Group, group), (Contents, TableCodes.Estimate), (Time, previous)));
        return Comparison is null
            ? new Headline(wave, previous, Value(All), null, null, query)
            : new Headline(wave, previous, Value(Focal), Value(Reference), Value(Gap), query);
    }

    private IEnumerable<string> HeadlineGroups() => Comparison is null ? [All] : [Focal, Reference, Gap];

    /// <summary>The groups in the latest wave as dots with their intervals.</summary>
    public ChartFigure Groups(string id)
    {
        var groups = Comparison is null ? new List<string> { All } : [All, Focal, Reference];
        var query = DashboardQuery.For(Indicator.Id, (Group, string.Join(',', groups)), (Contents, LevelContents), (Time, "top(1)"));
        var cells = new CubeCells(query.Run(_model)!);
        var wave = cells.Values(Time)[0].Code;
        var series = groups.Select(g => new ChartSeries(g, GroupLabel(cells, g), RoleOf(g))).ToList();
        var points = series.Select(s => Point(cells, s.Code, s.Label, s, (Group, s.Code), (Time, wave))).ToList();
        var title = _ui.T($"{_ui.T(Indicator.Name)} {wave}, efter grupp", $"{_ui.T(Indicator.Name)} {wave}, by group");
        return Figure(id, title, GroupsSummary(points, wave), ChartSpecs.DotWhisker, points, series, query, cells, _ui.T("Grupp", "Group"));
    }

    /// <summary>The levels of the compared groups over every public wave, with interval bands.</summary>
    public ChartFigure Trend(string id)
    {
        var query = DashboardQuery.For(Indicator.Id, (Group, string.Join(',', LevelGroups)), (Contents, LevelContents), (Time, "*"));
        var cells = new CubeCells(query.Run(_model)!);
        var series = LevelGroups.Select(g => new ChartSeries(g, GroupLabel(cells, g), RoleOf(g))).ToList();
        var points = new List<FigurePoint>();
        foreach (var s in series)
        {
            foreach (var wave in cells.Values(Time))
            {
                points.Add(Point(cells, wave.Code, _ui.T(wave.Label), s, (Group, s.Code), (Time, wave.Code)));
            }
        }

        var title = _ui.T($"{_ui.T(Indicator.Name)} över tid", $"{_ui.T(Indicator.Name)} over time");
        return Figure(id, title, TrendSummary(points, series), ChartSpecs.Trend, points, series, query, cells, _ui.T("Omgång", "Wave"));
    }

    /// <summary>The raw or the age- and sex-standardised gap over every public wave.</summary>
    public ChartFigure? GapTrend(string id, bool standardised)
    {
        if (Comparison is null || (standardised && !Indicator.StandardisedGap))
        {
            return null;
        }

        var group = standardised ? StandardisedGap : Gap;
        var query = DashboardQuery.For(Indicator.Id, (Group, group), (Contents, LevelContents), (Time, "*"));
        var cells = new CubeCells(query.Run(_model)!);
        var series = new List<ChartSeries> { new(group, GroupLabel(cells, group), SeriesRole.Gap) };
        var points = cells.Values(Time).Select(w => Point(cells, w.Code, _ui.T(w.Label), series[0], (Group, group), (Time, w.Code))).ToList();
        var title = standardised
            ? _ui.T("Ålders- och könsstandardiserad skillnad över tid", "Age- and sex-standardised gap over time")
            : _ui.T("Skillnad mellan grupperna över tid", "Gap between the groups over time");
        var summary = TrendSummary(points, series);
        return Figure(id, title, summary, ChartSpecs.Trend, points, series, query, cells, _ui.T("Omgång", "Wave"), GapUnit);
    }

    /// <summary>The levels of the compared groups by the values of a breakdown in the latest wave.</summary>
    public ChartFigure? Breakdown(string id, string breakdown)
    {
        var tableId = Indicator.Id + "." + breakdown;
        var table = _model.FindTable(tableId);
        if (table is null)
        {
            return null;
        }

        var codes = table.Dimensions.First(d => d.Code == breakdown).Values.Where(v => v.Code != Total).Select(v => v.Code).ToList();
        var isCurve = breakdown.StartsWith("years_in_sweden", StringComparison.Ordinal) && Comparison is not null;
        var groups = isCurve ? new List<string> { Focal, Reference } : [.. LevelGroups];
        var query = DashboardQuery.For(tableId, (breakdown, "*"), (Group, string.Join(',', groups)), (Contents, LevelContents), (Time, "top(1)"));
        var cells = new CubeCells(query.Run(_model)!);
        var wave = cells.Values(Time)[0].Code;
        var label = BreakdownLabel(table, breakdown);
        if (isCurve)
        {
            var focal = new ChartSeries(Focal, GroupLabel(cells, Focal), SeriesRole.Focal);
            var points = cells.Values(breakdown).Where(v => v.Code != Total)
                .Select(v => Point(cells, v.Code, _ui.T(v.Label), focal, (breakdown, v.Code), (Group, Focal), (Time, wave))).ToList();
            var reference = Point(cells, Total, GroupLabel(cells, Reference), new ChartSeries(Reference, GroupLabel(cells, Reference), SeriesRole.Reference), (breakdown, Total), (Group, Reference), (Time, wave));
            var title = _ui.T($"Integrationskurva: {_ui.T(Indicator.Name).ToLower(_ui.Culture)} efter vistelsetid i Sverige, {wave}", $"Integration curve: {_ui.T(Indicator.Name)} by years in Sweden, {wave}");
            var summary = CurveSummary(points, reference);
            var spec = ChartSpecs.IntegrationCurve([.. points.Select(p => p.Point)], focal, reference.Point, Text(title, summary, ValueTitle));
            return Build(id, title, summary, spec, [.. points, reference], query, cells, label);
        }
        else
        {
            var series = groups.Select(g => new ChartSeries(g, GroupLabel(cells, g), RoleOf(g))).ToList();
            var points = new List<FigurePoint>();
            foreach (var value in cells.Values(breakdown).Where(v => codes.Contains(v.Code)))
            {
                foreach (var s in series)
                {
                    points.Add(Point(cells, value.Code, _ui.T(value.Label), s, (breakdown, value.Code), (Group, s.Code), (Time, wave)));
                }
            }

            var title = _ui.T($"{_ui.T(Indicator.Name)} efter {_ui.T(table.Dimensions.First(d => d.Code == breakdown).Label).ToLower(_ui.Culture)}, {wave}", $"{_ui.T(Indicator.Name)} by {_ui.T(table.Dimensions.First(d => d.Code == breakdown).Label).ToLower(_ui.Culture)}, {wave}");
            return Figure(id, title, BreakdownSummary(points, series), ChartSpecs.DotWhisker, points, series, query, cells, label);
        }
    }

    /// <summary>Counties ranked by the focal group's level (everyone's when there is no comparison), the country as reference.</summary>
    public ChartFigure? Counties(string id)
    {
        var tableId = Indicator.Id + ".lan";
        var table = _model.FindTable(tableId);
        if (table is null)
        {
            return null;
        }

        var group = Comparison is null ? All : Focal;
        var query = DashboardQuery.For(tableId, ("lan", "*"), (Group, group), (Contents, LevelContents), (Time, "top(1)"));
        var cells = new CubeCells(query.Run(_model)!);
        var wave = cells.Values(Time)[0].Code;
        var series = new ChartSeries(group, GroupLabel(cells, group), RoleOf(group));
        var points = cells.Values("lan").Where(v => v.Code != Total)
            .Select(v => Point(cells, v.Code, _ui.T(v.Label), series, ("lan", v.Code), (Group, group), (Time, wave))).ToList();
        var national = cells.Get(("lan", Total), (Group, group), (Contents, TableCodes.Estimate), (Time, wave)).Value;
        var nationalLabel = _ui.T("Riket", "Sweden");
        var title = _ui.T($"{_ui.T(Indicator.Name)} per län, {series.Label.ToLower(_ui.Culture)}, {wave}", $"{_ui.T(Indicator.Name)} by county, {series.Label.ToLower(_ui.Culture)}, {wave}");
        var summary = RankSummary(points, national, nationalLabel);
        var spec = ChartSpecs.RankedBars([.. points.Select(p => p.Point)], series, national, nationalLabel, Text(title, summary, ValueTitle));
        return Build(id, title, summary, spec, points, query, cells, BreakdownLabel(table, "lan"));
    }

    /// <summary>The kommun codes a reader can pick from, with their labels, in classification order.</summary>
    public IReadOnlyList<(string Code, string Label)> Kommuner()
    {
        var table = _model.FindTable(Indicator.Id + ".kommun");
        return table is null
            ? []
            : [.. table.Dimensions.First(d => d.Code == "kommun").Values.Where(v => v.Code != Total).Select(v => (v.Code, _ui.T(v.Label)))];
    }

    /// <summary>Chosen kommuner side by side (with the whole country first), the compared groups as dots with intervals.</summary>
    public ChartFigure? KommunComparison(string id, IReadOnlyList<string> kommuner)
    {
        var tableId = Indicator.Id + ".kommun";
        var table = _model.FindTable(tableId);
        if (table is null || kommuner.Count == 0)
        {
            return null;
        }

        var query = DashboardQuery.For(tableId, ("kommun", string.Join(',', new[] { Total }.Concat(kommuner))), (Group, string.Join(',', LevelGroups)), (Contents, LevelContents), (Time, "top(1)"));
        var cells = new CubeCells(query.Run(_model)!);
        var wave = cells.Values(Time)[0].Code;
        var series = LevelGroups.Select(g => new ChartSeries(g, GroupLabel(cells, g), RoleOf(g))).ToList();
        var points = new List<FigurePoint>();
        foreach (var value in cells.Values("kommun"))
        {
            var label = value.Code == Total ? _ui.T("Riket", "Sweden") : _ui.T(value.Label);
            foreach (var s in series)
            {
                points.Add(Point(cells, value.Code, label, s, ("kommun", value.Code), (Group, s.Code), (Time, wave)));
            }
        }

        var title = _ui.T($"{_ui.T(Indicator.Name)} i valda kommuner, {wave}", $"{_ui.T(Indicator.Name)} in chosen municipalities, {wave}");
        return Figure(id, title, BreakdownSummary(points, series), ChartSpecs.DotWhisker, points, series, query, cells, _ui.T("Kommun", "Municipality"));
    }

    private string BreakdownLabel(PublishedTable table, string breakdown) => _ui.T(table.Dimensions.First(d => d.Code == breakdown).Label);

    private string GroupLabel(CubeCells cells, string group)
    {
        var value = cells.Values(Group).FirstOrDefault(v => v.Code == group);
        return value is null ? group : _ui.T(value.Label);
    }

    private static FigurePoint Point(CubeCells cells, string category, string categoryLabel, ChartSeries series, params (string Dimension, string Code)[] codes)
    {
        CubeCell Get(string contents) => cells.Get([.. codes, (Contents, contents)]);
        var estimate = Get(TableCodes.Estimate);
        var lower = Get(TableCodes.CiLower);
        var upper = Get(TableCodes.CiUpper);
        return new FigurePoint(
            new ChartPoint(category, categoryLabel, series.Code, series.Label, estimate.Value, lower.Value, upper.Value, estimate.Status),
            Get(TableCodes.Margin).Value,
            Get(TableCodes.Count).Value);
    }

    private ChartText Text(string title, string summary, string valueTitle) =>
        new(_ui.Language, title, summary, valueTitle, Decimals) { IntervalLevel = _ui.T(PublicationTexts.IntervalLevel(Rules)) };

    private ChartFigure Figure(
        string id, string title, string summary,
        Func<IReadOnlyList<ChartPoint>, IReadOnlyList<ChartSeries>, ChartText, System.Text.Json.Nodes.JsonObject> chart,
        IReadOnlyList<FigurePoint> points, IReadOnlyList<ChartSeries> series, DashboardQuery query, CubeCells cells, string categoryHeader, string? unit = null)
    {
        var valueTitle = unit is null ? ValueTitle : $"{_ui.T("Skillnad", "Gap")} ({unit})";
        var spec = chart([.. points.Select(p => p.Point)], series, Text(title, summary, valueTitle));
        return Build(id, title, summary, spec, points, query, cells, categoryHeader);
    }

    private ChartFigure Build(string id, string title, string summary, System.Text.Json.Nodes.JsonObject spec, IReadOnlyList<FigurePoint> points, DashboardQuery query, CubeCells cells, string categoryHeader)
    {
        var hasInterval = points.Any(p => p.Point.Lower is not null);
        var columns = new List<string> { _ui.T("Grupp", "Group"), _ui.T("Skattning", "Estimate") };
        if (hasInterval)
        {
            columns.AddRange([_ui.T("Felmarginal ±", "Margin of error ±"), IntervalName]);
        }

        columns.Add(IsRegister ? _ui.T("Antal personer", "Number of persons") : _ui.T("Antal svarande", "Respondents"));
        var rows = new List<FigureRow>();
        foreach (var p in points)
        {
            var cellsOfRow = new List<FigureCell>
            {
                p.Point.Estimate is null
                    ? new FigureCell(p.Point.Symbol ?? ".", p.Point.Symbol ?? ".")
                    : new FigureCell(_ui.Number(p.Point.Estimate, Decimals), p.Point.Symbol),
            };
            if (hasInterval)
            {
                cellsOfRow.Add(new FigureCell(_ui.Number(p.Margin, Decimals), null));
                cellsOfRow.Add(new FigureCell(p.Point.Lower is null ? string.Empty : $"{_ui.Number(p.Point.Lower, Decimals)} – {_ui.Number(p.Point.Upper, Decimals)}", null));
            }

            cellsOfRow.Add(new FigureCell(_ui.Number(p.Count, 0), null));
            rows.Add(new FigureRow(p.Point.CategoryLabel, p.Point.SeriesLabel, cellsOfRow));
        }

        var used = points.Select(p => p.Point.Symbol).Where(s => s is not null).ToHashSet(StringComparer.Ordinal);
        var symbols = cells.Cube.Symbols.Where(s => used.Contains(s.Symbol)).ToList();
        var json = spec.ToJsonString();
        return new ChartFigure(id, title, summary, json, new FigureTable(title, categoryHeader, columns, rows), symbols, query);
    }

    private string Value(ChartPoint p, string? unit = null) =>
        p.Estimate is null
            ? _ui.T($"redovisas inte ({p.Symbol})", $"not published ({p.Symbol})")
            : p.Lower is null
                ? $"{_ui.Number(p.Estimate, Decimals)} {unit ?? LevelUnit}"
                : $"{_ui.Number(p.Estimate, Decimals)} {unit ?? LevelUnit} ({IntervalName} {_ui.Number(p.Lower, Decimals)}–{_ui.Number(p.Upper, Decimals)})";

    private string GroupsSummary(IReadOnlyList<FigurePoint> points, string wave)
    {
        var text = new StringBuilder(_ui.T($"År {wave}: ", $"In {wave}: "));
        text.Append(string.Join("; ", points.Select(p => $"{p.Point.SeriesLabel} {Value(p.Point)}")));
        return text.Append('.').ToString();
    }

    private string TrendSummary(IReadOnlyList<FigurePoint> points, IReadOnlyList<ChartSeries> series)
    {
        var parts = new List<string>();
        foreach (var s in series)
        {
            var shown = points.Where(p => p.Point.Series == s.Code && p.Point.Estimate is not null).ToList();
            if (shown.Count == 0)
            {
                parts.Add(_ui.T($"{s.Label}: inga redovisade värden", $"{s.Label}: no published values"));
                continue;
            }

            var unit = s.Role == SeriesRole.Gap ? GapUnit : LevelUnit;
            parts.Add(shown.Count == 1
                ? $"{s.Label}: {_ui.Number(shown[0].Point.Estimate, Decimals)} {unit} ({shown[0].Point.CategoryLabel})"
                : _ui.T(
                    $"{s.Label}: från {_ui.Number(shown[0].Point.Estimate, Decimals)} {unit} ({shown[0].Point.CategoryLabel}) till {_ui.Number(shown[^1].Point.Estimate, Decimals)} {unit} ({shown[^1].Point.CategoryLabel})",
                    $"{s.Label}: from {_ui.Number(shown[0].Point.Estimate, Decimals)} {unit} ({shown[0].Point.CategoryLabel}) to {_ui.Number(shown[^1].Point.Estimate, Decimals)} {unit} ({shown[^1].Point.CategoryLabel})"));
        }

        var hidden = points.Count(p => p.Point.Estimate is null);
        var tail = hidden > 0 ? _ui.T($" {hidden} värden redovisas inte (se symbolerna).", $" {hidden} values are not published (see the symbols).") : string.Empty;
        return string.Join("; ", parts) + "." + tail;
    }

    private string BreakdownSummary(IReadOnlyList<FigurePoint> points, IReadOnlyList<ChartSeries> series)
    {
        var parts = new List<string>();
        foreach (var s in series)
        {
            var shown = points.Where(p => p.Point.Series == s.Code && p.Point.Estimate is not null).ToList();
            if (shown.Count == 0)
            {
                continue;
            }

            var high = shown.MaxBy(p => p.Point.Estimate)!;
            var low = shown.MinBy(p => p.Point.Estimate)!;
            parts.Add(_ui.T(
                $"{s.Label}: högst {high.Point.CategoryLabel} ({_ui.Number(high.Point.Estimate, Decimals)} {LevelUnit}), lägst {low.Point.CategoryLabel} ({_ui.Number(low.Point.Estimate, Decimals)} {LevelUnit})",
                $"{s.Label}: highest {high.Point.CategoryLabel} ({_ui.Number(high.Point.Estimate, Decimals)} {LevelUnit}), lowest {low.Point.CategoryLabel} ({_ui.Number(low.Point.Estimate, Decimals)} {LevelUnit})"));
        }

        var hidden = points.Count(p => p.Point.Estimate is null);
        var tail = hidden > 0 ? _ui.T($" {hidden} värden redovisas inte (se symbolerna).", $" {hidden} values are not published (see the symbols).") : string.Empty;
        var overlap = _ui.T(" Överlappande intervall betyder inte att skillnaden är säkerställd åt något håll.", " Overlapping intervals mean the difference is not established either way.");
        return (parts.Count == 0 ? _ui.T("Inga redovisade värden.", "No published values.") : string.Join("; ", parts) + ".") + tail + (points.Any(p => p.Point.Lower is not null) ? overlap : string.Empty);
    }

    private string CurveSummary(IReadOnlyList<FigurePoint> points, FigurePoint reference)
    {
        var shown = points.Where(p => p.Point.Estimate is not null).ToList();
        var text = new StringBuilder();
        if (shown.Count > 0)
        {
            text.Append(_ui.T(
                $"{shown[0].Point.SeriesLabel} med {shown[0].Point.CategoryLabel} år i Sverige: {Value(shown[0].Point)}; med {shown[^1].Point.CategoryLabel} år: {Value(shown[^1].Point)}. ",
                $"{shown[0].Point.SeriesLabel} with {shown[0].Point.CategoryLabel} years in Sweden: {Value(shown[0].Point)}; with {shown[^1].Point.CategoryLabel} years: {Value(shown[^1].Point)}. "));
        }

        text.Append(_ui.T($"Referenslinje: {reference.Point.SeriesLabel} {Value(reference.Point)}.", $"Reference line: {reference.Point.SeriesLabel} {Value(reference.Point)}."));
        var hidden = points.Count(p => p.Point.Estimate is null);
        if (hidden > 0)
        {
            text.Append(_ui.T($" {hidden} värden redovisas inte (se symbolerna).", $" {hidden} values are not published (see the symbols)."));
        }

        return text.ToString();
    }

    private string RankSummary(IReadOnlyList<FigurePoint> points, double? national, string nationalLabel)
    {
        var shown = points.Where(p => p.Point.Estimate is not null).OrderByDescending(p => p.Point.Estimate).ToList();
        var text = new StringBuilder();
        if (shown.Count > 0)
        {
            text.Append(_ui.T(
                $"Högst i {shown[0].Point.CategoryLabel} ({_ui.Number(shown[0].Point.Estimate, Decimals)} {LevelUnit}), lägst i {shown[^1].Point.CategoryLabel} ({_ui.Number(shown[^1].Point.Estimate, Decimals)} {LevelUnit}). ",
                $"Highest in {shown[0].Point.CategoryLabel} ({_ui.Number(shown[0].Point.Estimate, Decimals)} {LevelUnit}), lowest in {shown[^1].Point.CategoryLabel} ({_ui.Number(shown[^1].Point.Estimate, Decimals)} {LevelUnit}). "));
        }

        if (national is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"{nationalLabel}: {_ui.Number(national, Decimals)} {LevelUnit}.");
        }

        var hidden = points.Count(p => p.Point.Estimate is null);
        if (hidden > 0)
        {
            text.Append(_ui.T($" {hidden} län redovisas inte (se symbolerna).", $" {hidden} counties are not published (see the symbols)."));
        }

        return text.ToString();
    }
}

/// <summary>One group's latest value, its interval, its change since the previous wave and the previous value.</summary>
public sealed record HeadlineValue(string Label, CubeCell Estimate, CubeCell Lower, CubeCell Upper, CubeCell Change, CubeCell ChangeMargin, CubeCell Previous)
{
    /// <summary>
    /// Whether the change since the previous wave is statistically significant: its interval (change ± margin)
    /// excludes zero. Register figures have no sampling error, so their change counts whenever it is not zero.
    /// </summary>
    /// <param name="register">Whether the indicator comes from total registers.</param>
    /// <param name="decimals">The published decimals: a register change that rounds to zero is no change.</param>
    public bool? ChangeIsSignificant(bool register, int decimals)
    {
        if (Change.Value is { } change && ChangeMargin.Value is { } margin)
        {
            return Math.Abs(change) > margin;
        }

        return register && RegisterChange is { } difference ? Math.Round(difference, decimals) != 0 : null;
    }

    /// <summary>The change of a register figure: the difference of the two waves' values (registers publish no change row).</summary>
    public double? RegisterChange => Estimate.Value is { } now && Previous.Value is { } before ? now - before : null;
}

/// <summary>The latest wave's headline figures of an indicator; <see cref="Reference"/> and <see cref="Gap"/> are null without a comparison.</summary>
public sealed record Headline(string Wave, string? PreviousWave, HeadlineValue Focal, HeadlineValue? Reference, HeadlineValue? Gap, DashboardQuery Query);

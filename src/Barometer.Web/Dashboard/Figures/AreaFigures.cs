using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Publishing.Charts;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Tables;
using Barometer.Publishing.Texts;
using Barometer.Web.Dashboard.Localization;
using Barometer.Web.Dashboard.Tables;

namespace Barometer.Web.Dashboard.Figures;

/// <summary>The two geographic levels of a profile and a map: counties (<c>lan</c>) and municipalities (<c>kommun</c>).</summary>
public enum AreaLevel
{
    County,
    Municipality,
}

/// <summary>An area of a profile: its level, code and name.</summary>
public sealed record Area(AreaLevel Level, string Code, string Name)
{
    /// <summary>The breakdown variable and table suffix of the level: <c>lan</c> or <c>kommun</c>.</summary>
    public string Breakdown => BreakdownOf(Level);

    public static string BreakdownOf(AreaLevel level) => level == AreaLevel.County ? "lan" : "kommun";

    /// <summary>The county of a municipality: SCB's municipality codes begin with the county's two digits.</summary>
    public string? CountyCode => Level == AreaLevel.Municipality && Code.Length == 4 ? Code[..2] : null;
}

/// <summary>One row of a profile table: an area's latest figures of one indicator for the compared groups and the gap.</summary>
public sealed record AreaRow(string AreaLabel, bool IsSubject, CubeCell Focal, CubeCell Reference, CubeCell Gap, CubeCell Count);

/// <summary>An indicator's figures for the profile's area and its comparison areas in the latest published wave.</summary>
public sealed record IndicatorAreaRows(Indicator Indicator, string Wave, IReadOnlyList<AreaRow> Rows, IReadOnlyList<CubeSymbol> Symbols);

/// <summary>Expected versus actual of one indicator for the profile's area in the latest wave.</summary>
/// <summary>A county's model-based estimate of a survey indicator for a group (<see cref="GroupLabel"/>), its interval, and the group's national level.</summary>
public sealed record ModelEstimateRow(Indicator Indicator, string Wave, string GroupLabel, CubeCell Estimate, CubeCell Lower, CubeCell Upper, CubeCell National);

public sealed record ExpectedRow(Indicator Indicator, string Wave, CubeCell Actual, CubeCell Expected, CubeCell Difference, CubeCell Lower, CubeCell Upper)
{
    /// <summary>+1 better than expected, −1 worse, 0 not distinguishable from expected, null when not published.</summary>
    public int? Verdict(bool higherIsBetter)
    {
        if (Difference.Value is null || Lower.Value is not { } lo || Upper.Value is not { } hi)
        {
            return null;
        }

        if (lo <= 0 && hi >= 0)
        {
            return 0;
        }

        var above = lo > 0;
        return above == higherIsBetter ? 1 : -1;
    }
}

/// <summary>
/// The figures of a county or municipality profile, read only from the published tables by county and municipality
/// (<c>{indicator}.lan</c>, <c>{indicator}.kommun</c>) that the indicator pages and the API use: the latest level of
/// the compared groups and the gap for the area and the chosen comparison areas, the trend of one indicator, and
/// expected versus actual where the table publishes it. Hidden cells keep their status symbol.
/// </summary>
public sealed class AreaFigures
{
    private const string Group = TableCodes.Group;
    private const string Contents = TableCodes.Contents;
    private const string Time = TableCodes.Time;
    private const string Total = TableCodes.Total;

    private static readonly string LevelContents = string.Join(',', TableCodes.Estimate, TableCodes.Margin, TableCodes.CiLower, TableCodes.CiUpper, TableCodes.Count);

    private readonly PublicationModel _model;
    private readonly IndicatorCatalogue _catalogue;
    private readonly DashboardUi _ui;
    private readonly PublicationRules _rules;

    public AreaFigures(PublicationModel model, IndicatorCatalogue catalogue, DashboardUi ui, PublicationRules rules)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        _ui = ui ?? throw new ArgumentNullException(nameof(ui));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
    }

    /// <summary>The register indicators with a comparison and a published table at this level, in catalogue order.</summary>
    public IReadOnlyList<Indicator> Indicators(AreaLevel level) =>
        [.. _catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Register && i.Comparisons.Count > 0
            && _model.FindTable(i.Id + "." + Area.BreakdownOf(level)) is not null)];

    /// <summary>Every area of a level that some published table has, with its name, in classification order.</summary>
    public IReadOnlyList<(string Code, string Label)> Areas(AreaLevel level)
    {
        var breakdown = Area.BreakdownOf(level);
        foreach (var indicator in Indicators(level))
        {
            var table = _model.FindTable(indicator.Id + "." + breakdown)!;
            return [.. table.Dimensions.First(d => d.Code == breakdown).Values.Where(v => v.Code != Total).Select(v => (v.Code, _ui.T(v.Label)))];
        }

        return [];
    }

    /// <summary>The area with this code, or null when no published table has it.</summary>
    public Area? Find(AreaLevel level, string code)
    {
        var match = Areas(level).FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.Ordinal));
        return match.Code is null ? null : new Area(level, match.Code, match.Label);
    }

    /// <summary>
    /// The latest figures of an indicator for <paramref name="area"/> and the comparison areas in the order given
    /// (<see cref="TableCodes.Total"/> stands for Sweden). Null when the indicator has no table at the area's level.
    /// </summary>
    public IndicatorAreaRows? Rows(Indicator indicator, Area area, IReadOnlyList<Area> comparisons, bool sweden)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(comparisons);
        var comparison = indicator.Comparisons[0];
        var groups = string.Join(',', TableCodes.Focal(comparison), TableCodes.Reference(comparison), TableCodes.Gap(comparison));
        var rows = new List<AreaRow>();
        string? wave = null;
        var symbols = new List<CubeSymbol>();
        var byLevel = new[] { area }.Concat(comparisons).GroupBy(a => a.Level).ToDictionary(g => g.Key, g => g.Select(a => a.Code).ToList());
        var cubes = new Dictionary<AreaLevel, CubeCells>();
        foreach (var (level, codes) in byLevel)
        {
            var breakdown = Area.BreakdownOf(level);
            var all = level == area.Level && sweden ? codes.Append(Total) : codes;
            var cube = DashboardQuery.For(indicator.Id + "." + breakdown, (breakdown, string.Join(',', all.Distinct())), (Group, groups), (Contents, LevelContents), (Time, "top(1)")).Run(_model);
            if (cube is null)
            {
                continue;
            }

            var cells = new CubeCells(cube);
            cubes[level] = cells;
            wave ??= cells.Values(Time)[0].Code;
            symbols.AddRange(cube.Symbols);
        }

        if (!cubes.TryGetValue(area.Level, out var own) || wave is null)
        {
            return null;
        }

        AreaRow Row(CubeCells cells, string breakdown, string code, string label, bool subject) => new(
            label,
            subject,
            cells.Get((breakdown, code), (Group, TableCodes.Focal(comparison)), (Contents, TableCodes.Estimate), (Time, wave)),
            cells.Get((breakdown, code), (Group, TableCodes.Reference(comparison)), (Contents, TableCodes.Estimate), (Time, wave)),
            cells.Get((breakdown, code), (Group, TableCodes.Gap(comparison)), (Contents, TableCodes.Estimate), (Time, wave)),
            cells.Get((breakdown, code), (Group, TableCodes.Focal(comparison)), (Contents, TableCodes.Count), (Time, wave)));

        rows.Add(Row(own, area.Breakdown, area.Code, area.Name, subject: true));
        foreach (var other in comparisons)
        {
            if (cubes.TryGetValue(other.Level, out var cells))
            {
                rows.Add(Row(cells, other.Breakdown, other.Code, other.Name, subject: false));
            }
        }

        if (sweden)
        {
            rows.Add(Row(own, area.Breakdown, Total, _ui.T("Riket", "Sweden"), subject: false));
        }

        var used = rows.SelectMany(r => new[] { r.Focal.Status, r.Reference.Status, r.Gap.Status }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var usedSymbols = symbols.Where(s => used.Contains(s.Symbol)).DistinctBy(s => s.Symbol).ToList();
        return new IndicatorAreaRows(indicator, wave, rows, usedSymbols);
    }

    /// <summary>
    /// The model-based (small-area) estimate of a survey indicator for a county in the latest wave, beside the group's
    /// national level, or null when the indicator has no model-based table (docs/methodology/small-area.md).
    /// </summary>
    public ModelEstimateRow? ModelEstimate(Indicator indicator, Area area)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(area);
        if (area.Level != AreaLevel.County || indicator.Source.Kind != SourceKind.Survey || _model.FindTable(indicator.Id + "." + area.Breakdown) is null)
        {
            return null;
        }

        var set = indicator.Comparisons.Count > 0 ? indicator.Comparisons[0] : TableCodes.All;
        var model = TableCodes.ModelEstimate(set);
        var national = set == TableCodes.All ? TableCodes.All : TableCodes.Focal(set);
        var cube = DashboardQuery.For(indicator.Id + "." + area.Breakdown, (area.Breakdown, string.Join(',', area.Code, TableCodes.Total)), (Group, string.Join(',', national, model)),
            (Contents, LevelContents), (Time, "top(1)")).Run(_model);
        if (cube is null || !new CubeCells(cube).Has(Group, model))
        {
            return null;
        }

        var cells = new CubeCells(cube);
        var wave = cells.Values(Time)[0].Code;
        CubeCell Get(string code, string group, string contents) => cells.Get((area.Breakdown, code), (Group, group), (Contents, contents), (Time, wave));
        var label = set == TableCodes.All ? _ui.T("Samtliga", "All") : _ui.T(_catalogue.Comparison(set).Focal.Label);
        return new ModelEstimateRow(indicator, wave, label, Get(area.Code, model, TableCodes.Estimate), Get(area.Code, model, TableCodes.CiLower), Get(area.Code, model, TableCodes.CiUpper),
            Get(TableCodes.Total, national, TableCodes.Estimate));
    }

    /// <summary>Expected versus actual of an indicator for the area in the latest wave, or null when the table does not publish it.</summary>
    public ExpectedRow? Expected(Indicator indicator, Area area)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(area);
        if (!indicator.ExpectedAreas.Contains(area.Breakdown, StringComparer.Ordinal))
        {
            return null;
        }

        var comparison = indicator.Comparisons[0];
        var focal = TableCodes.Focal(comparison);
        var expected = TableCodes.Expected(comparison);
        var difference = TableCodes.ExpectedDifference(comparison);
        var cube = DashboardQuery.For(indicator.Id + "." + area.Breakdown, (area.Breakdown, area.Code), (Group, string.Join(',', focal, expected, difference)), (Contents, LevelContents), (Time, "top(1)")).Run(_model);
        if (cube is null || !new CubeCells(cube).Has(Group, expected))
        {
            return null;
        }

        var cells = new CubeCells(cube);
        var wave = cells.Values(Time)[0].Code;
        CubeCell Get(string group, string contents) => cells.Get((area.Breakdown, area.Code), (Group, group), (Contents, contents), (Time, wave));
        return new ExpectedRow(indicator, wave, Get(focal, TableCodes.Estimate), Get(expected, TableCodes.Estimate), Get(difference, TableCodes.Estimate), Get(difference, TableCodes.CiLower), Get(difference, TableCodes.CiUpper));
    }

    /// <summary>
    /// The foreign-born's level of one indicator over every published wave in the area and its comparison areas at
    /// the same level, with Sweden as the reference line (the chart and its table; its downloads give the same
    /// selection of the area table).
    /// </summary>
    public ChartFigure? Trend(string id, Indicator indicator, Area area, IReadOnlyList<Area> comparisons, bool sweden)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(comparisons);
        var figures = new IndicatorFigures(_model, _catalogue, indicator, _ui, _rules);
        var sameLevel = comparisons.Where(c => c.Level == area.Level).Select(c => c.Code).ToList();
        var codes = new List<string> { area.Code };
        codes.AddRange(sameLevel);
        if (sweden)
        {
            codes.Add(Total);
        }

        var tableId = indicator.Id + "." + area.Breakdown;
        var query = DashboardQuery.For(tableId, (area.Breakdown, string.Join(',', codes.Distinct())), (Group, figures.Focal), (Contents, LevelContents), (Time, "*"));
        var cube = query.Run(_model);
        if (cube is null)
        {
            return null;
        }

        var cells = new CubeCells(cube);
        var points = new List<FigurePoint>();
        var series = new List<ChartSeries>();
        foreach (var code in codes.Distinct())
        {
            var label = code == Total ? _ui.T("Riket", "Sweden") : cells.Values(area.Breakdown).FirstOrDefault(v => v.Code == code) is { } v ? _ui.T(v.Label) : code;
            var role = code == area.Code ? SeriesRole.Focal : code == Total ? SeriesRole.Reference : SeriesRole.Other;
            var s = new ChartSeries(code, label, role);
            series.Add(s);
            foreach (var wave in cells.Values(Time))
            {
                CubeCell Get(string contents) => cells.Get((area.Breakdown, code), (Group, figures.Focal), (Contents, contents), (Time, wave.Code));
                var estimate = Get(TableCodes.Estimate);
                points.Add(new FigurePoint(
                    new ChartPoint(wave.Code, _ui.T(wave.Label), code, label, estimate.Value, Get(TableCodes.CiLower).Value, Get(TableCodes.CiUpper).Value, estimate.Status),
                    Get(TableCodes.Margin).Value,
                    Get(TableCodes.Count).Value));
            }
        }

        var focalLabel = cells.Values(Group).FirstOrDefault(v => v.Code == figures.Focal) is { } g ? _ui.T(g.Label) : figures.Focal;
        var title = _ui.T($"{_ui.T(indicator.Name)}, {focalLabel.ToLower(_ui.Culture)}, över tid", $"{_ui.T(indicator.Name)}, {focalLabel.ToLower(_ui.Culture)}, over time");
        var summary = TrendSummary(points, series, figures);
        var text = new ChartText(_ui.Language, title, summary, figures.ValueTitle, indicator.Decimals) { IntervalLevel = _ui.T(PublicationTexts.IntervalLevel(_rules)) };
        var spec = ChartSpecs.Trend([.. points.Select(p => p.Point)], series, text);
        var rows = points.Select(p => new FigureRow(
            p.Point.CategoryLabel,
            p.Point.SeriesLabel,
            [
                p.Point.Estimate is null ? new FigureCell(p.Point.Symbol ?? ".", p.Point.Symbol ?? ".") : new FigureCell(_ui.Number(p.Point.Estimate, indicator.Decimals), p.Point.Symbol),
                new FigureCell(_ui.Number(p.Count, 0), null),
            ])).ToList();
        var used = points.Select(p => p.Point.Symbol).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var table = new FigureTable(title, _ui.T("Omgång", "Wave"), [_ui.T("Område", "Area"), _ui.T("Skattning", "Estimate"), _ui.T("Antal personer", "Number of persons")], rows);
        return new ChartFigure(id, title, summary, spec.ToJsonString(), table, [.. cube.Symbols.Where(s => used.Contains(s.Symbol))], query);
    }

    private string TrendSummary(IReadOnlyList<FigurePoint> points, IReadOnlyList<ChartSeries> series, IndicatorFigures figures)
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

            var unit = figures.LevelUnit;
            var first = $"{_ui.Number(shown[0].Point.Estimate, figures.Decimals)} {unit} ({shown[0].Point.CategoryLabel})";
            var last = $"{_ui.Number(shown[^1].Point.Estimate, figures.Decimals)} {unit} ({shown[^1].Point.CategoryLabel})";
            parts.Add(shown.Count == 1 ? $"{s.Label}: {first}" : _ui.T($"{s.Label}: från {first} till {last}", $"{s.Label}: from {first} to {last}"));
        }

        var hidden = points.Count(p => p.Point.Estimate is null);
        var tail = hidden > 0 ? _ui.T($" {hidden} värden redovisas inte (se symbolerna).", $" {hidden} values are not published (see the symbols).") : string.Empty;
        return string.Join("; ", parts) + "." + tail;
    }
}

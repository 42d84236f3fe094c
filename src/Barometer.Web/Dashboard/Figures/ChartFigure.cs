using Barometer.Publishing.Charts;
using Barometer.Publishing.Cubes;
using Barometer.Web.Dashboard.Tables;

namespace Barometer.Web.Dashboard.Figures;

/// <summary>
/// Everything one chart of a page shows: its Vega-Lite spec (drawn in the browser), the text summary, the data table
/// that is the chart's accessible alternative (and its content without JavaScript), the symbols used in it, and the
/// query whose public API URL gives the same numbers for downloading.
/// </summary>
public sealed record ChartFigure(
    string Id,
    string Title,
    string Summary,
    string SpecJson,
    FigureTable Table,
    IReadOnlyList<CubeSymbol> Symbols,
    DashboardQuery Query);

/// <summary>A chart's data as an HTML table: one row per point, with the interval and count columns that have data.</summary>
public sealed record FigureTable(string Caption, string CategoryHeader, IReadOnlyList<string> Columns, IReadOnlyList<FigureRow> Rows);

/// <summary>A row of a chart's table; <see cref="Link"/> (e.g. an area's profile) makes its category a link.</summary>
public sealed record FigureRow(string Category, string Series, IReadOnlyList<FigureCell> Cells)
{
    public string? Link { get; init; }
}

/// <summary>A table cell: the formatted number, or the status symbol when the value is hidden (a flag may accompany a number).</summary>
public sealed record FigureCell(string Text, string? Symbol);

/// <summary>A point of a chart with the extra numbers its table shows.</summary>
public sealed record FigurePoint(ChartPoint Point, double? Margin, double? Count);

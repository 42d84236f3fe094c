using Barometer.Catalogue.Text;

namespace Barometer.Publishing.Charts;

/// <summary>
/// One estimate to draw: a <paramref name="Category"/> (a group, a wave, a county) of one <paramref name="Series"/>
/// (e.g. foreign-born or native-born) with its 95 % interval, in the published unit (percent, not share). A cell
/// whose value is hidden has a null <paramref name="Estimate"/> and its status <paramref name="Symbol"/>: charts
/// draw it as a gap marked with the symbol, never as zero. A flagged cell keeps its value and its symbol.
/// </summary>
public sealed record ChartPoint(
    string Category,
    string CategoryLabel,
    string Series,
    string SeriesLabel,
    double? Estimate,
    double? Lower,
    double? Upper,
    string? Symbol);

/// <summary>A series of a chart with the role that decides its colour and shape.</summary>
public sealed record ChartSeries(string Code, string Label, SeriesRole Role);

/// <summary>Which of the compared groups a series is; the palette gives each role a colour and a shape.</summary>
public enum SeriesRole
{
    /// <summary>The focal group (foreign-born, foreign background): blue circles.</summary>
    Focal,

    /// <summary>The reference group (native-born, Swedish background): orange squares.</summary>
    Reference,

    /// <summary>Everyone, or a group that is neither: dark grey diamonds.</summary>
    Other,

    /// <summary>A gap between groups: green triangles.</summary>
    Gap,
}

/// <summary>
/// What every chart needs besides its points: the language (labels and the number locale), the title, the text
/// summary (used as the chart's accessible description), the value axis title with its unit, the decimals, and a
/// fixed width in pixels (the report's SVG) or null to fill the container (the dashboard), and the interval level.
/// </summary>
public sealed record ChartText(
    Language Language,
    string Title,
    string Summary,
    string ValueTitle,
    int Decimals,
    int? Width = null)
{
    /// <summary>The level of the intervals in the chart's language, e.g. "95 %" (<c>PublicationTexts.IntervalLevel</c> of the rules).</summary>
    public required string IntervalLevel { get; init; }
}

using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Results;
using Barometer.Publishing.Tables;
using Barometer.Storage.Results;

namespace Barometer.Publishing.Reports;

/// <summary>
/// The released cells a report reads, by wave, indicator, measure, breakdown, cell and comparison group, and the
/// references that tie every number in the report to its table (<c>{indicator}</c> or
/// <c>{indicator}.{breakdown}</c>) and cell.
/// </summary>
public sealed class ReportCells
{
    private readonly Dictionary<(int Wave, string Indicator, Measure Measure, string Breakdown, string Cell, string Group), PublishedResult> _cells;

    public ReportCells(IndicatorCatalogue catalogue, IEnumerable<PublishedResult> results, Language language)
    {
        ArgumentNullException.ThrowIfNull(results);
        Catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        Language = language;
        _cells = [];
        foreach (var r in results)
        {
            _cells[(r.Wave, r.Indicator, r.Measure, r.Breakdown, r.Cell, r.ComparisonGroup)] = r;
        }
    }

    public IndicatorCatalogue Catalogue { get; }

    public Language Language { get; }

    public IEnumerable<PublishedResult> All => _cells.Values;

    public PublishedResult? Find(int wave, string indicator, string measure, string breakdown, string cell, string group) =>
        _cells.GetValueOrDefault((wave, indicator, MeasureCodes.Parse(measure), breakdown, cell, group));

    public static string TableId(string indicator, string breakdown) => TableCodes.TableId(indicator, breakdown);

    /// <summary>
    /// The cell of a released value in the publication's table model (docs/api.md): the breakdown value (breakdown
    /// tables only), <c>Grupp</c>, <c>ContentsCode</c> and <c>Tid</c>, e.g. <c>sex=2;Grupp=foreign_vs_native:gap;ContentsCode=estimate;Tid=2026</c>.
    /// </summary>
    public static string CellKey(PublishedResult result, string contents)
    {
        ArgumentNullException.ThrowIfNull(result);
        var group = GroupCode(result);
        var breakdown = result.Breakdown == "total" ? "" : result.Breakdown + "=" + result.Cell + ";";
        return string.Create(CultureInfo.InvariantCulture, $"{breakdown}Grupp={group};ContentsCode={contents};Tid={result.Wave}");
    }

    /// <summary>The <c>Grupp</c> value code of a result: <c>all</c>, <c>{cmp}:focal</c>, <c>{cmp}:reference</c>, <c>{cmp}:gap</c>, <c>{cmp}:standardised_gap</c>.</summary>
    public static string GroupCode(PublishedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return TableCodes.GroupOf(result.Measure, result.ComparisonGroup);
    }

    /// <summary>The role of a released value, which decides its scale: ratio gaps in per cent, counts as counts.</summary>
    public static ValueRole RoleOf(Indicator indicator, string measure, string contents) => RoleOf(indicator, MeasureCodes.Parse(measure), contents);

    /// <summary>The role of a released value, which decides its scale: ratio gaps in per cent, counts as counts.</summary>
    public static ValueRole RoleOf(Indicator indicator, Measure measure, string contents)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (contents == "count")
        {
            return ValueRole.Count;
        }

        return measure switch
        {
            Measure.Level => ValueRole.Level,
            Measure.Gap or Measure.StandardisedGap when indicator.Gap == GapKind.Ratio => ValueRole.RatioGap,
            _ => ValueRole.Difference,
        };
    }

    /// <summary>
    /// One value of a released cell as a referenced number, or null when the cell has no such value. Contents are
    /// the table model's: <c>estimate</c>, <c>margin</c>, <c>ci_lower</c>, <c>ci_upper</c>, <c>count</c> for levels and
    /// gaps; <c>change</c> and <c>change_margin</c> for changes.
    /// </summary>
    public NumberInline? Number(PublishedResult result, string contents = "estimate", bool withSign = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        var indicator = Catalogue.Indicator(result.Indicator);
        if (result.Measure == Measure.Change && contents is "estimate" or "margin")
        {
            contents = contents == "estimate" ? "change" : "change_margin";
        }

        double? value = contents switch
        {
            "estimate" or "change" => result.Estimate,
            "ci_lower" => result.CiLower,
            "ci_upper" => result.CiUpper,
            "margin" or "change_margin" => result.Margin,
            "count" => result.Respondents,
            _ => throw new ArgumentOutOfRangeException(nameof(contents), contents, "unknown contents"),
        };
        if (value is not { } v || result.SuppressionRule is not null)
        {
            return null;
        }

        var role = RoleOf(indicator, result.Measure, contents);
        var text = withSign ? ReportNumbers.FormatSigned(v, indicator, role, Language) : ReportNumbers.Format(v, indicator, role, Language);
        return new NumberInline(text, "result", TableId(result.Indicator, result.Breakdown), CellKey(result, contents));
    }
}

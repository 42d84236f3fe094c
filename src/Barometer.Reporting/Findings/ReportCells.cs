using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Results;
using Barometer.Publishing.Tables;

namespace Barometer.Reporting.Findings;

/// <summary>
/// The released cells a report reads, addressed as the API addresses them (docs/api.md): a table
/// (<see cref="TableCodes.TableId"/>: <c>{indicator}</c> or <c>{indicator}.{breakdown}</c>), the breakdown's value code,
/// the <c>Grupp</c> code (<see cref="TableCodes"/>, mapped from a stored result by <see cref="PublicationModel.GroupCode"/>)
/// and <c>Tid</c>, with the value (<c>estimate</c>, …) and the change (<c>change</c>, <c>change_margin</c>) of a cell
/// told apart by the contents. Every number the report prints names that table and cell, so a report reference and an
/// API query name the same cell.
/// </summary>
public sealed class ReportCells
{
    private readonly Dictionary<(int Wave, string Table, string Cell, string Group, bool Change), PublishedResult> _cells;
    private readonly HashSet<(int Wave, string Indicator)> _indicators = [];

    public ReportCells(IndicatorCatalogue catalogue, IEnumerable<PublishedResult> results, Language language)
    {
        ArgumentNullException.ThrowIfNull(results);
        Catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));
        Language = language;
        _cells = [];
        foreach (var r in results)
        {
            _indicators.Add((r.Wave, r.Row.Indicator));
            if (PublicationModel.GroupCode(r) is ({ } group, var change))
            {
                _cells[(r.Wave, TableOf(r), r.Row.Cell, group, change)] = r;
            }
        }
    }

    public IndicatorCatalogue Catalogue { get; }

    public Language Language { get; }

    /// <summary>Whether <paramref name="indicator"/> has any released result in <paramref name="wave"/>.</summary>
    public bool HasResults(int wave, string indicator) => _indicators.Contains((wave, indicator));

    /// <summary>
    /// The value (a level or a gap) of <paramref name="group"/> in a cell of the table of <paramref name="indicator"/> by
    /// <paramref name="breakdown"/> (null: the total table, whose one cell is the empty code).
    /// </summary>
    public PublishedResult? Value(int wave, string indicator, string? breakdown, string cell, string group) =>
        _cells.GetValueOrDefault((wave, TableCodes.TableId(indicator, breakdown), cell, group, false));

    /// <summary>The change since the previous wave of <paramref name="group"/> in a cell (see <see cref="Value"/>).</summary>
    public PublishedResult? Change(int wave, string indicator, string? breakdown, string cell, string group) =>
        _cells.GetValueOrDefault((wave, TableCodes.TableId(indicator, breakdown), cell, group, true));

    /// <summary>The values of <paramref name="group"/> in every breakdown table of <paramref name="indicator"/> (not the total).</summary>
    public IEnumerable<PublishedResult> BreakdownValues(int wave, string indicator, string group) =>
        _cells.Where(c => c.Key.Wave == wave && !c.Key.Change && c.Key.Group == group && c.Value.Row.Indicator == indicator && c.Value.Row.Breakdown != TableCodes.Total)
            .Select(c => c.Value);

    /// <summary>Whether a result is a change (contents <c>change</c>, <c>change_margin</c>) rather than a value.</summary>
    public static bool IsChange(PublishedResult result) => PublicationModel.GroupCode(result).Change;

    /// <summary>The id of the table a result is published in.</summary>
    public static string TableOf(PublishedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return TableCodes.TableId(result.Row.Indicator, result.Row.Breakdown == TableCodes.Total ? null : result.Row.Breakdown);
    }

    /// <summary>
    /// The cell of a released value in the publication's table model (docs/api.md): the breakdown value (breakdown
    /// tables only), <c>Grupp</c>, <c>ContentsCode</c> and <c>Tid</c>, e.g. <c>sex=2;Grupp=foreign_vs_native:gap;ContentsCode=estimate;Tid=2026</c>.
    /// </summary>
    public static string CellKey(PublishedResult result, string contents)
    {
        ArgumentNullException.ThrowIfNull(result);
        var group = PublicationModel.GroupCode(result).Group ?? result.Row.ComparisonGroup;
        var breakdown = result.Row.Breakdown == TableCodes.Total ? "" : result.Row.Breakdown + "=" + result.Row.Cell + ";";
        return string.Create(CultureInfo.InvariantCulture, $"{breakdown}{TableCodes.Group}={group};{TableCodes.Contents}={contents};{TableCodes.Time}={result.Wave}");
    }

    /// <summary>The role of a gap of <paramref name="indicator"/> (plain or standardised), which decides its scale: ratio gaps in per cent.</summary>
    public static ValueRole GapRole(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return indicator.Gap == GapKind.Ratio ? ValueRole.RatioGap : ValueRole.Difference;
    }

    /// <summary>The role of one value of a released cell, which decides its scale: ratio gaps in per cent, counts as counts.</summary>
    public static ValueRole RoleOf(Indicator indicator, PublishedResult result, string contents)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(result);
        if (contents == TableCodes.Count)
        {
            return ValueRole.Count;
        }

        var (group, change) = PublicationModel.GroupCode(result);
        if (change)
        {
            return ValueRole.Difference;
        }

        return group is { } g && (g.EndsWith(TableCodes.Gap(""), StringComparison.Ordinal) || g.EndsWith(TableCodes.StandardisedGap(""), StringComparison.Ordinal))
            ? GapRole(indicator)
            : ValueRole.Level;
    }

    /// <summary>
    /// One value of a released cell as a referenced number, or null when the cell has no such value. Contents are
    /// the table model's: <c>estimate</c>, <c>margin</c>, <c>ci_lower</c>, <c>ci_upper</c>, <c>count</c> for levels and
    /// gaps; <c>change</c> and <c>change_margin</c> for changes.
    /// </summary>
    public NumberInline? Number(PublishedResult result, string contents = TableCodes.Estimate, bool withSign = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        var indicator = Catalogue.Indicator(result.Row.Indicator);
        if (IsChange(result) && contents is TableCodes.Estimate or TableCodes.Margin)
        {
            contents = contents == TableCodes.Estimate ? TableCodes.Change : TableCodes.ChangeMargin;
        }

        double? value = contents switch
        {
            TableCodes.Estimate or TableCodes.Change => result.Row.Estimate,
            TableCodes.CiLower => result.Row.CiLower,
            TableCodes.CiUpper => result.Row.CiUpper,
            TableCodes.Margin or TableCodes.ChangeMargin => result.Margin,
            TableCodes.Count => result.Row.Respondents,
            _ => throw new ArgumentOutOfRangeException(nameof(contents), contents, "unknown contents"),
        };
        if (value is not { } v || result.Row.SuppressionRule is not null)
        {
            return null;
        }

        var role = RoleOf(indicator, result, contents);
        var text = withSign ? ReportNumbers.FormatSigned(v, indicator, role, Language) : ReportNumbers.Format(v, indicator, role, Language);
        return new NumberInline(text, "result", TableOf(result), CellKey(result, contents));
    }
}

using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Publishing.Tables;
using Barometer.Web.Api;
using Barometer.Web.Dashboard.Figures;
using Microsoft.AspNetCore.Mvc;

namespace Barometer.Web.Dashboard.Pages;

/// <summary>
/// One indicator: what it measures, its headline figures, its gap (raw or age- and sex-standardised), a breakdown to
/// choose, counties ranked and chosen kommuner side by side. Every choice is in the query string
/// (<c>?breakdown=sex&amp;gap=standardised&amp;kommun=0180&amp;kommun=1480</c>), so the URL reproduces the view.
/// </summary>
public sealed class IndicatorModel(PublicationState publication, IndicatorCatalogue catalogue) : DashboardPageModel(publication, catalogue)
{
    /// <summary>Breakdowns shown elsewhere on the page (county ranking, kommun picker), not among the switchable ones.</summary>
    private static readonly HashSet<string> GeographicBreakdowns = new(StringComparer.Ordinal) { "lan", "kommun" };

    /// <summary>At most this many kommuner side by side.</summary>
    public const int MaxKommuner = 10;

    public Indicator Indicator { get; private set; } = null!;

    public IndicatorFigures Figures { get; private set; } = null!;

    public PublishedTable? Table { get; private set; }

    public Headline? Headline { get; private set; }

    public ChartFigure? Trend { get; private set; }

    public ChartFigure? GapChart { get; private set; }

    /// <summary>Whether the indicator publishes an age- and sex-standardised gap next to the raw one.</summary>
    public bool HasStandardisedGap { get; private set; }

    public bool ShowStandardised { get; private set; }

    /// <summary>The switchable breakdowns that have a published table, in catalogue order.</summary>
    public IReadOnlyList<(string Code, string Label)> Breakdowns { get; private set; } = [];

    public string? SelectedBreakdown { get; private set; }

    public ChartFigure? BreakdownChart { get; private set; }

    public ChartFigure? Counties { get; private set; }

    public IReadOnlyList<(string Code, string Label)> KommunChoices { get; private set; } = [];

    public IReadOnlyList<string> SelectedKommuner { get; private set; } = [];

    public ChartFigure? KommunChart { get; private set; }

    public IActionResult OnGet(string id, string? breakdown, string? gap, [FromQuery(Name = "kommun")] string[]? kommun)
    {
        var indicator = Catalogue.FindIndicator(id) ?? Catalogue.Indicators.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.OrdinalIgnoreCase));
        if (indicator is null)
        {
            return NotFound();
        }

        Indicator = indicator;
        Title = Ui.T(indicator.Name);
        NavKey = "subgoal:" + indicator.SubGoal;
        Figures = new IndicatorFigures(Model, Catalogue, indicator, Ui, Rules);
        Table = Figures.Table;
        if (Table is null)
        {
            return Page();
        }

        Headline = Figures.Headline();
        Trend = Figures.Trend("trend");
        HasStandardisedGap = indicator.StandardisedGap && Figures.Comparison is not null;
        ShowStandardised = HasStandardisedGap && string.Equals(gap, "standardised", StringComparison.OrdinalIgnoreCase);
        GapChart = Figures.GapTrend("gap", ShowStandardised);

        Breakdowns = [.. indicator.Breakdowns
            .Where(b => !GeographicBreakdowns.Contains(b))
            .Select(b => Model.FindTable(indicator.Id + "." + b))
            .OfType<PublishedTable>()
            .Select(t => (t.Breakdown!, Ui.T(t.Dimensions.First(d => d.Code == t.Breakdown).Label)))];
        SelectedBreakdown = Breakdowns.Select(b => b.Code).FirstOrDefault(b => string.Equals(b, breakdown, StringComparison.OrdinalIgnoreCase))
            ?? (Breakdowns.Count > 0 ? Breakdowns[0].Code : null);
        BreakdownChart = SelectedBreakdown is null ? null : Figures.Breakdown("breakdown", SelectedBreakdown);

        if (Figures.IsRegister)
        {
            Counties = Figures.Counties("counties");
        }

        KommunChoices = Figures.Kommuner();
        var known = KommunChoices.Select(k => k.Code).ToHashSet(StringComparer.Ordinal);
        // An empty parameter (?kommun=) binds as a null element.
        SelectedKommuner = [.. (kommun ?? []).OfType<string>().SelectMany(k => k.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(known.Contains).Distinct(StringComparer.Ordinal).Take(MaxKommuner)];
        KommunChart = Figures.KommunComparison("kommuner", SelectedKommuner);
        return Page();
    }

    /// <summary>This view's URL with one parameter changed (null removes it); kommun choices are kept.</summary>
    public string ViewUrl(string? breakdown = null, string? gap = null, bool keepBreakdown = true, bool keepGap = true)
    {
        var parameters = new List<string>();
        var b = breakdown ?? (keepBreakdown ? Request.Query["breakdown"].ToString() : null);
        if (!string.IsNullOrEmpty(b))
        {
            parameters.Add("breakdown=" + Uri.EscapeDataString(b));
        }

        var g = gap ?? (keepGap ? Request.Query["gap"].ToString() : null);
        if (!string.IsNullOrEmpty(g))
        {
            parameters.Add("gap=" + Uri.EscapeDataString(g));
        }

        parameters.AddRange(SelectedKommuner.Select(k => "kommun=" + Uri.EscapeDataString(k)));
        return Ui.IndicatorPath(Indicator.Id) + (parameters.Count > 0 ? "?" + string.Join('&', parameters) : string.Empty);
    }

    public string PopulationText()
    {
        var p = Indicator.Population;
        if (p.Description is not null)
        {
            return Ui.T(p.Description);
        }

        var born = p.Born switch
        {
            BirthScope.ForeignBorn => Ui.T("Utrikes födda", "Foreign-born people"),
            BirthScope.NativeBorn => Ui.T("Inrikes födda", "Native-born people"),
            _ => Ui.T("Befolkningen", "The population"),
        };
        return p.Age is { } age
            ? Ui.T($"{born} {age.Min}–{age.Max} år", $"{born} aged {age.Min}–{age.Max}")
            : born;
    }
}

using Barometer.Catalogue;
using Barometer.Publishing.Tables;
using Barometer.Publishing.Texts;
using Barometer.Web.Api;
using Barometer.Web.Dashboard.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Barometer.Web.Dashboard.Pages;

/// <summary>
/// What every dashboard page has: the language of its URL, the catalogue (names, definitions, breakdowns) and the
/// publication edition of now — the public tables, with the embargo already applied by <see cref="PublicationState"/>.
/// </summary>
public abstract class DashboardPageModel(PublicationState publication, IndicatorCatalogue catalogue) : PageModel
{
    private PublicationEdition? _edition;
    private PublicationRules? _rules;

    public IndicatorCatalogue Catalogue { get; } = catalogue;

    public DashboardUi Ui => DashboardUi.ForPath(HttpContext.Request.Path);

    public PublicationEdition Edition => _edition ??= publication.Edition();

    public PublicationModel Model => Edition.Model;

    /// <summary>
    /// The rules every page states (interval level, thresholds, symbols): those the newest public release's run
    /// applied, as the report states its release's (the catalogue's where the release does not carry them).
    /// </summary>
    public PublicationRules Rules => _rules ??= PublicationRules.OfNewestRelease(Edition.View, Catalogue.Quality);

    /// <summary>Page title (without the site name).</summary>
    public string Title { get; protected set; } = string.Empty;

    /// <summary>Which navigation item is the current page: home, subgoal:{id}, method.</summary>
    public string NavKey { get; protected set; } = "home";

    /// <summary>The URL of this view in the other language.</summary>
    public string CounterpartUrl => DashboardUi.Counterpart(HttpContext.Request.Path, HttpContext.Request.QueryString);
}

using Barometer.Catalogue;
using Barometer.Catalogue.SubGoals;
using Barometer.Web.Api;
using Barometer.Web.Dashboard.Figures;

namespace Barometer.Web.Dashboard.Pages;

/// <summary>The start page: the five sub-goals, each with its headline indicators.</summary>
public sealed class IndexModel(PublicationState publication, IndicatorCatalogue catalogue) : DashboardPageModel(publication, catalogue)
{
    /// <summary>How many indicators of each sub-goal the start page shows: the first published ones in catalogue order.</summary>
    public const int HeadlinesPerSubGoal = 2;

    public IReadOnlyList<SubGoalSummary> SubGoals { get; private set; } = [];

    public void OnGet()
    {
        Title = Ui.T("Start", "Home");
        NavKey = "home";
        SubGoals = [.. Catalogue.SubGoals.OrderBy(s => s.Order).Select(subGoal =>
        {
            var figures = Catalogue.IndicatorsOf(subGoal.Id)
                .Select(i => new IndicatorFigures(Model, Catalogue, i, Ui))
                .Where(f => f.IsPublished)
                .Take(HeadlinesPerSubGoal)
                .ToList();
            var headlines = figures.Select(f => (f, f.Headline()!)).ToList();
            var chart = figures.Count > 0 ? figures[0].Groups("chart-" + subGoal.Id) : null;
            return new SubGoalSummary(subGoal, headlines, chart);
        })];
    }
}

public sealed record SubGoalSummary(SubGoal SubGoal, IReadOnlyList<(IndicatorFigures Figures, Headline Headline)> Headlines, ChartFigure? Chart);

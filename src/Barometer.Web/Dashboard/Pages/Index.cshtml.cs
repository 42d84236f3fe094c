using Barometer.Catalogue;
using Barometer.Catalogue.SubGoals;
using Barometer.Web.Api;
using Barometer.Web.Dashboard.Figures;

namespace Barometer.Web.Dashboard.Pages;

/// <summary>The start page: the five sub-goals, each with its headline indicators (chosen in the catalogue) and a chart of the first.</summary>
public sealed class IndexModel(PublicationState publication, IndicatorCatalogue catalogue) : DashboardPageModel(publication, catalogue)
{
    public IReadOnlyList<SubGoalSummary> SubGoals { get; private set; } = [];

    public void OnGet()
    {
        Title = Ui.T("Start", "Home");
        NavKey = "home";
        SubGoals = [.. Catalogue.SubGoals.OrderBy(s => s.Order).Select(subGoal =>
        {
            // The sub-goal's headline indicators as the catalogue chooses them (subgoals.yaml), in their order;
            // one without published results is left out rather than replaced by another.
            var figures = Catalogue.HeadlineIndicatorsOf(subGoal.Id)
                .Select(i => new IndicatorFigures(Model, Catalogue, i, Ui, Rules))
                .Where(f => f.IsPublished)
                .ToList();
            var headlines = figures.Select(f => (f, f.Headline()!)).ToList();
            var chart = figures.Count > 0 ? figures[0].Groups("chart-" + subGoal.Id) : null;
            return new SubGoalSummary(subGoal, headlines, chart);
        })];
    }
}

public sealed record SubGoalSummary(SubGoal SubGoal, IReadOnlyList<(IndicatorFigures Figures, Headline Headline)> Headlines, ChartFigure? Chart);

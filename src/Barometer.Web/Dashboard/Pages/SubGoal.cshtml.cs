using Barometer.Catalogue;
using Barometer.Catalogue.SubGoals;
using Barometer.Web.Api;
using Barometer.Web.Dashboard.Figures;
using Microsoft.AspNetCore.Mvc;

namespace Barometer.Web.Dashboard.Pages;

/// <summary>A sub-goal: every indicator as its groups with their intervals and its trend over the waves.</summary>
public sealed class SubGoalModel(PublicationState publication, IndicatorCatalogue catalogue) : DashboardPageModel(publication, catalogue)
{
    public SubGoal SubGoal { get; private set; } = null!;

    public IReadOnlyList<SubGoalIndicator> Indicators { get; private set; } = [];

    public IActionResult OnGet(string id)
    {
        var subGoal = Catalogue.SubGoals.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase));
        if (subGoal is null)
        {
            return NotFound();
        }

        SubGoal = subGoal;
        Title = Ui.T(subGoal.Name);
        NavKey = "subgoal:" + subGoal.Id;
        Indicators = [.. Catalogue.IndicatorsOf(subGoal.Id).Select(indicator =>
        {
            var figures = new IndicatorFigures(Model, Catalogue, indicator, Ui, Rules);
            return figures.IsPublished
                ? new SubGoalIndicator(figures, figures.Groups("groups-" + indicator.Id), figures.Trend("trend-" + indicator.Id))
                : new SubGoalIndicator(figures, null, null);
        })];
        return Page();
    }
}

public sealed record SubGoalIndicator(IndicatorFigures Figures, ChartFigure? Groups, ChartFigure? Trend);

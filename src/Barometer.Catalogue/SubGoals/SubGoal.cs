using Barometer.Catalogue.Text;

namespace Barometer.Catalogue.SubGoals;

/// <summary>One of the five sub-goals (delmål) of the integration policy.</summary>
/// <param name="Requirements">Rules every indicator of the sub-goal must follow, checked on load.</param>
public sealed record SubGoal(
    string Id,
    int Order,
    LocalizedText Name,
    LocalizedText Description,
    SubGoalRequirements Requirements,
    SourceLocation Location);

/// <param name="Comparison">A comparison every indicator must make (education: utländsk vs svensk bakgrund).</param>
/// <param name="SeparateBySex">Whether every indicator must be published for girls and boys separately.</param>
public sealed record SubGoalRequirements(string? Comparison, bool SeparateBySex);

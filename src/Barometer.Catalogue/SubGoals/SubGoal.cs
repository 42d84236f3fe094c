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
    SourceLocation Location)
{
    /// <summary>How many headline indicators a sub-goal may name in <c>headline:</c>.</summary>
    public const int MaxHeadline = 3;

    /// <summary>How many of its first indicators a sub-goal without <c>headline:</c> leads with.</summary>
    public const int DefaultHeadlineCount = 2;

    /// <summary>
    /// The ids of the sub-goal's headline (key) indicators, in display order: the start page of the dashboard and
    /// the report's summary lead with them. Those named by <c>headline:</c> in subgoals.yaml, or, when the sub-goal
    /// names none, its first <see cref="DefaultHeadlineCount"/> indicators in catalogue order.
    /// </summary>
    public IReadOnlyList<string> Headline { get; init; } = [];

    /// <summary>Whether <see cref="Headline"/> was chosen in the catalogue (<c>headline:</c>) rather than taken by default.</summary>
    public bool HeadlineChosen { get; init; }
}

/// <param name="Comparison">A comparison every indicator must make (education: utländsk vs svensk bakgrund).</param>
/// <param name="SeparateBySex">Whether every indicator must be published for girls and boys separately.</param>
public sealed record SubGoalRequirements(string? Comparison, bool SeparateBySex);

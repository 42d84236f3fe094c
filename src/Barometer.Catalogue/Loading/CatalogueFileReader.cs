using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.SubGoals;
using YamlDotNet.RepresentationModel;

namespace Barometer.Catalogue.Loading;

/// <summary>Reads catalogue.yaml (version, title, units, comparisons) and subgoals.yaml.</summary>
internal static class CatalogueFileReader
{
    public const string CatalogueFile = "catalogue.yaml";
    public const string SubGoalsFile = "subgoals.yaml";

    public sealed record Header(string Version, Text.LocalizedText? Title, IReadOnlyList<Unit> Units, IReadOnlyList<Comparison> Comparisons);

    /// <summary>A sub-goal's <c>headline:</c> list as written: where the list is and each entry with its place.</summary>
    public sealed record HeadlineDeclaration(string SubGoal, SourceLocation Location, IReadOnlyList<(string Id, SourceLocation Location)> Entries);

    /// <summary>The sub-goals in their order, and the <c>headline:</c> lists to check once the indicators are read.</summary>
    public sealed record SubGoalsResult(IReadOnlyList<SubGoal> SubGoals, IReadOnlyList<HeadlineDeclaration> Headlines);

    public static Header ReadHeader(LoadContext context)
    {
        var map = YamlMap.LoadFile(context.Root, CatalogueFile, context.Log);
        if (map is null)
        {
            return new Header("unknown", null, [], []);
        }

        var version = map.String("version") ?? "unknown";
        var title = map.Text("title");
        var units = new List<Unit>();
        foreach (var entry in map.Maps("units"))
        {
            var id = context.Id(entry);
            var name = entry.Text("name");
            var symbol = entry.Text("symbol");
            entry.Finish();
            if (id is not null && name is not null && symbol is not null)
            {
                units.Add(new Unit(id, name, symbol, entry.Location));
            }
        }

        var comparisons = new List<Comparison>();
        foreach (var entry in map.Maps("comparisons"))
        {
            var id = context.Id(entry);
            var name = entry.Text("name");
            var focal = Group(entry, "focal");
            var reference = Group(entry, "reference");
            entry.Finish();
            if (id is not null && name is not null && focal is not null && reference is not null)
            {
                comparisons.Add(new Comparison(id, name, focal, reference, entry.Location));
            }
        }

        map.Finish();
        context.RequireUnique(units, u => u.Id, u => u.Location, "unit");
        context.RequireUnique(comparisons, c => c.Id, c => c.Location, "comparison");
        return new Header(version, title, units, comparisons);
    }

    public static SubGoalsResult ReadSubGoals(LoadContext context)
    {
        var map = YamlMap.LoadFile(context.Root, SubGoalsFile, context.Log);
        if (map is null)
        {
            return new SubGoalsResult([], []);
        }

        var subGoals = new List<SubGoal>();
        var headlines = new List<HeadlineDeclaration>();
        foreach (var entry in map.Maps("subgoals"))
        {
            var id = context.Id(entry);
            var order = entry.Integer("order");
            var name = entry.Text("name");
            var description = entry.Text("description");
            var requirements = new SubGoalRequirements(null, false);
            if (entry.Map("requires", required: false) is { } requires)
            {
                var comparison = requires.String("comparison", required: false);
                context.Refer(ReferenceKind.Comparison, comparison, requires.LocationOf("comparison"), $"sub-goal '{id}'");
                requirements = new SubGoalRequirements(comparison, requires.Boolean("separate_by_sex", fallback: false));
                requires.Finish();
            }

            if (ReadHeadline(context, entry, id) is { } headline)
            {
                headlines.Add(headline);
            }

            entry.Finish();
            if (id is not null && order is not null && name is not null && description is not null)
            {
                subGoals.Add(new SubGoal(id, order.Value, name, description, requirements, entry.Location));
            }
        }

        map.Finish();
        context.RequireUnique(subGoals, s => s.Id, s => s.Location, "sub-goal");
        return new SubGoalsResult([.. subGoals.OrderBy(s => s.Order)], headlines);
    }

    /// <summary>
    /// Reads <c>headline: [ids]</c> and checks what one file can tell: 1 to <see cref="SubGoal.MaxHeadline"/> entries,
    /// none twice. Whether each id is an indicator of this sub-goal is checked once the indicators are read.
    /// </summary>
    private static HeadlineDeclaration? ReadHeadline(LoadContext context, YamlMap entry, string? id)
    {
        if (!entry.Has("headline"))
        {
            return null;
        }

        var location = entry.LocationOf("headline");
        var emptyList = entry.Node("headline") is YamlSequenceNode { Children.Count: 0 };
        var entries = entry.Strings("headline");
        var what = $"sub-goal '{id}'";
        if (emptyList)
        {
            context.Log.Add(location, $"{what}: 'headline' is empty; list 1 to {SubGoal.MaxHeadline} of its indicator ids in display order, e.g. headline: [employment_rate], or leave 'headline' out to lead with its first {SubGoal.DefaultHeadlineCount} indicators");
        }

        if (entries.Count > SubGoal.MaxHeadline)
        {
            context.Log.Add(entries[SubGoal.MaxHeadline].Location, $"{what}: 'headline' lists {entries.Count} indicators; at most {SubGoal.MaxHeadline} are allowed");
        }

        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var (indicator, at) in entries)
        {
            if (!seen.TryAdd(indicator, at))
            {
                context.Log.Add(at, $"{what}: 'headline' lists indicator '{indicator}' twice (first at {seen[indicator]})");
            }
        }

        return id is null ? null : new HeadlineDeclaration(id, location, entries);
    }

    private static ComparisonGroup? Group(YamlMap entry, string key)
    {
        var group = entry.Map(key);
        if (group is null)
        {
            return null;
        }

        var label = group.Text("label");
        var condition = group.Formula("condition");
        group.Finish();
        return label is null || condition is null ? null : new ComparisonGroup(label, condition);
    }
}

using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.SubGoals;

namespace Barometer.Catalogue.Loading;

/// <summary>Reads catalogue.yaml (version, title, units, comparisons) and subgoals.yaml.</summary>
internal static class CatalogueFileReader
{
    public const string CatalogueFile = "catalogue.yaml";
    public const string SubGoalsFile = "subgoals.yaml";

    public sealed record Header(string Version, Text.LocalizedText? Title, IReadOnlyList<Unit> Units, IReadOnlyList<Comparison> Comparisons);

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

    public static IReadOnlyList<SubGoal> ReadSubGoals(LoadContext context)
    {
        var map = YamlMap.LoadFile(context.Root, SubGoalsFile, context.Log);
        if (map is null)
        {
            return [];
        }

        var subGoals = new List<SubGoal>();
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

            entry.Finish();
            if (id is not null && order is not null && name is not null && description is not null)
            {
                subGoals.Add(new SubGoal(id, order.Value, name, description, requirements, entry.Location));
            }
        }

        map.Finish();
        context.RequireUnique(subGoals, s => s.Id, s => s.Location, "sub-goal");
        return [.. subGoals.OrderBy(s => s.Order)];
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

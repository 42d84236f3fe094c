using Barometer.Catalogue.Indicators;
using YamlDotNet.RepresentationModel;

namespace Barometer.Catalogue.Loading;

/// <summary>Reads indicators/*.yaml: one file per sub-goal, each with its indicators.</summary>
internal static class IndicatorReader
{
    public const string Folder = "indicators";

    public static IReadOnlyList<Indicator> Read(LoadContext context)
    {
        var folder = Path.Combine(context.Root, Folder);
        if (!Directory.Exists(folder))
        {
            context.Log.Add(new SourceLocation(Folder, 1), "the indicators folder is missing");
            return [];
        }

        var indicators = new List<Indicator>();
        foreach (var path in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var relative = $"{Folder}/{Path.GetFileName(path)}";
            if (YamlMap.LoadFile(context.Root, relative, context.Log) is not { } map)
            {
                continue;
            }

            var subGoal = map.String("subgoal");
            context.Refer(ReferenceKind.SubGoal, subGoal, map.LocationOf("subgoal"), relative);
            foreach (var entry in map.Maps("indicators"))
            {
                if (ReadOne(context, entry, subGoal ?? "?") is { } indicator)
                {
                    indicators.Add(indicator);
                }
            }

            map.Finish();
        }

        context.RequireUnique(indicators, i => i.Id, i => i.Location, "indicator id");
        return indicators;
    }

    /// <summary>Reads <c>age: [min, max]</c>; an empty range is reported.</summary>
    public static AgeRange? ReadAge(LoadContext context, YamlMap map, bool required)
    {
        var node = map.Node("age");
        if (node is null)
        {
            if (required)
            {
                context.Log.Add(map.Location, "missing field 'age' ([min, max])");
            }

            return null;
        }

        var location = map.Locate(node);
        if (node is not YamlSequenceNode { Children: [YamlScalarNode { Value: { } low }, YamlScalarNode { Value: { } high }] }
            || !int.TryParse(low, out var min) || !int.TryParse(high, out var max))
        {
            context.Log.Add(location, "'age' must be [min, max] in whole years, e.g. [20, 64]");
            return null;
        }

        if (min > max)
        {
            context.Log.Add(location, $"the age range {min}–{max} is empty: the population can never have anyone in it");
        }

        return new AgeRange(min, max);
    }

    private static Indicator? ReadOne(LoadContext context, YamlMap entry, string subGoal)
    {
        var id = context.Id(entry);
        var name = entry.Text("name");
        var definition = entry.Text("definition");
        var source = ReadSource(context, entry, id);
        var statistic = entry.Enum<StatisticKind>("statistic");
        var numerator = entry.Formula("numerator");
        var denominator = entry.Formula("denominator", required: false);
        var population = entry.Map("population") is { } populationMap ? ReadPopulation(context, populationMap) : null;
        var unit = entry.String("unit");
        context.Refer(ReferenceKind.Unit, unit, entry.LocationOf("unit"), $"indicator '{id}'");
        var decimals = entry.Integer("decimals");
        if (decimals is < 0 or > 4)
        {
            context.Log.Add(entry.LocationOf("decimals"), "'decimals' must be between 0 and 4");
        }

        var better = entry.Enum<Direction>("better");
        var comparisons = entry.Strings("comparisons").ToList();
        foreach (var (comparison, location) in comparisons)
        {
            context.Refer(ReferenceKind.Comparison, comparison, location, $"indicator '{id}'");
        }

        var separateBySex = entry.Boolean("separate_by_sex", fallback: false);
        var breakdowns = entry.Strings("breakdowns").ToList();
        foreach (var (breakdown, location) in breakdowns)
        {
            context.Refer(ReferenceKind.CodeVariable, breakdown, location, $"breakdowns of indicator '{id}'");
        }

        var standardisedGap = entry.Boolean("standardised_gap", fallback: false);
        var gap = entry.Enum<GapKind>("gap", required: false) ?? GapKind.Difference;
        ExpectedValueModel? expected = null;
        if (entry.Map("expected", required: false) is { } expectedMap)
        {
            var covariates = expectedMap.Strings("covariates", required: true);
            foreach (var (covariate, location) in covariates)
            {
                context.Refer(ReferenceKind.RegisterVariable, covariate, location, $"expected-value model of indicator '{id}'");
            }

            var description = expectedMap.Text("description");
            expectedMap.Finish();
            expected = description is null ? null : new ExpectedValueModel([.. covariates.Select(c => c.Value)], description);
        }

        ExpectedVersusActualModel? expectedVersusActual = null;
        if (entry.Map("expected_vs_actual", required: false) is { } evaMap)
        {
            var where = evaMap.Location;
            var cells = evaMap.Strings("cells", required: true).ToList();
            foreach (var (cell, location) in cells)
            {
                context.Refer(ReferenceKind.CodeVariable, cell, location, $"expected_vs_actual cells of indicator '{id}'");
            }

            var areas = evaMap.Strings("areas", required: true).ToList();
            foreach (var (area, location) in areas.Where(a => !breakdowns.Any(b => b.Value == a.Value)))
            {
                context.Log.Add(location, $"expected_vs_actual area '{area}' of indicator '{id}' is not one of its breakdowns");
            }

            evaMap.Finish();
            if (statistic is not (StatisticKind.Proportion or StatisticKind.Mean))
            {
                context.Log.Add(where, $"expected_vs_actual of indicator '{id}' needs a proportion or a mean (indirect standardisation of a {statistic?.ToString().ToLowerInvariant() ?? "missing"} statistic is not defined here)");
            }
            else if (source is not null && source.Kind != SourceKind.Register)
            {
                context.Log.Add(where, $"expected_vs_actual of indicator '{id}' needs a register indicator: survey samples are too small by area");
            }
            else if (comparisons.Count == 0)
            {
                context.Log.Add(where, $"expected_vs_actual of indicator '{id}' needs a comparison: its focal group is the group compared");
            }
            else if (cells.Count == 0 || areas.Count == 0)
            {
                context.Log.Add(where, $"expected_vs_actual of indicator '{id}' needs at least one cell variable and one area");
            }
            else
            {
                expectedVersusActual = new ExpectedVersusActualModel([.. cells.Select(c => c.Value)], [.. areas.Select(a => a.Value)]);
            }
        }

        entry.Finish();
        if (id is null || name is null || definition is null || source is null || statistic is null || numerator is null
            || population is null || unit is null || decimals is null || better is null)
        {
            return null;
        }

        return new Indicator(id, subGoal, name, definition, source, statistic.Value, numerator, denominator, population,
            unit, decimals.Value, better.Value, [.. comparisons.Select(c => c.Value)], separateBySex, [.. breakdowns.Select(b => b.Value)],
            standardisedGap, gap, expected, expectedVersusActual, entry.Location);
    }

    private static IndicatorSource? ReadSource(LoadContext context, YamlMap entry, string? id)
    {
        var map = entry.Map("source");
        if (map is null)
        {
            return null;
        }

        var kinds = new[] { "survey", "register" }.Where(map.Has).ToList();
        if (kinds.Count != 1)
        {
            context.Log.Add(map.Location, $"indicator '{id}': source needs exactly one of survey: [...] or register: [...]");
            map.Finish();
            return null;
        }

        var kind = kinds[0] == "survey" ? SourceKind.Survey : SourceKind.Register;
        var variables = map.Strings(kinds[0], required: true).Select(v => v.Value).ToList();
        map.Finish();
        if (variables.Count == 0)
        {
            context.Log.Add(map.Location, $"indicator '{id}': the source lists no variables");
        }

        return new IndicatorSource(kind, variables);
    }

    private static Population ReadPopulation(LoadContext context, YamlMap map)
    {
        var age = ReadAge(context, map, required: false);
        var born = map.Enum<BirthScope>("born", required: false) ?? BirthScope.Everyone;
        var filter = map.Formula("filter", required: false);
        var description = map.Text("description", required: false);
        map.Finish();
        return new Population(age, born, filter, description);
    }
}

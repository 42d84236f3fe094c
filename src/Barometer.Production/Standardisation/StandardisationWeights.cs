using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Variables;
using Barometer.Production.Register;
using Barometer.Production.Survey;
using Barometer.Storage;

namespace Barometer.Production.Standardisation;

/// <summary>
/// The standard population of the direct age/sex standardisation: for each indicator and comparison, the share of
/// the reference group (e.g. the native-born) in every sex × age cell, counted in the register over the
/// indicator's age range (the survey's when it gives none). Fixed constants from a total count, so they add no
/// sampling variance.
/// </summary>
public sealed class StandardisationWeights
{
    private readonly Dictionary<(string Indicator, string Comparison), IReadOnlyDictionary<string, double>> _shares = [];

    public IReadOnlyDictionary<string, double> For(string indicator, string comparison) =>
        _shares.TryGetValue((indicator, comparison), out var shares) ? shares : new Dictionary<string, double>();

    public static StandardisationWeights FromRegister(StoreSession session, IndicatorCatalogue catalogue, string? registerTable, IReadOnlyList<Indicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(indicators);
        var weights = new StandardisationWeights();
        var wanted = indicators.Where(i => i.StandardisedGap && i.Statistic != StatisticKind.Ratio && i.Comparisons.Count > 0).ToList();
        if (registerTable is null || wanted.Count == 0)
        {
            return weights;
        }

        var dependencies = new RawDependencies(catalogue);
        var comparisons = wanted.SelectMany(i => i.Comparisons).Distinct(StringComparer.Ordinal).Select(catalogue.Comparison).ToList();
        var names = SurveyFrame.StandardisationVariables.Concat(["age", "foreign_born"]).Concat(comparisons.SelectMany(c => c.Reference.Condition.Variables));
        var groups = RegisterGroups.Count(session, registerTable, dependencies.Of(names), null);
        var evaluated = groups.Select(g =>
        {
            var get = catalogue.Evaluator.For(g.Get);
            var age = get("age");
            return (
                Age: age.Kind == ValueKind.Number ? (int)age.Number : -1,
                Cell: SurveyFrame.StandardisationCell(get),
                References: comparisons.Select(c => c.Reference.Condition.Holds(get)).ToArray(),
                g.Persons);
        }).ToList();

        foreach (var indicator in wanted)
        {
            var range = indicator.Population.Age ?? catalogue.Questionnaire.Population;
            foreach (var comparison in indicator.Comparisons)
            {
                var c = comparisons.FindIndex(x => x.Id == comparison);
                var counts = new SortedDictionary<string, double>(StringComparer.Ordinal);
                foreach (var group in evaluated)
                {
                    if (group.Cell is null || !group.References[c] || !range.Contains(group.Age))
                    {
                        continue;
                    }

                    counts[group.Cell] = counts.GetValueOrDefault(group.Cell) + group.Persons;
                }

                var total = counts.Values.Sum();
                if (total > 0)
                {
                    weights._shares[(indicator.Id, comparison)] = counts.ToDictionary(p => p.Key, p => p.Value / total, StringComparer.Ordinal);
                }
            }
        }

        return weights;
    }
}

using Barometer.Catalogue;
using Barometer.Production.Inputs;
using Barometer.Production.Register;
using Barometer.Production.Variables;

namespace Barometer.Production.Calibration;

/// <summary>
/// The population totals the survey weights are calibrated to: for every margin of the catalogue's calibration
/// config (catalogue/calibration.yaml), the number of register persons in the calibration population (its age range)
/// in each cell of the crossing of the margin's variables. Cell codes join the variables' codes with ';'.
/// </summary>
public static class CalibrationTotals
{
    public sealed record Margin(IReadOnlyList<string> Variables, IReadOnlyDictionary<string, double> Totals)
    {
        public string Name => string.Join(" × ", Variables);
    }

    public static IReadOnlyList<Margin> FromRegister(StoreSession session, IndicatorCatalogue catalogue, string registerTable)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var dependencies = new RawDependencies(catalogue);
        var margins = new List<Margin>();
        foreach (var margin in catalogue.Calibration.Margins)
        {
            var raw = dependencies.Of(margin.Variables);
            var totals = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var group in RegisterGroups.Count(session, registerTable, raw, catalogue.Calibration.Population))
            {
                var get = catalogue.Evaluator.For(group.Get);
                var cell = CellOf(margin.Variables, get);
                if (cell is null)
                {
                    continue;
                }

                totals[cell] = totals.GetValueOrDefault(cell) + group.Persons;
            }

            margins.Add(new Margin(margin.Variables, totals));
        }

        return margins;
    }

    /// <summary>The margin cell of one person, or null when a variable is missing.</summary>
    public static string? CellOf(IReadOnlyList<string> variables, Func<string, Catalogue.Expressions.Value> get)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(get);
        var codes = new string[variables.Count];
        for (var v = 0; v < variables.Count; v++)
        {
            var code = IndicatorMeasurement.Code(get(variables[v]));
            if (code is null)
            {
                return null;
            }

            codes[v] = code;
        }

        return string.Join(';', codes);
    }
}

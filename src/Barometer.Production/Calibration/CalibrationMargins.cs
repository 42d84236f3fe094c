using Barometer.Catalogue;
using Barometer.Catalogue.Calibration;
using Barometer.Catalogue.Variables;
using Barometer.Production.Register;
using Barometer.Production.Variables;
using Barometer.Storage;
using Barometer.Storage.Calibration;

namespace Barometer.Production.Calibration;

/// <summary>
/// The population totals the survey weights are calibrated to: for every margin of the catalogue's calibration
/// config (catalogue/calibration.yaml), the number of register persons in the calibration population (its age range)
/// in each cell of the crossing of the margin's variables. Cells are in the form of <see cref="CalibrationCell"/>
/// (<c>sex=1;age_calibration=16-24</c>), as the store keeps them; they are the levels of the analysis file's
/// calibration columns.
/// </summary>
public static class CalibrationMargins
{
    public sealed record Margin(IReadOnlyList<string> Variables, IReadOnlyDictionary<string, double> Totals, string Source = "register")
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

    /// <summary>
    /// The totals of a calibration-total set stored for the wave (<c>barometer ingest</c> of a CSV, PX or JSON-stat
    /// file) when the set has every margin of the config under the catalogue's variable names (margin
    /// <c>sex;age_calibration</c>, cells <c>sex=1;age_calibration=16-24</c>); otherwise null and the register is used.
    /// </summary>
    public static IReadOnlyList<Margin>? FromStore(StoreSession session, IndicatorCatalogue catalogue, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(catalogue);
        var rows = CalibrationTotalsStore.OfWave(session, wave).Select(r => (Set: r.SetId, r.Total.Margin, r.Total.Cell, r.Total.Total)).ToList();
        foreach (var set in rows.GroupBy(r => r.Set))
        {
            var margins = new List<Margin>();
            foreach (var wanted in catalogue.Calibration.Margins)
            {
                var name = CalibrationCell.Margin(wanted.Variables);
                var cells = set.Where(r => r.Margin == name).ToList();
                if (cells.Count == 0)
                {
                    break;
                }

                var totals = new SortedDictionary<string, double>(StringComparer.Ordinal);
                foreach (var cell in cells)
                {
                    totals[cell.Cell] = cell.Total;
                }

                margins.Add(new Margin(wanted.Variables, totals, "store set " + set.Key));
            }

            if (margins.Count == catalogue.Calibration.Margins.Count)
            {
                return margins;
            }
        }

        return null;
    }

    /// <summary>The margin cell of one person (<see cref="CalibrationCell"/>), or null when a variable is missing.</summary>
    public static string? CellOf(IReadOnlyList<string> variables, Func<string, Catalogue.Expressions.Value> get) =>
        CodesOf(variables, get) is { } codes ? CalibrationCell.Of(variables.Select((v, i) => (v, codes[i]))) : null;

    /// <summary>The codes of <paramref name="variables"/> for one person, or null when one is missing.</summary>
    public static string[]? CodesOf(IReadOnlyList<string> variables, Func<string, Catalogue.Expressions.Value> get)
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

        return codes;
    }
}

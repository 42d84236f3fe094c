using Barometer.Catalogue;
using Barometer.Catalogue.Calibration;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Variables;
using Barometer.Synthetic.Registers;
using Barometer.Synthetic.Survey;
using Barometer.Synthetic.Truth;

namespace Barometer.Synthetic.Calibration;

/// <summary>
/// One row of the synthetic data's calibration/totals table: persons of the wave's frame in one cell of one margin.
/// (What the store keeps of calibration totals is Storage's <c>CalibrationTotal</c>; both write cells as
/// <see cref="CalibrationCell"/> does.)
/// </summary>
/// <param name="Wave">The survey wave.</param>
/// <param name="Margin">The margin's position in catalogue/calibration.yaml, from 1.</param>
/// <param name="Variables">The margin's variables joined by <c>*</c>, e.g. <c>sex*age_calibration</c>.</param>
/// <param name="Cell">The cell as <see cref="CalibrationCell"/> writes it, e.g. <c>sex=1;age_calibration=16-24</c>.</param>
/// <param name="Total">Persons in the cell.</param>
internal sealed record FrameCalibrationTotal(int Wave, int Margin, string Variables, string Cell, long Total);

/// <summary>
/// The register totals the production run calibrates a wave to, as catalogue/calibration.yaml defines them: for
/// every margin, the number of persons of the calibration population (its age range, at the wave's frame date)
/// in each cell of the crossing of the margin's variables.
/// </summary>
internal static class FrameCalibrationTotals
{
    public static IReadOnlyList<FrameCalibrationTotal> Compute(IndicatorCatalogue catalogue, RegisterVariables variables, StratifiedSampler design)
    {
        var config = catalogue.Calibration;
        var margins = config.Margins.Select(m => m.Variables.ToArray()).ToArray();
        var cells = Cells(catalogue, variables, design.Wave);
        var counts = margins.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
        foreach (var person in design.FramePersons)
        {
            if (cells(person) is not { } personCells)
            {
                continue;
            }

            for (var m = 0; m < margins.Length; m++)
            {
                var cell = personCells[m];
                counts[m][cell] = counts[m].GetValueOrDefault(cell) + 1;
            }
        }

        var rows = new List<FrameCalibrationTotal>();
        for (var m = 0; m < margins.Length; m++)
        {
            foreach (var (cell, total) in counts[m].OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                rows.Add(new FrameCalibrationTotal(design.Wave, m + 1, string.Join("*", margins[m]), cell, total));
            }
        }

        return rows;
    }

    /// <summary>
    /// The person's cell in every margin (<c>var=code</c> joined by <c>;</c>, as in <see cref="FrameCalibrationTotal.Cell"/>),
    /// or null outside the calibration population, at the wave's frame date. Not thread-safe.
    /// </summary>
    public static Func<int, string[]?> Cells(IndicatorCatalogue catalogue, RegisterVariables variables, int wave)
    {
        var config = catalogue.Calibration;
        var values = new PersonValues(catalogue, variables, wave);
        var margins = config.Margins.Select(m => m.Variables.ToArray()).ToArray();

        // One memo per margin on that margin's own variables (a memo on all of them would be keyed on nearly
        // every person's detailed combination).
        var inside = new MemoisedFormulas(catalogue, values, ["age"], lookup => [Value.Of(lookup("age") is { IsMissing: false } age && config.Population.Contains((int)age.Number))]);
        var cellMemos = margins.Select(margin => new MemoisedFormulas(catalogue, values, new RawDependencies(catalogue).Of(margin), lookup =>
            [Value.Of(CalibrationCell.Of(margin.Select(v => (v, lookup(v) is { IsMissing: false } x ? x.ToString() : ""))))])).ToArray();
        return person =>
        {
            if (!inside.Evaluate(person, default)[0].Boolean)
            {
                return null;
            }

            var result = new string[margins.Length];
            for (var m = 0; m < margins.Length; m++)
            {
                result[m] = cellMemos[m].Evaluate(person, default)[0].Text;
            }

            return result;
        };
    }
}

using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Storage;
using Barometer.Storage.Fieldwork;
using Barometer.Storage.Ingestion;

namespace Barometer.Production.Fieldwork;

/// <summary>
/// The fieldwork of a wave, computed by the run from its gross sample: persons drawn and responding by stratum, and
/// by the groups of the calibration margins' variables (each person's code given by the catalogue's evaluator over
/// the gross sample's columns; a missing code is the empty code). Groups are ordered by variable (in the order of the
/// margins), then by the code's position in its classification, then by code.
/// </summary>
public static class ResponseRates
{
    /// <summary>The variables whose response rates are shown: the calibration margins' variables.</summary>
    public static IReadOnlyList<string> GroupVariables(IndicatorCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return [.. catalogue.Calibration.Margins.SelectMany(m => m.Variables).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The fieldwork of <paramref name="wave"/>, or null when the store holds no gross sample of it.</summary>
    public static SurveyFieldwork? Compute(StoreSession session, IndicatorCatalogue catalogue, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (InputTables.GrossSample(session, wave) is not { } table)
        {
            return null;
        }

        var strata = FieldworkTable.StrataOf(session, wave);
        var sample = InputTables.Rows(session, table);
        var index = sample.Columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var responded = index["responded"];
        var variables = GroupVariables(catalogue);
        var counts = new Dictionary<(string Variable, string Code), (long Sampled, long Responded)>();
        foreach (var row in sample.Rows)
        {
            Value Raw(string name) => index.TryGetValue(name, out var i) ? row[i] : Value.Missing;
            var get = catalogue.Evaluator.For(Raw);
            var answered = row[responded] is { Kind: ValueKind.Boolean, Boolean: true };
            foreach (var variable in variables)
            {
                var value = get(variable);
                var code = value.Kind switch
                {
                    ValueKind.Text => value.Text,
                    ValueKind.Number => value.Number.ToString(CultureInfo.InvariantCulture),
                    ValueKind.Boolean => value.Boolean ? "1" : "0",
                    _ => "",
                };
                counts.TryGetValue((variable, code), out var c);
                counts[(variable, code)] = (c.Sampled + 1, c.Responded + (answered ? 1 : 0));
            }
        }

        var groups = variables.SelectMany(v => counts.Where(kv => kv.Key.Variable == v)
                .OrderBy(kv => CodeOrder(catalogue, v, kv.Key.Code)).ThenBy(kv => kv.Key.Code, StringComparer.Ordinal)
                .Select(kv => new FieldworkGroup(v, kv.Key.Code, kv.Value.Sampled, kv.Value.Responded)))
            .ToList();
        return new SurveyFieldwork(wave, strata, groups);
    }

    private static int CodeOrder(IndicatorCatalogue catalogue, string variable, string code)
    {
        var classification = catalogue.FindVariable(variable)?.Classification is { } id ? catalogue.FindClassification(id) : null;
        if (classification is null)
        {
            return int.MaxValue;
        }

        for (var i = 0; i < classification.Codes.Count; i++)
        {
            if (classification.Codes[i].Code == code)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}

using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Estimation;
using Barometer.Estimation.Requests;
using Barometer.Estimation.Sampling;
using Barometer.Production.Calibration;
using Barometer.Production.Survey;
using Barometer.Storage;
using Barometer.Storage.Fieldwork;
using Barometer.Storage.Ingestion;

namespace Barometer.Production.Fieldwork;

/// <summary>
/// The nonresponse analysis of a wave, computed by the run (docs/methodology/representativity.md):
/// <list type="bullet">
/// <item>the R-indicator and unconditional partial R-indicators of a response-propensity model fitted on the whole
/// gross sample with design weights (<see cref="RepresentativityIndicator"/>); the covariates are the calibration
/// margins' variables, as evaluated from the gross sample's register columns (a missing value is its own category);</item>
/// <item>for each of those variables and of <see cref="CheckVariables"/> (register variables in the gross sample the
/// weights are not calibrated to), each category's share in the gross sample (design weights), among respondents
/// (design weights) and among respondents with the run's calibrated weights — the bias the calibration removes.</item>
/// </list>
/// Only aggregates are kept; a category with fewer respondents than the survey's minimum is stored without values.
/// </summary>
public static class Representativity
{
    /// <summary>Register variables known for everyone in the gross sample that the weights are not calibrated to.</summary>
    public static readonly IReadOnlyList<string> CheckVariables = ["swedish_citizen", "parents_education_level", "regso_area_type"];

    private const string Missing = "";

    /// <summary>The analysis of <paramref name="wave"/>, or null when the store holds no gross sample of it.</summary>
    public static NonresponseSummary? Compute(StoreSession session, IndicatorCatalogue catalogue, int wave, SurveyWave respondents, IReadOnlyList<CalibrationMargins.Margin> margins)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(respondents);
        ArgumentNullException.ThrowIfNull(margins);
        if (InputTables.GrossSample(session, wave) is not { } table)
        {
            return null;
        }

        var minimum = catalogue.Quality.Survey.MinRespondents;
        var covariates = ResponseRates.GroupVariables(catalogue);
        var (variables, responded, weights, codes) = Read(session, catalogue, wave, table, covariates);
        var n = responded.Length;
        var model = "responded ~ " + string.Join(" + ", covariates);
        var sampled = (long)n;
        var respondedCount = (long)responded.Count(x => x);
        RepresentativityResult? fit = null;
        string? problem = null;
        try
        {
            fit = RepresentativityIndicator.Compute(responded, weights, [.. covariates.Select((v, k) => new FrameCovariate(v, codes[k]))]);
        }
        catch (PropensityModelException e)
        {
            problem = e.Message;
        }

        var partials = new List<NonresponsePartial>();
        if (fit is not null)
        {
            for (var k = 0; k < covariates.Count; k++)
            {
                var variable = fit.Partials[k];
                partials.Add(new NonresponsePartial(variable.Variable, null, respondedCount, null, null, variable.Partial));
                foreach (var category in Ordered(catalogue, variable.Variable, variable.Categories.Select(c => c.Category)))
                {
                    var c = variable.Categories.Single(x => x.Category == category);
                    var count = Enumerable.Range(0, n).LongCount(r => responded[r] && codes[k][r] == category);
                    partials.Add(count < minimum
                        ? new NonresponsePartial(variable.Variable, category, count, null, null, null)
                        : new NonresponsePartial(variable.Variable, category, count, c.Share, c.MeanPropensity, c.Partial));
                }
            }
        }

        var bias = Bias(catalogue, respondents, margins, variables, covariates.Count, codes, weights, minimum);
        return new NonresponseSummary(model, sampled, respondedCount, fit?.R, fit?.StandardDeviation, fit?.MeanPropensity, fit?.Iterations, problem, partials, bias);
    }

    /// <summary>
    /// The propensity model's data as the run fits it: each gross-sample person's response, design weight and category
    /// of every covariate (the calibration margins' variables; a missing value is the empty code). Null without a
    /// gross sample.
    /// </summary>
    public static (bool[] Responded, double[] Weights, IReadOnlyList<FrameCovariate> Covariates)? PropensityData(StoreSession session, IndicatorCatalogue catalogue, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (InputTables.GrossSample(session, wave) is not { } table)
        {
            return null;
        }

        var covariates = ResponseRates.GroupVariables(catalogue);
        var (_, responded, weights, codes) = Read(session, catalogue, wave, table, covariates);
        return (responded, weights, [.. covariates.Select((v, k) => new FrameCovariate(v, codes[k]))]);
    }

    private static (List<string> Variables, bool[] Responded, double[] Weights, string[][] Codes) Read(StoreSession session, IndicatorCatalogue catalogue, int wave, string table, IReadOnlyList<string> covariates)
    {
        var sample = InputTables.Rows(session, table);
        var index = sample.Columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var checks = CheckVariables.Where(v => !covariates.Contains(v, StringComparer.Ordinal) && index.ContainsKey(v)).ToList();
        var variables = covariates.Concat(checks).ToList();
        var n = sample.Rows.Count;
        var responded = new bool[n];
        var weights = new double[n];
        var codes = variables.Select(_ => new string[n]).ToArray();
        for (var r = 0; r < n; r++)
        {
            var row = sample.Rows[r];
            Value Raw(string name) => index.TryGetValue(name, out var i) ? row[i] : Value.Missing;
            var get = catalogue.Evaluator.For(Raw);
            responded[r] = Raw("responded") is { Kind: ValueKind.Boolean, Boolean: true };
            weights[r] = Raw("design_weight") is { Kind: ValueKind.Number } w ? w.Number
                : throw new ProductionException(string.Create(CultureInfo.InvariantCulture, $"row {r + 1} of the gross sample of wave {wave} has no design_weight. Nothing was written."));
            for (var v = 0; v < variables.Count; v++)
            {
                codes[v][r] = Code(get(variables[v]));
            }
        }

        return (variables, responded, weights, codes);
    }

    private static List<NonresponseBias> Bias(IndicatorCatalogue catalogue, SurveyWave respondents, IReadOnlyList<CalibrationMargins.Margin> margins, List<string> variables,
        int calibrated, string[][] codes, double[] weights, int minimum)
    {
        // Each category as a 0/1 variable of the respondents, estimated as a mean with design weights and with the
        // run's calibration (the same design and totals as every survey estimate of the wave).
        var frame = SurveyFrame.Build(catalogue, respondents, margins, []);
        var respondentCodes = variables.Select(_ => new string[respondents.Rows.Count]).ToArray();
        for (var r = 0; r < respondents.Rows.Count; r++)
        {
            var row = r;
            var get = catalogue.Evaluator.For(name => respondents.Get(row, name));
            for (var v = 0; v < variables.Count; v++)
            {
                respondentCodes[v][r] = Code(get(variables[v]));
            }
        }

        var cells = new List<(string Variable, string Code, string Column, bool CalibratedOn)>();
        var specs = new List<EstimateSpec>();
        for (var v = 0; v < variables.Count; v++)
        {
            var present = codes[v].Distinct(StringComparer.Ordinal);
            foreach (var code in Ordered(catalogue, variables[v], present))
            {
                var column = "nr|" + variables[v] + "|" + code;
                var values = respondentCodes[v].Select(c => c == code ? 1.0 : 0.0).ToArray();
                frame.AddNumeric(column, values);
                cells.Add((variables[v], code, column, v < calibrated));
                specs.Add(new EstimateSpec(column, EstimateType.Mean, column, []));
            }
        }

        var level = catalogue.Quality.Survey.ConfidenceLevel;
        var design = Means(SurveyEstimation.Run(frame.Data, WaveDesignRequest.Build([], specs, level, catalogue.Calibration)));
        var weighted = Means(SurveyEstimation.Run(frame.Data, WaveDesignRequest.Build(margins, specs, level, catalogue.Calibration)));
        var total = weights.Sum();
        var rows = new List<NonresponseBias>();
        foreach (var (variable, code, column, calibratedOn) in cells)
        {
            var v = variables.IndexOf(variable);
            var count = respondentCodes[v].LongCount(c => c == code);
            if (count < minimum)
            {
                rows.Add(new NonresponseBias(variable, code, calibratedOn, count, null, null, null));
                continue;
            }

            var gross = 0.0;
            for (var r = 0; r < weights.Length; r++)
            {
                gross += codes[v][r] == code ? weights[r] : 0;
            }

            rows.Add(new NonresponseBias(variable, code, calibratedOn, count, gross / total, design.GetValueOrDefault(column), weighted.GetValueOrDefault(column)));
        }

        return rows;
    }

    private static Dictionary<string, double> Means(EstimationOutcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new ProductionException("the nonresponse analysis could not estimate the respondents' shares: "
                + string.Join("; ", outcome.Problems.Take(3).Select(p => p.Message)) + " Nothing was written.");
        }

        return outcome.Rows.ToDictionary(r => r.EstimateId, r => r.Value, StringComparer.Ordinal);
    }

    private static string Code(Value value) => value.Kind switch
    {
        ValueKind.Text => value.Text,
        ValueKind.Number => value.Number.ToString(CultureInfo.InvariantCulture),
        ValueKind.Boolean => value.Boolean ? "1" : "0",
        _ => Missing,
    };

    /// <summary>Codes in their classification's order, then by code (a missing value last).</summary>
    private static IEnumerable<string> Ordered(IndicatorCatalogue catalogue, string variable, IEnumerable<string> codes)
    {
        var classification = catalogue.FindVariable(variable)?.Classification is { } id ? catalogue.FindClassification(id) : null;
        int Position(string code)
        {
            if (code == Missing)
            {
                return int.MaxValue;
            }

            for (var i = 0; classification is not null && i < classification.Codes.Count; i++)
            {
                if (classification.Codes[i].Code == code)
                {
                    return i;
                }
            }

            return int.MaxValue - 1;
        }

        return codes.Distinct(StringComparer.Ordinal).OrderBy(Position).ThenBy(c => c, StringComparer.Ordinal);
    }
}

using System.Globalization;
using System.Text;
using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;

namespace Barometer.Benchmarks.SideBySide;

/// <summary>
/// The benchmark survey of issue 3, generated from a seed: respondents in 30 strata with design weights that vary
/// within strata (nonresponse), four calibration margins (sex, 5 age bands, 8 regions of birth, 3 education
/// levels), a 40-level domain (region of birth × 5 bands of years in Sweden) and 30 binary indicators that depend
/// on the covariates. Population totals differ from the weighted sample by a few per cent so raking has work to do.
/// </summary>
internal sealed class BenchmarkSurvey
{
    public const int Strata = 30;
    public const int Indicators = 30;

    private static readonly string[] MarginVariables = ["sex", "age", "region", "edu"];
    private static readonly int[] MarginLevels = [2, 5, 8, 3];

    private BenchmarkSurvey(int rows, Dictionary<string, double[]> columns, Dictionary<string, double[]> totals)
    {
        Rows = rows;
        Columns = columns;
        Totals = totals;
    }

    public int Rows { get; }

    /// <summary>Numeric columns: stratum, w, sex, age, region, edu, years, dom, y1..y30.</summary>
    public Dictionary<string, double[]> Columns { get; }

    /// <summary>Population totals per margin, indexed by level - 1.</summary>
    public Dictionary<string, double[]> Totals { get; }

    public static BenchmarkSurvey Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var stratumShare = new double[Strata];
        var stratumPopulation = new double[Strata];
        for (var h = 0; h < Strata; h++)
        {
            stratumShare[h] = 0.5 + random.NextDouble();
            stratumPopulation[h] = 100_000 + (random.NextDouble() * 400_000);
        }

        var shareSum = stratumShare.Sum();
        var cumulative = new double[Strata];
        var running = 0.0;
        for (var h = 0; h < Strata; h++)
        {
            running += stratumShare[h] / shareSum;
            cumulative[h] = running;
        }

        var columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        string[] names = ["stratum", "w", "sex", "age", "region", "edu", "years", "dom", .. Enumerable.Range(1, Indicators).Select(j => "y" + j)];
        foreach (var name in names)
        {
            columns[name] = new double[rows];
        }

        var intercepts = new double[Indicators];
        var slopes = new double[Indicators, 4];
        for (var j = 0; j < Indicators; j++)
        {
            intercepts[j] = -1.5 + (3 * random.NextDouble());
            for (var c = 0; c < 4; c++)
            {
                slopes[j, c] = -0.4 + (0.8 * random.NextDouble());
            }
        }

        var regionCumulative = new[] { 0.62, 0.70, 0.76, 0.82, 0.87, 0.92, 0.96, 1.0 };
        var sampled = new int[Strata];
        for (var i = 0; i < rows; i++)
        {
            var u = random.NextDouble();
            var h = Array.FindIndex(cumulative, c => u <= c);
            h = h < 0 ? Strata - 1 : h;
            sampled[h]++;
            var sex = 1 + random.Next(2);
            var age = 1 + random.Next(5);
            var r = random.NextDouble();
            var region = 1 + Array.FindIndex(regionCumulative, c => r <= c);
            var edu = 1 + Math.Min(2, (int)(random.NextDouble() * (region == 1 ? 3.2 : 2.8)));
            var years = 1 + random.Next(5);
            columns["stratum"][i] = h + 1;
            columns["sex"][i] = sex;
            columns["age"][i] = age;
            columns["region"][i] = region;
            columns["edu"][i] = edu;
            columns["years"][i] = years;
            columns["dom"][i] = ((region - 1) * 5) + years;
            for (var j = 0; j < Indicators; j++)
            {
                var eta = intercepts[j] + (slopes[j, 0] * (sex - 1.5)) + (slopes[j, 1] * (age - 3)) + (slopes[j, 2] * (region == 1 ? 0 : 1)) + (slopes[j, 3] * (edu - 2));
                columns["y" + (j + 1)][i] = random.NextDouble() < 1 / (1 + Math.Exp(-eta)) ? 1 : 0;
            }
        }

        // Design weight N_h/n_h with nonresponse adjustment varying within the stratum.
        for (var i = 0; i < rows; i++)
        {
            var h = (int)columns["stratum"][i] - 1;
            columns["w"][i] = stratumPopulation[h] / sampled[h] * (0.8 + (0.45 * random.NextDouble()));
        }

        var weightSum = columns["w"].Sum();
        var population = Math.Round(weightSum * 1.03);
        var totals = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var m = 0; m < MarginVariables.Length; m++)
        {
            var levels = new double[MarginLevels[m]];
            var values = columns[MarginVariables[m]];
            for (var i = 0; i < rows; i++)
            {
                levels[(int)values[i] - 1] += columns["w"][i];
            }

            for (var l = 0; l < levels.Length; l++)
            {
                levels[l] *= 0.94 + (0.12 * random.NextDouble());
            }

            var sum = levels.Sum();
            for (var l = 0; l < levels.Length; l++)
            {
                levels[l] = Math.Round(levels[l] / sum * population);
            }

            // Integer totals that add up to the same population in every margin.
            levels[0] += population - levels.Sum();
            totals[MarginVariables[m]] = levels;
        }

        return new BenchmarkSurvey(rows, columns, totals);
    }

    public SurveyData ToSurveyData() => new(Columns.Select(c => (SurveyColumn)new NumericColumn(c.Key, c.Value)));

    /// <summary>Raking on the four margins, then the mean of every indicator by the 40-level domain.</summary>
    public EstimationRequest Request()
    {
        var margins = new List<CalibrationMargin>();
        foreach (var variable in MarginVariables)
        {
            var levels = Totals[variable];
            var map = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var l = 0; l < levels.Length; l++)
            {
                map[(l + 1).ToString(CultureInfo.InvariantCulture)] = levels[l];
            }

            margins.Add(new CategoricalMargin(variable, map));
        }

        var estimates = Enumerable.Range(1, Indicators)
            .Select(j => new EstimateSpec("y" + j, EstimateType.Mean, "y" + j, ["dom"]))
            .ToList();
        return new EstimationRequest(
            new DesignSpec([], "stratum", [], "w"),
            new CalibrationSpec(CalibrationMethod.Raking, null, margins),
            null,
            estimates);
    }

    public void WriteCsv(string path)
    {
        var names = Columns.Keys.ToArray();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine(string.Join(',', names));
        var line = new StringBuilder();
        for (var i = 0; i < Rows; i++)
        {
            line.Clear();
            for (var c = 0; c < names.Length; c++)
            {
                if (c > 0)
                {
                    line.Append(',');
                }

                line.Append(Columns[names[c]][i].ToString("R", CultureInfo.InvariantCulture));
            }

            writer.WriteLine(line);
        }
    }

    public void WriteTotals(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine("margin,level,total");
        foreach (var (variable, levels) in Totals)
        {
            for (var l = 0; l < levels.Length; l++)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variable},{l + 1},{levels[l]:R}"));
            }
        }
    }
}

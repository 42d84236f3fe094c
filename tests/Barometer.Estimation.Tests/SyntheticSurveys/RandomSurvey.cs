using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests.SyntheticSurveys;

/// <summary>A seeded random survey for property tests: strata, clusters, weights, variables with missing values.</summary>
internal sealed class RandomSurvey
{
    private RandomSurvey(Dictionary<string, double[]> numbers, Dictionary<string, string?[]> texts, int rows)
    {
        Numbers = numbers;
        Texts = texts;
        Rows = rows;
    }

    public Dictionary<string, double[]> Numbers { get; }

    public Dictionary<string, string?[]> Texts { get; }

    public int Rows { get; }

    public static RandomSurvey Generate(int seed)
    {
        var random = new Random(seed);
        var strata = 2 + random.Next(5);
        var st = new List<double>();
        var psu = new List<double>();
        var psuPopulation = new List<double>();
        var nextPsu = 1;
        for (var h = 1; h <= strata; h++)
        {
            var psus = 2 + random.Next(4);
            var population = psus + random.Next(20);
            for (var j = 0; j < psus; j++, nextPsu++)
            {
                var size = 2 + random.Next(8);
                for (var i = 0; i < size; i++)
                {
                    st.Add(h);
                    psu.Add(nextPsu);
                    psuPopulation.Add(population);
                }
            }
        }

        var n = st.Count;
        double[] Column(Func<int, double> f) => Enumerable.Range(0, n).Select(f).ToArray();
        var w = Column(_ => 5 + (45 * random.NextDouble()));
        var sex = Column(_ => 1 + random.Next(2));
        var x = Column(_ => 1 + (4 * random.NextDouble()));
        var y = Column(i => random.NextDouble() < 0.05 ? double.NaN : (10 * sex[i]) + (3 * x[i]) + (5 * random.NextDouble()));
        var bin = Column(i => random.NextDouble() < 0.3 + (0.1 * sex[i]) ? 1 : 0);
        string?[] Text(Func<int, string?> f) => Enumerable.Range(0, n).Select(f).ToArray();
        var region = Text(_ => "r" + (1 + random.Next(3)));
        var category = Text(_ => random.NextDouble() < 0.05 ? null : ((char)('a' + random.Next(3))).ToString());
        var numbers = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["st"] = [.. st],
            ["psu"] = [.. psu],
            ["N"] = [.. psuPopulation],
            ["w"] = w,
            ["sex"] = sex,
            ["x"] = x,
            ["y"] = y,
            ["bin"] = bin,
        };
        var texts = new Dictionary<string, string?[]>(StringComparer.Ordinal) { ["region"] = region, ["cat"] = category };
        return new RandomSurvey(numbers, texts, n);
    }

    /// <summary>The data, with optional per-row weight multiplier and row permutation.</summary>
    public SurveyData Data(double weightScale = 1, int[]? order = null)
    {
        order ??= Enumerable.Range(0, Rows).ToArray();
        var columns = new List<SurveyColumn>();
        foreach (var (name, values) in Numbers)
        {
            var scaled = name == "w" ? values.Select(v => v * weightScale).ToArray() : values;
            columns.Add(new NumericColumn(name, order.Select(i => scaled[i]).ToArray()));
        }

        foreach (var (name, values) in Texts)
        {
            columns.Add(new TextColumn(name, order.Select(i => values[i]).ToArray()));
        }

        return new SurveyData(columns);
    }

    /// <summary>Control totals near the weighted sample totals (so calibration converges), for sex, region and x.</summary>
    public IReadOnlyList<CalibrationMargin> Margins(int seed)
    {
        var random = new Random(seed);
        var w = Numbers["w"];
        var population = w.Sum() * (0.9 + (0.2 * random.NextDouble()));
        CategoricalMargin Categorical(string name, Func<int, string> level)
        {
            var sums = new SortedDictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < Rows; i++)
            {
                sums[level(i)] = sums.GetValueOrDefault(level(i)) + (w[i] * (0.9 + (0.2 * random.NextDouble())));
            }

            var total = sums.Values.Sum();
            return new CategoricalMargin(name, sums.ToDictionary(p => p.Key, p => p.Value / total * population));
        }

        var sex = Numbers["sex"];
        var region = Texts["region"];
        var xTotal = Enumerable.Range(0, Rows).Sum(i => w[i] * Numbers["x"][i]) / w.Sum() * population * (0.97 + (0.06 * random.NextDouble()));
        return
        [
            Categorical("sex", i => sex[i].ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Categorical("region", i => region[i]!),
            new NumericMargin("x", xTotal),
        ];
    }

    public static IReadOnlyList<EstimateSpec> Estimates(bool withDifference = true)
    {
        var list = new List<EstimateSpec>
        {
            new("mean", EstimateType.Mean, "y", []),
            new("mean_by", EstimateType.Mean, "y", ["region", "sex"]),
            new("total", EstimateType.Total, "y", ["region"]),
            new("prop", EstimateType.Proportion, "cat", ["sex"], Interval: IntervalMethod.Logit),
            new("prop_beta", EstimateType.Proportion, "cat", [], Interval: IntervalMethod.Beta),
            new("ratio", EstimateType.Ratio, "y", ["sex"], Denominator: "x"),
        };
        if (withDifference)
        {
            list.Add(new("diff", EstimateType.Difference, "y", ["sex"], Contrast: ["2", "1"]));
        }

        return list;
    }

    public static DesignSpec ClusterDesign(bool fpc = true) => new(["psu"], "st", fpc ? ["N"] : [], "w");
}

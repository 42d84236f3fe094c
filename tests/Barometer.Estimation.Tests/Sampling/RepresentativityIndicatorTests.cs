using Barometer.Estimation.Sampling;
using Xunit.Abstractions;

namespace Barometer.Estimation.Tests.Sampling;

public class RepresentativityIndicatorTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-8;

    private static (bool[] Responded, double[] Weights, FrameCovariate[] Covariates) ReadData(string text)
    {
        var rows = text.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        return ([.. rows.Select(r => r[6] == "1")], [.. rows.Select(r => SamplingReference.Number(r[2]))],
            [new("birth", [.. rows.Select(r => r[3])]), new("age", [.. rows.Select(r => r[4])]), new("sex", [.. rows.Select(r => r[5])])]);
    }

    /// <summary>Compares the engine on the data with R's expected.csv; returns the largest absolute difference.</summary>
    private double Compare(string dataText, string expectedText)
    {
        var (responded, weights, covariates) = ReadData(dataText);
        var result = RepresentativityIndicator.Compute(responded, weights, covariates);
        var expected = expectedText.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        var worst = 0.0;
        var worstPropensity = 0.0;
        var seen = 0;
        foreach (var e in expected)
        {
            var want = SamplingReference.Number(e[3]);
            double got = e[0] switch
            {
                "R" => result.R,
                "S" => result.StandardDeviation,
                "mean" => result.MeanPropensity,
                "partial" when e[2].Length == 0 => result.Partials.Single(p => p.Variable == e[1]).Partial,
                "partial" => result.Partials.Single(p => p.Variable == e[1]).Categories.Single(c => c.Category == e[2]).Partial,
                "propensity" => result.Propensities[int.Parse(e[1], System.Globalization.CultureInfo.InvariantCulture) - 1],
                _ => throw new InvalidOperationException(e[0]),
            };
            var difference = Math.Abs(got - want);
            Assert.True(difference <= Tolerance, $"{string.Join(',', e[..3])}: engine {got:R}, R {want:R}, difference {difference:E2}");
            if (e[0] == "propensity")
            {
                worstPropensity = Math.Max(worstPropensity, difference);
            }
            else
            {
                worst = Math.Max(worst, difference);
            }

            seen++;
        }

        Assert.Equal(17 + responded.Length, seen);
        output.WriteLine($"R = {result.R:R} after {result.Iterations} Newton iterations; max |engine − R|: indicators {worst:E2}, propensities {worstPropensity:E2}");
        return Math.Max(worst, worstPropensity);
    }

    [Fact]
    public void GoldenFile_RIndicatorPartialsAndPropensities_EqualRGlmWithin1e8()
    {
        Compare(File.ReadAllText(Path.Combine(SamplingReference.Folder, "rindicator-data.csv")),
            File.ReadAllText(Path.Combine(SamplingReference.Folder, "rindicator.expected.csv")));
    }

    [RequiresRSamplingFact]
    public void RScripts_Rerun_ReproduceTheGoldenFiles_AndTheEngineAgreesWithLiveR()
    {
        var data = SamplingReference.Run("make_rindicator_data.R");
        Assert.Equal(File.ReadAllText(Path.Combine(SamplingReference.Folder, "rindicator-data.csv")), data);
        var expected = SamplingReference.Run("rindicator_reference.R");
        Assert.Equal(File.ReadAllText(Path.Combine(SamplingReference.Folder, "rindicator.expected.csv")), expected);
        Compare(data, expected);
    }

    [Fact]
    public void NoCovariates_EveryPropensityIsTheWeightedResponseRate_AndRIsOne()
    {
        bool[] responded = [true, false, true, true, false];
        double[] weights = [1, 2, 3, 4, 5];
        var result = RepresentativityIndicator.Compute(responded, weights, []);
        Assert.Equal(8.0 / 15, result.MeanPropensity, 12);
        Assert.All(result.Propensities, p => Assert.Equal(8.0 / 15, p, 12));
        Assert.Equal(1, result.R, 12);
    }

    [Fact]
    public void SaturatedSingleVariable_PropensityIsTheCategoryResponseRate_AndPartialsMatchTheFormula()
    {
        // One covariate: the fitted propensity of each category is its design-weighted response rate.
        bool[] responded = [true, false, false, true, true, false, true];
        double[] weights = [2, 2, 1, 3, 1, 1, 2];
        string[] group = ["a", "a", "a", "b", "b", "b", "b"];
        var result = RepresentativityIndicator.Compute(responded, weights, [new("g", group)]);
        double rhoA = 2.0 / 5, rhoB = 6.0 / 7, total = 12, mean = 8.0 / 12;
        Assert.Equal(rhoA, result.Propensities[0], 10);
        Assert.Equal(rhoB, result.Propensities[3], 10);
        var s = Math.Sqrt((5 * (rhoA - mean) * (rhoA - mean) + 7 * (rhoB - mean) * (rhoB - mean)) / (total - 1));
        Assert.Equal(1 - 2 * s, result.R, 10);
        var g = result.Partials.Single();
        Assert.Equal(Math.Sqrt(5 / total) * (rhoA - mean), g.Categories[0].Partial, 10);
        Assert.Equal(Math.Sqrt(7 / total) * (rhoB - mean), g.Categories[1].Partial, 10);
        Assert.Equal(Math.Sqrt(g.Categories.Sum(c => c.Partial * c.Partial)), g.Partial, 12);
    }

    [Fact]
    public void AliasedCovariate_IsDropped_AndThePropensitiesDoNotChange()
    {
        var (responded, weights, covariates) = ReadData(File.ReadAllText(Path.Combine(SamplingReference.Folder, "rindicator-data.csv")));
        var plain = RepresentativityIndicator.Compute(responded, weights, covariates);
        var copy = new FrameCovariate("sex_again", [.. covariates[2].Values.Select(v => v == "F" ? "female" : "male")]);
        var aliased = RepresentativityIndicator.Compute(responded, weights, [.. covariates, copy]);
        Assert.Equal(["sex_again=male"], aliased.DroppedColumns);
        Assert.Equal(plain.R, aliased.R, 12);
        Assert.Equal(plain.Partials[2].Partial, aliased.Partials[3].Partial, 12);
    }

    [Fact]
    public void CategoryWhereEveryoneResponded_IsRefusedAsSeparation()
    {
        bool[] responded = [true, true, false, true];
        var ex = Assert.Throws<PropensityModelException>(() =>
            RepresentativityIndicator.Compute(responded, [1, 1, 1, 1], [new("g", ["a", "a", "b", "b"])]));
        Assert.Contains("g = a", ex.Message, StringComparison.Ordinal);
    }
}

using System.Globalization;
using Barometer.Estimation.Contrasts;
using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Tests.Contrasts;

/// <summary>
/// A small, fast version of the overlap coverage simulation (the full one is bench's <c>overlap-coverage</c>, see
/// docs/validation.md): with a 50 % panel of persons whose values persist across waves, the change's standard error
/// with the covariance follows the spread of the estimated changes, and the independent-waves one is too large.
/// </summary>
public sealed class OverlapDirectionTests
{
    [Fact]
    public void Change_WithAPanelOfPersistentPersons_CovarianceShrinksTheStandardErrorToTheTrueSpread()
    {
        var random = new Random(20261207);
        const int strata = 3;
        const int perStratum = 2000;
        const int sample = 100;
        var y1 = new double[strata * perStratum];
        var y2 = new double[y1.Length];
        for (var k = 0; k < y1.Length; k++)
        {
            var person = Normal(random);
            y1[k] = (k / perStratum) + person + (0.5 * Normal(random));
            y2[k] = (k / perStratum) + 0.1 + person + (0.5 * Normal(random));
        }

        var changes = new List<double>();
        var withCovariance = new List<double>();
        var independent = new List<double>();
        var request = new EstimationRequest(new DesignSpec([], "stratum", ["N"], "w", LonelyPsuRule.Fail), null, null, [new EstimateSpec("m", EstimateType.Mean, "y", [])], 0.95);
        for (var replicate = 0; replicate < 300; replicate++)
        {
            var first = new List<int>();
            var second = new List<int>();
            for (var h = 0; h < strata; h++)
            {
                var members = Enumerable.Range(h * perStratum, perStratum).OrderBy(_ => random.Next()).ToArray();
                first.AddRange(members.Take(sample));
                second.AddRange(members.Take(sample / 2).Concat(members.Skip(sample).Take(sample / 2)));
            }

            var (o1, i1) = SurveyEstimation.Linearize(Data(first, y1), request);
            var (o2, i2) = SurveyEstimation.Linearize(Data(second, y2), request);
            var overlap = OverlapCovariance.Match(Units(second), Strata(second), [.. second.Select(_ => (double)perStratum)], Units(first), Strata(first));
            var covariance = overlap.Covariance(i2!.At([0], [.. overlap.Pairs.Select(p => p.Later)])[0], i1!.At([0], [.. overlap.Pairs.Select(p => p.Earlier)])[0]);
            var change = WaveDifference.Between(o2.Rows[0], o1.Rows[0], 0.95, covariance);
            changes.Add(change.Value);
            withCovariance.Add(change.StandardError);
            independent.Add(WaveDifference.Between(o2.Rows[0], o1.Rows[0]).StandardError);
        }

        var mean = changes.Average();
        var spread = Math.Sqrt(changes.Sum(c => (c - mean) * (c - mean)) / (changes.Count - 1));
        Assert.InRange(withCovariance.Average() / spread, 0.9, 1.1);
        // Persons' correlation across waves 1 / 1.25 = 0.8, half of them in both samples: the waves' estimates correlate by
        // about 0.4, so the independent formula's SE is about √(2 / 1.2) ≈ 1.29 times the true spread.
        Assert.True(independent.Average() / spread > 1.15, $"independent SE / spread = {independent.Average() / spread:F3}");
    }

    private static string[] Units(List<int> persons) => [.. persons.Select(p => p.ToString(CultureInfo.InvariantCulture))];

    private static string[] Strata(List<int> persons) => [.. persons.Select(p => (p / 2000).ToString(CultureInfo.InvariantCulture))];

    private static SurveyData Data(List<int> persons, double[] y) => new(
    [
        new TextColumn("stratum", Strata(persons)),
        new NumericColumn("N", [.. persons.Select(_ => 2000.0)]),
        new NumericColumn("w", [.. persons.Select(_ => 20.0)]),
        new NumericColumn("y", [.. persons.Select(p => y[p])]),
    ]);

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

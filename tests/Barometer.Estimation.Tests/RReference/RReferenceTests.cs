using Barometer.Estimation.Tests.Reference;

namespace Barometer.Estimation.Tests.RReference;

/// <summary>The engine against values R's survey 4.1 computed for the same data and request (see README.md).</summary>
public class RReferenceTests
{
    [Theory]
    [InlineData("stratified-cluster-fpc", "fixture.csv", 1e-8)]
    [InlineData("jkn-replicates", "fixture.csv", 1e-8)]
    [InlineData("raking", "fixture.csv", 1e-6)]
    [InlineData("raking-element-missing", "fixture.csv", 1e-6)]
    [InlineData("two-stage-adjust", "two-stage.csv", 1e-8)]
    [InlineData("clusters-average-raking", "two-stage.csv", 1e-6)]
    public void Run_ReferenceRequest_MatchesR(string name, string dataFile, double tolerance)
    {
        var (data, request) = ReferenceCase.ReadRequest(name, dataFile);
        var outcome = SurveyEstimation.Run(data, request);

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => p.Message)));
        var expected = ReferenceCase.ReadExpected(name);
        Assert.Equal(expected.Count, outcome.Rows.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = outcome.Rows[i];
            var r = expected[i];
            var where = $"{r[0]} [{r[1]}] [{r[2]}]";
            Assert.Equal((r[0], r[1], r[2]), (row.EstimateId, row.Domain, row.Category));
            AssertClose(ReferenceCase.Number(r[3]), row.Value, tolerance, where + " estimate");
            AssertClose(ReferenceCase.Number(r[4]), row.StandardError, tolerance, where + " se");
            AssertClose(ReferenceCase.Number(r[5]), row.CiLow, tolerance, where + " ci_low");
            AssertClose(ReferenceCase.Number(r[6]), row.CiHigh, tolerance, where + " ci_high");
            Assert.Equal(ReferenceCase.Number(r[7]), row.DegreesOfFreedom);
            Assert.Equal(int.Parse(r[8], System.Globalization.CultureInfo.InvariantCulture), row.N);
            var deff = ReferenceCase.Number(r[10]);
            if (!double.IsNaN(deff))
            {
                AssertClose(deff, row.DesignEffect, tolerance, where + " deff");
            }
        }
    }

    [RequiresRFact]
    public void ReferenceScript_WithR_ReproducesTheCommittedValues()
    {
        (string Name, string Data)[] cases =
        [
            ("stratified-cluster-fpc", "fixture.csv"), ("jkn-replicates", "fixture.csv"), ("raking", "fixture.csv"),
            ("raking-element-missing", "fixture.csv"), ("two-stage-adjust", "two-stage.csv"), ("clusters-average-raking", "two-stage.csv"),
        ];
        foreach (var (name, data) in cases)
        {
            var fresh = Rscript.Run(TimeSpan.FromMinutes(5), Path.Combine(ReferenceCase.Folder, "reference.R"),
                Path.Combine(ReferenceCase.Folder, name + ".design.yaml"), Path.Combine(ReferenceCase.Folder, data));

            Assert.Equal(File.ReadAllText(Path.Combine(ReferenceCase.Folder, name + ".expected.csv")), fresh);
        }
    }

    private static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        var scale = Math.Max(Math.Abs(expected), Math.Abs(actual));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale, $"{what}: R {expected:R}, engine {actual:R}");
    }
}

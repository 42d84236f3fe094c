using System.Globalization;
using Barometer.Estimation.Contrasts;
using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;
using Barometer.Estimation.Tests.Reference;
using Xunit.Abstractions;

namespace Barometer.Estimation.Tests.Contrasts;

/// <summary>
/// The change between two calibrated waves whose samples share persons, against R (Contrasts/Reference:
/// make_overlap_data.R writes the two waves, overlap_reference.R computes Tam's covariance in base R from survey's
/// calibrated weights and checks its linearization against svymean/svyby). Tolerance 1e-8.
/// </summary>
public sealed class OverlapCovarianceTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-8;

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Contrasts", "Reference");

    [Fact]
    public void Change_WithOverlap_AgreesWithTheCommittedRValues()
    {
        var worst = Compare(Folder, Folder);
        output.WriteLine($"largest relative difference from R: {worst:E2}");
    }

    [Fact]
    public void Covariance_OfASampleWithItself_IsTheEnginesVariance()
    {
        var (data, units, strata, population) = Wave(Folder, 1);
        var (outcome, influence) = SurveyEstimation.Linearize(data, Request(Folder));
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => p.Message)));
        var overlap = OverlapCovariance.Match(units, strata, population, units, strata);
        var rows = Enumerable.Range(0, outcome.Rows.Count).ToArray();
        var z = influence!.At(rows, overlap.Pairs.Select(p => p.Later).ToArray());
        var covariance = overlap.Covariances(z, z);
        for (var r = 0; r < rows.Length; r++)
        {
            var variance = outcome.Rows[r].StandardError * outcome.Rows[r].StandardError;
            Assert.Equal(variance, covariance[r], variance * 1e-10);
        }
    }

    [Fact]
    public void Covariance_WithoutCommonUnits_IsZero()
    {
        var overlap = OverlapCovariance.Match(["1", "2", "3"], ["h", "h", "h"], [10, 10, 10], ["4", "5"], ["h", "h"]);

        Assert.True(overlap.IsEmpty);
        Assert.Empty(overlap.Pairs);
        Assert.Equal(0, overlap.Covariance([], []));
    }

    [Fact]
    public void Match_APersonInAnotherStratumInTheEarlierWave_IsNotCommon()
    {
        var overlap = OverlapCovariance.Match(["1", "2", "3"], ["h", "h", "k"], [10, 10, 5], ["1", "2", "3"], ["h", "h", "h"]);

        Assert.Equal([(0, 0), (1, 1)], overlap.Pairs);
        Assert.Equal([2, 0], overlap.CommonByStratum);
    }

    [Fact]
    public void Covariance_ALonelyStratumUnderAdjust_IsTheUncentredProduct()
    {
        // One unit in stratum k in both waves: under adjust it adds (1 − 1/N) z₂ z₁, as the engine's variance does.
        var adjust = OverlapCovariance.Match(["1", "2", "3"], ["h", "h", "k"], [10, 10, 4], ["1", "2", "3"], ["h", "h", "k"], LonelyPsuRule.Adjust);
        var plain = OverlapCovariance.Match(["1", "2", "3"], ["h", "h", "k"], [10, 10, 4], ["1", "2", "3"], ["h", "h", "k"]);

        // Stratum h: (2 − 2·2/10) · (1·3 + (−1)·(−3)) / 1 with z centred at 2 and 5; stratum k: (1 − 1/4) · 2 · 5.
        Assert.Equal((1.6 * 6) + (0.75 * 10), adjust.Covariance([3.0, 1.0, 2.0], [8.0, 2.0, 5.0]), 12);
        Assert.Equal(1.6 * 6, plain.Covariance([3.0, 1.0, 2.0], [8.0, 2.0, 5.0]), 12);
    }

    [Fact]
    public void Match_AUnitTwiceInASample_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => OverlapCovariance.Match(["1", "1"], ["h", "h"], [10, 10], ["1"], ["h"]));

        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linearize_WithReplicateWeights_IsAProblem()
    {
        var (data, _, _, _) = Wave(Folder, 1);
        var request = Request(Folder) with { Replicates = new ReplicateSpec(ReplicateType.Jkn, null) };

        var (outcome, influence) = SurveyEstimation.Linearize(data, request);

        Assert.False(outcome.Succeeded);
        Assert.Null(influence);
    }

    [RequiresRFact]
    public void RScripts_Rerun_ReproduceTheGoldenFiles_AndTheEngineAgreesWithLiveR()
    {
        var fresh = Directory.CreateTempSubdirectory("overlap-r-").FullName;
        try
        {
            Rscript.Run(TimeSpan.FromMinutes(2), Path.Combine(Folder, "make_overlap_data.R"), fresh);
            Rscript.Run(TimeSpan.FromMinutes(2), Path.Combine(Folder, "overlap_reference.R"), fresh);
            foreach (var file in new[] { "overlap-data.csv", "overlap-totals.csv", "overlap.expected.csv" })
            {
                Assert.True(File.ReadAllText(Path.Combine(Folder, file)) == File.ReadAllText(Path.Combine(fresh, file)),
                    $"R now writes a different {file}; rerun the scripts in tests/Barometer.Estimation.Tests/Contrasts/Reference and commit.");
            }

            var worst = Compare(fresh, fresh);
            output.WriteLine($"largest relative difference from live R: {worst:E2}");
        }
        finally
        {
            Directory.Delete(fresh, recursive: true);
        }
    }

    /// <summary>Runs the engine on the data of <paramref name="dataFolder"/> and compares with R's values in <paramref name="expectedFolder"/>; returns the largest relative difference.</summary>
    private static double Compare(string dataFolder, string expectedFolder)
    {
        var (data1, units1, strata1, _) = Wave(dataFolder, 1);
        var (data2, units2, strata2, population2) = Wave(dataFolder, 2);
        var request = Request(dataFolder);
        var (o1, i1) = SurveyEstimation.Linearize(data1, request);
        var (o2, i2) = SurveyEstimation.Linearize(data2, request);
        Assert.True(o1.Succeeded && o2.Succeeded, string.Join("; ", o1.Problems.Concat(o2.Problems).Select(p => p.Message)));
        var overlap = OverlapCovariance.Match(units2, strata2, population2, units1, strata1);
        var worst = 0.0;
        var expected = File.ReadAllLines(Path.Combine(expectedFolder, "overlap.expected.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        Assert.Equal(5, expected.Count);
        foreach (var line in expected)
        {
            var (id, domain) = (line[0], line[1].Length == 0 ? string.Empty : "dom=" + line[1]);
            var r2 = Index(o2.Rows, id, domain);
            var r1 = Index(o1.Rows, id, domain);
            var z2 = i2!.At([r2], overlap.Pairs.Select(p => p.Later).ToArray());
            var z1 = i1!.At([r1], overlap.Pairs.Select(p => p.Earlier).ToArray());
            var covariance = overlap.Covariance(z2[0], z1[0]);
            var change = WaveDifference.Between(o2.Rows[r2], o1.Rows[r1], 0.95, covariance);
            var independent = WaveDifference.Between(o2.Rows[r2], o1.Rows[r1], 0.95);
            var pairs = new (string Name, double Engine, double R)[]
            {
                ("value1", o1.Rows[r1].Value, Number(line[2])), ("se1", o1.Rows[r1].StandardError, Number(line[3])),
                ("value2", o2.Rows[r2].Value, Number(line[4])), ("se2", o2.Rows[r2].StandardError, Number(line[5])),
                ("covariance", covariance, Number(line[6])), ("change", change.Value, Number(line[7])),
                ("se_change", change.StandardError, Number(line[8])), ("se_independent", independent.StandardError, Number(line[9])),
            };
            foreach (var (name, engine, r) in pairs)
            {
                var difference = Math.Abs(engine - r) / Math.Max(1e-3, Math.Abs(r));
                worst = Math.Max(worst, difference);
                Assert.True(difference <= Tolerance, $"{id} [{domain}] {name}: engine {engine:R}, R {r:R}");
            }

            Assert.True(covariance > 0, $"{id} [{domain}]: the persistent person effect makes the waves' estimates positively correlated");
        }

        return worst;
    }

    private static int Index(IReadOnlyList<EstimateRow> rows, string id, string domain)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].EstimateId == id && rows[r].Domain == domain)
            {
                return r;
            }
        }

        throw new InvalidOperationException($"no row {id} [{domain}]");
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static EstimationRequest Request(string folder)
    {
        var totals = File.ReadAllLines(Path.Combine(folder, "overlap-totals.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        var margins = new[] { "sex", "age" }.Select(m => (CalibrationMargin)new CategoricalMargin(m,
            totals.Where(t => t[0] == m).ToDictionary(t => t[1], t => Number(t[2]), StringComparer.Ordinal))).ToList();
        return new EstimationRequest(
            new DesignSpec([], "stratum", ["N"], "weight", LonelyPsuRule.Fail),
            new CalibrationSpec(CalibrationMethod.Raking, null, margins, Epsilon: 1e-12, MaxIterations: 100),
            null,
            [new EstimateSpec("y", EstimateType.Mean, "y", []), new EstimateSpec("y_dom", EstimateType.Mean, "y", ["dom"]), new EstimateSpec("b_dom", EstimateType.Mean, "b", ["dom"])],
            0.95);
    }

    private static (SurveyData Data, string[] Units, string[] Strata, double[] Population) Wave(string folder, int wave)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, "overlap-data.csv"));
        var header = lines[0].Split(',').Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Where(f => f[header["wave"]] == wave.ToString(CultureInfo.InvariantCulture)).ToList();
        string[] Text(string name) => [.. rows.Select(f => f[header[name]])];
        double[] Numbers(string name) => [.. rows.Select(f => Number(f[header[name]]))];
        var data = new SurveyData(
        [
            new TextColumn("stratum", Text("stratum")), new NumericColumn("N", Numbers("N")), new NumericColumn("weight", Numbers("weight")),
            new TextColumn("sex", Text("sex")), new TextColumn("age", Text("age")), new TextColumn("dom", Text("dom")),
            new NumericColumn("y", Numbers("y")), new NumericColumn("b", Numbers("b")),
        ]);
        return (data, Text("person"), Text("stratum"), Numbers("N"));
    }
}

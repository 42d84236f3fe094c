using System.Globalization;
using Barometer.Estimation.Standardisation;
using Barometer.Estimation.Tests.Reference;
using Xunit.Abstractions;

namespace Barometer.Estimation.Tests.Standardisation;

/// <summary>
/// Indirect standardisation (expected versus actual) against base R (Standardisation/Reference:
/// make_indirect_data.R writes 40 areas × 24 cells of persons, indirect_reference.R computes the expected level, the
/// difference, its standard error and the intervals by formula). Tolerance 1e-10 relative.
/// </summary>
public sealed class IndirectStandardisationTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-10;

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Standardisation", "Reference");

    [Fact]
    public void ExpectedVersusActual_AgreesWithTheCommittedRValues()
    {
        var (worst, compared) = Compare(Folder);
        output.WriteLine($"{compared} areas × values × levels; largest relative difference from R: {worst:E2}");
        Assert.Equal(160, compared);
    }

    [Fact]
    public void AnAreaWithTheReferenceRates_HasNoDifference()
    {
        var result = IndirectStandardisation.FromCells(
            [new StandardisationCell(100, 30, 0.3, 0.21), new StandardisationCell(50, 35, 0.7, 0.21)], 0.95);

        Assert.Equal(65.0 / 150, result.Actual, 15);
        Assert.Equal(65.0 / 150, result.Expected, 15);
        Assert.Equal(0, result.Difference, 15);
        Assert.Equal(Math.Sqrt(150 * 0.21) / 150, result.StandardError, 15);
        Assert.False(result.Significant);
    }

    [Fact]
    public void ADifferenceOutsideTheChanceInterval_IsSignificant_AndTheIntervalFollowsTheLevel()
    {
        // 1,000 persons in one cell with reference rate 0.5: SE = √250 / 1000 = 0.0158; 0.55 is 3.16 SE above.
        var cell = new StandardisationCell(1000, 550, 0.5, 0.25);
        var at95 = IndirectStandardisation.FromCells([cell], 0.95);
        var at90 = IndirectStandardisation.FromCells([cell], 0.90);

        Assert.True(at95.Significant);
        Assert.Equal(0.05 - (1.959963984540054 * Math.Sqrt(250) / 1000), at95.Lower, 12);
        Assert.Equal(0.05 - (1.6448536269514722 * Math.Sqrt(250) / 1000), at90.Lower, 12);
        Assert.False(IndirectStandardisation.FromCells([new StandardisationCell(1000, 520, 0.5, 0.25)], 0.95).Significant);
    }

    [Theory]
    [InlineData(0, 0.95)]
    [InlineData(10, 1.0)]
    [InlineData(10, 0)]
    public void BadArguments_AreRefused(long persons, double level)
    {
        Assert.ThrowsAny<ArgumentException>(() => IndirectStandardisation.FromTotals(persons, 1, 1, 1, level));
    }

    [Fact]
    public void ANegativeVariance_IsRefused()
    {
        Assert.ThrowsAny<ArgumentException>(() => IndirectStandardisation.FromCells([new StandardisationCell(10, 5, 0.5, -0.1)], 0.95));
    }

    [RequiresRFact]
    public void RScripts_Rerun_ReproduceTheGoldenFiles_AndTheEngineAgreesWithLiveR()
    {
        var fresh = Directory.CreateTempSubdirectory("indirect-r-").FullName;
        try
        {
            Rscript.Run(TimeSpan.FromMinutes(2), Path.Combine(Folder, "make_indirect_data.R"), fresh);
            Rscript.Run(TimeSpan.FromMinutes(2), Path.Combine(Folder, "indirect_reference.R"), fresh);
            foreach (var file in new[] { "indirect-data.csv", "indirect.expected.csv" })
            {
                Assert.True(File.ReadAllText(Path.Combine(Folder, file)) == File.ReadAllText(Path.Combine(fresh, file)),
                    $"R now writes a different {file}; rerun the scripts in tests/Barometer.Estimation.Tests/Standardisation/Reference and commit.");
            }

            var (worst, _) = Compare(fresh);
            output.WriteLine($"largest relative difference from live R: {worst:E2}");
        }
        finally
        {
            Directory.Delete(fresh, recursive: true);
        }
    }

    /// <summary>Computes every area from the persons in <paramref name="folder"/> and compares with R; returns the largest relative difference and the number of rows compared.</summary>
    private static (double Worst, int Compared) Compare(string folder)
    {
        var persons = File.ReadAllLines(Path.Combine(folder, "indirect-data.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',')).Select(f => (Area: f[0], Cell: f[1], Share: Parse(f[2]), Amount: Parse(f[3]))).ToList();
        var worst = 0.0;
        var compared = 0;
        foreach (var line in File.ReadAllLines(Path.Combine(folder, "indirect.expected.csv")).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            Func<(string Area, string Cell, double Share, double Amount), double> value = f[0] == "share" ? p => p.Share : p => p.Amount;
            var reference = persons.GroupBy(p => p.Cell).ToDictionary(g => g.Key, g =>
            {
                var mean = g.Average(value);
                return (Mean: mean, Variance: g.Average(p => (value(p) - mean) * (value(p) - mean)));
            });
            var cells = persons.Where(p => p.Area == f[1]).GroupBy(p => p.Cell)
                .Select(g => new StandardisationCell(g.LongCount(), g.Sum(value), reference[g.Key].Mean, reference[g.Key].Variance));
            var result = IndirectStandardisation.FromCells(cells, Parse(f[2]));

            Assert.Equal(long.Parse(f[3], CultureInfo.InvariantCulture), result.Persons);
            var pairs = new[] { (result.Actual, f[4]), (result.Expected, f[5]), (result.Difference, f[6]), (result.StandardError, f[7]), (result.Lower, f[8]), (result.Upper, f[9]) };
            foreach (var (ours, theirs) in pairs)
            {
                var r = Parse(theirs);
                var difference = Math.Abs(ours - r) / Math.Max(Math.Abs(r), 1e-3);
                Assert.True(difference <= Tolerance, $"{f[0]} {f[1]} level {f[2]}: ours {ours:R}, R {r:R}");
                worst = Math.Max(worst, difference);
            }

            Assert.Equal(f[10] == "true", result.Significant);
            compared++;
        }

        return (worst, compared);
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}

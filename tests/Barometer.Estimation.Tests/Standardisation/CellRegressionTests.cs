using System.Globalization;
using Barometer.Estimation.Standardisation;
using Barometer.Estimation.Tests.Reference;
using Xunit.Abstractions;

namespace Barometer.Estimation.Tests.Standardisation;

/// <summary>
/// The regression of the catalogue's <c>expected:</c> models from cell totals (<see cref="CellRegression"/>) against
/// base R's person-level <c>lm(y ~ a + b + c)</c> (Standardisation/Reference: make_regression_data.R writes 3,000
/// persons with an aliased covariate level, regression_reference.R the fitted value per cell and σ̂²). Tolerance 1e-10
/// relative.
/// </summary>
public sealed class CellRegressionTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-10;

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Standardisation", "Reference");

    [Fact]
    public void FittedValuesAndResidualVariance_AgreeWithTheCommittedLmValues()
    {
        var (worst, compared) = Compare(Folder);
        output.WriteLine($"{compared} cells; largest relative difference from R: {worst:E2}");
        Assert.Equal(20, compared);
    }

    [Fact]
    public void OneCovariate_FitsTheCellMeans()
    {
        var fit = CellRegression.Fit([new RegressionCell(["x"], 4, 10, 30), new RegressionCell(["y"], 2, 8, 34)]);
        Assert.Equal(2.5, fit.Fitted[0], 12);
        Assert.Equal(4.0, fit.Fitted[1], 12);
        Assert.Equal(2, fit.Rank);
        // RSS = (30 − 4·2.5²) + (34 − 2·4²) = 5 + 2; σ̂² = 7 / (6 − 2).
        Assert.Equal(7.0 / 4, fit.ResidualVariance, 12);
    }

    [Fact]
    public void BadCells_AreRefused()
    {
        Assert.ThrowsAny<ArgumentException>(() => CellRegression.Fit([]));
        Assert.ThrowsAny<ArgumentException>(() => CellRegression.Fit([new RegressionCell(["x"], 0, 0, 0)]));
        Assert.ThrowsAny<ArgumentException>(() => CellRegression.Fit([new RegressionCell(["x"], 1, 1, 1), new RegressionCell(["x", "y"], 1, 1, 1)]));
    }

    [RequiresRFact]
    public void RScripts_Rerun_ReproduceTheGoldenFiles_AndTheEngineAgreesWithLiveR()
    {
        var fresh = Directory.CreateTempSubdirectory("regression-r-").FullName;
        try
        {
            Rscript.Run(TimeSpan.FromMinutes(2), Path.Combine(Folder, "make_regression_data.R"), fresh);
            Rscript.Run(TimeSpan.FromMinutes(2), Path.Combine(Folder, "regression_reference.R"), fresh);
            foreach (var file in new[] { "regression-data.csv", "regression.expected.csv" })
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

    /// <summary>Aggregates the persons of <paramref name="folder"/> to cells, fits, and compares with R; returns the largest relative difference and the cells compared.</summary>
    private static (double Worst, int Compared) Compare(string folder)
    {
        var persons = File.ReadAllLines(Path.Combine(folder, "regression-data.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',')).Select(f => (Key: (A: f[0], B: f[1], C: f[2]), Y: Parse(f[3]))).ToList();
        var groups = persons.GroupBy(p => p.Key).ToList();
        var cells = groups.Select(g => new RegressionCell([g.Key.A, g.Key.B, g.Key.C], g.LongCount(), g.Sum(p => p.Y), g.Sum(p => p.Y * p.Y))).ToList();
        var fit = CellRegression.Fit(cells);
        var worst = 0.0;
        var compared = 0;
        foreach (var line in File.ReadAllLines(Path.Combine(folder, "regression.expected.csv")).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            var at = groups.FindIndex(g => g.Key == (f[0], f[1], f[2]));
            Assert.True(at >= 0, $"cell {f[0]} {f[1]} {f[2]} of R is not among the persons");
            foreach (var (ours, theirs) in new[] { (fit.Fitted[at], Parse(f[3])), (fit.ResidualVariance, Parse(f[4])) })
            {
                var difference = Math.Abs(ours - theirs) / Math.Max(Math.Abs(theirs), 1e-3);
                Assert.True(difference <= Tolerance, $"cell {f[0]} {f[1]} {f[2]}: ours {ours:R}, R {theirs:R}");
                worst = Math.Max(worst, difference);
            }

            Assert.Equal(int.Parse(f[5], CultureInfo.InvariantCulture), fit.Rank);
            compared++;
        }

        return (worst, compared);
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}

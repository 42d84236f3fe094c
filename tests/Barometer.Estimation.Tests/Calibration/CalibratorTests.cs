using Barometer.Estimation.Calibration;
using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;
using Barometer.Estimation.Tests.SyntheticSurveys;

namespace Barometer.Estimation.Tests.Calibration;

public class CalibratorTests
{
    public static TheoryData<CalibrationMethod, double, double, int> Cases()
    {
        var data = new TheoryData<CalibrationMethod, double, double, int>();
        for (var seed = 1; seed <= 8; seed++)
        {
            data.Add(CalibrationMethod.Linear, double.NaN, double.NaN, seed);
            data.Add(CalibrationMethod.Raking, double.NaN, double.NaN, seed);
            data.Add(CalibrationMethod.Logit, 0.3, 3.0, seed);
            data.Add(CalibrationMethod.Raking, 0.3, 3.0, seed);
            data.Add(CalibrationMethod.Linear, 0.3, 3.0, seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Calibrate_RandomSurvey_ReproducesEveryTotalWithinBounds(CalibrationMethod method, double lower, double upper, int seed)
    {
        var survey = RandomSurvey.Generate(seed);
        var bounds = double.IsNaN(lower) ? null : new GWeightBounds(lower, upper);
        var spec = new CalibrationSpec(method, bounds, survey.Margins(seed), Epsilon: 1e-10);
        var log = new ProblemLog();
        var calibrator = Calibrator.Create(spec, new ColumnResolver(survey.Data(), log))!;
        var design = survey.Numbers["w"];

        var result = calibrator.Calibrate(design, log);

        Assert.False(log.HasProblems, string.Join("; ", log.Problems.Select(p => p.Message)));
        var totals = calibrator.Model.WeightedTotals(result!.Weights);
        for (var j = 0; j < totals.Length; j++)
        {
            var target = calibrator.Model.Population[j];
            Assert.True(Math.Abs(totals[j] - target) <= 1e-8 * Math.Abs(target), $"{calibrator.Model.ColumnNames[j]}: {totals[j]:R} vs {target:R}");
        }

        if (bounds is not null)
        {
            for (var i = 0; i < design.Length; i++)
            {
                Assert.InRange(result.Weights[i] / design[i], lower - 1e-12, upper + 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(CalibrationMethod.Raking, 1)]
    [InlineData(CalibrationMethod.Raking, 2)]
    [InlineData(CalibrationMethod.Logit, 3)]
    [InlineData(CalibrationMethod.Linear, 4)]
    public void Calibrate_CategoricalMarginsOnly_ReproducesTotalsThroughCells(CalibrationMethod method, int seed)
    {
        // Only categorical margins: g is evaluated once per combination of levels (the cell path).
        var survey = RandomSurvey.Generate(seed);
        var margins = survey.Margins(seed).Take(2).ToList();
        var bounds = method == CalibrationMethod.Raking ? null : new GWeightBounds(0.3, 3);
        var log = new ProblemLog();
        var calibrator = Calibrator.Create(new CalibrationSpec(method, bounds, margins, Epsilon: 1e-10), new ColumnResolver(survey.Data(), log))!;
        Assert.NotNull(calibrator.Model.CellOfRow);

        var result = calibrator.Calibrate(survey.Numbers["w"], log)!;

        var totals = calibrator.Model.WeightedTotals(result.Weights);
        for (var j = 0; j < totals.Length; j++)
        {
            Assert.True(Math.Abs(totals[j] - calibrator.Model.Population[j]) <= 1e-8 * calibrator.Model.Population[j]);
        }
    }

    [Fact]
    public void Calibrate_TotalsOutsideBounds_ReportsMarginNotWeights()
    {
        var survey = RandomSurvey.Generate(3);
        var margins = survey.Margins(3).ToList();
        var sex = (CategoricalMargin)margins[0];
        // Move 70% of level 1's total to level 2: the population is unchanged, but g would have to leave [0.8, 1.25].
        var moved = 0.7 * sex.Totals["1"];
        margins[0] = sex with { Totals = sex.Totals.ToDictionary(p => p.Key, p => p.Key == "1" ? p.Value - moved : p.Value + moved) };
        margins.RemoveAt(2);
        var spec = new CalibrationSpec(CalibrationMethod.Logit, new GWeightBounds(0.8, 1.25), margins);
        var log = new ProblemLog();
        var calibrator = Calibrator.Create(spec, new ColumnResolver(survey.Data(), log))!;

        Assert.Null(calibrator.Calibrate(survey.Numbers["w"], log));
        var problem = Assert.Single(log.Problems);
        Assert.StartsWith("calibration.margins", problem.Key, StringComparison.Ordinal);
        Assert.Contains("did not converge", problem.Message, StringComparison.Ordinal);
        Assert.Contains("bounds", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TotalForLevelWithoutRespondents_ReportsThatLevel()
    {
        var data = new SurveyData([new TextColumn("sex", ["m", "f", "m"]), new NumericColumn("w", [1, 1, 1])]);
        var spec = new CalibrationSpec(CalibrationMethod.Raking, null, [new CategoricalMargin("sex", new Dictionary<string, double> { ["m"] = 10, ["f"] = 9, ["x"] = 2 })]);
        var log = new ProblemLog();

        Assert.Null(Calibrator.Create(spec, new ColumnResolver(data, log)));
        Assert.Equal("calibration.margins[0].totals.x", Assert.Single(log.Problems).Key);
    }

    [Fact]
    public void Create_LevelWithoutTotal_ReportsTheMargin()
    {
        var data = new SurveyData([new TextColumn("sex", ["m", "f", "m"])]);
        var spec = new CalibrationSpec(CalibrationMethod.Linear, null, [new CategoricalMargin("sex", new Dictionary<string, double> { ["m"] = 10 })]);
        var log = new ProblemLog();

        Assert.Null(Calibrator.Create(spec, new ColumnResolver(data, log)));
        var problem = Assert.Single(log.Problems);
        Assert.Equal("calibration.margins[0].totals", problem.Key);
        Assert.Contains("'f'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LogitWithoutBounds_ReportsBounds()
    {
        var data = new SurveyData([new TextColumn("sex", ["m", "f"])]);
        var spec = new CalibrationSpec(CalibrationMethod.Logit, null, [new CategoricalMargin("sex", new Dictionary<string, double> { ["m"] = 1, ["f"] = 1 })]);
        var log = new ProblemLog();

        Assert.Null(Calibrator.Create(spec, new ColumnResolver(data, log)));
        Assert.Contains(log.Problems, p => p.Key == "calibration.bounds");
    }

    [Fact]
    public void Create_MarginsOfDifferentPopulations_Reports()
    {
        var data = new SurveyData([new TextColumn("a", ["x", "y"]), new TextColumn("b", ["u", "v"])]);
        var spec = new CalibrationSpec(CalibrationMethod.Raking, null,
        [
            new CategoricalMargin("a", new Dictionary<string, double> { ["x"] = 5, ["y"] = 5 }),
            new CategoricalMargin("b", new Dictionary<string, double> { ["u"] = 5, ["v"] = 6 }),
        ]);
        var log = new ProblemLog();

        Assert.Null(Calibrator.Create(spec, new ColumnResolver(data, log)));
        Assert.Equal("calibration.margins[1].totals", Assert.Single(log.Problems).Key);
    }
}

using Barometer.Catalogue.Indicators;
using Barometer.Estimation;
using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;
using Barometer.Production.Calibration;
using Barometer.Production.Register;
using Barometer.Production.Standardisation;
using Barometer.Production.Survey;
using Barometer.Storage;

namespace Barometer.Production.Tests.Standardisation;

/// <summary>
/// With the whole standard population in one cell, the standardised gap is the difference of the two groups' means
/// in that cell, which the engine estimates directly (R's svycontrast on svyby, covariance included): the
/// linearization variable of the standardised gap must give the same point and standard error.
/// </summary>
[Collection(ProducedStoreGroup.Name)]
[Trait("Category", "Slow")]
public sealed class StandardisedGapTests(ProducedStore produced)
{
    [Fact]
    public void Linearization_OneCellStandard_EqualsTheEnginesDifferenceOfDomainMeans()
    {
        var copy = produced.CopyStore();
        using var store = BarometerStore.Open(copy, TimeProvider.System);
        store.InTransaction(t =>
        {
            var session = new StoreSession(t);
            var margins = CalibrationMargins.FromRegister(session, produced.Catalogue, RegisterGroups.Table(session)!);
            var indicators = produced.Catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Survey).ToList();
            var indicator = indicators.First(i => i.StandardisedGap && i.Comparisons.Count > 0);
            var comparison = indicator.Comparisons[0];
            var frame = SurveyFrame.Build(produced.Catalogue, SurveyWave.Read(session, 2026, out _)!, margins, indicators);
            var group = SurveyFrame.Group(indicator, comparison);
            var request = WaveDesignRequest.Build(margins,
                [new EstimateSpec("mean", EstimateType.Mean, SurveyFrame.Y(indicator), [group, SurveyFrame.Standardisation]),
                 new EstimateSpec("size", EstimateType.Total, SurveyFrame.One(indicator), [group, SurveyFrame.Standardisation])],
                0.95, produced.Catalogue.Calibration);
            var first = SurveyEstimation.Run(frame.Data, request);
            Assert.True(first.Succeeded, string.Join("; ", first.Problems.Select(p => p.Message)));
            var cellMeans = new Dictionary<(string, string, string, string), (double Mean, double Size)>();
            foreach (var row in first.Rows)
            {
                var parts = row.Domain.Split(';').Select(p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]).ToArray();
                var key = (indicator.Id, comparison, parts[0], parts[1]);
                var known = cellMeans.GetValueOrDefault(key, (Mean: double.NaN, Size: double.NaN));
                cellMeans[key] = row.EstimateId == "mean" ? (row.Value, known.Size) : (known.Mean, row.Value);
            }

            var cell = first.Rows.Where(r => r.EstimateId == "mean" && r.Domain.Contains("=focal;", StringComparison.Ordinal)).MaxBy(r => r.N)!
                .Domain.Split(';')[1].Split('=')[1];
            var z = StandardisedGap.Linearization(frame, indicator, comparison, new Dictionary<string, double> { [cell] = 1.0 }, cellMeans, out var point, out var rule);
            Assert.NotNull(z);
            Assert.Null(rule);
            frame.AddNumeric("z", z!);
            var total = SurveyEstimation.Run(frame.Data, WaveDesignRequest.Build(margins, [new EstimateSpec("z", EstimateType.Total, "z", [])], 0.95, produced.Catalogue.Calibration));
            Assert.True(total.Succeeded);

            var groups = frame.Texts(group);
            var cells = frame.Texts(SurveyFrame.Standardisation);
            var crossed = groups.Select((g, i) => g is null || cells[i] is null ? null : g + "|" + cells[i]).ToArray();
            var columns = frame.Data.ColumnNames.Select(n => frame.Data.TryGetColumn(n, out var c) ? c : null!).Append(new TextColumn("crossed", crossed));
            var difference = SurveyEstimation.Run(new SurveyData(columns), WaveDesignRequest.Build(margins,
                [new EstimateSpec("d", EstimateType.Difference, SurveyFrame.Y(indicator), ["crossed"], null, ["focal|" + cell, "reference|" + cell])],
                0.95, produced.Catalogue.Calibration));
            Assert.True(difference.Succeeded, string.Join("; ", difference.Problems.Select(p => p.Message)));
            var d = Assert.Single(difference.Rows);
            Assert.Equal(d.Value, point, 12);
            Assert.Equal(d.StandardError, Assert.Single(total.Rows).StandardError, 12);
            return 0;
        });
    }
}

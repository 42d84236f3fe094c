using Barometer.Catalogue.Indicators;
using Barometer.Production.Calibration;
using Barometer.Production.Changes;
using Barometer.Production.Register;
using Barometer.Production.Standardisation;
using Barometer.Production.Survey;
using Barometer.Storage;
using Barometer.Storage.Results;

namespace Barometer.Production.Tests.Changes;

/// <summary>The overlap of two waves in the run, on the small synthetic Sweden of <see cref="ProducedStore"/>.</summary>
[Collection(ProducedStoreGroup.Name)]
[Trait("Category", "Slow")]
public sealed class WaveOverlapTests(ProducedStore produced)
{
    [Fact]
    public void Find_AWaveAgainstItself_GivesEveryEstimatesVarianceAsItsCovariance()
    {
        // The same sample twice is full overlap: Tam's covariance is then the engine's own variance, for levels,
        // gaps and standardised gaps alike, through the run's own estimation of the "previous" wave.
        var copy = produced.CopyStore();
        using var store = BarometerStore.Open(copy, TimeProvider.System);
        var (compared, worst) = store.InSession(session =>
        {
            var register = RegisterGroups.Table(session)!;
            var indicators = produced.Catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Survey).ToList();
            var margins = CalibrationMargins.FromStore(session, produced.Catalogue, 2026) ?? CalibrationMargins.FromRegister(session, produced.Catalogue, register);
            var weights = StandardisationWeights.FromRegister(session, produced.Catalogue, register, indicators);
            var wave = SurveyWave.Read(session, 2026, out _)!;
            var overlap = WaveOverlap.Find(session, produced.Catalogue, wave, 2026, register, indicators, weights)!;
            Assert.Equal(wave.Rows.Count, overlap.CommonRespondents);
            var frame = SurveyFrame.Build(produced.Catalogue, wave, margins, indicators);
            var estimation = new SurveyIndicatorEstimation(produced.Catalogue, frame, margins, weights) { InfluenceRows = overlap.CurrentRows };
            var rows = estimation.Estimate();
            var count = 0;
            var largest = 0.0;
            foreach (var row in rows.Where(r => !r.IsSuppressed && r.Measure is Measure.Level or Measure.Gap or Measure.StandardisedGap))
            {
                var covariance = overlap.CovarianceOf(row, estimation.Influence);
                Assert.True(covariance is not null, $"no covariance for {row.Key}");
                var variance = row.StandardError!.Value * row.StandardError.Value;
                largest = Math.Max(largest, Math.Abs(covariance!.Value - variance) / variance);
                count++;
            }

            return (count, largest);
        });

        Assert.True(compared > 100, $"only {compared} estimates compared");
        Assert.True(worst < 1e-9, $"covariance and variance differ by {worst:E2} (relative)");
    }

    [Fact]
    public void Run_SecondWave_FindsTheRespondentsBothWavesShare()
    {
        // The synthetic waves are drawn independently from a small frame, so they share respondents by chance; the
        // covariance over them is near 0 in expectation (m_h ≈ n₁ₕ n₂ₕ / N_h), but the run takes it.
        var copy = produced.CopyStore();
        using var store = BarometerStore.Open(copy, TimeProvider.System);
        var common = store.InSession(session =>
        {
            var w2025 = SurveyWave.Read(session, 2025, out _)!;
            var w2026 = SurveyWave.Read(session, 2026, out _)!;
            var before = Enumerable.Range(0, w2025.Rows.Count).ToDictionary(r => w2025.Get(r, "person_id").ToString(), r => w2025.Get(r, "stratum").ToString(), StringComparer.Ordinal);
            return Enumerable.Range(0, w2026.Rows.Count).Count(r => before.TryGetValue(w2026.Get(r, "person_id").ToString(), out var s) && s == w2026.Get(r, "stratum").ToString());
        });
        Assert.True(common > 0);

        var released = new Barometer.Production.Releases.ReleaseManager(store).Release(2025, ProducedStore.ReleaseTime.AddYears(-1), null);
        Assert.Equal(produced.First.RunId, released.RunId);
        var second = new Barometer.Production.Runs.ProductionRun(store, produced.Catalogue).Run(2026);
        Assert.Equal(common, second.CommonRespondents);
    }
}

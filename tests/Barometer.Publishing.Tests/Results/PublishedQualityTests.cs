using Barometer.Publishing.Results;
using Barometer.Storage;
using Barometer.Storage.Fieldwork;
using Barometer.Testing;

namespace Barometer.Publishing.Tests.Results;

/// <summary>Each release carries its wave's nonresponse analysis as stored, aggregates only, under the survey's minimum rule and the release's embargo.</summary>
public class PublishedQualityTests
{
    private static readonly PublishedSnapshot Snapshot = new DuckDbPublishedResults(ReleasedStore.Shared.StorePath).Load();

    [Fact]
    public void Load_EveryRelease_CarriesItsRunsNonresponseAnalysisAsStored()
    {
        using var store = ReadOnlyStore.Open(ReleasedStore.Shared.StorePath, (message, inner) => new InvalidOperationException(message, inner));
        var session = store.Session();
        foreach (var release in Snapshot.AllReleases)
        {
            var quality = release.Quality;
            Assert.NotNull(quality);
            var fieldwork = FieldworkTable.Read(session, release.RunId, release.Wave)!;
            var nonresponse = NonresponseTable.Read(session, release.RunId)!;
            var min = release.Rules!.Survey.MinRespondents;
            Assert.Equal(min, quality.MinRespondents);
            Assert.Equal(fieldwork.Sampled, quality.Sampled);
            Assert.Equal(fieldwork.Responded, quality.Responded);
            Assert.Equal(fieldwork.Strata.Select(s => s.Stratum), quality.Strata.Select(s => s.Code));
            Assert.Equal(fieldwork.Groups.Select(g => (g.Variable, g.Code)), quality.Groups.Select(g => (g.Variable!, g.Code)));
            foreach (var (stored, published) in fieldwork.Strata.Select(s => (s.Sampled, s.Responded, s.Rate)).Concat(fieldwork.Groups.Select(g => (g.Sampled, g.Responded, g.Rate)))
                .Zip(quality.Strata.Concat(quality.Groups)))
            {
                Assert.Equal(stored.Sampled, published.Sampled);
                if (stored.Responded < min)
                {
                    Assert.Null(published.Responded);
                    Assert.Null(published.Rate);
                    Assert.Equal(PublishedResponse.PrimarySuppression, published.Suppressed);
                }
                else if (published.Suppressed is not null)
                {
                    // Hidden so that a cell under the minimum cannot be recovered by subtraction (ResponseSuppression).
                    Assert.Equal(PublishedResponse.ComplementarySuppression, published.Suppressed);
                    Assert.Null(published.Responded);
                    Assert.Null(published.Rate);
                }
                else
                {
                    Assert.Equal(stored.Responded, published.Responded);
                    Assert.Equal(stored.Rate, published.Rate);
                }
            }

            Assert.Equal(nonresponse.Model, quality.Model);
            Assert.Equal(nonresponse.R, quality.R);
            Assert.Equal(nonresponse.Partials.Select(p => (p.Variable, p.Code, p.Share, p.MeanPropensity, p.Partial)),
                quality.Partials.Select(p => (p.Variable, p.Code, p.Share, p.MeanPropensity, p.Partial)));
            Assert.Equal(nonresponse.Bias.Select(b => (b.Variable, b.Code, b.CalibratedOn, b.GrossSample, b.RespondentsDesign, b.RespondentsCalibrated)),
                quality.Bias.Select(b => (b.Variable, b.Code, b.CalibratedOn, b.GrossSample, b.RespondentsDesign, b.RespondentsCalibrated)));
            Assert.Equal(release.QualityJson, PublishedQuality.FromJson(release.QualityJson)!.ToJson());
        }
    }

    [Fact]
    public void AsOf_BeforeReleaseTime_EmbargoedWavesNonresponseIsNotPublic()
    {
        Assert.DoesNotContain(Snapshot.AsOf(ReleasedStore.Now).Releases, r => r.Wave == ReleasedStore.EmbargoedWave);
        Assert.NotNull(Snapshot.AsOf(ReleasedStore.EmbargoedReleaseTime).Releases.Single(r => r.Wave == ReleasedStore.EmbargoedWave).Quality);
        Assert.DoesNotContain(Snapshot.AllReleases, r => r.Wave == ReleasedStore.UnreleasedWave);
    }

    [Fact]
    public void Of_CellUnderTheMinimum_HasNoResponseValues()
    {
        var fieldwork = new SurveyFieldwork(2030, [new FieldworkStratum("a", 1000, 200, 99), new FieldworkStratum("b", 1000, 200, 100)],
            [new FieldworkGroup("sex", "1", 400, 199)]);

        var quality = PublishedQuality.Of(fieldwork, null, 100)!;

        Assert.Null(quality.Strata[0].Responded);
        Assert.Null(quality.Strata[0].Rate);
        // With the total published, b would give a by subtraction: it is hidden beside it (ResponseSuppression).
        Assert.Null(quality.Strata[1].Responded);
        Assert.Equal(PublishedResponse.ComplementarySuppression, quality.Strata[1].Suppressed);
        Assert.Equal(199, quality.Groups[0].Responded);

        // A third stratum: b is still hidden (the smallest shown), c is shown.
        fieldwork = fieldwork with { Strata = [.. fieldwork.Strata, new FieldworkStratum("c", 1000, 200, 120)] };
        quality = PublishedQuality.Of(fieldwork, null, 100)!;
        Assert.Null(quality.Strata[1].Responded);
        Assert.Equal(120, quality.Strata[2].Responded);
        Assert.Equal(0.6, quality.Strata[2].Rate);
    }
}

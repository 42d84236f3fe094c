using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Storage;
using Barometer.Storage.Runs;
using Barometer.Storage.Sampling;

namespace Barometer.Production.Sampling;

/// <summary>
/// What <c>plan</c> needs of the last run before a wave, per stratum of the next design: the respondents with a
/// positive, finite adjustment factor g = calibrated / design weight, Σ g and Σ g² (the design effect of weighting of
/// any union of strata), and, for Neyman allocation, the respondents with a value of the indicator, Σ w, Σ w y and
/// Σ w y² with their calibrated weights (the stratum standard deviations). Read from the sums the run kept per
/// combination of the frame columns (migration 0009) when the store has them, so plan reads no person; else from
/// the respondents (<see cref="LastRunWeights"/>).
/// </summary>
public sealed record LastRunSums(int RunId, int Wave, long[] Respondents, double[] SumG, double[] SumG2, LastRunSums.ValueSums? Y, bool FromKeptSums)
{
    /// <summary>Per stratum: respondents with a value, Σ w, Σ w y, Σ w y².</summary>
    public sealed record ValueSums(long[] Respondents, double[] SumW, double[] SumWy, double[] SumWy2);

    /// <summary>The sums of the latest completed run of the latest wave before <paramref name="wave"/>, or null when the store holds no such run.</summary>
    public static LastRunSums? Read(BarometerStore store, IndicatorCatalogue catalogue, SampleDesignFile design, IReadOnlyList<string> strata, int wave, Indicator? indicator,
        Action<string>? phase = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(strata);
        var kept = store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            if (RunTable.PreviousWave(session, wave) is not { } last || RunTable.LatestCompleted(session, last) is not { } runId)
            {
                return (Found: false, Sums: (LastRunSums?)null);
            }

            try
            {
                var weights = SampleStore.WeightSumsByStratum(store, transaction, design.Strata, runId);
                var values = indicator is null ? null : SampleStore.IndicatorSumsByStratum(store, transaction, design.Strata, runId, indicator.Id);
                if (weights is null || (indicator is not null && values is null))
                {
                    return (Found: true, Sums: null);
                }

                var index = Index(strata);
                var h = strata.Count;
                var (m, g, g2) = (new long[h], new double[h], new double[h]);
                foreach (var w in weights.Where(w => index.ContainsKey(w.Stratum)))
                {
                    var k = index[w.Stratum];
                    (m[k], g[k], g2[k]) = (w.Respondents, w.SumG, w.SumG2);
                }

                ValueSums? y = null;
                if (values is not null)
                {
                    y = new ValueSums(new long[h], new double[h], new double[h], new double[h]);
                    foreach (var v in values.Where(v => index.ContainsKey(v.Stratum)))
                    {
                        var k = index[v.Stratum];
                        (y.Respondents[k], y.SumW[k], y.SumWy[k], y.SumWy2[k]) = (v.Respondents, v.SumW, v.SumWy, v.SumWy2);
                    }
                }

                return (Found: true, Sums: new LastRunSums(runId, last, m, g, g2, y, FromKeptSums: true));
            }
            catch (StoreException ex)
            {
                throw new ProductionException($"{design.Path}: {ex.Message}", ex);
            }
        });
        if (!kept.Found)
        {
            return null;
        }

        if (kept.Sums is { } sums)
        {
            phase?.Invoke("last run's kept sums");
            return sums;
        }

        return LastRunWeights.Read(store, catalogue, design, strata, wave, indicator, phase) is { } respondents ? Of(respondents, strata.Count) : null;
    }

    /// <summary>The sums of respondents read one by one.</summary>
    public static LastRunSums Of(LastRunWeights last, int strata)
    {
        ArgumentNullException.ThrowIfNull(last);
        var (m, g, g2) = (new long[strata], new double[strata], new double[strata]);
        ValueSums? y = last.Y is null ? null : new ValueSums(new long[strata], new double[strata], new double[strata], new double[strata]);
        for (var k = 0; k < last.StratumOf.Length; k++)
        {
            var h = last.StratumOf[k];
            if (h < 0)
            {
                continue;
            }

            var x = last.CalibratedWeight[k] / last.DesignWeight[k];
            if (x > 0 && double.IsFinite(x))
            {
                m[h]++;
                g[h] += x;
                g2[h] += x * x;
            }

            var w = last.CalibratedWeight[k];
            if (y is not null && !double.IsNaN(last.Y![k]) && w > 0)
            {
                var v = last.Y[k];
                y.Respondents[h]++;
                y.SumW[h] += w;
                y.SumWy[h] += w * v;
                y.SumWy2[h] += w * v * v;
            }
        }

        return new LastRunSums(last.RunId, last.Wave, m, g, g2, y, FromKeptSums: false);
    }

    private static Dictionary<string, int> Index(IReadOnlyList<string> strata) =>
        strata.Select((c, h) => (c, h)).ToDictionary(x => x.c, x => x.h, StringComparer.Ordinal);
}

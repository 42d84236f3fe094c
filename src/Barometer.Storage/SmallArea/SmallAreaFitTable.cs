using System.Text.Json;

namespace Barometer.Storage.SmallArea;

/// <summary>One diagnostic of a small-area fit as stored: the check's code, whether it passed and held the estimates back, its statistic and bound.</summary>
/// <param name="Check">convergence, model_variance_above_zero, residuals or aggregate.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="HoldsBack">Whether its failure held the estimates back.</param>
/// <param name="Value">The statistic (iterations, σ̂²_u, the largest |standardised residual|, the standardised aggregate difference).</param>
/// <param name="Threshold">Its bound; null where there is none.</param>
public sealed record SmallAreaCheckRecord(string Check, bool Passed, bool HoldsBack, double Value, double? Threshold);

/// <summary>
/// The Fay–Herriot fit of one indicator for one comparison's focal group by area, as stored with a run: how many
/// areas, whether its estimates were published, the model variance σ̂²_u, the covariates' names, and every
/// diagnostic. Aggregates only.
/// </summary>
public sealed record SmallAreaFitRecord(string Indicator, string Comparison, string Area, int Areas, bool Published, double? ModelVariance,
    IReadOnlyList<string> Covariates, IReadOnlyList<SmallAreaCheckRecord> Checks);

/// <summary>The store's <c>small_area_fits</c> (migration 0010): the small-area fits of each run, for the quality section of its release.</summary>
public static class SmallAreaFitTable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Write(StoreSession session, int runId, IReadOnlyList<SmallAreaFitRecord> fits)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(fits);
        foreach (var f in fits)
        {
            session.Execute("INSERT INTO small_area_fits VALUES ($run, $indicator, $comparison, $area, $areas, $published, $variance, $covariates, $checks)",
                ("run", runId), ("indicator", f.Indicator), ("comparison", f.Comparison), ("area", f.Area), ("areas", f.Areas), ("published", f.Published),
                ("variance", f.ModelVariance), ("covariates", JsonSerializer.Serialize(f.Covariates, Json)), ("checks", JsonSerializer.Serialize(f.Checks, Json)));
        }
    }

    /// <summary>The fits stored with a run, by indicator and comparison; empty when it stored none.</summary>
    public static IReadOnlyList<SmallAreaFitRecord> Read(StoreSession session, int runId)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Query(
            "SELECT indicator, comparison, area, areas, published, model_variance, covariates, checks FROM small_area_fits WHERE run_id = $run ORDER BY indicator, comparison, area",
            r => new SmallAreaFitRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetBoolean(4), r.IsDBNull(5) ? null : r.GetDouble(5),
                JsonSerializer.Deserialize<List<string>>(r.GetString(6), Json) ?? [],
                JsonSerializer.Deserialize<List<SmallAreaCheckRecord>>(r.GetString(7), Json) ?? []),
            ("run", runId));
    }
}

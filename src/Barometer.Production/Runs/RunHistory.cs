using System.Globalization;
using Barometer.Catalogue;
using Barometer.Production.Changes;
using Barometer.Production.Inputs;
using Barometer.Storage;

namespace Barometer.Production.Runs;

/// <summary>What the store already holds for a wave: whether its latest run is current, and its latest release.</summary>
public static class RunHistory
{
    /// <summary>
    /// The latest completed run of the wave when it was computed from the same input files (SHA-256) with the same
    /// catalogue version and software version, and its changes against the previous wave's release now in force
    /// (<see cref="ChangeBase"/>), else null (the wave needs a new run).
    /// </summary>
    public static int? CurrentRun(BarometerStore store, IndicatorCatalogue catalogue, int wave)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(catalogue);
        return store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            var input = ProductionRun.InputHash(session, wave);
            var (_, changeBase) = ChangeBase.Find(session, wave);
            var value = session.Scalar(
                "SELECT max(run_id) FROM runs WHERE wave = $wave AND status = 'completed' AND input_sha256 = $input AND catalogue_version = $catalogue AND software_version = $software " +
                "AND coalesce(json_extract_string(rules, '$.changes.previous_version'), '') = $base " +
                "AND run_id = (SELECT max(run_id) FROM runs WHERE wave = $wave AND status = 'completed')",
                ("wave", wave), ("input", input), ("catalogue", catalogue.Version.ToString()), ("software", ProductionRun.SoftwareVersion),
                ("base", changeBase?.Version.ToString(CultureInfo.InvariantCulture) ?? ""));
            return value is null ? (int?)null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
        });
    }

    /// <summary>The latest release of the wave as (version, run id), or null.</summary>
    public static (int Version, int RunId)? LatestRelease(BarometerStore store, int wave)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.InTransaction(transaction =>
        {
            var rows = new StoreSession(transaction).Query<(int Version, int RunId)>(
                "SELECT version, run_id FROM releases WHERE wave = $wave ORDER BY version DESC LIMIT 1",
                r => (r.GetInt32(0), r.GetInt32(1)), ("wave", wave));
            return rows.Count == 0 ? ((int, int)?)null : rows[0];
        });
    }
}

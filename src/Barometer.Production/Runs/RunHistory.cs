using System.Globalization;
using Barometer.Catalogue;
using Barometer.Production.Changes;
using Barometer.Storage;
using Barometer.Storage.Ingestion;
using Barometer.Storage.Releases;
using Barometer.Storage.Runs;

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
        return store.InSession(session =>
        {
            var (_, changeBase) = ChangeBase.Find(session, wave);
            return RunTable.Current(session, wave, InputTables.InputSha256(session, wave), catalogue.Version.ToString(), ProductionRun.SoftwareVersion,
                changeBase?.Version.ToString(CultureInfo.InvariantCulture) ?? "");
        });
    }

    /// <summary>The latest release of the wave as (version, run id), or null.</summary>
    public static (int Version, int RunId)? LatestRelease(BarometerStore store, int wave)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.InSession(session => ReleaseTable.Latest(session, wave));
    }
}

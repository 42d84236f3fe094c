using Barometer.Storage;
using Barometer.Storage.Releases;
using Barometer.Storage.Runs;

namespace Barometer.Production.Changes;

/// <summary>
/// What the changes of a wave are computed against: the previous wave (the latest earlier wave with a completed run)
/// and its released version in force — the highest version released. Never an unreleased run: a change published
/// next to its level gives the previous level as level − change, so it may only be taken against a level that is
/// itself published. When the previous wave has no release, there is no base and no change is published. The
/// publication side shows the changes only while this very version is the public one of its wave
/// (<c>PublishedSnapshot.AsOf</c>), and the run records it in its rules (<c>changes.previous_wave</c>,
/// <c>changes.previous_version</c>), which every release copies into its provenance.
/// </summary>
public sealed record ChangeBase(int Wave, int Version, int RunId)
{
    /// <summary>The previous wave of <paramref name="wave"/> (or null) and its latest release (or null when never released).</summary>
    public static (int? PreviousWave, ChangeBase? Release) Find(StoreSession session, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (RunTable.PreviousWave(session, wave) is not { } previous)
        {
            return (null, null);
        }

        return (previous, ReleaseTable.Latest(session, previous) is { } release ? new ChangeBase(previous, release.Version, release.RunId) : null);
    }
}

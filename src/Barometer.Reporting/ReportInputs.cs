using System.Text.Json.Nodes;
using Barometer.Publishing.Results;
using Barometer.Storage.Fieldwork;
using Barometer.Storage.Runs;

namespace Barometer.Reporting;

/// <summary>
/// A released version as the report's producer sees it: the release record with its provenance (input files, rules
/// in force, catalogue and software versions) as stored by <c>barometer release</c>.
/// </summary>
public sealed record ReportRelease(int Wave, int Version, int RunId, DateTimeOffset ReleaseTime, DateTimeOffset CreatedAt, string? Note, JsonObject Provenance)
{
    /// <summary>The run rules recorded in the provenance (quality, suppression, calibration), or null when absent.</summary>
    public RunRules? Rules => Provenance[RunRulePaths.Root] is JsonObject rules ? RunRules.FromJson(rules.ToJsonString()) : null;
}

/// <summary>
/// Everything a report of one release is generated from: the release, the results it froze, the releases of earlier
/// waves as the public sees them when this release is published (for trends and "what changed"), and the wave's
/// fieldwork and nonresponse analysis. No number in a report comes from anywhere else.
/// </summary>
public sealed record ReportInputs(
    ReportRelease Release,
    IReadOnlyList<PublishedResult> Results,
    IReadOnlyList<ReportRelease> EarlierReleases,
    IReadOnlyList<PublishedResult> EarlierResults,
    IReadOnlyList<ReportRelease> VersionsOfWave,
    SurveyFieldwork? Fieldwork,
    NonresponseSummary? Nonresponse = null)
{
    /// <summary>The release of the wave before, as public when this one is published, or null for the first wave.</summary>
    public ReportRelease? PreviousRelease => EarlierReleases.Where(r => r.Wave < Release.Wave).MaxBy(r => r.Wave);
}

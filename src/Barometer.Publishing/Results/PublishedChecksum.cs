using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Barometer.Storage.Results;

namespace Barometer.Publishing.Results;

/// <summary>
/// A SHA-256 checksum of a released version as the publication side reads it: the release record (wave, version,
/// run, release and creation time, note, the version its changes were computed against, the run's rules, the wave's public nonresponse analysis) and every released cell, in a fixed order and text form (numbers round-trip,
/// invariant culture). <c>barometer publish</c> stores it with each release copied to PostgreSQL, where nothing can
/// stop a later UPDATE, and <see cref="PostgresPublishedResults"/> refuses to serve a release that no longer matches
/// — the PostgreSQL counterpart of the store's release seal.
/// </summary>
public static class PublishedChecksum
{
    private const char Field = '\u001f';
    private const char Row = '\u001e';
    private const string Null = "\u001d";

    public static string Of(PublishedRelease release, IEnumerable<PublishedResult> results)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.AppendJoin(Field, [
            Number(release.Wave), Number(release.Version), Number(release.RunId),
            Number(release.ReleaseTime.UtcTicks), Number(release.CreatedAt.UtcTicks), release.Note ?? Null]);
        if (release.ChangesAgainst is { } basis)
        {
            // Only when set, so that checksums of releases published before it existed still match.
            text.Append(Field).Append(Number(basis.Wave)).Append(Field).Append(Number(basis.Version));
        }

        if (release.RulesJson is { } rules)
        {
            // Likewise only when set (releases published before the rules were copied have none).
            text.Append(Row).Append("rules").Append(Field).Append(rules);
        }

        if (release.QualityJson is { } quality)
        {
            // Likewise only when set (releases published before the nonresponse analysis was copied have none).
            text.Append(Row).Append("quality").Append(Field).Append(quality);
        }

        var ordered = results
            .OrderBy(r => r.Row.Indicator, StringComparer.Ordinal).ThenBy(r => r.Row.Breakdown, StringComparer.Ordinal).ThenBy(r => r.Row.Cell, StringComparer.Ordinal)
            .ThenBy(r => r.Row.ComparisonGroup, StringComparer.Ordinal).ThenBy(r => MeasureCodes.Code(r.Row.Measure), StringComparer.Ordinal);
        foreach (var r in ordered)
        {
            text.Append(Row).AppendJoin(Field, [
                r.Row.Indicator, MeasureCodes.Code(r.Row.Measure), r.Row.Breakdown, r.Row.Cell, r.Row.ComparisonGroup, r.Row.Source, Number(r.Row.Estimate), Number(r.Row.StandardError),
                Number(r.Row.CiLower), Number(r.Row.CiUpper), Number(r.Row.Respondents), Number(r.Row.Population), Number(r.Row.RelativeMargin),
                r.Row.Significant is { } significant ? (significant ? "true" : "false") : Null, r.Row.QualityFlag ?? Null, r.Row.SuppressionRule ?? Null]);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : Null;

    private static string Number(long? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : Null;
}

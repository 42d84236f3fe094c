using System.Security.Cryptography;
using System.Text;

namespace Barometer.Storage.Ingestion;

/// <summary>
/// Where the stored inputs are: the wide typed table of each ingested file (<c>register_&lt;name&gt;</c>,
/// <c>survey_&lt;wave&gt;_gross_sample</c>, <c>survey_&lt;wave&gt;_responses</c>), as recorded in <c>ingested_files</c>.
/// The production run reads the inputs through these names (<see cref="SqlText.Identifier"/> quotes them).
/// </summary>
public static class InputTables
{
    public const string RegisterScope = "register";
    public const string SurveyScope = "survey";
    public const string RegisterKind = "register";
    public const string GrossSampleKind = "gross_sample";
    public const string ResponsesKind = "responses";

    /// <summary>The table of the register extract (the file of kind <c>register</c>, else the first of the scope), or null when none is stored.</summary>
    public static string? Register(StoreSession session) => TableOf(session, RegisterScope, null, RegisterKind)
        ?? session.Query("SELECT table_name FROM ingested_files WHERE scope = $scope ORDER BY table_name LIMIT 1", r => r.GetString(0), ("scope", RegisterScope)).FirstOrDefault();

    /// <summary>The table of a wave's gross sample, or null.</summary>
    public static string? GrossSample(StoreSession session, int wave) => TableOf(session, SurveyScope, wave, GrossSampleKind);

    /// <summary>The table of a wave's responses, or null.</summary>
    public static string? Responses(StoreSession session, int wave) => TableOf(session, SurveyScope, wave, ResponsesKind);

    /// <summary>The table holding an ingested file of the given scope, wave and kind, or null.</summary>
    public static string? TableOf(StoreSession session, string scope, int? wave, string kind)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Query(
            "SELECT table_name FROM ingested_files WHERE scope = $scope AND kind = $kind AND (wave = $wave OR ($wave IS NULL AND wave IS NULL)) ORDER BY table_name LIMIT 1",
            r => r.GetString(0), ("scope", scope), ("kind", kind), ("wave", wave)).FirstOrDefault();
    }

    /// <summary>The register extract's files and the wave's, by scope and path (what a release's provenance lists).</summary>
    public static IReadOnlyList<IngestedFile> FilesOf(StoreSession session, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Query(
            "SELECT scope, wave, kind, path, sha256, rows, table_name FROM ingested_files WHERE scope = $register OR wave = $wave ORDER BY scope, path",
            r => new IngestedFile(r.GetString(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetString(6)),
            ("register", RegisterScope), ("wave", wave));
    }

    /// <summary>SHA-256 over the sorted hashes of the register extract and the wave's files: identifies a run's input.</summary>
    public static string InputSha256(StoreSession session, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        var hashes = session.Query(
            "SELECT scope || ':' || kind || ':' || sha256 FROM ingested_files WHERE scope = $register OR wave = $wave ORDER BY 1",
            r => r.GetString(0), ("register", RegisterScope), ("wave", wave));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', hashes))));
    }

    /// <summary>SHA-256 over the hashes of the stored register extract's files.</summary>
    public static string RegisterSha256(StoreSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var hashes = session.Query("SELECT sha256 FROM ingested_files WHERE scope = $register ORDER BY 1", r => r.GetString(0), ("register", RegisterScope));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', hashes))));
    }
}

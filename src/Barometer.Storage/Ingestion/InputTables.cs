using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Barometer.Catalogue.Expressions;

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

    /// <summary>
    /// A wave's respondents: every column of the gross sample (but <c>source_row</c>) joined with every further
    /// column of the responses on <c>person_id</c>, by person, each cell as a catalogue value (<see cref="StoredValues"/>);
    /// null when the store holds no gross sample or no responses of the wave.
    /// </summary>
    public static StoredRows? Respondents(StoreSession session, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        var sample = GrossSample(session, wave);
        var responses = Responses(session, wave);
        if (sample is null || responses is null)
        {
            return null;
        }

        var sampleColumns = session.ColumnsOf(sample).Where(c => c != SourceRow).ToList();
        var sampleSet = sampleColumns.ToHashSet(StringComparer.Ordinal);
        var responseColumns = session.ColumnsOf(responses).Where(c => c != SourceRow && !sampleSet.Contains(c)).ToList();
        var select = string.Join(", ", sampleColumns.Select(c => "g." + SqlText.Identifier(c))
            .Concat(responseColumns.Select(c => "r." + SqlText.Identifier(c))));
        var sql = $"SELECT {select} FROM {SqlText.Identifier(sample)} g JOIN {SqlText.Identifier(responses)} r ON g.person_id = r.person_id ORDER BY g.person_id";
        var columns = sampleColumns.Concat(responseColumns).ToList();
        return new StoredRows(columns, session.Query(sql, r => Values(r, columns.Count)));
    }

    /// <summary>Every row of a stored input table (all columns but <c>source_row</c>, in the file's order), each cell as a catalogue value.</summary>
    public static StoredRows Rows(StoreSession session, string table)
    {
        ArgumentNullException.ThrowIfNull(session);
        var columns = session.ColumnsOf(table).Where(c => c != SourceRow).ToList();
        var sql = "SELECT " + string.Join(", ", columns.Select(SqlText.Identifier)) + " FROM " + SqlText.Identifier(table) + " ORDER BY " + SourceRow;
        return new StoredRows(columns, session.Query(sql, r => Values(r, columns.Count)));
    }

    /// <summary>
    /// Persons of a register table by every combination of the given columns it has (the others are left out), for
    /// persons aged within <paramref name="age"/> (all when null), ordered by the combination.
    /// </summary>
    public static IReadOnlyList<(IReadOnlyDictionary<string, Value> Values, long Persons)> CountBy(
        StoreSession session, string table, IReadOnlyList<string> columns, (int Min, int Max)? age)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(columns);
        var present = session.ColumnsOf(table).ToHashSet(StringComparer.Ordinal);
        var used = columns.Where(present.Contains).Distinct(StringComparer.Ordinal).ToList();
        var list = string.Join(", ", used.Select(SqlText.Identifier));
        var where = age is not { } range ? "" : string.Create(CultureInfo.InvariantCulture, $" WHERE age BETWEEN {range.Min} AND {range.Max}");
        var sql = used.Count == 0
            ? $"SELECT count(*) FROM {SqlText.Identifier(table)}{where}"
            : $"SELECT {list}, count(*) FROM {SqlText.Identifier(table)}{where} GROUP BY ALL ORDER BY ALL";
        return session.Query(sql, r =>
        {
            var values = new Dictionary<string, Value>(StringComparer.Ordinal);
            for (var c = 0; c < used.Count; c++)
            {
                values[used[c]] = StoredValues.ToValue(r.IsDBNull(c) ? null : r.GetValue(c));
            }

            return ((IReadOnlyDictionary<string, Value>)values, Convert.ToInt64(r.GetValue(used.Count), CultureInfo.InvariantCulture));
        });
    }

    private const string SourceRow = "source_row";

    private static Value[] Values(DuckDB.NET.Data.DuckDBDataReader reader, int count)
    {
        var values = new Value[count];
        for (var c = 0; c < values.Length; c++)
        {
            values[c] = StoredValues.ToValue(reader.IsDBNull(c) ? null : reader.GetValue(c));
        }

        return values;
    }
}

/// <summary>Rows read from an input table: the column names and, per row, one catalogue value per column.</summary>
public sealed record StoredRows(IReadOnlyList<string> Columns, IReadOnlyList<Value[]> Rows);

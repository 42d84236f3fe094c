using System.Globalization;
using System.Text;
using Barometer.Storage.Codebooks;
using DuckDB.NET.Data;

namespace Barometer.Storage.Ingestion;

/// <summary>
/// Validated ingestion of register extracts and survey waves into the store. Everything happens in one
/// transaction: the files are read by DuckDB itself (read_parquet / read_csv) into wide typed tables, checked with
/// SQL against the codebook and the catalogue's classifications, and committed only when no problem was found.
/// A rejected ingest rolls back, so the store is exactly as it was.
/// </summary>
/// <remarks>
/// Checks: every file described by the codebook; no unknown and no missing columns; types (Parquet: the column's
/// physical type; CSV: every value parses); no missing value in a column that is not nullable; codes in the
/// codebook's code list or the catalogue classification; the key (codebook <c>key</c>, else <c>person_id</c>)
/// unique; every column named <c>weight</c>, <c>*_weight</c> or <c>weight_*</c> &gt; 0; the row count the codebook
/// promises; every respondent in the gross sample (and, when the sample has a boolean <c>responded</c>, flagged
/// so, and every flagged person among the respondents); a <c>wave</c> column equal to the wave; the wave not released.
/// Identity: the SHA-256 of every file. The same files again are a no-op; changed files replace the earlier
/// register extract or unreleased wave.
/// </remarks>
public sealed class Ingestor(BarometerStore store, IIngestProgress? progress = null)
{
    private const string PersonId = "person_id";
    private readonly BarometerStore _store = store;
    private readonly IIngestProgress _progress = progress ?? new SilentProgress();

    /// <summary>Called after everything is written and before the commit (tests use it to abort or kill there).</summary>
    public Action? BeforeCommit { get; init; }

    public IngestOutcome Ingest(IngestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new IngestProblems();
        var inputs = Resolve(request, problems);
        if (problems.Count > 0)
        {
            return Rejected(problems);
        }

        var total = inputs.Count;
        for (var i = 0; i < inputs.Count; i++)
        {
            _progress.Report("hashing files", i, total);
            inputs[i] = inputs[i] with { Sha256 = InputFile.HashFile(inputs[i].FullPath) };
        }

        _progress.Report("hashing files", total, total);

        if (request.Wave is int wave && request.SurveyInput is not null && WaveStatus(wave) == "released")
        {
            problems.Add(new IngestProblem(request.SurveyInput, null, null, "a wave that is not released",
                $"wave {wave.ToString(CultureInfo.InvariantCulture)} is released; a released wave cannot be changed (corrections go through a new release)"));
            return Rejected(problems);
        }

        var scopes = inputs.GroupBy(f => f.Scope).ToDictionary(g => g.Key, g => g.ToList());
        var changed = scopes.Where(s => !SameAsStored(s.Key, request.Wave, s.Value)).Select(s => s.Key).ToList();
        if (changed.Count == 0)
        {
            return new IngestOutcome(IngestStatus.Unchanged, [Describe(scopes.Keys, request.Wave) + " unchanged: the same files (same SHA-256) were ingested before; nothing was done."],
                StoredFiles(scopes.Keys, request.Wave), [], 0);
        }

        using var transaction = _store.Connection.BeginTransaction();
        var messages = new List<string>();
        var replaced = false;
        var written = new List<IngestedFile>();
        foreach (var scope in changed)
        {
            var old = StoredFiles([scope], request.Wave);
            if (old.Count > 0)
            {
                replaced = true;
                foreach (var file in old)
                {
                    _store.Execute($"DROP TABLE {Quote(file.TableName)}", transaction);
                }

                _store.Execute("DELETE FROM ingested_files WHERE scope = $scope AND (scope = 'register' OR wave = $wave)", transaction,
                    ("scope", scope), ("wave", request.Wave));
                messages.Add($"{Describe([scope], request.Wave)} replaced: the files changed since the earlier ingest ({string.Join(", ", ChangedPaths(old, scopes[scope]))}).");
            }

            var files = scopes[scope];
            for (var i = 0; i < files.Count; i++)
            {
                _progress.Report($"reading {scope}", i, files.Count);
                var stored = Load(files[i], request.Wave, transaction, problems, request.ClassificationCodes);
                if (stored is not null)
                {
                    written.Add(stored);
                }
            }

            _progress.Report($"reading {scope}", files.Count, files.Count);
            if (scope == "survey")
            {
                CheckSurveyConsistency(files, written.Where(f => f.Scope == "survey").ToList(), transaction, problems);
            }
        }

        if (problems.Count > 0)
        {
            transaction.Rollback();
            return Rejected(problems);
        }

        var now = _store.Clock.GetUtcNow().UtcDateTime;
        foreach (var file in written)
        {
            _store.Execute(
                "INSERT INTO ingested_files VALUES ($scope, $wave, $kind, $path, $sha, $rows, $table, $at)", transaction,
                ("scope", file.Scope), ("wave", file.Wave), ("kind", file.Kind), ("path", file.Path), ("sha", file.Sha256),
                ("rows", file.Rows), ("table", file.TableName), ("at", now));
        }

        if (changed.Contains("survey"))
        {
            _store.Execute(
                "INSERT INTO waves VALUES ($wave, 'unreleased', $at) ON CONFLICT (wave) DO UPDATE SET ingested_at = excluded.ingested_at",
                transaction, ("wave", request.Wave!.Value), ("at", now));
        }

        foreach (var scope in changed.Where(s => messages.All(m => !m.StartsWith(Describe([s], request.Wave), StringComparison.Ordinal))))
        {
            var files = written.Where(f => f.Scope == scope).ToList();
            messages.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Describe([scope], request.Wave)} ingested: {files.Count} file(s), {files.Sum(f => f.Rows):N0} rows."));
        }

        foreach (var scope in scopes.Keys.Except(changed))
        {
            messages.Add($"{Describe([scope], request.Wave)} unchanged (same files as before).");
        }

        _progress.Report("committing", 0, 1);
        BeforeCommit?.Invoke();
        transaction.Commit();
        _progress.Report("committing", 1, 1);
        return new IngestOutcome(replaced ? IngestStatus.Replaced : IngestStatus.Ingested, messages, written, [], 0);
    }

    private static List<InputFile> Resolve(IngestRequest request, IngestProblems problems)
    {
        if (request.RegisterInput is null && request.SurveyInput is null)
        {
            problems.Add(new IngestProblem("(command line)", null, null, "--register and/or --survey", "neither"));
            return [];
        }

        if (request.SurveyInput is not null && request.Wave is null)
        {
            problems.Add(new IngestProblem(request.SurveyInput, null, null, "--wave with --survey", "no wave"));
            return [];
        }

        var codebookPath = request.CodebookPath ?? CodebookReader.Locate(request.RegisterInput ?? request.SurveyInput!);
        if (codebookPath is null || !File.Exists(codebookPath))
        {
            problems.Add(new IngestProblem(request.CodebookPath ?? request.RegisterInput ?? request.SurveyInput!, null, null,
                $"a codebook ({CodebookReader.FileName} in the input folder or above it, or --codebook)", "none"));
            return [];
        }

        Codebook codebook;
        try
        {
            codebook = CodebookReader.ReadFile(codebookPath);
        }
        catch (CodebookException ex)
        {
            problems.Add(new IngestProblem(codebookPath, null, null, "a valid codebook", ex.Message));
            return [];
        }

        var inputs = new List<InputFile>();
        Add(request.RegisterInput, "register");
        Add(request.SurveyInput, "survey");
        var surveyKinds = inputs.Where(f => f.Scope == "survey").GroupBy(f => f.Kind).Where(g => g.Count() > 1 && g.Key is "gross_sample" or "responses");
        foreach (var group in surveyKinds)
        {
            problems.Add(new IngestProblem(request.SurveyInput!, null, null, $"one {group.Key} file", string.Join(", ", group.Select(f => f.RelativePath))));
        }

        return inputs;

        void Add(string? input, string scope)
        {
            if (input is null)
            {
                return;
            }

            var files = InputFile.Enumerate(input);
            if (files.Count == 0)
            {
                problems.Add(new IngestProblem(input, null, null, "a .parquet or .csv file, or a folder holding some",
                    File.Exists(input) || Directory.Exists(input) ? "no such files" : "nothing at that path"));
                return;
            }

            foreach (var path in files)
            {
                var relative = Path.GetRelativePath(codebook.Directory, path).Replace('\\', '/');
                var description = codebook.Describe(path);
                if (description is null)
                {
                    problems.Add(new IngestProblem(relative, null, null, $"a file described in {codebookPath}", "a file the codebook does not describe"));
                    continue;
                }

                var kind = description.Kind ?? GuessKind(scope, relative);
                if (kind is null)
                {
                    problems.Add(new IngestProblem(relative, null, null,
                        "a survey file whose codebook entry has kind gross_sample or responses (or whose name contains 'sample' or 'respon')", "neither"));
                    continue;
                }

                inputs.Add(new InputFile(path, relative, scope, kind, description));
            }
        }
    }

    private static string? GuessKind(string scope, string relative)
    {
        if (scope == "register")
        {
            return "register";
        }

        var name = Path.GetFileNameWithoutExtension(relative).ToLowerInvariant();
        return name.Contains("respon", StringComparison.Ordinal) ? "responses"
            : name.Contains("sample", StringComparison.Ordinal) || name.Contains("urval", StringComparison.Ordinal) ? "gross_sample"
            : null;
    }

    /// <summary>Reads one file into its final table and checks it; returns null when the file could not be read at all.</summary>
    private IngestedFile? Load(InputFile file, int? wave, DuckDBTransaction transaction, IngestProblems problems, Func<string, IReadOnlyCollection<string>?> classificationCodes)
    {
        var table = TableName(file, wave);
        var source = Literal(file.FullPath);
        var columns = file.Description.Columns;
        List<(string Name, string Type)> actual;
        try
        {
            actual = _store.Query(
                file.IsCsv
                    ? $"DESCRIBE SELECT * FROM read_csv({source}, header = true, all_varchar = true, delim = ',', quote = '\"')"
                    : $"DESCRIBE SELECT * FROM read_parquet({source})",
                r => (r.GetString(0), r.GetString(1)), transaction);
        }
        catch (DuckDBException ex)
        {
            problems.Add(new IngestProblem(file.RelativePath, null, null, file.IsCsv ? "a readable CSV file" : "a readable Parquet file", FirstLine(ex.Message)));
            return null;
        }

        var before = problems.Count;
        foreach (var (name, _) in actual.Where(a => columns.All(c => c.Name != a.Name)))
        {
            problems.Add(new IngestProblem(file.RelativePath, null, name, "only the columns the codebook describes", "an unknown column"));
        }

        foreach (var column in columns.Where(c => actual.All(a => a.Name != c.Name)))
        {
            problems.Add(new IngestProblem(file.RelativePath, null, column.Name, $"column {column.Name} ({TypeName(column.Type)})", "no such column"));
        }

        if (!file.IsCsv)
        {
            foreach (var column in columns)
            {
                var found = actual.FirstOrDefault(a => a.Name == column.Name);
                if (found.Name is not null && !ParquetTypeFits(column.Type, found.Type))
                {
                    problems.Add(new IngestProblem(file.RelativePath, null, column.Name, $"type {TypeName(column.Type)}", $"type {found.Type}"));
                }
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        // The file's own columns with their row number; CSV values are checked to parse before they are cast.
        string selectRaw;
        if (file.IsCsv)
        {
            var staging = $"staging_{table}";
            _store.Execute(
                $"CREATE TEMP TABLE {Quote(staging)} AS SELECT row_number() OVER () AS source_row, * " +
                $"FROM read_csv({source}, header = true, all_varchar = true, delim = ',', quote = '\"')", transaction);
            foreach (var column in columns.Where(c => !c.Nullable))
            {
                Check(file, column.Name, "a value (the column is not nullable)",
                    $"SELECT source_row, NULL FROM {Quote(staging)} WHERE {Quote(column.Name)} IS NULL", transaction, problems);
            }

            foreach (var column in columns.Where(c => c.Type != CodebookType.Text))
            {
                Check(file, column.Name, $"a value of type {TypeName(column.Type)}",
                    $"SELECT source_row, {Quote(column.Name)} FROM {Quote(staging)} " +
                    $"WHERE {Quote(column.Name)} IS NOT NULL AND TRY_CAST({Quote(column.Name)} AS {SqlType(column.Type)}) IS NULL",
                    transaction, problems);
            }

            selectRaw = $"SELECT source_row, {string.Join(", ", columns.Select(c => $"TRY_CAST({Quote(c.Name)} AS {SqlType(c.Type)}) AS {Quote(c.Name)}"))} FROM {Quote(staging)}";
        }
        else
        {
            selectRaw = $"SELECT file_row_number + 1 AS source_row, {string.Join(", ", columns.Select(c => $"CAST({Quote(c.Name)} AS {SqlType(c.Type)}) AS {Quote(c.Name)}"))} " +
                $"FROM read_parquet({source}, file_row_number = true)";
        }

        try
        {
            _store.Execute($"CREATE TABLE {Quote(table)} AS {selectRaw} ORDER BY source_row", transaction);
        }
        catch (DuckDBException ex)
        {
            problems.Add(new IngestProblem(file.RelativePath, null, null, "values of the codebook's types", FirstLine(ex.Message)));
            return null;
        }
        finally
        {
            if (file.IsCsv)
            {
                _store.Execute($"DROP TABLE IF EXISTS {Quote($"staging_{table}")}", transaction);
            }
        }

        var rows = _store.Scalar($"SELECT count(*) FROM {Quote(table)}", transaction);
        if (file.Description.Rows is long promised && promised != rows)
        {
            problems.Add(new IngestProblem(file.RelativePath, null, null,
                string.Create(CultureInfo.InvariantCulture, $"{promised} rows (the codebook's count)"), rows.ToString(CultureInfo.InvariantCulture)));
        }

        foreach (var column in columns)
        {
            var name = Quote(column.Name);
            if (!column.Nullable && !file.IsCsv)
            {
                Check(file, column.Name, "a value (the column is not nullable)", $"SELECT source_row, NULL FROM {Quote(table)} WHERE {name} IS NULL", transaction, problems);
            }

            var codes = column.Codes;
            var codeSource = "the codebook's codes";
            if (column.Classification is not null)
            {
                var classification = classificationCodes(column.Classification);
                if (classification is null && codes is null)
                {
                    problems.Add(new IngestProblem(file.RelativePath, null, column.Name, $"classification '{column.Classification}' in the catalogue", "no such classification"));
                }
                else if (classification is not null)
                {
                    codes = [.. classification];
                    codeSource = $"a code of classification '{column.Classification}'";
                }
            }

            if (codes is not null)
            {
                var list = $"[{string.Join(", ", codes.Select(Literal))}]::VARCHAR[]";
                Check(file, column.Name, codeSource == "the codebook's codes" ? "one of the codebook's codes" : codeSource,
                    $"SELECT source_row, CAST({name} AS VARCHAR) FROM {Quote(table)} WHERE {name} IS NOT NULL AND NOT list_contains({list}, CAST({name} AS VARCHAR))",
                    transaction, problems);
            }

            if (IsWeight(column.Name) && column.Type is CodebookType.Number or CodebookType.WholeNumber)
            {
                Check(file, column.Name, "a weight > 0", $"SELECT source_row, CAST({name} AS VARCHAR) FROM {Quote(table)} WHERE {name} <= 0", transaction, problems);
            }
        }

        var key = file.Description.Key ?? (columns.Any(c => c.Name == PersonId) ? [PersonId] : null);
        if (key is not null && key.All(k => columns.Any(c => c.Name == k)))
        {
            var keyList = string.Join(", ", key.Select(Quote));
            Check(file, string.Join("+", key), $"a unique {string.Join(" + ", key)}",
                $"SELECT t.source_row, 'a repeat of ' || {string.Join(" || '|' || ", key.Select(k => $"CAST(t.{Quote(k)} AS VARCHAR)"))} || " +
                $"' (first on row ' || CAST(d.first_row AS VARCHAR) || ')' FROM {Quote(table)} t " +
                $"JOIN (SELECT {keyList}, min(source_row) AS first_row FROM {Quote(table)} GROUP BY {keyList} HAVING count(*) > 1) d USING ({keyList}) " +
                $"WHERE t.source_row <> d.first_row",
                transaction, problems);
        }

        return new IngestedFile(file.Scope, file.Scope == "survey" ? wave : null, file.Kind, file.RelativePath, file.Sha256, rows, table);
    }

    private void CheckSurveyConsistency(List<InputFile> inputs, List<IngestedFile> files, DuckDBTransaction transaction, IngestProblems problems)
    {
        foreach (var file in files.Where(f => HasColumn(f, "wave", transaction)))
        {
            Check(file.Path, "wave", $"the wave given with --wave ({file.Wave?.ToString(CultureInfo.InvariantCulture)})",
                $"SELECT source_row, CAST(wave AS VARCHAR) FROM {Quote(file.TableName)} WHERE wave IS DISTINCT FROM {file.Wave?.ToString(CultureInfo.InvariantCulture)}",
                transaction, problems);
        }

        var sample = files.FirstOrDefault(f => f.Kind == "gross_sample");
        var responses = files.FirstOrDefault(f => f.Kind == "responses");
        if (responses is null)
        {
            return;
        }

        if (sample is null)
        {
            // A gross sample that was given but could not be read has its own problems already.
            if (!inputs.Any(f => f.Kind == "gross_sample"))
            {
                problems.Add(new IngestProblem(responses.Path, null, null, "the wave's gross sample beside the responses", "no gross sample file"));
            }

            return;
        }

        Check(responses.Path, PersonId, $"a person of the gross sample ({sample.Path})",
            $"SELECT r.source_row, CAST(r.{PersonId} AS VARCHAR) FROM {Quote(responses.TableName)} r " +
            $"ANTI JOIN {Quote(sample.TableName)} s ON CAST(r.{PersonId} AS VARCHAR) = CAST(s.{PersonId} AS VARCHAR)",
            transaction, problems);

        // With a response flag in the gross sample, the flag and the responses file must tell the same story.
        if (HasColumn(sample, "responded", transaction, "BOOLEAN"))
        {
            Check(responses.Path, PersonId, $"a person flagged as responding in the gross sample ({sample.Path})",
                $"SELECT r.source_row, CAST(r.{PersonId} AS VARCHAR) FROM {Quote(responses.TableName)} r " +
                $"JOIN {Quote(sample.TableName)} s ON CAST(r.{PersonId} AS VARCHAR) = CAST(s.{PersonId} AS VARCHAR) WHERE s.responded IS NOT TRUE",
                transaction, problems);
            Check(sample.Path, "responded", $"a row in the responses ({responses.Path}) for a person flagged as responding",
                $"SELECT s.source_row, CAST(s.{PersonId} AS VARCHAR) FROM {Quote(sample.TableName)} s " +
                $"ANTI JOIN {Quote(responses.TableName)} r ON CAST(r.{PersonId} AS VARCHAR) = CAST(s.{PersonId} AS VARCHAR) WHERE s.responded",
                transaction, problems);
        }
    }

    private bool HasColumn(IngestedFile file, string column, DuckDBTransaction transaction, string? type = null) =>
        _store.Scalar(
            "SELECT count(*) FROM duckdb_columns() WHERE table_name = $table AND column_name = $column AND ($type IS NULL OR data_type = $type)",
            transaction, ("table", file.TableName), ("column", column), ("type", type)) > 0;

    private void Check(InputFile file, string column, string expected, string sql, DuckDBTransaction transaction, IngestProblems problems) =>
        Check(file.RelativePath, column, expected, sql, transaction, problems);

    /// <summary>Runs a query of offending rows (row, actual value) and records them: the first ones listed, all counted.</summary>
    private void Check(string file, string column, string expected, string sql, DuckDBTransaction transaction, IngestProblems problems)
    {
        var limit = Math.Max(problems.Room, 0);
        var found = _store.Query(
            $"SELECT source_row, actual, count(*) OVER () AS total FROM ({sql}) AS offending(source_row, actual) ORDER BY source_row LIMIT {Math.Max(limit, 1)}",
            r => (Row: r.GetInt64(0), Actual: r.IsDBNull(1) ? "nothing (missing)" : $"'{r.GetString(1)}'", Total: r.GetInt64(2)), transaction);
        if (found.Count == 0)
        {
            return;
        }

        problems.AddMany(found.Take(limit).Select(f => new IngestProblem(file, f.Row, column, expected, f.Actual)), found[0].Total);
    }

    private bool SameAsStored(string scope, int? wave, List<InputFile> files)
    {
        var stored = StoredFiles([scope], wave);
        return stored.Count == files.Count
            && files.All(f => stored.Any(s => s.Path == f.RelativePath && s.Sha256 == f.Sha256));
    }

    private List<IngestedFile> StoredFiles(IEnumerable<string> scopes, int? wave)
    {
        var result = new List<IngestedFile>();
        foreach (var scope in scopes)
        {
            result.AddRange(_store.Query(
                "SELECT scope, wave, kind, path, sha256, rows, table_name FROM ingested_files " +
                "WHERE scope = $scope AND (scope = 'register' OR wave = $wave) ORDER BY path",
                r => new IngestedFile(r.GetString(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5), r.GetString(6)),
                null, ("scope", scope), ("wave", wave)));
        }

        return result;
    }

    private string? WaveStatus(int wave) =>
        _store.Query("SELECT status FROM waves WHERE wave = $wave", r => r.GetString(0), null, ("wave", wave)).FirstOrDefault();

    private static IEnumerable<string> ChangedPaths(List<IngestedFile> old, List<InputFile> now) =>
        now.Where(f => !old.Any(o => o.Path == f.RelativePath && o.Sha256 == f.Sha256)).Select(f => f.RelativePath)
            .Concat(old.Where(o => !now.Any(f => f.RelativePath == o.Path)).Select(o => o.Path + " (gone)"));

    private static string Describe(IEnumerable<string> scopes, int? wave) =>
        string.Join(" and ", scopes.Select(s => s == "register" ? "the register extract" : $"survey wave {wave?.ToString(CultureInfo.InvariantCulture)}"));

    private static IngestOutcome Rejected(IngestProblems problems) =>
        new(IngestStatus.Rejected, [], [], problems.Listed, problems.Count);

    private static string TableName(InputFile file, int? wave)
    {
        var relative = Path.ChangeExtension(file.RelativePath, null)!;
        var stem = Sanitize(file.Scope == "register" && relative.StartsWith("register/", StringComparison.Ordinal) ? relative["register/".Length..] : relative);
        return file.Scope == "register"
            ? $"register_{stem}"
            : file.Kind is "gross_sample" or "responses"
                ? $"survey_{wave?.ToString(CultureInfo.InvariantCulture)}_{file.Kind}"
                : $"survey_{wave?.ToString(CultureInfo.InvariantCulture)}_{stem}";
    }

    private static string Sanitize(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return builder.ToString().Trim('_');
    }

    private static bool IsWeight(string name) =>
        name == "weight" || name.EndsWith("_weight", StringComparison.Ordinal) || name.StartsWith("weight_", StringComparison.Ordinal);

    private static bool ParquetTypeFits(CodebookType type, string actual) => type switch
    {
        CodebookType.WholeNumber => IsIntegerType(actual),
        CodebookType.Number => IsIntegerType(actual) || actual is "FLOAT" or "DOUBLE" || actual.StartsWith("DECIMAL", StringComparison.Ordinal),
        CodebookType.Text => actual == "VARCHAR",
        _ => actual == "BOOLEAN",
    };

    private static bool IsIntegerType(string actual) =>
        actual is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "UTINYINT" or "USMALLINT" or "UINTEGER" or "UBIGINT" or "HUGEINT";

    internal static string SqlType(CodebookType type) => type switch
    {
        CodebookType.WholeNumber => "BIGINT",
        CodebookType.Number => "DOUBLE",
        CodebookType.Text => "VARCHAR",
        _ => "BOOLEAN",
    };

    private static string TypeName(CodebookType type) => type switch
    {
        CodebookType.WholeNumber => "integer",
        CodebookType.Number => "number",
        CodebookType.Text => "text",
        _ => "boolean",
    };

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private sealed class SilentProgress : IIngestProgress
    {
        public void Report(string phase, long done, long total)
        {
        }
    }
}

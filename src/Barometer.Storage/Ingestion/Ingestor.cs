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

        string? scratch = null;
        var staged = new List<Staged>();
        try
        {
            var total = inputs.Count;
            for (var i = 0; i < inputs.Count; i++)
            {
                _progress.Report("hashing files", i, total);
                inputs[i] = InputScan.Scan(inputs[i], i, Scratch, problems) ?? inputs[i];
            }

            _progress.Report("hashing files", total, total);
            if (problems.Count > 0)
            {
                return Rejected(problems);
            }

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

            // A re-ingest replaces the whole register extract or wave; one that would drop a stored file (a partial
            // folder) is refused unless asked for.
            foreach (var scope in changed.Where(_ => !request.AllowDropping))
            {
                foreach (var gone in StoredFiles([scope], request.Wave).Where(o => scopes[scope].All(f => TableName(f, request.Wave) != o.TableName)))
                {
                    problems.Add(new IngestProblem(gone.Path, null, null,
                        $"every file stored for {Describe([scope], request.Wave)} in the new input (or --allow-dropping to drop it on purpose)",
                        string.Create(CultureInfo.InvariantCulture, $"no such file in the new input: the re-ingest would drop its {gone.Rows:N0} rows ({gone.TableName})")));
                }
            }

            if (problems.Count > 0)
            {
                return Rejected(problems);
            }

            // Every file is read by DuckDB into temporary tables and checked before the store's transaction begins:
            // a file DuckDB cannot read fails on its own statement, names its file, and never aborts the write.
            foreach (var scope in changed)
            {
                var files = scopes[scope];
                var scoped = new List<Staged>();
                for (var i = 0; i < files.Count; i++)
                {
                    _progress.Report($"reading {scope}", i, files.Count);
                    if (Stage(files[i], staged.Count, request.Wave, problems, request.ClassificationCodes) is { } file)
                    {
                        staged.Add(file);
                        scoped.Add(file);
                    }
                }

                _progress.Report($"reading {scope}", files.Count, files.Count);
                if (scope == "survey")
                {
                    CheckSurveyConsistency(files, scoped, problems);
                }
            }

            if (problems.Count > 0)
            {
                return Rejected(problems);
            }

            return Write(request, scopes, changed, staged);
        }
        finally
        {
            foreach (var file in staged)
            {
                _store.Execute($"DROP TABLE IF EXISTS {SqlText.Identifier(file.Typed)}");
            }

            if (scratch is not null)
            {
                try
                {
                    Directory.Delete(scratch, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        string Scratch()
        {
            scratch ??= Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "barometer-ingest-" + Guid.NewGuid().ToString("N"))).FullName;
            return scratch;
        }
    }

    /// <summary>The one transaction that writes: old tables dropped, checked tables copied in, files and wave recorded.</summary>
    private IngestOutcome Write(IngestRequest request, Dictionary<string, List<InputFile>> scopes, List<string> changed, List<Staged> staged)
    {
        using var transaction = _store.Connection.BeginTransaction();
        var messages = new List<string>();
        var replaced = false;
        foreach (var scope in changed)
        {
            var old = StoredFiles([scope], request.Wave);
            if (old.Count > 0)
            {
                replaced = true;
                foreach (var file in old)
                {
                    _store.Execute($"DROP TABLE IF EXISTS {SqlText.Identifier(file.TableName)}", transaction);
                }

                _store.Execute("DELETE FROM ingested_files WHERE scope = $scope AND (scope = 'register' OR wave = $wave)", transaction,
                    ("scope", scope), ("wave", request.Wave));
                messages.Add($"{Describe([scope], request.Wave)} replaced: the files changed since the earlier ingest ({string.Join(", ", ChangedPaths(old, scopes[scope]))}).");
            }
        }

        var now = _store.Clock.GetUtcNow().UtcDateTime;
        foreach (var (file, typed, _) in staged)
        {
            _store.Execute($"CREATE TABLE {SqlText.Identifier(file.TableName)} AS SELECT * FROM {SqlText.Identifier(typed)} ORDER BY source_row", transaction);
            _store.Execute(
                "INSERT INTO ingested_files VALUES ($scope, $wave, $kind, $path, $sha, $rows, $table, $at)", transaction,
                ("scope", file.Scope), ("wave", file.Wave), ("kind", file.Kind), ("path", file.Path), ("sha", file.Sha256),
                ("rows", file.Rows), ("table", file.TableName), ("at", now));
        }

        if (changed.Contains("register"))
        {
            // The frame's sizes per combination of the design's columns, kept with (and replaced with) the extract.
            var cells = Sampling.SampleStore.KeepFrameCells(_store, transaction, request.FrameCells);
            if (request.FrameCells is { } spec && cells > 0)
            {
                messages.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Frame sizes kept for `barometer plan`: persons aged {spec.MinAge}–{spec.MaxAge} per combination of {string.Join(", ", spec.Columns.Order(StringComparer.Ordinal))} ({cells:N0} combinations)."));
            }
        }

        if (changed.Contains("survey"))
        {
            _store.Execute(
                "INSERT INTO waves VALUES ($wave, 'unreleased', $at) ON CONFLICT (wave) DO UPDATE SET ingested_at = excluded.ingested_at",
                transaction, ("wave", request.Wave!.Value), ("at", now));
            // Plan's response sums of the wave (per combination of the kept frame columns), replaced with its gross sample.
            Sampling.SampleStore.KeepResponseCells(_store, transaction, request.Wave!.Value);
        }

        var written = staged.Select(s => s.File).ToList();
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
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new IngestProblem(codebookPath, null, null, "a readable codebook", ex.Message));
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

        foreach (var group in inputs.GroupBy(f => TableName(f, request.Wave), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new IngestProblem(group.Last().RelativePath, null, null, $"file names that give distinct tables (this one gives {group.Key})",
                $"the same table as {string.Join(", ", group.SkipLast(1).Select(f => f.RelativePath))}"));
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

    /// <summary>A file read and checked: its record as it will be stored and the temporary table holding its typed rows.</summary>
    private sealed record Staged(IngestedFile File, string Typed, IReadOnlyList<CodebookColumn> Columns);

    /// <summary>
    /// Reads one file into a temporary table (outside any transaction: a read error names this file and leaves the
    /// connection usable), checks it and types it; returns null when the file could not be read at all.
    /// </summary>
    private Staged? Stage(InputFile file, int index, int? wave, IngestProblems problems, Func<string, IReadOnlyCollection<string>?> classificationCodes)
    {
        var raw = $"ingest_raw_{index.ToString(CultureInfo.InvariantCulture)}";
        var typed = $"ingest_typed_{index.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            return StageRaw(file, raw, typed, wave, problems, classificationCodes);
        }
        finally
        {
            _store.Execute($"DROP TABLE IF EXISTS {SqlText.Identifier(raw)}");
        }
    }

    private Staged? StageRaw(InputFile file, string raw, string typed, int? wave, IngestProblems problems, Func<string, IReadOnlyCollection<string>?> classificationCodes)
    {
        var source = SqlText.Literal(file.ReadPath);
        var columns = file.Description.Columns;
        var before = problems.Count;
        try
        {
            _store.Execute(file.IsCsv
                ? $"CREATE TEMP TABLE {SqlText.Identifier(raw)} AS SELECT row_number() OVER () AS source_row, * " +
                  $"FROM read_csv({source}, header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')"
                : $"CREATE TEMP TABLE {SqlText.Identifier(raw)} AS SELECT file_row_number + 1 AS source_row, * EXCLUDE (file_row_number) " +
                  $"FROM read_parquet({source}, file_row_number = true)");
        }
        catch (DuckDBException ex)
        {
            problems.Add(ReadProblem(file, ex));
            return null;
        }

        var actual = _store.Query($"DESCRIBE {SqlText.Identifier(raw)}", r => (Name: r.GetString(0), Type: r.GetString(1)))
            .Where(a => a.Name != "source_row").ToList();
        var names = file.Header?.ToList() ?? actual.Select(a => a.Name).ToList();
        foreach (var name in names.Where(n => columns.All(c => c.Name != n)).Distinct(StringComparer.Ordinal))
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

        // Values are checked as written before they are typed: no missing value where none may be, integers
        // written as integers (never rounded), numbers finite unless the codebook allows otherwise.
        foreach (var column in columns.Where(c => !c.Nullable))
        {
            Check(file, column.Name, "a value (the column is not nullable)",
                $"SELECT source_row, NULL FROM {SqlText.Identifier(raw)} WHERE {SqlText.Identifier(column.Name)} IS NULL", problems);
        }

        foreach (var column in columns.Where(c => c.Type != CodebookType.Text))
        {
            var name = SqlText.Identifier(column.Name);
            var cast = $"TRY_CAST({name} AS {SqlType(column.Type)})";
            var notTyped = file.IsCsv && column.Type == CodebookType.WholeNumber
                ? $"NOT regexp_full_match({name}, '[+-]?[0-9]+') OR {cast} IS NULL"
                : file.IsCsv && column.Type == CodebookType.Number
                    ? $"{cast} IS NULL AND NOT regexp_full_match({name}, '{NumberPattern}')"
                    : $"{cast} IS NULL";
            Check(file, column.Name, $"a value of type {TypeName(column.Type)}",
                $"SELECT source_row, CAST({name} AS VARCHAR) FROM {SqlText.Identifier(raw)} WHERE {name} IS NOT NULL AND ({notTyped})", problems);
            if (column.Type == CodebookType.Number && !column.AllowNonFinite)
            {
                var overflow = file.IsCsv ? $"({cast} IS NULL AND regexp_full_match({name}, '{NumberPattern}')) OR " : string.Empty;
                Check(file, column.Name, "a finite number",
                    $"SELECT source_row, CAST({name} AS VARCHAR) FROM {SqlText.Identifier(raw)} WHERE {name} IS NOT NULL AND ({overflow}NOT isfinite({cast}))", problems);
            }
        }

        _store.Execute(
            $"CREATE TEMP TABLE {SqlText.Identifier(typed)} AS SELECT source_row, " +
            $"{string.Join(", ", columns.Select(c => $"TRY_CAST({SqlText.Identifier(c.Name)} AS {SqlType(c.Type)}) AS {SqlText.Identifier(c.Name)}"))} FROM {SqlText.Identifier(raw)} ORDER BY source_row");
        var rows = _store.Scalar($"SELECT count(*) FROM {SqlText.Identifier(typed)}");
        if (file.Description.Rows is long promised && promised != rows)
        {
            problems.Add(new IngestProblem(file.RelativePath, null, null,
                string.Create(CultureInfo.InvariantCulture, $"{promised} rows (the codebook's count)"), rows.ToString(CultureInfo.InvariantCulture)));
        }

        foreach (var column in columns)
        {
            var name = SqlText.Identifier(column.Name);

            // A non-finite value refused above is not reported again by the range checks below.
            var outsideFinite = column.Type == CodebookType.Number && !column.AllowNonFinite ? $"isfinite({name}) AND" : string.Empty;
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
                var list = $"[{string.Join(", ", codes.Select(SqlText.Literal))}]::VARCHAR[]";
                Check(file, column.Name, codeSource == "the codebook's codes" ? "one of the codebook's codes" : codeSource,
                    $"SELECT source_row, CAST({name} AS VARCHAR) FROM {SqlText.Identifier(typed)} WHERE {name} IS NOT NULL AND NOT list_contains({list}, CAST({name} AS VARCHAR))",
                    problems);
            }

            if (IsWeight(column.Name) && column.Type is CodebookType.Number or CodebookType.WholeNumber)
            {
                Check(file, column.Name, "a weight > 0", $"SELECT source_row, CAST({name} AS VARCHAR) FROM {SqlText.Identifier(typed)} WHERE {outsideFinite} NOT ({name} > 0 AND isfinite({name}))", problems);
            }

            if (IsProbability(column.Name) && column.Type is CodebookType.Number or CodebookType.WholeNumber)
            {
                Check(file, column.Name, "a probability in (0, 1]", $"SELECT source_row, CAST({name} AS VARCHAR) FROM {SqlText.Identifier(typed)} WHERE {outsideFinite} NOT ({name} > 0 AND {name} <= 1 AND NOT isnan({name}))", problems);
            }
        }

        var key = file.Description.Key ?? (columns.Any(c => c.Name == PersonId) ? [PersonId] : null);
        if (key is not null && key.All(k => columns.Any(c => c.Name == k)))
        {
            var keyList = string.Join(", ", key.Select(SqlText.Identifier));
            Check(file, string.Join("+", key), $"a unique {string.Join(" + ", key)}",
                $"SELECT t.source_row, 'a repeat of ' || {string.Join(" || '|' || ", key.Select(k => $"CAST(t.{SqlText.Identifier(k)} AS VARCHAR)"))} || " +
                $"' (first on row ' || CAST(d.first_row AS VARCHAR) || ')' FROM {SqlText.Identifier(typed)} t " +
                $"JOIN (SELECT {keyList}, min(source_row) AS first_row FROM {SqlText.Identifier(typed)} GROUP BY {keyList} HAVING count(*) > 1) d USING ({keyList}) " +
                $"WHERE t.source_row <> d.first_row",
                problems);
        }

        var stored = new IngestedFile(file.Scope, file.Scope == "survey" ? wave : null, file.Kind, file.RelativePath, file.Sha256, rows, TableName(file, wave));
        return new Staged(stored, typed, columns);
    }

    /// <summary>A file DuckDB could not read: the file, the row when DuckDB names a line, and DuckDB's reason (without paths of ours).</summary>
    private static IngestProblem ReadProblem(InputFile file, DuckDBException ex)
    {
        var message = ex.Message.Replace(file.ReadPath, file.RelativePath, StringComparison.Ordinal);
        var line = System.Text.RegularExpressions.Regex.Match(message, "[Ll]ine: ?([0-9]+)");
        long? row = line.Success && long.TryParse(line.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 1 ? n - 1 : null;
        var reason = string.Join(" ", message.Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("Original Line", StringComparison.Ordinal) && !l.StartsWith("Possible ", StringComparison.Ordinal)
                && !l.StartsWith('*') && !l.StartsWith("LINE ", StringComparison.Ordinal))
            .Take(2));
        return new IngestProblem(file.RelativePath, row, null, file.IsCsv ? "a readable UTF-8 CSV file (comma-separated, a header line)" : "a readable Parquet file", reason);
    }

    private void CheckSurveyConsistency(List<InputFile> inputs, List<Staged> files, IngestProblems problems)
    {
        foreach (var (file, typed, _) in files.Where(f => HasColumn(f, "wave")))
        {
            Check(file.Path, "wave", $"the wave given with --wave ({file.Wave?.ToString(CultureInfo.InvariantCulture)})",
                $"SELECT source_row, CAST(wave AS VARCHAR) FROM {SqlText.Identifier(typed)} WHERE wave IS DISTINCT FROM {file.Wave?.ToString(CultureInfo.InvariantCulture)}",
                problems);
        }

        var sample = files.FirstOrDefault(f => f.File.Kind == "gross_sample");
        var responses = files.FirstOrDefault(f => f.File.Kind == "responses");
        if (responses is null)
        {
            return;
        }

        if (sample is null)
        {
            // A gross sample that was given but could not be read has its own problems already.
            if (!inputs.Any(f => f.Kind == "gross_sample"))
            {
                problems.Add(new IngestProblem(responses.File.Path, null, null, "the wave's gross sample beside the responses", "no gross sample file"));
            }

            return;
        }

        if (!HasColumn(responses, PersonId) || !HasColumn(sample, PersonId))
        {
            return;
        }

        Check(responses.File.Path, PersonId, $"a person of the gross sample ({sample.File.Path})",
            $"SELECT r.source_row, CAST(r.{PersonId} AS VARCHAR) FROM {SqlText.Identifier(responses.Typed)} r " +
            $"ANTI JOIN {SqlText.Identifier(sample.Typed)} s ON CAST(r.{PersonId} AS VARCHAR) = CAST(s.{PersonId} AS VARCHAR)",
            problems);

        // With a response flag in the gross sample, the flag and the responses file must tell the same story.
        if (HasColumn(sample, "responded", CodebookType.Boolean))
        {
            Check(responses.File.Path, PersonId, $"a person flagged as responding in the gross sample ({sample.File.Path})",
                $"SELECT r.source_row, CAST(r.{PersonId} AS VARCHAR) FROM {SqlText.Identifier(responses.Typed)} r " +
                $"JOIN {SqlText.Identifier(sample.Typed)} s ON CAST(r.{PersonId} AS VARCHAR) = CAST(s.{PersonId} AS VARCHAR) WHERE s.responded IS NOT TRUE",
                problems);
            Check(sample.File.Path, "responded", $"a row in the responses ({responses.File.Path}) for a person flagged as responding",
                $"SELECT s.source_row, CAST(s.{PersonId} AS VARCHAR) FROM {SqlText.Identifier(sample.Typed)} s " +
                $"ANTI JOIN {SqlText.Identifier(responses.Typed)} r ON CAST(r.{PersonId} AS VARCHAR) = CAST(s.{PersonId} AS VARCHAR) WHERE s.responded",
                problems);
        }
    }

    private static bool HasColumn(Staged file, string column, CodebookType? type = null) =>
        file.Columns.Any(c => c.Name == column && (type is null || c.Type == type));

    private void Check(InputFile file, string column, string expected, string sql, IngestProblems problems) =>
        Check(file.RelativePath, column, expected, sql, problems);

    /// <summary>Runs a query of offending rows (row, actual value) and records them: the first ones listed, all counted.</summary>
    private void Check(string file, string column, string expected, string sql, IngestProblems problems)
    {
        var limit = Math.Max(problems.Room, 0);
        var found = _store.Query(
            $"SELECT source_row, actual, count(*) OVER () AS total FROM ({sql}) AS offending(source_row, actual) ORDER BY source_row LIMIT {Math.Max(limit, 1)}",
            r => (Row: r.GetInt64(0), Actual: r.IsDBNull(1) ? "nothing (missing)" : $"'{r.GetString(1)}'", Total: r.GetInt64(2)));
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

    private static bool IsProbability(string name) => name.Contains("probability", StringComparison.Ordinal);

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

    /// <summary>A decimal number as written in a CSV (digits, optional point and exponent): too large for a double when it does not parse.</summary>
    private const string NumberPattern = "[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?";

    private sealed class SilentProgress : IIngestProgress
    {
        public void Report(string phase, long done, long total)
        {
        }
    }
}

using System.Text.RegularExpressions;

namespace Barometer.Architecture.Tests;

/// <summary>
/// Barometer.Storage owns every table of the producer's store: outside src/Barometer.Storage no source file names a
/// store table in SQL, and none opens or commands DuckDB itself (everything goes through Storage's typed tables and
/// its <c>StoreSession</c>).
/// <list type="bullet">
/// <item>The store's tables are read from the migrations (<c>CREATE TABLE name</c>), plus <c>schema_version</c>
/// (created by the migrator) and the input tables, named <c>register_*</c> and <c>survey_*</c>.</item>
/// <item>SQL against them is a SQL keyword in capitals (<c>FROM</c>, <c>JOIN</c>, <c>INTO</c>, <c>UPDATE</c>,
/// <c>TABLE</c>) followed by such a name as a whole word. The publication side's own tables do not match:
/// <c>published_results</c>, <c>published_releases</c> and <c>saved_queries</c> in PostgreSQL, and
/// <c>saved_queries</c> in the saved-queries DuckDB file.</item>
/// <item>Using DuckDB.NET directly (<c>DuckDB.NET</c>, <c>DuckDBConnection</c>, <c>DuckDBCommand</c>,
/// <c>CreateCommand</c>, <c>CreateAppender</c>) is allowed outside Storage only in the files listed in
/// <see cref="OwnDuckDbFiles"/>: code that opens a DuckDB file of its own, never the store.</item>
/// </list>
/// Not covered: SQL that Production composes over a table whose name it gets from Storage at run time (the
/// register indicators' translation of the catalogue into SQL, <c>Production/Register</c>), which runs through
/// <c>StoreSession</c>.
/// </summary>
public class StoreAccessRuleTests
{
    /// <summary>Files outside Storage that may use DuckDB.NET, and why: they never open the producer's store.</summary>
    private static readonly Dictionary<string, string> OwnDuckDbFiles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["src/Barometer.Publishing/SavedQueries/DuckDbSavedQueryStore.cs"] = "the saved-queries DuckDB file (--saved-queries), never the store",
    };

    private static readonly Regex DuckDbUse = new(@"\bDuckDB\.NET\b|\bDuckDB(Connection|Command|Transaction|Appender)\b|\.Create(Command|Appender)\(", RegexOptions.CultureInvariant);

    public static IReadOnlyList<string> StoreTables()
    {
        var tables = new SortedSet<string>(StringComparer.Ordinal) { "schema_version" };
        // The producer's store and the field store (Schema/FieldMigrations): Storage owns the tables of both.
        var files = new[] { "Migrations", "FieldMigrations" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(RepositoryLayout.Root, "src", "Barometer.Storage", "Schema", folder), "*.sql"));
        foreach (var file in files)
        {
            foreach (Match match in Regex.Matches(File.ReadAllText(file), @"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?""?(\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            {
                tables.Add(match.Groups[1].Value);
            }
        }

        return [.. tables];
    }

    /// <summary>The offences of one source file against the rule: each as "path:line: what".</summary>
    public static IEnumerable<string> Offences(string path, string source, IReadOnlyList<string> storeTables)
    {
        var names = string.Join('|', storeTables.Select(Regex.Escape)) + @"|register_\w+|survey_\w+";
        var sql = new Regex($@"\b(FROM|JOIN|INTO|UPDATE|TABLE)\s+(?:\\?"")?({names})\b", RegexOptions.CultureInvariant);
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in sql.Matches(line))
            {
                yield return $"{path}:{i + 1}: SQL against the store table '{match.Groups[2].Value}' ({match.Value.Trim()})";
            }

            if (!OwnDuckDbFiles.ContainsKey(path) && DuckDbUse.Match(line) is { Success: true } use)
            {
                yield return $"{path}:{i + 1}: DuckDB used directly ({use.Value})";
            }
        }
    }

    [Fact]
    public void SourcesOutsideStorage_NeverTouchTheStoreTables()
    {
        var tables = StoreTables();
        var root = RepositoryLayout.Root;
        var offences = Directory.GetFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("src/Barometer.Storage/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => Offences(f, File.ReadAllText(Path.Combine(root, f)), tables))
            .ToList();

        Assert.True(offences.Count == 0, "SQL against the store outside Barometer.Storage:\n" + string.Join('\n', offences));
    }

    [Fact]
    public void RunRespondentMicrodata_AreReadOnlyByTheProducerSideOfStorage()
    {
        // run_respondents holds per-person weights (microdata): only its table class and the sampling reads of
        // Barometer.Storage may name it, so no release, publication or public reader can copy it.
        var root = RepositoryLayout.Root;
        var allowed = new[] { "src/Barometer.Storage/Runs/RunRespondentTable.cs", "src/Barometer.Storage/Sampling/SampleStore.cs", "src/Barometer.Storage/Sampling/SampleStore.PlanCells.cs", "src/Barometer.Storage/Schema/Migrations/0006_run_respondents.sql" };
        var naming = Directory.GetFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".sql", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(Path.Combine(root, f)).Contains("run_respondents", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("run_respondents", StoreTables());
        Assert.Empty(naming.Except(allowed));
    }

    [Fact]
    public void StoreTables_AreReadFromTheMigrations()
    {
        var tables = StoreTables();

        Assert.Contains("results", tables);
        Assert.Contains("releases", tables);
        Assert.Contains("sample_persons", tables);
        Assert.DoesNotContain("published_results", tables);
    }

    [Theory]
    [InlineData("var n = session.Scalar(\"SELECT count(*) FROM releases WHERE wave = $w\");", "store table 'releases'")]
    [InlineData("const string Sql = \"INSERT INTO results VALUES (1)\";", "store table 'results'")]
    [InlineData("var sql = $\"SELECT * FROM \\\"survey_2026_gross_sample\\\" g\";", "store table 'survey_2026_gross_sample'")]
    [InlineData("cmd.CommandText = \"UPDATE runs SET status = 'x'\";", "store table 'runs'")]
    [InlineData("using var connection = new DuckDBConnection(path);", "DuckDB used directly")]
    [InlineData("using var command = connection.CreateCommand();", "DuckDB used directly")]
    public void Offences_PlantedViolation_IsReported(string line, string expected)
    {
        var source = "namespace X;\n\npublic static class Planted\n{\n    " + line + "\n}\n";

        var offences = Offences("src/Barometer.Publishing/Planted.cs", source, StoreTables()).ToList();

        var offence = Assert.Single(offences);
        Assert.StartsWith("src/Barometer.Publishing/Planted.cs:5: ", offence, StringComparison.Ordinal);
        Assert.Contains(expected, offence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"SELECT \" + PublishedResult.Columns + \" FROM published_results WHERE wave = @w\"")]
    [InlineData("\"CREATE TABLE IF NOT EXISTS saved_queries (id TEXT PRIMARY KEY)\"")]
    [InlineData("// the run reads FROM results of the release")]
    [InlineData("/// <summary>Reads the store's results table.</summary>")]
    public void Offences_PublicationSideTablesAndProse_AreNotOffences(string line)
    {
        var source = "namespace X;\n" + line + "\n";

        Assert.Empty(Offences("src/Barometer.Publishing/Results/PostgresPublishedResults.cs", source, StoreTables()));
    }
}

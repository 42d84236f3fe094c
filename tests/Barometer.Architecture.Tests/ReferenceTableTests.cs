namespace Barometer.Architecture.Tests;

/// <summary>
/// The project-reference table of docs/architecture.md is the graph: every source project has a row, each row's
/// references are exactly those of its project file, and a compiled assembly uses none of our assemblies that its
/// row does not reach (directly or through the rows it names).
/// </summary>
public class ReferenceTableTests
{
    private const string Prefix = "Barometer.";

    [Fact]
    public void DocumentedTable_HasARowForEverySourceProjectAndNoOther()
    {
        var table = DocumentedTable();

        Assert.Equal(RepositoryLayout.SourceProjects(), table.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ProjectFiles_ReferenceExactlyWhatTheTableSays()
    {
        var table = DocumentedTable();
        var actual = RepositoryLayout.SourceProjects().ToDictionary(p => p, p => (IReadOnlySet<string>)RepositoryLayout.ProjectReferences(p));

        var differences = ReferenceTable.Differences(table, actual);

        Assert.True(differences.Count == 0, "docs/architecture.md's project references differ from the project files: " + string.Join("; ", differences));
    }

    [Fact]
    public void CompiledAssemblies_UseOnlyWhatTheirRowReaches()
    {
        var table = DocumentedTable();
        var offending = new List<string>();
        foreach (var project in RepositoryLayout.SourceProjects())
        {
            var reachable = ReferenceTable.Reachable(table, project);
            offending.AddRange(RepositoryLayout.LoadAssembly(project).GetReferencedAssemblies()
                .Select(a => a.Name ?? string.Empty)
                .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && !reachable.Contains(name))
                .Select(name => $"{project} -> {name}"));
        }

        Assert.True(offending.Count == 0, "compiled references outside docs/architecture.md's table: " + string.Join(", ", offending));
    }

    [Fact]
    public void Check_FindsAPlantedDifference()
    {
        var documented = ReferenceTable.Parse(
            """
            | project | references | notes |
            |---|---|---|
            | Barometer.Estimation | — | nothing of ours |
            | Barometer.Catalogue | — | |
            | Barometer.Web | Publishing, Storage | never Cli |
            """);
        var actual = new Dictionary<string, IReadOnlySet<string>>
        {
            ["Barometer.Estimation"] = new HashSet<string> { "Barometer.Catalogue" },
            ["Barometer.Catalogue"] = new HashSet<string>(),
            ["Barometer.Web"] = new HashSet<string> { "Barometer.Publishing", "Barometer.Storage", "Barometer.Cli" },
            ["Barometer.Reporting"] = new HashSet<string>(),
        };

        var differences = ReferenceTable.Differences(documented, actual);

        Assert.Equal(
            [
                "Barometer.Estimation references Barometer.Catalogue, which the table does not list",
                "Barometer.Reporting has no row in the table",
                "Barometer.Web references Barometer.Cli, which the table does not list",
            ],
            differences);
        Assert.Equal(["Barometer.Publishing", "Barometer.Storage", "Barometer.Web"], ReferenceTable.Reachable(documented, "Barometer.Web").Order(StringComparer.Ordinal));
        Assert.Empty(ReferenceTable.Differences(documented, documented));
    }

    [Fact]
    public void Parse_ReadsTheDocumentedRows()
    {
        var table = DocumentedTable();

        Assert.Empty(table["Barometer.Estimation"]);
        Assert.Equal(["Barometer.Catalogue", "Barometer.Estimation", "Barometer.Storage"], table["Barometer.Production"].Order(StringComparer.Ordinal));
    }

    private static IReadOnlyDictionary<string, IReadOnlySet<string>> DocumentedTable() =>
        ReferenceTable.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "docs", "architecture.md")));
}

/// <summary>Reads the project-reference table of docs/architecture.md and compares it with a project graph.</summary>
internal static class ReferenceTable
{
    /// <summary>
    /// The rows of the first Markdown table headed <c>| project | references |</c>: project → the projects in its
    /// second column (short names, comma-separated, <c>—</c> for none), as full project names.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Parse(string markdown)
    {
        var table = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var inTable = false;
        foreach (var line in markdown.Split('\n').Select(l => l.Trim()))
        {
            if (!inTable)
            {
                inTable = line.StartsWith("| project | references |", StringComparison.Ordinal);
                continue;
            }

            if (!line.StartsWith('|'))
            {
                break;
            }

            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            var references = cells[1] is "—" or "-" or ""
                ? new HashSet<string>(StringComparer.Ordinal)
                : cells[1].Split(',').Select(r => "Barometer." + r.Trim()).ToHashSet(StringComparer.Ordinal);
            table.Add(cells[0], references);
        }

        if (table.Count == 0)
        {
            throw new InvalidOperationException("no '| project | references |' table found");
        }

        return table;
    }

    /// <summary>Every way <paramref name="actual"/> differs from <paramref name="documented"/>, one sentence each, in order.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, IReadOnlySet<string>> documented, IReadOnlyDictionary<string, IReadOnlySet<string>> actual)
    {
        var differences = new List<string>();
        foreach (var (project, references) in actual)
        {
            if (!documented.TryGetValue(project, out var row))
            {
                differences.Add($"{project} has no row in the table");
                continue;
            }

            differences.AddRange(references.Except(row).Select(r => $"{project} references {r}, which the table does not list"));
            differences.AddRange(row.Except(references).Select(r => $"{project} does not reference {r}, which the table lists"));
        }

        differences.AddRange(documented.Keys.Except(actual.Keys).Select(p => $"{p} is in the table but is not a project"));
        differences.Sort(StringComparer.Ordinal);
        return differences;
    }

    /// <summary>The projects reachable from <paramref name="project"/> through the table, itself included.</summary>
    public static IReadOnlySet<string> Reachable(IReadOnlyDictionary<string, IReadOnlySet<string>> table, string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next) && table.TryGetValue(next, out var references))
            {
                foreach (var reference in references)
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }
}

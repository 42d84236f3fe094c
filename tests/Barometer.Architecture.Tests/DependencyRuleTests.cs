namespace Barometer.Architecture.Tests;

/// <summary>
/// The dependency rule of docs/architecture.md: Estimation depends on nothing of ours, the two hosts (Web, Cli)
/// never reference each other, and neither the web host nor the table model references the report. Checked twice: on the compiled assemblies (what the runtime would load) and on the
/// project files (a reference the compiler dropped because no type was used yet still counts).
/// </summary>
public class DependencyRuleTests
{
    private static readonly string[] Forbidden =
    [
        "Barometer.Estimation -> Barometer.*",
        "Barometer.Web -> Barometer.Cli",
        "Barometer.Cli -> Barometer.Web",

        // The web host carries no Node or Chromium code: the report (chart rendering, PDF printing) is the CLI's.
        "Barometer.Web -> Barometer.Reporting",

        // The table model does not know the report written from it.
        "Barometer.Publishing -> Barometer.Reporting",

        // The field host (respondents' answers) and the publication host (released aggregates) are apart: neither
        // references the other, the field host carries no publication code, and the CLI starts it as a child process.
        "Barometer.Fieldwork -> Barometer.Web",
        "Barometer.Fieldwork -> Barometer.Publishing",
        "Barometer.Fieldwork -> Barometer.Reporting",
        "Barometer.Fieldwork -> Barometer.Cli",
        "Barometer.Web -> Barometer.Fieldwork",
        "Barometer.Cli -> Barometer.Fieldwork",
        "Barometer.Publishing -> Barometer.Fieldwork",
    ];

    public static TheoryData<string> Rules() => new(Forbidden);

    [Theory]
    [MemberData(nameof(Rules))]
    public void CompiledAssemblies_FollowTheDependencyRule(string rule)
    {
        var (from, to) = Parse(rule);
        var assembly = RepositoryLayout.LoadAssembly(from);
        var offending = assembly.GetReferencedAssemblies()
            .Select(a => a.Name ?? string.Empty)
            .Where(name => Matches(name, to) && name != from)
            .ToList();
        Assert.True(offending.Count == 0, $"{from} must not reference {to}, but its assembly references {string.Join(", ", offending)}");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void ProjectFiles_FollowTheDependencyRule(string rule)
    {
        var (from, to) = Parse(rule);
        var offending = RepositoryLayout.ProjectReferences(from).Where(name => Matches(name, to)).ToList();
        Assert.True(offending.Count == 0, $"{from} must not reference {to}, but its project file references {string.Join(", ", offending)}");
    }

    [Fact]
    public void EverySourceProject_IsCoveredByThisTest()
    {
        var projects = RepositoryLayout.SourceProjects();
        Assert.Contains("Barometer.Estimation", projects);
        foreach (var project in projects)
        {
            _ = RepositoryLayout.LoadAssembly(project);
        }
    }

    [Fact]
    public void Rule_DetectsAViolation()
    {
        // The matcher itself must be able to fail: a Cli -> Web edge would be caught.
        Assert.True(Matches("Barometer.Web", "Barometer.*"));
        Assert.True(Matches("Barometer.Web", "Barometer.Web"));
        Assert.False(Matches("MathNet.Numerics", "Barometer.*"));
    }

    [Fact]
    public void WebHost_DoesNotReachTheReport_ThroughAnyProject()
    {
        // The web host must not load the report's Node and Chromium code by any path, not only a direct reference.
        var reached = Reachable("Barometer.Web", RepositoryLayout.ProjectReferences);
        Assert.DoesNotContain("Barometer.Reporting", reached);
        Assert.Contains("Barometer.Publishing", reached);
    }

    [Fact]
    public void FieldHost_AndPublicationHost_DoNotReachEachOther_ThroughAnyProject()
    {
        var field = Reachable("Barometer.Fieldwork", RepositoryLayout.ProjectReferences);
        Assert.DoesNotContain("Barometer.Web", field);
        Assert.DoesNotContain("Barometer.Publishing", field);
        Assert.DoesNotContain("Barometer.Reporting", field);
        Assert.Contains("Barometer.Storage", field);
        Assert.DoesNotContain("Barometer.Fieldwork", Reachable("Barometer.Web", RepositoryLayout.ProjectReferences));
        Assert.DoesNotContain("Barometer.Fieldwork", Reachable("Barometer.Cli", RepositoryLayout.ProjectReferences));
    }

    [Fact]
    public void Reachable_DetectsAPlantedIndirectReference()
    {
        // A planted Web -> Publishing -> Reporting edge would be caught.
        var graph = new Dictionary<string, string[]>
        {
            ["Barometer.Web"] = ["Barometer.Publishing"],
            ["Barometer.Publishing"] = ["Barometer.Reporting"],
            ["Barometer.Reporting"] = [],
        };
        Assert.Contains("Barometer.Reporting", Reachable("Barometer.Web", p => graph[p].ToHashSet()));
    }

    private static HashSet<string> Reachable(string from, Func<string, IReadOnlySet<string>> references)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([from]);
        while (stack.Count > 0)
        {
            foreach (var next in references(stack.Pop()))
            {
                if (seen.Add(next))
                {
                    stack.Push(next);
                }
            }
        }

        return seen;
    }

    private static (string From, string To) Parse(string rule)
    {
        var parts = rule.Split(" -> ");
        return (parts[0], parts[1]);
    }

    private static bool Matches(string name, string pattern) =>
        pattern.EndsWith(".*", StringComparison.Ordinal)
            ? name.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(name, pattern, StringComparison.Ordinal);
}

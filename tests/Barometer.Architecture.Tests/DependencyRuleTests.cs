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

using System.Reflection;
using System.Xml.Linq;

namespace Barometer.Architecture.Tests;

/// <summary>Finds the repository and reads the project graph from the project files.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<string> SourceProjects() =>
        Directory.GetDirectories(Path.Combine(Root, "src"))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => File.Exists(Path.Combine(Root, "src", name, name + ".csproj")))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The names of the projects that <paramref name="project"/> references directly in its project file.</summary>
    public static IReadOnlySet<string> ProjectReferences(string project)
    {
        var document = XDocument.Load(Path.Combine(Root, "src", project, project + ".csproj"));
        return document.Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension((string?)e.Attribute("Include") ?? string.Empty))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The compiled assembly of a source project.</summary>
    public static Assembly LoadAssembly(string project)
    {
        // The CLI's assembly is called "barometer" (the command name); every other one is named after its project.
        var assemblyName = project == "Barometer.Cli" ? "barometer" : project;
        return Assembly.Load(new AssemblyName(assemblyName));
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Barometer.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Barometer.slnx not found above the test output folder.");
    }
}

using System.CodeDom.Compiler;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Barometer.Architecture.Tests;

/// <summary>
/// No type name is declared in two of our projects: a newcomer who meets <c>SurveyDesign</c> or <c>ProblemLog</c>
/// should find one concept, not three. Top-level and nested public and internal types count; the generic arity is
/// ignored (<c>Memo</c> and <c>Memo&lt;T&gt;</c> share a name).
/// </summary>
public class TypeNameTests
{
    [Fact]
    public void NoTypeName_IsDeclaredInTwoProjects()
    {
        var declared = RepositoryLayout.SourceProjects()
            .SelectMany(project => DeclaredTypeNames(RepositoryLayout.LoadAssembly(project)).Select(name => (project, name)));

        var duplicates = DuplicateTypeNames.Find(declared);

        Assert.True(duplicates.Count == 0,
            "type names declared in more than one project: " +
            string.Join("; ", duplicates.Select(d => $"{d.Key} ({string.Join(", ", d.Value)})")));
    }

    [Fact]
    public void Check_FindsAPlantedDuplicate()
    {
        // The same detection over a synthetic list: one name in two projects (one of them generic, one nested),
        // one name twice in the same project (allowed), and distinct names.
        (string Project, string Name)[] declared =
        [
            ("Barometer.Production", "ProblemLog"),
            ("Barometer.Synthetic", "ProblemLog`1"),
            ("Barometer.Synthetic", "Truth+ProblemLog"),
            ("Barometer.Catalogue", "Formula"),
            ("Barometer.Catalogue", "Formula"),
            ("Barometer.Storage", "BarometerStore"),
        ];

        var duplicates = DuplicateTypeNames.Find(declared);

        Assert.Equal(["ProblemLog"], duplicates.Keys);
        Assert.Equal(["Barometer.Production", "Barometer.Synthetic"], duplicates["ProblemLog"]);
    }

    [Fact]
    public void DeclaredTypeNames_SeesNestedTypesAndSkipsGeneratedOnes()
    {
        var names = DeclaredTypeNames(typeof(TypeNameTests).Assembly).ToList();

        Assert.Contains("TypeNameTests", names);
        Assert.Contains("DuplicateTypeNames", names);
        Assert.Contains("PlantedNested", names);
        Assert.DoesNotContain(names, n => n.Contains('<', StringComparison.Ordinal));
    }

    /// <summary>
    /// The public and internal types an assembly declares, by simple name, without what the compiler or a source
    /// generator wrote (closures, regex and logging helpers, embedded attributes) and without the entry point's
    /// class: the compiler names the class of top-level statements <c>Program</c> in every host, and no other
    /// project refers to it by name.
    /// </summary>
    internal static IEnumerable<string> DeclaredTypeNames(Assembly assembly)
    {
        var entry = assembly.EntryPoint?.DeclaringType;
        return assembly.GetTypes()
            .Where(t => t != entry && Visible(t) && !Generated(t))
            .Select(t => t.Name);
    }

    private static bool Visible(Type type) =>
        type.IsNested
            ? (type.IsNestedPublic || type.IsNestedAssembly || type.IsNestedFamORAssem) && Visible(type.DeclaringType!)
            : type.IsPublic || type.IsNotPublic;

    private static bool Generated(Type type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (t.Name.Contains('<', StringComparison.Ordinal)
                || (t.Namespace ?? string.Empty).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
                || (t.Namespace ?? string.Empty).StartsWith("System.", StringComparison.Ordinal)
                || (t.Namespace ?? string.Empty).StartsWith("AspNetCoreGeneratedDocument", StringComparison.Ordinal)
                || t.IsDefined(typeof(CompilerGeneratedAttribute), false)
                || t.IsDefined(typeof(GeneratedCodeAttribute), false))
            {
                return true;
            }
        }

        return false;
    }

    internal sealed class PlantedNested;
}

/// <summary>Finds the type names that more than one project declares.</summary>
internal static class DuplicateTypeNames
{
    /// <summary>
    /// Each name declared in two or more projects, with those projects in order. A name is the simple name without
    /// generic arity (<c>Memo`1</c> is <c>Memo</c>) and without the declaring type of a nested type.
    /// </summary>
    public static SortedDictionary<string, IReadOnlyList<string>> Find(IEnumerable<(string Project, string Name)> declared)
    {
        var result = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var group in declared.GroupBy(d => Simple(d.Name), StringComparer.Ordinal))
        {
            var projects = group.Select(d => d.Project).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (projects.Count > 1)
            {
                result[group.Key] = projects;
            }
        }

        return result;
    }

    private static string Simple(string name)
    {
        var nested = name.LastIndexOf('+');
        var simple = nested >= 0 ? name[(nested + 1)..] : name;
        var arity = simple.IndexOf('`', StringComparison.Ordinal);
        return arity >= 0 ? simple[..arity] : simple;
    }
}

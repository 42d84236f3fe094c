using Barometer.Catalogue.Loading;

namespace Barometer.Catalogue.Tests;

/// <summary>A copy of the shipped catalogue in a temporary folder, to inject defects into.</summary>
internal sealed class CatalogueCopy : IDisposable
{
    public CatalogueCopy()
    {
        Directory = Path.Combine(Path.GetTempPath(), "barometer-catalogue-" + Guid.NewGuid().ToString("N"));
        Copy(CatalogueLocator.Locate(), Directory);
    }

    public string Directory { get; }

    /// <summary>Replaces the first occurrence of <paramref name="old"/> in a file and returns the 1-based line it was on.</summary>
    public int Replace(string relative, string old, string replacement)
    {
        var path = Path.Combine(Directory, relative);
        var text = File.ReadAllText(path);
        var index = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{old}' not found in {relative}");
        File.WriteAllText(path, string.Concat(text.AsSpan(0, index), replacement, text.AsSpan(index + old.Length)));
        return LineOf(text, index);
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="fragment"/> in a file of the copy.</summary>
    public int LineOf(string relative, string fragment)
    {
        var text = File.ReadAllText(Path.Combine(Directory, relative));
        var index = text.IndexOf(fragment, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{fragment}' not found in {relative}");
        return LineOf(text, index);
    }

    public CatalogueLoadResult Load() => IndicatorCatalogue.TryLoad(Directory);

    /// <summary>Loads the copy and asserts that it failed with a problem at file:line whose message contains every fragment.</summary>
    public CatalogueProblem AssertProblem(string file, int line, params string[] fragments)
    {
        var result = Load();
        Assert.False(result.IsValid, "the defect was not detected");
        var all = string.Join(Environment.NewLine, result.Problems);
        var match = result.Problems.FirstOrDefault(p =>
            p.Location.File == file && p.Location.Line == line && fragments.All(f => p.Message.Contains(f, StringComparison.Ordinal)));
        Assert.True(match is not null, $"expected a problem at {file}:{line} containing [{string.Join(", ", fragments)}]; got:{Environment.NewLine}{all}");
        return match!;
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static void Copy(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in System.IO.Directory.GetDirectories(from))
        {
            Copy(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}

using Barometer.Catalogue.Loading;

namespace Barometer.Catalogue.Tests.Loading;

public sealed class CatalogueLocatorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "barometer-locator-" + Guid.NewGuid().ToString("N"));

    public CatalogueLocatorTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Find_GivenFolder_WinsOverEverything()
    {
        var working = Catalogue("work");

        Assert.Equal("given", CatalogueLocator.Find("given", working, working));
    }

    [Fact]
    public void Find_NothingGiven_TakesTheNearestCatalogueAtOrAboveTheWorkingDirectory()
    {
        var outer = Catalogue("");
        var inner = Catalogue(Path.Combine("a", "b"));
        var deep = Folder(Path.Combine("a", "b", "c", "d"));
        var application = Catalogue("app");

        Assert.Equal(inner, CatalogueLocator.Find(null, deep, application));
        Assert.Equal(outer, CatalogueLocator.Find(null, Folder("x"), application));
    }

    [Fact]
    public void Find_NoneAboveTheWorkingDirectory_FallsBackToTheApplicationDirectory()
    {
        var application = Catalogue("app");
        Folder(Path.Combine("app", "bin"));
        var working = Path.GetPathRoot(_root)!;

        Assert.Equal(application, CatalogueLocator.Find(null, working, Path.Combine(_root, "app", "bin")));
    }

    [Fact]
    public void Nearest_SkipsACatalogueFolderWithoutClassifications()
    {
        var real = Catalogue("");
        Directory.CreateDirectory(Path.Combine(_root, "a", IndicatorCatalogue.FolderName));

        Assert.Equal(real, CatalogueLocator.Nearest(Folder("a")));
    }

    [Fact]
    public void Find_NoCatalogueAnywhere_IsNull()
    {
        var root = Path.GetPathRoot(_root)!;

        Assert.Null(CatalogueLocator.Find(null, root, root));
    }

    [Fact]
    public void Locate_InsideTheRepository_FindsTheShippedCatalogue()
    {
        var folder = CatalogueLocator.Locate();

        Assert.True(IndicatorCatalogue.TryLoad(folder).IsValid);
        Assert.True(File.Exists(Path.Combine(folder, "..", "Barometer.slnx")));
    }

    private string Folder(string relative) => Directory.CreateDirectory(Path.Combine(_root, relative)).FullName;

    /// <summary>A catalogue folder (with its classifications folder) in <paramref name="relative"/>; returns the catalogue folder.</summary>
    private string Catalogue(string relative)
    {
        var folder = Path.Combine(Folder(relative), IndicatorCatalogue.FolderName);
        Directory.CreateDirectory(Path.Combine(folder, "classifications"));
        return folder;
    }
}

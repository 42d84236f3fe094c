namespace Barometer.Catalogue.Loading;

/// <summary>Collects every problem of a load, so that all of them are reported at once.</summary>
internal sealed class CatalogueProblemLog
{
    private readonly List<CatalogueProblem> _problems = [];

    public IReadOnlyList<CatalogueProblem> Problems => _problems;

    public int Count => _problems.Count;

    public void Add(SourceLocation location, string message) => _problems.Add(new CatalogueProblem(location, message));
}

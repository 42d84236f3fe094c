namespace Barometer.Catalogue;

/// <summary>Where something was defined: a path relative to the catalogue folder and a 1-based line and column.</summary>
public sealed record SourceLocation(string File, int Line, int Column = 1)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>One problem found while loading or validating a catalogue.</summary>
public sealed record CatalogueProblem(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

using System.Text.RegularExpressions;

namespace Barometer.Catalogue.Loading;

/// <summary>What a name in one file must refer to in another; resolved once every file is read.</summary>
internal enum ReferenceKind
{
    SubGoal,
    Classification,
    Scale,
    Block,
    Comparison,
    Unit,
    Register,

    /// <summary>A register code variable with a classification (breakdowns, calibration margins).</summary>
    CodeVariable,

    /// <summary>Any register variable (covariates of an expected-value model).</summary>
    RegisterVariable,
}

internal sealed record PendingReference(ReferenceKind Kind, string Name, SourceLocation Location, string Context);

/// <summary>State shared by the readers of one load: the problem log and the cross-file references to resolve.</summary>
internal sealed partial class LoadContext(string root)
{
    public string Root { get; } = root;

    public CatalogueProblemLog Log { get; } = new();

    public List<PendingReference> References { get; } = [];

    public void Refer(ReferenceKind kind, string? name, SourceLocation location, string context)
    {
        if (name is not null)
        {
            References.Add(new PendingReference(kind, name, location, context));
        }
    }

    /// <summary>Checks that an id is lower-case snake_case (ids end up in URLs, file names and code).</summary>
    public string? Id(YamlMap map, string key = "id")
    {
        var id = map.String(key);
        if (id is not null && !IdPattern().IsMatch(id))
        {
            Log.Add(map.LocationOf(key), $"'{id}' is not a valid {key}: use lower-case letters, digits and _ and start with a letter");
            return null;
        }

        return id;
    }

    /// <summary>Reports the second and later definitions of the same id.</summary>
    public void RequireUnique<T>(IEnumerable<T> items, Func<T, string> id, Func<T, SourceLocation> location, string what)
    {
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = id(item);
            if (seen.TryGetValue(key, out var first))
            {
                Log.Add(location(item), $"duplicate {what} '{key}' (first defined at {first})");
            }
            else
            {
                seen.Add(key, location(item));
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex IdPattern();
}

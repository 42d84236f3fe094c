using Barometer.Catalogue;
using Barometer.Catalogue.Classifications;
using Barometer.Catalogue.Variables;

namespace Barometer.Production.Disclosure;

/// <summary>
/// Two breakdowns of one indicator whose cells hold the same persons: the codes <see cref="CodesA"/> of
/// <see cref="BreakdownA"/> together and the codes <see cref="CodesB"/> of <see cref="BreakdownB"/> together.
/// </summary>
public sealed record NestedRelation(string BreakdownA, IReadOnlyList<string> CodesA, string BreakdownB, IReadOnlyList<string> CodesB);

/// <summary>
/// Relations between breakdowns derived from the same variable, read from the catalogue's derivations (maps between
/// classifications and band schemes), never from a list kept by hand: <c>lan</c> is a map of <c>kommun</c>, so each
/// län holds the persons of its kommuner; <c>birth_region_4</c>, <c>birth_region_8</c> and
/// <c>birth_region_europe</c> are maps of the country of birth, so Sverige of one is Sverige of the others and
/// EU/EFTA + övriga världen of the four groups are the world regions 2–9; the years-in-Sweden bands of
/// <c>years_in_sweden_4</c> and <c>years_in_sweden_5</c> share <c>inr</c> (the native-born), and 10+ years is
/// 10–19 + 20+.
/// <para>
/// Every value of the common source (the codes of its classification, or the whole numbers between its minimum and
/// maximum, and missing) is followed through both derivations; codes linked by a value fall into one component (the
/// finest grouping both breakdowns are unions of). A component is a relation only when every value in it has a code
/// in both breakdowns: persons with 0 years in Sweden are in the 0–1 band of the one and in no band of the other, so
/// the short bands are not related.
/// </para>
/// </summary>
public sealed class NestedBreakdowns
{
    private const string MissingValue = "\u0000missing";
    private readonly Dictionary<(string A, string B), IReadOnlyList<NestedRelation>> _relations;

    private NestedBreakdowns(Dictionary<(string A, string B), IReadOnlyList<NestedRelation>> relations) => _relations = relations;

    /// <summary>No relations between breakdowns (each breakdown only adds up to its total).</summary>
    public static NestedBreakdowns None { get; } = new([]);

    /// <summary>The relations between every two breakdowns that some indicator of the catalogue uses.</summary>
    public static NestedBreakdowns From(IndicatorCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var breakdowns = catalogue.Indicators.SelectMany(i => i.Breakdowns).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var lineages = new Dictionary<string, (string Root, Dictionary<string, string?> Codes)>(StringComparer.Ordinal);
        foreach (var breakdown in breakdowns)
        {
            if (Lineage(catalogue, breakdown, 0) is { } lineage)
            {
                lineages[breakdown] = lineage;
            }
        }

        var relations = new Dictionary<(string A, string B), IReadOnlyList<NestedRelation>>();
        foreach (var a in lineages.Keys)
        {
            foreach (var b in lineages.Keys.Where(b => string.CompareOrdinal(a, b) < 0 && lineages[b].Root == lineages[a].Root))
            {
                var found = Components(a, lineages[a].Codes, b, lineages[b].Codes);
                if (found.Count > 0)
                {
                    relations[(a, b)] = found;
                }
            }
        }

        return new NestedBreakdowns(relations);
    }

    /// <summary>The relations between the breakdowns of one indicator, each pair once, in a fixed order.</summary>
    public IEnumerable<NestedRelation> Among(IReadOnlyList<string> breakdowns)
    {
        ArgumentNullException.ThrowIfNull(breakdowns);
        var sorted = breakdowns.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            for (var j = i + 1; j < sorted.Count; j++)
            {
                if (_relations.TryGetValue((sorted[i], sorted[j]), out var found))
                {
                    foreach (var relation in found)
                    {
                        yield return relation;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether every code of <paramref name="fine"/> lies within one code of <paramref name="coarse"/> (the kommuner
    /// within their län): the fine breakdown then adds up to each coarse code, and through them to the total.
    /// </summary>
    public bool Refines(string fine, string coarse)
    {
        var ordered = string.CompareOrdinal(fine, coarse) < 0;
        if (!_relations.TryGetValue(ordered ? (fine, coarse) : (coarse, fine), out var found))
        {
            return false;
        }

        return found.All(r => (ordered ? r.CodesB : r.CodesA).Count == 1) && found.Any(r => (ordered ? r.CodesA : r.CodesB).Count > 1);
    }

    /// <summary>
    /// The variable a breakdown is derived from through maps and bands (its root), and the code of the breakdown for
    /// every value of the root (null: no code). Null when the root's values cannot be listed.
    /// </summary>
    private static (string Root, Dictionary<string, string?> Codes)? Lineage(IndicatorCatalogue catalogue, string name, int depth)
    {
        if (depth > 16)
        {
            return null;
        }

        var derived = catalogue.DerivedVariables.FirstOrDefault(d => d.Name == name);
        switch (derived?.Derivation)
        {
            case MappingDerivation map:
                {
                    var from = Lineage(catalogue, map.From, depth + 1);
                    if (from is null || catalogue.FindVariable(map.From)?.Classification is not { } source || catalogue.FindClassification(source) is not { } classification)
                    {
                        return null;
                    }

                    return (from.Value.Root, from.Value.Codes.ToDictionary(p => p.Key, p => MapCode(classification, map.Classification, p.Value), StringComparer.Ordinal));
                }

            case BandDerivation bands:
                {
                    if (catalogue.FindClassification(bands.Classification) is not { } scheme
                        || catalogue.RegisterVariables.FirstOrDefault(v => v.Name == bands.From) is not { Type: VariableType.WholeNumber, Min: { } min, Max: { } max })
                    {
                        return null;
                    }

                    var codes = new Dictionary<string, string?>(StringComparer.Ordinal) { [MissingValue] = bands.MissingCode };
                    for (var value = (long)Math.Ceiling(min); value <= (long)Math.Floor(max); value++)
                    {
                        codes[value.ToString(System.Globalization.CultureInfo.InvariantCulture)] = scheme.BandOf(value)?.Code;
                    }

                    return (bands.From, codes);
                }

            case null or RuleDerivation:
                {
                    // A code variable of its own (a register variable, or one derived by a rule): its codes are its values.
                    if (catalogue.FindVariable(name) is not { Type: VariableType.Code, Classification: { } id } || catalogue.FindClassification(id) is not { } classification)
                    {
                        return null;
                    }

                    var codes = classification.Codes.ToDictionary(c => c.Code, c => (string?)c.Code, StringComparer.Ordinal);
                    codes[MissingValue] = null;
                    return (name, codes);
                }

            default:
                return null;
        }
    }

    private static string? MapCode(Classification classification, string target, string? code) =>
        code is not null && classification.Find(code) is { } found && found.Mappings.TryGetValue(target, out var mapped) ? mapped : null;

    /// <summary>The components of the codes of two breakdowns linked by a common value, without those a value leaves on one side only.</summary>
    private static List<NestedRelation> Components(string a, Dictionary<string, string?> codesA, string b, Dictionary<string, string?> codesB)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        string Root(string node)
        {
            while (parent[node] != node)
            {
                node = parent[node] = parent[parent[node]];
            }

            return node;
        }

        void Add(string node) => parent.TryAdd(node, node);
        var leaking = new List<string>();
        foreach (var (value, codeA) in codesA)
        {
            var codeB = codesB.GetValueOrDefault(value);
            if (codeA is not null)
            {
                Add("a" + codeA);
            }

            if (codeB is not null)
            {
                Add("b" + codeB);
            }

            if (codeA is not null && codeB is not null)
            {
                var (x, y) = (Root("a" + codeA), Root("b" + codeB));
                if (x != y)
                {
                    parent[x] = y;
                }
            }
            else if (codeA is not null || codeB is not null)
            {
                leaking.Add(codeA is not null ? "a" + codeA : "b" + codeB);
            }
        }

        var leaks = leaking.Select(Root).ToHashSet(StringComparer.Ordinal);
        return [.. parent.Keys.GroupBy(Root, StringComparer.Ordinal)
            .Where(g => !leaks.Contains(g.Key))
            .Select(g => new NestedRelation(
                a, [.. g.Where(n => n[0] == 'a').Select(n => n[1..]).Order(StringComparer.Ordinal)],
                b, [.. g.Where(n => n[0] == 'b').Select(n => n[1..]).Order(StringComparer.Ordinal)]))
            .Where(r => r.CodesA.Count > 0 && r.CodesB.Count > 0)
            .OrderBy(r => r.CodesA[0], StringComparer.Ordinal)];
    }
}

using Barometer.Catalogue.Text;

namespace Barometer.Catalogue.Classifications;

/// <summary>One code of a classification. A band of a band scheme has a minimum and/or maximum (both inclusive).</summary>
/// <param name="Mappings">The code this code maps to in other classifications, by their id (e.g. a country to its region).</param>
public sealed record ClassificationCode(
    string Code,
    LocalizedText Label,
    double? Min,
    double? Max,
    IReadOnlyDictionary<string, string> Mappings,
    SourceLocation Location)
{
    public bool IsBand => Min is not null || Max is not null;

    public bool Contains(double value) => IsBand && (Min is null || value >= Min) && (Max is null || value <= Max);
}

/// <summary>A code list with Swedish and English labels, e.g. kön, län, an age-band scheme or countries of birth.</summary>
public sealed class Classification
{
    private readonly Dictionary<string, ClassificationCode> _byCode;

    public Classification(string id, LocalizedText name, string? source, IReadOnlyList<ClassificationCode> codes, IReadOnlyList<string> mapsTo, SourceLocation location)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Id = id;
        Name = name;
        Source = source;
        Codes = codes;
        MapsTo = mapsTo;
        Location = location;
        _byCode = new Dictionary<string, ClassificationCode>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            _byCode.TryAdd(code.Code, code);
        }
    }

    public string Id { get; }

    public LocalizedText Name { get; }

    /// <summary>Where the codes come from (attribution), or null.</summary>
    public string? Source { get; }

    public IReadOnlyList<ClassificationCode> Codes { get; }

    /// <summary>The classifications every code of this one maps to (each code maps to exactly one code of each).</summary>
    public IReadOnlyList<string> MapsTo { get; }

    public SourceLocation Location { get; }

    /// <summary>True when the codes are bands over a number (age bands, vistelsetid).</summary>
    public bool IsBandScheme => Codes.Any(c => c.IsBand);

    public bool Contains(string code) => _byCode.ContainsKey(code);

    public ClassificationCode? Find(string code) => _byCode.GetValueOrDefault(code);

    public ClassificationCode this[string code] =>
        Find(code) ?? throw new KeyNotFoundException($"code '{code}' is not in classification '{Id}'");

    /// <summary>The code of <paramref name="target"/> that <paramref name="code"/> maps to.</summary>
    public string MapTo(string target, string code) =>
        this[code].Mappings.TryGetValue(target, out var mapped)
            ? mapped
            : throw new KeyNotFoundException($"classification '{Id}' has no mapping to '{target}'");

    /// <summary>The band containing <paramref name="value"/>, or null when no band does.</summary>
    public ClassificationCode? BandOf(double value) => Codes.FirstOrDefault(c => c.Contains(value));
}

namespace Barometer.Publishing.Results;

/// <summary>
/// A released version of a wave: which run it froze and from when it is public (the embargo). Every version of every
/// wave is read; <see cref="PublishedSnapshot.AsOf"/> decides which one the public may see at a given moment.
/// </summary>
public sealed record PublishedRelease(int Wave, int Version, int RunId, DateTimeOffset ReleaseTime, DateTimeOffset CreatedAt, string? Note);

/// <summary>
/// One released cell as the store holds it (see docs/architecture.md, "Results and releases"): an indicator's
/// <paramref name="Measure"/> (<c>level</c>, <c>gap</c>, <c>standardised_gap</c>, <c>change</c>) for one
/// <paramref name="Cell"/> of one <paramref name="Breakdown"/> (<c>total</c> with an empty cell, or a catalogue
/// breakdown variable and its code) and one <paramref name="ComparisonGroup"/>. Values are on the statistic's scale
/// (shares 0–1). A suppressed cell has no numbers and names the <paramref name="SuppressionRule"/> that hid it.
/// </summary>
public sealed record PublishedResult(
    int Wave,
    int Version,
    string Indicator,
    string Measure,
    string Breakdown,
    string Cell,
    string ComparisonGroup,
    string Source,
    double? Estimate,
    double? StandardError,
    double? CiLower,
    double? CiUpper,
    long? Respondents,
    double? Population,
    double? RelativeMargin,
    bool? Significant,
    string? QualityFlag,
    string? SuppressionRule)
{
    /// <summary>Half the width of the 95 % interval ("Felmarginal ±"), or null when there is no interval.</summary>
    public double? Margin => CiLower is { } lower && CiUpper is { } upper ? (upper - lower) / 2 : null;
}

using System.Data.Common;
using Barometer.Storage.Results;

namespace Barometer.Publishing.Results;

/// <summary>
/// A released version of a wave: which run it froze and from when it is public (the embargo). Every version of every
/// wave is read; <see cref="PublishedSnapshot.AsOf"/> decides which one the public may see at a given moment.
/// </summary>
public sealed record PublishedRelease(int Wave, int Version, int RunId, DateTimeOffset ReleaseTime, DateTimeOffset CreatedAt, string? Note)
{
    /// <summary>
    /// The previous wave's released version this release's changes were computed against (the run's
    /// <c>rules.changes</c>), or null when there was none. The changes are public only while that version is the
    /// public one of its wave (<see cref="PublishedSnapshot.AsOf"/>): level − change gives the previous level.
    /// </summary>
    public ReleaseKey? ChangesAgainst { get; init; }
}

/// <summary>A released version of a wave.</summary>
public sealed record ReleaseKey(int Wave, int Version);

/// <summary>
/// One released cell: the store's <see cref="ResultRow"/> as released in <paramref name="Wave"/>, version
/// <paramref name="Version"/>, with the same field names and types (without the degrees of freedom, which are not
/// published). An indicator's <paramref name="Measure"/> for one <paramref name="Cell"/> of one
/// <paramref name="Breakdown"/> (<c>total</c> with an empty cell, or a catalogue breakdown variable and its code) and
/// one <paramref name="ComparisonGroup"/> (<see cref="ComparisonGroups"/>). Values are on the statistic's scale
/// (shares 0–1). A suppressed cell has no numbers and names the <paramref name="SuppressionRule"/> that hid it
/// (<see cref="SuppressionRules"/>).
/// </summary>
public sealed record PublishedResult(
    int Wave,
    int Version,
    string Indicator,
    Measure Measure,
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

    /// <summary>
    /// The SELECT list every backend reads a result with, in the order <see cref="Read"/> expects (prefix the columns
    /// with a table alias where needed).
    /// </summary>
    public const string Columns =
        "wave, version, indicator, measure, breakdown, cell, comparison_group, source, estimate, standard_error, ci_lower, " +
        "ci_upper, respondents, population, relative_margin, significant, quality_flag, suppression_rule";

    /// <summary>A result row of the store as released in a wave's version.</summary>
    public static PublishedResult From(int wave, int version, ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new PublishedResult(
            wave, version, row.Indicator, row.Measure, row.Breakdown, row.Cell, row.ComparisonGroup, row.Source, row.Estimate, row.StandardError,
            row.CiLower, row.CiUpper, row.Respondents, row.Population, row.RelativeMargin, row.Significant, row.QualityFlag, row.SuppressionRule);
    }

    /// <summary>Reads the current row of a reader whose columns are <see cref="Columns"/>, in that order.</summary>
    public static PublishedResult Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new PublishedResult(
            reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), MeasureCodes.Parse(reader.GetString(3)), reader.GetString(4),
            reader.GetString(5), reader.GetString(6), reader.GetString(7), NullableDouble(reader, 8), NullableDouble(reader, 9),
            NullableDouble(reader, 10), NullableDouble(reader, 11), reader.IsDBNull(12) ? null : reader.GetInt64(12),
            NullableDouble(reader, 13), NullableDouble(reader, 14), reader.IsDBNull(15) ? null : reader.GetBoolean(15),
            reader.IsDBNull(16) ? null : reader.GetString(16), reader.IsDBNull(17) ? null : reader.GetString(17));
    }

    private static double? NullableDouble(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}

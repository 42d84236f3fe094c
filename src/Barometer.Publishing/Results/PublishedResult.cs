using System.Data.Common;
using Barometer.Storage.Results;
using Barometer.Storage.Runs;

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

    /// <summary>
    /// The released run's rules as its provenance recorded them (the JSON of <see cref="RunRules"/>), or null where
    /// they are not known (a release published to PostgreSQL before its schema version 4).
    /// </summary>
    public string? RulesJson { get; init; }

    /// <summary>The released run's rules (<see cref="RulesJson"/>), or null.</summary>
    public RunRules? Rules => RunRules.FromJson(RulesJson);

    /// <summary>
    /// The released wave's nonresponse analysis as the public may see it (the JSON of <see cref="PublishedQuality"/>),
    /// or null where the run stored none or the release was published to PostgreSQL before its schema version 5.
    /// </summary>
    public string? QualityJson { get; init; }

    /// <summary>The released wave's nonresponse analysis (<see cref="QualityJson"/>), or null.</summary>
    public PublishedQuality? Quality => PublishedQuality.FromJson(QualityJson);
}

/// <summary>A released version of a wave.</summary>
public sealed record ReleaseKey(int Wave, int Version);

/// <summary>
/// One released cell: the store's <see cref="ResultRow"/> (<see cref="Row"/>, whose fields are the cell's: indicator,
/// measure, breakdown and cell, comparison group, numbers, suppression rule) as released in <paramref name="Wave"/>,
/// version <paramref name="Version"/>. The degrees of freedom are not published: the row never carries them here,
/// however it was made.
/// </summary>
public sealed record PublishedResult(int Wave, int Version, ResultRow Row)
{
    private readonly ResultRow _row = WithoutDegreesOfFreedom(Row);

    /// <summary>The released row, without its degrees of freedom.</summary>
    public ResultRow Row
    {
        get => _row;
        init => _row = WithoutDegreesOfFreedom(value);
    }

    /// <summary>Half the width of the interval ("Felmarginal ±"), or null when there is no interval.</summary>
    public double? Margin => Row.CiLower is { } lower && Row.CiUpper is { } upper ? (upper - lower) / 2 : null;

    /// <summary>
    /// The SELECT list of a table of released cells (wave, version and the row's columns without the degrees of
    /// freedom), in the order <see cref="Read"/> expects.
    /// </summary>
    public const string Columns = "wave, version, " + ResultColumns.WithoutDegreesOfFreedom;

    /// <summary>Reads the current row of a reader whose columns are <see cref="Columns"/>, in that order.</summary>
    public static PublishedResult Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new PublishedResult(reader.GetInt32(0), reader.GetInt32(1), ResultColumns.Read(reader, 2));
    }

    private static ResultRow WithoutDegreesOfFreedom(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.DegreesOfFreedom is null ? row : row with { DegreesOfFreedom = null };
    }
}

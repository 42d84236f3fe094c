using System.Data.Common;

namespace Barometer.Storage.Results;

/// <summary>
/// The one way a <see cref="ResultRow"/> is read from a table: the column list in the order <see cref="Read"/> expects,
/// used by the store's readers (<see cref="ResultTable"/>, <c>ReleaseTable</c>) and by the publication side's copy of
/// the released rows in PostgreSQL, which has the same columns except the degrees of freedom (never published).
/// </summary>
public static class ResultColumns
{
    /// <summary>The SELECT list of a result row, in the order of <see cref="Read"/>; the names are unique among the store's tables that a result is joined with.</summary>
    public const string All =
        "indicator, breakdown, cell, comparison_group, measure, source, estimate, standard_error, ci_lower, ci_upper, degrees_of_freedom, " +
        "respondents, population, relative_margin, significant, quality_flag, suppression_rule";

    /// <summary><see cref="All"/> for a table of released cells, which has no degrees of freedom: they are read as missing.</summary>
    public const string WithoutDegreesOfFreedom =
        "indicator, breakdown, cell, comparison_group, measure, source, estimate, standard_error, ci_lower, ci_upper, NULL AS degrees_of_freedom, " +
        "respondents, population, relative_margin, significant, quality_flag, suppression_rule";

    /// <summary>The number of columns in <see cref="All"/>.</summary>
    public const int Count = 17;

    /// <summary>Reads the result row whose <see cref="All"/> columns start at <paramref name="first"/> in the reader's current row.</summary>
    public static ResultRow Read(DbDataReader reader, int first = 0)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var i = first;
        return new ResultRow(
            reader.GetString(i), reader.GetString(i + 1), reader.GetString(i + 2), reader.GetString(i + 3), MeasureCodes.Parse(reader.GetString(i + 4)),
            reader.GetString(i + 5), Number(reader, i + 6), Number(reader, i + 7), Number(reader, i + 8), Number(reader, i + 9), Number(reader, i + 10),
            reader.IsDBNull(i + 11) ? null : reader.GetInt64(i + 11), Number(reader, i + 12), Number(reader, i + 13),
            reader.IsDBNull(i + 14) ? null : reader.GetBoolean(i + 14), Text(reader, i + 15), Text(reader, i + 16));
    }

    private static double? Number(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

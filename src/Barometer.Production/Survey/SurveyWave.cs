using System.Globalization;
using Barometer.Catalogue.Expressions;
using Barometer.Storage;
using Barometer.Storage.Ingestion;

namespace Barometer.Production.Survey;

/// <summary>
/// The respondents of one wave as stored by ingest: the gross-sample row (design and register variables) joined with
/// the responses row (answers) of every person who responded, in person_id order.
/// </summary>
public sealed class SurveyWave
{
    private SurveyWave(int wave, IReadOnlyList<string> columns, IReadOnlyList<Value[]> rows)
    {
        Wave = wave;
        Columns = columns;
        Rows = rows;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < columns.Count; c++)
        {
            index[columns[c]] = c;
        }

        ColumnIndex = index;
    }

    public int Wave { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyDictionary<string, int> ColumnIndex { get; }

    public IReadOnlyList<Value[]> Rows { get; }

    public Value Get(int row, string column) => ColumnIndex.TryGetValue(column, out var c) ? Rows[row][c] : Value.Missing;

    /// <summary>Reads the wave, or returns null with a reason when the store does not hold it.</summary>
    public static SurveyWave? Read(StoreSession session, int wave, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (InputTables.Respondents(session, wave) is not { } stored)
        {
            problem = string.Create(CultureInfo.InvariantCulture,
                $"the store holds no survey wave {wave} (gross sample and responses); ingest it first with `barometer ingest --survey DIR --wave {wave}`.");
            return null;
        }

        var (columns, rows) = (stored.Columns, stored.Rows);
        problem = rows.Count == 0 ? string.Create(CultureInfo.InvariantCulture, $"survey wave {wave} has no respondents.") : null;
        return rows.Count == 0 ? null : new SurveyWave(wave, columns, rows);
    }
}

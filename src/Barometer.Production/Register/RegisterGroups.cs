using System.Globalization;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Storage;
using Barometer.Storage.Ingestion;

namespace Barometer.Production.Register;

/// <summary>
/// Persons of the register counted by the combinations of a few raw columns (DuckDB does the grouping), so that
/// catalogue variables derived from those columns are evaluated once per combination instead of once per person.
/// </summary>
public static class RegisterGroups
{
    public sealed record Group(IReadOnlyDictionary<string, Value> Values, long Persons)
    {
        public Value Get(string name) => Values.TryGetValue(name, out var v) ? v : Value.Missing;
    }

    public static string? Table(StoreSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return InputTables.Register(session);
    }

    public static IReadOnlyList<Group> Count(StoreSession session, string table, IReadOnlyList<string> columns, AgeRange? age)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(columns);
        var present = session.ColumnsOf(table).ToHashSet(StringComparer.Ordinal);
        var used = columns.Where(present.Contains).Distinct(StringComparer.Ordinal).ToList();
        var list = string.Join(", ", used.Select(SqlText.Identifier));
        var where = age is null ? "" : string.Create(CultureInfo.InvariantCulture, $" WHERE age BETWEEN {age.Min} AND {age.Max}");
        var sql = used.Count == 0
            ? $"SELECT count(*) FROM {SqlText.Identifier(table)}{where}"
            : $"SELECT {list}, count(*) FROM {SqlText.Identifier(table)}{where} GROUP BY ALL ORDER BY ALL";
        return session.Query(sql, r =>
        {
            var values = new Dictionary<string, Value>(StringComparer.Ordinal);
            for (var c = 0; c < used.Count; c++)
            {
                values[used[c]] = StoredValues.ToValue(r.IsDBNull(c) ? null : r.GetValue(c));
            }

            return new Group(values, Convert.ToInt64(r.GetValue(used.Count), CultureInfo.InvariantCulture));
        });
    }
}

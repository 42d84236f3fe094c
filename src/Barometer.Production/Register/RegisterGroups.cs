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
        return [.. InputTables.CountBy(session, table, columns, age is null ? null : (age.Min, age.Max)).Select(g => new Group(g.Values, g.Persons))];
    }
}

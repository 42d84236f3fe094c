using System.Globalization;
using Barometer.Catalogue.Expressions;
using DuckDB.NET.Data;

namespace Barometer.Production.Inputs;

/// <summary>
/// The open transaction a production step reads and writes through. Everything a run or a release does happens in
/// one such transaction (see <see cref="Storage.BarometerStore.InTransaction{T}"/>), so an aborted or killed run
/// leaves the store as it was.
/// </summary>
public sealed class StoreSession(DuckDBTransaction transaction)
{
    public DuckDBTransaction Transaction { get; } = transaction ?? throw new ArgumentNullException(nameof(transaction));

    public DuckDBConnection Connection => (DuckDBConnection)Transaction.Connection!;

    public DuckDBCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(name, value ?? DBNull.Value));
        }

        return command;
    }

    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public List<T> Query<T>(string sql, Func<DuckDBDataReader, T> map, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>The table holding an ingested file of the given scope, wave and kind, or null.</summary>
    public string? TableOf(string scope, int? wave, string kind) => Query(
        "SELECT table_name FROM ingested_files WHERE scope = $scope AND kind = $kind AND (wave = $wave OR ($wave IS NULL AND wave IS NULL)) ORDER BY table_name LIMIT 1",
        r => r.GetString(0), ("scope", scope), ("kind", kind), ("wave", wave)).FirstOrDefault();

    public IReadOnlyList<string> ColumnsOf(string table) => Query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position",
        r => r.GetString(0), ("t", table));

    /// <summary>A catalogue value from a stored cell: text, number (integers too), truth value, or missing.</summary>
    public static Value ToValue(object? cell) => cell switch
    {
        null or DBNull => Value.Missing,
        string s => Value.Of(s),
        bool b => Value.Of(b),
        double d => double.IsNaN(d) ? Value.Missing : Value.Of(d),
        float f => Value.Of(f),
        long l => Value.Of(l),
        int i => Value.Of(i),
        short s16 => Value.Of(s16),
        sbyte s8 => Value.Of(s8),
        byte u8 => Value.Of(u8),
        decimal m => Value.Of((double)m),
        System.Numerics.BigInteger big => Value.Of((double)big),
        _ => Value.Of(Convert.ToString(cell, CultureInfo.InvariantCulture)),
    };

    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

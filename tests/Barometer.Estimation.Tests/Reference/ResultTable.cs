using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Barometer.Estimation.Tests.Reference;

/// <summary>The identity of a result row: estimate, domain, category.</summary>
internal sealed record ResultKey(string EstimateId, string Domain, string Category)
{
    public override string ToString() => $"{EstimateId} [{Domain}] [{Category}]";
}

/// <summary>
/// One row of a result file of <c>barometer estimate</c> (or of an R golden file in the same format); a golden file of
/// a case checked on the design effect (<c>compare.yaml</c>) has R's deff as a last column, empty where R gives none.
/// </summary>
internal sealed record ResultRow(ResultKey Key, double Estimate, double Se, double CiLow, double CiHigh, double Df, int N, double? DesignEffect = null);

/// <summary>A result file read back: the rows in file order, found by key.</summary>
internal sealed class ResultTable
{
    public const string Header = "estimate_id,domain,category,estimate,se,ci_low,ci_high,df,n";

    /// <summary>The header of a golden file with R's design effects.</summary>
    public const string HeaderWithDesignEffect = Header + ",deff";

    private ResultTable(IReadOnlyList<ResultRow> rows)
    {
        Rows = rows;
        ByKey = rows.ToDictionary(r => r.Key);
    }

    public IReadOnlyList<ResultRow> Rows { get; }

    public IReadOnlyDictionary<ResultKey, ResultRow> ByKey { get; }

    /// <summary>Whether the file has R's design effects (<see cref="HeaderWithDesignEffect"/>).</summary>
    public bool HasDesignEffects => Rows.Any(r => r.DesignEffect is not null);

    /// <summary>The engine's rows of a run, with their design effects (which <c>barometer estimate</c> does not print).</summary>
    public static ResultTable FromRows(IEnumerable<Barometer.Estimation.Requests.EstimateRow> rows) =>
        new([.. rows.Select(r => new ResultRow(new ResultKey(r.EstimateId, r.Domain, r.Category), r.Value, r.StandardError, r.CiLow, r.CiHigh,
            r.DegreesOfFreedom, r.N, r.DesignEffect))]);

    public static ResultTable Parse(string text, string source)
    {
        var firstLine = text.Split('\n', 2)[0].TrimEnd('\r');
        if (firstLine != Header && firstLine != HeaderWithDesignEffect)
        {
            throw new InvalidDataException($"{source}: the header is '{firstLine}', expected '{Header}' (or '{HeaderWithDesignEffect}').");
        }

        var withDesignEffect = firstLine == HeaderWithDesignEffect;

        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = true };
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, config);
        csv.Read();
        csv.ReadHeader();
        var rows = new List<ResultRow>();
        while (csv.Read())
        {
            var key = new ResultKey(csv.GetField(0)!, csv.GetField(1)!, csv.GetField(2)!);
            rows.Add(new ResultRow(
                key,
                Number(csv.GetField(3), source, key),
                Number(csv.GetField(4), source, key),
                Number(csv.GetField(5), source, key),
                Number(csv.GetField(6), source, key),
                Number(csv.GetField(7), source, key),
                int.Parse(csv.GetField(8)!, NumberStyles.Integer, CultureInfo.InvariantCulture),
                withDesignEffect && csv.GetField(9) is { Length: > 0 } deff ? Number(deff, source, key) : null));
        }

        var duplicate = rows.GroupBy(r => r.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"{source}: the row {duplicate.Key} appears {duplicate.Count()} times.");
        }

        return new ResultTable(rows);
    }

    private static double Number(string? text, string source, ResultKey key) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new InvalidDataException($"{source}: row {key} holds '{text}' where a finite number belongs.");
}

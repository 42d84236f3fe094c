using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Parquet;
using Parquet.Schema;

namespace Barometer.Synthetic.Output;

/// <summary>The output file format.</summary>
public enum OutputFormat
{
    /// <summary>Apache Parquet (the default).</summary>
    Parquet,

    /// <summary>Comma-separated values, UTF-8, header row, '.' as decimal separator, empty for missing.</summary>
    Csv,
}

/// <summary>Writes a <see cref="SyntheticTable"/> to a file in one of the <see cref="OutputFormat"/>s.</summary>
internal static class TableWriters
{
    public const int RowGroupSize = 1 << 20;

    public static string Extension(OutputFormat format) => format == OutputFormat.Parquet ? ".parquet" : ".csv";

    public static void Write(SyntheticTable table, string path, OutputFormat format, Action<int> rowsWritten)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (format == OutputFormat.Parquet)
        {
            WriteParquetAsync(table, path, rowsWritten).GetAwaiter().GetResult();
        }
        else
        {
            WriteCsv(table, path, rowsWritten);
        }
    }

    private static async Task WriteParquetAsync(SyntheticTable table, string path, Action<int> rowsWritten)
    {
        var fields = table.Columns.Select(c => c.Kind switch
        {
            ColumnKind.WholeNumber => (DataField)(c.Nullable ? new DataField<int?>(c.Name) : new DataField<int>(c.Name)),
            ColumnKind.Number => c.Nullable ? new DataField<double?>(c.Name) : new DataField<double>(c.Name),
            ColumnKind.Text => new DataField<string>(c.Name, c.Nullable),
            _ => c.Nullable ? new DataField<bool?>(c.Name) : new DataField<bool>(c.Name),
        }).ToArray();
        var schema = new ParquetSchema(fields);
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, options).ConfigureAwait(false);
        for (var start = 0; start < table.RowCount || (start == 0 && table.RowCount == 0); start += RowGroupSize)
        {
            var count = Math.Min(RowGroupSize, table.RowCount - start);
            var buffers = new object[table.Columns.Count];
            Parallel.For(0, table.Columns.Count, k => buffers[k] = Materialize(table.Columns[k], start, count));
            using var group = writer.CreateRowGroup();
            for (var k = 0; k < table.Columns.Count; k++)
            {
                switch (buffers[k])
                {
                    case int[] ints:
                        await group.WriteAsync<int>(fields[k], ints).ConfigureAwait(false);
                        break;
                    case int?[] nullableInts:
                        await group.WriteAsync<int>(fields[k], nullableInts).ConfigureAwait(false);
                        break;
                    case double[] doubles:
                        await group.WriteAsync<double>(fields[k], doubles).ConfigureAwait(false);
                        break;
                    case double?[] nullableDoubles:
                        await group.WriteAsync<double>(fields[k], nullableDoubles).ConfigureAwait(false);
                        break;
                    case string?[] strings:
                        await group.WriteAsync(fields[k], strings!).ConfigureAwait(false);
                        break;
                    case bool[] bools:
                        await group.WriteAsync<bool>(fields[k], bools).ConfigureAwait(false);
                        break;
                    case bool?[] nullableBools:
                        await group.WriteAsync<bool>(fields[k], nullableBools).ConfigureAwait(false);
                        break;
                    default:
                        throw new InvalidOperationException($"Column '{table.Columns[k].Name}' has no buffer.");
                }
            }

            rowsWritten(count);
            if (table.RowCount == 0)
            {
                break;
            }
        }
    }

    private static object Materialize(ColumnSpec c, int start, int count)
    {
        switch (c.Kind)
        {
            case ColumnKind.WholeNumber when c.Nullable:
                {
                    var a = new int?[count];
                    for (var i = 0; i < count; i++)
                    {
                        var v = c.IntValue!(start + i);
                        a[i] = v == ColumnSpec.MissingInteger ? null : v;
                    }

                    return a;
                }

            case ColumnKind.WholeNumber:
                {
                    var a = new int[count];
                    for (var i = 0; i < count; i++)
                    {
                        a[i] = c.IntValue!(start + i);
                    }

                    return a;
                }

            case ColumnKind.Number when c.Nullable:
                {
                    var a = new double?[count];
                    for (var i = 0; i < count; i++)
                    {
                        var v = c.NumberValue!(start + i);
                        a[i] = double.IsNaN(v) ? null : v;
                    }

                    return a;
                }

            case ColumnKind.Number:
                {
                    var a = new double[count];
                    for (var i = 0; i < count; i++)
                    {
                        a[i] = c.NumberValue!(start + i);
                    }

                    return a;
                }

            case ColumnKind.Text:
                {
                    var a = new string?[count];
                    for (var i = 0; i < count; i++)
                    {
                        a[i] = c.TextValue!(start + i);
                    }

                    return a;
                }

            case ColumnKind.Flag when c.Nullable:
                {
                    var a = new bool?[count];
                    for (var i = 0; i < count; i++)
                    {
                        a[i] = c.NullableBoolValue!(start + i);
                    }

                    return a;
                }

            default:
                {
                    var a = new bool[count];
                    for (var i = 0; i < count; i++)
                    {
                        a[i] = c.BoolValue!(start + i);
                    }

                    return a;
                }
        }
    }

    private static void WriteCsv(SyntheticTable table, string path, Action<int> rowsWritten)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        using var text = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using var csv = new CsvWriter(text, config);
        foreach (var c in table.Columns)
        {
            csv.WriteField(c.Name);
        }

        csv.NextRecord();
        const int block = 1 << 16;
        for (var start = 0; start < table.RowCount; start += block)
        {
            var count = Math.Min(block, table.RowCount - start);
            var cells = new string?[table.Columns.Count][];
            Parallel.For(0, table.Columns.Count, k => cells[k] = Format(table.Columns[k], start, count));
            for (var i = 0; i < count; i++)
            {
                for (var k = 0; k < cells.Length; k++)
                {
                    csv.WriteField(cells[k][i]);
                }

                csv.NextRecord();
            }

            rowsWritten(count);
        }
    }

    private static string?[] Format(ColumnSpec c, int start, int count)
    {
        var a = new string?[count];
        for (var i = 0; i < count; i++)
        {
            var row = start + i;
            a[i] = c.Kind switch
            {
                ColumnKind.WholeNumber => c.IntValue!(row) is var v && v == ColumnSpec.MissingInteger ? null : v.ToString(CultureInfo.InvariantCulture),
                ColumnKind.Number => c.NumberValue!(row) is var d && double.IsNaN(d) ? null : d.ToString("R", CultureInfo.InvariantCulture),
                ColumnKind.Text => c.TextValue!(row),
                _ when c.Nullable => c.NullableBoolValue!(row) is { } b ? (b ? "true" : "false") : null,
                _ => c.BoolValue!(row) ? "true" : "false",
            };
        }

        return a;
    }
}

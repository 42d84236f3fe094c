using Barometer.Publishing.Cubes;
using Parquet;
using Parquet.Schema;

namespace Barometer.Publishing.Formats;

/// <summary>
/// Writes a cube as Parquet in long format, one row per cell in the cube's order: per dimension a column with the
/// value code (named by the dimension code) and one with its label in the requested language
/// (<c>{code}_label</c>), then <c>value</c> (double, null where hidden or missing, not rounded) and <c>status</c>
/// (the symbol, or null).
/// </summary>
public sealed class ParquetCubeWriter : ICubeWriter
{
    public const string ValueColumn = "value";

    public const string StatusColumn = "status";

    public const string LabelSuffix = "_label";

    public string Format => "parquet";

    public string ContentType => "application/vnd.apache.parquet";

    public string FileExtension => "parquet";

    public void Write(Cube cube, Stream output, CubeWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(cube);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var layout = new CubeLayout(cube);
        var cells = options.IncludeValues ? cube.Values.Count : 0;
        var columns = new List<(DataField Field, string?[] Texts)>();
        for (var d = 0; d < cube.Dimensions.Count; d++)
        {
            var dimension = cube.Dimensions[d];
            var codes = new string?[cells];
            var labels = new string?[cells];
            var stride = cube.Dimensions.Skip(d + 1).Aggregate(1, (n, x) => n * x.Values.Count);
            for (var cell = 0; cell < cells; cell++)
            {
                var value = dimension.Values[cell / stride % dimension.Values.Count];
                codes[cell] = value.Code;
                labels[cell] = value.Label[options.Language];
            }

            columns.Add((new DataField<string>(dimension.Code), codes));
            columns.Add((new DataField<string>(dimension.Code + LabelSuffix), labels));
        }

        var values = new double?[cells];
        var status = new string?[cells];
        for (var cell = 0; cell < cells; cell++)
        {
            values[cell] = layout.ShowsSymbol(cell, out _) ? null : cube.Values[cell];
            status[cell] = cube.Status[cell];
        }

        columns.Add((new DataField<string>(StatusColumn), status));

        // Parquet.Net writes asynchronously and seeks back for the footer; a buffer keeps both away from the caller.
        using var buffer = new MemoryStream();
        WriteAsync(buffer, columns, new DataField<double?>(ValueColumn), values).GetAwaiter().GetResult();
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static async Task WriteAsync(Stream stream, List<(DataField Field, string?[] Texts)> texts, DataField valueField, double?[] values)
    {
        // The value column sits before status, as in the documented column order.
        var fields = texts.Take(texts.Count - 1).Select(c => c.Field).Append(valueField).Append(texts[^1].Field).ToArray();
        var schema = new ParquetSchema(fields);
        var writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < texts.Count - 1; i++)
            {
                await group.WriteAsync(texts[i].Field, texts[i].Texts).ConfigureAwait(false);
            }

            await group.WriteAsync(valueField, new ReadOnlyMemory<double?>(values)).ConfigureAwait(false);
            await group.WriteAsync(texts[^1].Field, texts[^1].Texts).ConfigureAwait(false);
        }
    }
}

using Barometer.Catalogue.Text;
using Barometer.Publishing.Formats;
using Parquet;

namespace Barometer.Publishing.Tests.Formats;

public class ParquetCubeWriterTests
{
    [Fact]
    public async Task Write_SmallCube_ReadsBackOneRowPerCellInLongFormat()
    {
        var cube = TestCubes.Small();
        using var stream = new MemoryStream();
        new ParquetCubeWriter().Write(cube, stream, new CubeWriteOptions { Language = Language.En });
        stream.Position = 0;

        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(
            ["Grupp", "Grupp_label", "Tid", "Tid_label", "ContentsCode", "ContentsCode_label", "value", "status"],
            fields.Select(f => f.Name));
        Assert.Equal(1, reader.RowGroupCount);
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(cube.Values.Count, group.RowCount);

        var texts = new Dictionary<string, string?[]>();
        foreach (var field in fields.Where(f => f.Name != "value"))
        {
            var column = new string?[cube.Values.Count];
            await group.ReadAsync(field, column.AsMemory());
            texts[field.Name] = column;
        }

        var values = new double?[cube.Values.Count];
        await group.ReadAsync(fields.Single(f => f.Name == "value"), values.AsMemory());

        for (var cell = 0; cell < cube.Values.Count; cell++)
        {
            var codes = TestCubes.Codes(cube, cell);
            foreach (var dimension in cube.Dimensions)
            {
                Assert.Equal(codes[dimension.Code], texts[dimension.Code][cell]);
                Assert.Equal(dimension.Values[dimension.IndexOf(codes[dimension.Code])].Label.En, texts[dimension.Code + "_label"][cell]);
            }

            Assert.Equal(cube.Values[cell], values[cell]);
            Assert.Equal(cube.Status[cell], texts["status"][cell]);
        }
    }
}

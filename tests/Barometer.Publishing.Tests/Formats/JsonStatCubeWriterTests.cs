using System.Text.Json;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Formats;
using Barometer.Publishing.JsonStat;

namespace Barometer.Publishing.Tests.Formats;

public class JsonStatCubeWriterTests
{
    private static byte[] WriteBytes(CubeWriteOptions options)
    {
        using var stream = new MemoryStream();
        new JsonStatCubeWriter().Write(TestCubes.Small(), stream, options);
        return stream.ToArray();
    }

    [Theory]
    [InlineData(Language.Sv)]
    [InlineData(Language.En)]
    public void Write_SmallCube_ReadsBackWithEveryCellValueAndStatus(Language language)
    {
        var cube = TestCubes.Small();
        var dataset = JsonStatReader.Read(new MemoryStream(WriteBytes(new CubeWriteOptions { Language = language })));

        Assert.Equal(cube.Dimensions.Select(d => d.Code), dataset.Dimensions.Select(d => d.Id));
        for (var d = 0; d < cube.Dimensions.Count; d++)
        {
            Assert.Equal(cube.Dimensions[d].Label[language], dataset.Dimensions[d].Label);
            Assert.Equal(cube.Dimensions[d].Values.Select(v => v.Code), dataset.Dimensions[d].Categories.Select(c => c.Code));
            Assert.Equal(cube.Dimensions[d].Values.Select(v => v.Label[language]), dataset.Dimensions[d].Categories.Select(c => c.Label));
        }

        Assert.Equal(cube.Title[language], dataset.Label);
        Assert.Equal(cube.Source[language], dataset.Source);
        Assert.Equal("2026-11-24", dataset.Updated);
        Assert.Equal(["Tid"], dataset.Roles["time"]);
        Assert.Equal(["ContentsCode"], dataset.Roles["metric"]);
        Assert.False(dataset.Roles.ContainsKey("geo"));
        Assert.Equal(cube.Values, dataset.Values!);
        Assert.Equal(cube.Status, dataset.Status!);
    }

    [Fact]
    public void Write_SmallCube_HasPxWebExtensionUnitsNotesAndSparseStatus()
    {
        using var document = JsonDocument.Parse(WriteBytes(new CubeWriteOptions { Language = Language.En }));
        var root = document.RootElement;

        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.Equal("dataset", root.GetProperty("class").GetString());
        Assert.Equal([3, 2, 3], root.GetProperty("size").EnumerateArray().Select(e => e.GetInt32()));
        var px = root.GetProperty("extension").GetProperty("px");
        Assert.Equal("IB0101", px.GetProperty("tableid").GetString());
        Assert.Equal("IB0101", px.GetProperty("matrix").GetString());
        Assert.Equal("en", px.GetProperty("language").GetString());
        Assert.Equal(1, px.GetProperty("decimals").GetInt32());
        Assert.False(px.GetProperty("official-statistics").GetBoolean());
        Assert.Equal(["Grupp", "Tid"], px.GetProperty("stub").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["ContentsCode"], px.GetProperty("heading").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Labour market", px.GetProperty("subject-area").GetString());

        var notes = root.GetProperty("note").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal("The margin of error is half the width of a 95 per cent confidence interval.", notes[0]);
        Assert.Contains(".. = Too uncertain to be published", notes);
        Assert.Contains("x = Disclosure control: the figure is protected", notes);
        var mandatory = root.GetProperty("extension").GetProperty("noteMandatory");
        Assert.True(mandatory.GetProperty("1").GetBoolean());
        Assert.False(mandatory.TryGetProperty("0", out _));

        var contents = root.GetProperty("dimension").GetProperty("ContentsCode").GetProperty("category").GetProperty("unit");
        Assert.Equal(1, contents.GetProperty("andel").GetProperty("decimals").GetInt32());
        Assert.Equal("percent", contents.GetProperty("andel").GetProperty("label").GetString());
        Assert.Equal("%", contents.GetProperty("andel").GetProperty("symbol").GetString());
        Assert.Equal(0, contents.GetProperty("svarande").GetProperty("decimals").GetInt32());

        var group = root.GetProperty("dimension").GetProperty("Grupp");
        Assert.True(group.GetProperty("extension").GetProperty("elimination").GetBoolean());
        Assert.Equal("Born abroad, including adoptees", group.GetProperty("category").GetProperty("note").GetProperty("utrikes")[0].GetString());
        Assert.Single(group.GetProperty("note").EnumerateArray());

        var status = root.GetProperty("status");
        Assert.Equal(JsonValueKind.Object, status.ValueKind);
        Assert.Equal(["3", "4", "9", "10", "12", "13", "17"], status.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("value")[9].ValueKind);
    }

    [Fact]
    public void Write_WithoutValues_IsMetadataDocumentWithoutValuesOrStatus()
    {
        var bytes = WriteBytes(new CubeWriteOptions { IncludeValues = false });
        using var document = JsonDocument.Parse(bytes);

        Assert.Equal(0, document.RootElement.GetProperty("value").GetArrayLength());
        Assert.False(document.RootElement.TryGetProperty("status", out _));
        var dataset = JsonStatReader.Read(new MemoryStream(bytes));
        Assert.Null(dataset.Values);
        Assert.Null(dataset.Status);
        Assert.Equal(18, dataset.CellCount);
        Assert.Equal("Utrikes födda", dataset.Dimension("Grupp").Categories[1].Label);
    }

    [Fact]
    public void Write_SwedishLetters_AreWrittenUnescapedAsUtf8()
    {
        var text = System.Text.Encoding.UTF8.GetString(WriteBytes(CubeWriteOptions.Default));

        Assert.Contains("\"Utrikes födda\"", text, StringComparison.Ordinal);
        Assert.Contains("Västra Götalands län", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", text, StringComparison.Ordinal);
    }
}

using Barometer.Publishing.JsonStat;

namespace Barometer.Publishing.Tests.JsonStat;

public class JsonStatReaderTests
{
    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "JsonStat", "TestData", name);

    [Fact]
    public void ReadFile_PxWebMetadata_DimensionsWithoutValues()
    {
        var dataset = JsonStatReader.ReadFile(PathOf("MetadataById_tab004_js2.json"));

        Assert.Equal(["SECTOR", "GREENHOUSEGAS", "ContentsCode", "TIME"], dataset.Dimensions.Select(d => d.Id));
        Assert.Equal([14, 11, 1, 28], dataset.Dimensions.Select(d => d.Categories.Count));
        Assert.Equal(14 * 11 * 28, dataset.CellCount);
        Assert.Null(dataset.Values);
        Assert.Equal(["TIME"], dataset.Roles["time"]);
        Assert.Equal("sector", dataset.Dimension("SECTOR").Label);
        Assert.Equal("10.0", dataset.Dimension("SECTOR").Categories[5].Code);
        Assert.Equal("LAND-USE, LAND-USE CHANGE AND FORESTRY (LULUCF), TOTAL", dataset.Dimension("SECTOR").Categories[5].Label);
        Assert.Equal("Statistics Sweden", dataset.Source);
    }

    [Fact]
    public void ReadFile_SmallPopulation_ValuesStatusAndCategoryForms()
    {
        var dataset = JsonStatReader.ReadFile(PathOf("population_small_js2.json"));

        Assert.Equal(["1", "2"], dataset.Dimension("Kon").Categories.Select(c => c.Code));
        Assert.Equal("BE0101N1", Assert.Single(dataset.Dimension("ContentsCode").Categories).Code);
        Assert.Equal("2024", Assert.Single(dataset.Dimension("Tid").Categories).Label);
        Assert.Equal(5262925, dataset.GetValue(Codes("00", "2")));
        Assert.Equal(1218000, dataset.GetValue(Codes("01", "1")));
        Assert.Null(dataset.GetValue(Codes("01", "2")));
        Assert.Equal("..", dataset.Status![dataset.CellIndex(Codes("01", "2"))]);
        Assert.Null(dataset.Status[0]);
    }

    [Fact]
    public void Parse_SparseValueObject_FillsNamedCells()
    {
        var json = Minimal("\"value\": { \"1\": 2.5 }");

        var dataset = JsonStatReader.Parse(json);

        Assert.Equal([null, 2.5], dataset.Values);
    }

    [Fact]
    public void Parse_ValueCountDiffers_FailsNamingValue()
    {
        var ex = Assert.Throws<JsonStatFormatException>(() => JsonStatReader.Parse(Minimal("\"value\": [1, 2, 3]")));

        Assert.Equal("$.value", ex.Path);
        Assert.Contains("value has 3 cells but the sizes give 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_IndexPositionsNotAPermutation_Fails()
    {
        var json = Minimal("\"value\": [1, 2]").Replace("{ \"1\": 0, \"2\": 1 }", "{ \"1\": 0, \"2\": 0 }", StringComparison.Ordinal);

        var ex = Assert.Throws<JsonStatFormatException>(() => JsonStatReader.Parse(json));

        Assert.Equal("$.dimension.Kon.category.index", ex.Path);
    }

    [Fact]
    public void Parse_DimensionMissing_Fails()
    {
        var json = Minimal("\"value\": [1, 2]").Replace("\"id\": [\"Kon\"]", "\"id\": [\"Kön\"]", StringComparison.Ordinal);

        var ex = Assert.Throws<JsonStatFormatException>(() => JsonStatReader.Parse(json));

        Assert.Equal("$.dimension.Kön", ex.Path);
    }

    [Fact]
    public void Parse_NotADataset_Fails()
    {
        var json = Minimal("\"value\": [1, 2]").Replace("\"dataset\"", "\"collection\"", StringComparison.Ordinal);

        var ex = Assert.Throws<JsonStatFormatException>(() => JsonStatReader.Parse(json));

        Assert.Equal("$.class", ex.Path);
    }

    [Fact]
    public void Parse_TextInValue_Fails()
    {
        var ex = Assert.Throws<JsonStatFormatException>(() => JsonStatReader.Parse(Minimal("\"value\": [1, \"..\"]")));

        Assert.Equal("$.value[1]", ex.Path);
    }

    [Fact]
    public void Parse_BrokenJson_FailsAsFormatError()
    {
        Assert.Throws<JsonStatFormatException>(() => JsonStatReader.Parse("{ \"version\": "));
    }

    private static Dictionary<string, string> Codes(string region, string sex) => new()
    {
        ["Region"] = region,
        ["Kon"] = sex,
        ["ContentsCode"] = "BE0101N1",
        ["Tid"] = "2024",
    };

    private static string Minimal(string value) => $$"""
        {
          "version": "2.0", "class": "dataset", "id": ["Kon"], "size": [2],
          "dimension": { "Kon": { "category": { "index": { "1": 0, "2": 1 } } } },
          {{value}}
        }
        """;
}

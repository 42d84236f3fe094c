using Barometer.Estimation.Data;
using Barometer.Estimation.DesignFiles;

namespace Barometer.Estimation.Tests.DesignFiles;

public class SurveyCsvReaderTests
{
    [Fact]
    public void Read_NumbersAndText_TypesEachColumnByItsCells()
    {
        using var folder = new TempFolder();
        var path = folder.Write("data.csv", "id,y,group,code\n1,2.5,a,01\n2,,b,x\n3,-1e3,,03\n");

        var table = SurveyCsvReader.Read(path);

        Assert.Equal(3, table.Data.RowCount);
        Assert.True(table.Data.TryGetColumn("y", out var y));
        var numbers = Assert.IsType<NumericColumn>(y).Values;
        Assert.Equal(2.5, numbers[0]);
        Assert.True(double.IsNaN(numbers[1]));
        Assert.Equal(-1000.0, numbers[2]);
        Assert.True(table.Data.TryGetColumn("group", out var group));
        Assert.Equal(new string?[] { "a", "b", null }, Assert.IsType<TextColumn>(group).Values.AsEnumerable());
        Assert.True(table.Data.TryGetColumn("code", out var code));
        Assert.Equal(new string?[] { "01", "x", "03" }, Assert.IsType<TextColumn>(code).Values.AsEnumerable());
    }

    [Fact]
    public void Read_NonFiniteOrLocalizedNumbers_AreText()
    {
        using var folder = new TempFolder();
        var path = folder.Write("data.csv", "a,b,c\nNaN,\"1,5\",Infinity\n1,2,3\n");

        var table = SurveyCsvReader.Read(path);

        Assert.All(table.Data.ColumnNames, name =>
        {
            Assert.True(table.Data.TryGetColumn(name, out var column));
            Assert.IsType<TextColumn>(column);
        });
    }

    [Fact]
    public void Read_QuotedFieldsAndBlankCells_AreValuesAndMissing()
    {
        using var folder = new TempFolder();
        var path = folder.Write("data.csv", "name,x\n\"Smith, J\",1\n  ,2\n");

        var table = SurveyCsvReader.Read(path);

        Assert.True(table.Data.TryGetColumn("name", out var name));
        Assert.Equal(new string?[] { "Smith, J", null }, Assert.IsType<TextColumn>(name).Values.AsEnumerable());
    }

    [Fact]
    public void Read_RowWithTooFewFields_NamesFileAndLine()
    {
        using var folder = new TempFolder();
        var path = folder.Write("data.csv", "a,b\n1,2\n3\n");

        var ex = Assert.Throws<DesignFileException>(() => SurveyCsvReader.Read(path));

        Assert.Contains("data.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("header has 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateColumnName_NamesTheColumn()
    {
        using var folder = new TempFolder();
        var path = folder.Write("data.csv", "a,b,a\n1,2,3\n");

        var ex = Assert.Throws<DesignFileException>(() => SurveyCsvReader.Read(path));

        Assert.Contains("line 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'a' appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_SaysItDoesNotExist()
    {
        using var folder = new TempFolder();
        var path = folder.File("nowhere.csv");

        var ex = Assert.Throws<DesignFileException>(() => SurveyCsvReader.Read(path));

        Assert.Contains("nowhere.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ByteOrderMarkAndCrLf_ReadLikePlainText()
    {
        using var folder = new TempFolder();
        var path = folder.File("data.csv");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "w,y\r\n1,2\r\n3,4\r\n"u8.ToArray()]);

        var table = SurveyCsvReader.Read(path);

        Assert.Equal(["w", "y"], table.Data.ColumnNames);
        Assert.True(table.Data.TryGetColumn("y", out var y));
        Assert.Equal([2.0, 4.0], Assert.IsType<NumericColumn>(y).Values);
        Assert.Equal(3, table.LineOf(1));
    }

    [Fact]
    public void LineOf_BlankLinesSkipped_PointsAtThePhysicalLine()
    {
        using var folder = new TempFolder();
        var path = folder.Write("data.csv", "a\n1\n\n2\n");

        var table = SurveyCsvReader.Read(path);

        Assert.Equal(2, table.LineOf(0));
        Assert.Equal(4, table.LineOf(1));
    }
}

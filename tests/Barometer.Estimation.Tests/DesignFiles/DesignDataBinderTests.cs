using Barometer.Estimation.DesignFiles;

namespace Barometer.Estimation.Tests.DesignFiles;

public class DesignDataBinderTests
{
    [Fact]
    public void Bind_ReplicatePattern_ExpandsToMatchingColumnsInDataOrder()
    {
        using var folder = new TempFolder();
        var table = SurveyCsvReader.Read(folder.Write("data.csv", "w,rw_2,y,rw_1,rwx\n1,1,1,1,1\n"));
        var design = DesignFileReader.Read(folder.Write("design.yaml",
            "design: {weights: w}\nreplicates: {type: jk1, columns: \"rw_*\"}\nestimates:\n  - {id: m, type: mean, variable: y}\n"));

        var (request, _) = DesignDataBinder.Bind(design, table);

        Assert.Equal(["rw_2", "rw_1"], request.Replicates!.Columns);
    }

    [Fact]
    public void Bind_ReplicatePatternMatchingNothing_NamesKeyAndColumns()
    {
        using var folder = new TempFolder();
        var table = SurveyCsvReader.Read(folder.Write("data.csv", "w,y\n1,1\n"));
        var design = DesignFileReader.Read(folder.Write("design.yaml",
            "design: {weights: w}\nreplicates:\n  type: jk1\n  columns: \"rw_*\"\nestimates:\n  - {id: m, type: mean, variable: y}\n"));

        var ex = Assert.Throws<DesignFileException>(() => DesignDataBinder.Bind(design, table));

        Assert.Contains("line 4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'replicates.columns'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'rw_*'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("w, y", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_GeneratedReplicates_HaveNoColumns()
    {
        using var folder = new TempFolder();
        var table = SurveyCsvReader.Read(folder.Write("data.csv", "psu,w,y\n1,1,1\n"));
        var design = DesignFileReader.Read(folder.Write("design.yaml",
            "design: {ids: [psu], weights: w}\nreplicates: {type: jk1}\nestimates:\n  - {id: m, type: mean, variable: y}\nlevel: 0.9\n"));

        var (request, _) = DesignDataBinder.Bind(design, table);

        Assert.Null(request.Replicates!.Columns);
        Assert.Equal(0.9, request.Level);
    }

    [Theory]
    [InlineData("r?_1", "rw_1", true)]
    [InlineData("rw_*", "rw_", true)]
    [InlineData("*_1", "rw_1", true)]
    [InlineData("rw_*", "xrw_1", false)]
    [InlineData("rw", "rw_1", false)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "aXbY", false)]
    public void GlobMatches_StarAndQuestionMark_MatchLikeAShell(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, DesignDataBinder.GlobMatches(pattern, name));
    }
}

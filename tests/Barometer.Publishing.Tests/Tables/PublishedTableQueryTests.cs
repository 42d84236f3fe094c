using Barometer.Publishing.Selection;
using Barometer.Publishing.Tables;
using static Barometer.Publishing.Tests.Tables.PublishedModelFixture;

namespace Barometer.Publishing.Tests.Tables;

public class PublishedTableQueryTests
{
    private static PublishedTable BySex => Model.FindTable("employment_rate.sex")!;

    private static PublishedTable ByKommun => Model.FindTable("employment_rate.kommun")!;

    [Fact]
    public void Query_UnselectedEliminableVariables_AreEliminatedWithTheirTotal()
    {
        var cube = BySex.Query(Of((TableCodes.Time, ["*"])), 100);
        Assert.Equal([TableCodes.Contents, TableCodes.Time], cube.Dimensions.Select(d => d.Code).Order(StringComparer.Ordinal));
        Assert.Equal([TableCodes.Estimate], cube.Dimension(TableCodes.Contents).Values.Select(v => v.Code));

        var full = BySex.Query(Of(("sex", ["total"]), (TableCodes.Group, ["all"]), (TableCodes.Contents, [TableCodes.Estimate]), (TableCodes.Time, ["*"])), 100);
        Assert.Equal(full.Values, cube.Values);
        var total = Model.FindTable("employment_rate")!.Query(Of((TableCodes.Time, ["*"])), 100);
        Assert.Equal(total.Values, cube.Values);
    }

    [Fact]
    public void Query_TimeAndContentsLeftOut_NewestWaveAndEstimate()
    {
        var cube = BySex.Query(Of(("sex", ["1", "2"])), 100);
        Assert.Equal(["2024"], cube.Dimension(TableCodes.Time).Values.Select(v => v.Code));
        Assert.Equal([TableCodes.Estimate], cube.Dimension(TableCodes.Contents).Values.Select(v => v.Code));
        Assert.Equal(2, cube.Values.Count);
        Assert.Contains("År 2024", cube.Title.Sv, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_HeadingAndStub_OrderDimensionsStubFirst()
    {
        var selection = new TableSelection(
            [new VariableSelection("sex", ["*"]), new VariableSelection("grupp", ["*"]), new VariableSelection("contentscode", ["estimate", "margin"]), new VariableSelection("TID", ["*"])],
            Heading: ["sex", "Tid"],
            Stub: ["ContentsCode", "Grupp"]);
        var cube = BySex.Query(selection, 1000);
        Assert.Equal(["ContentsCode", "Grupp", "sex", "Tid"], cube.Dimensions.Select(d => d.Code));
        Assert.Equal(["ContentsCode", "Grupp"], cube.Stub);
        Assert.Equal(["sex", "Tid"], cube.Heading);

        // The same cells as in the table's own order.
        var plain = BySex.Query(new TableSelection(selection.Variables), 1000);
        ForEachCell(plain, (cell, codes) => Assert.Equal(plain.Values[cell], cube.Values[Cell(cube, codes)]));
        ForEachCell(plain, (cell, codes) => Assert.Equal(plain.Status[cell], cube.Status[Cell(cube, codes)]));
    }

    [Fact]
    public void Query_OnlyHeading_RestGoesToStubInTableOrder()
    {
        var cube = BySex.Query(new TableSelection(All(BySex).Variables, Heading: ["Grupp"]), 1000);
        Assert.Equal(["sex", "ContentsCode", "Tid"], cube.Stub);
        Assert.Equal(["Grupp"], cube.Heading);
    }

    [Fact]
    public void Query_OnlyStub_RestGoesToHeading()
    {
        var cube = BySex.Query(new TableSelection(All(BySex).Variables, Stub: ["Tid"]), 1000);
        Assert.Equal(["Tid"], cube.Stub);
        Assert.Equal(["sex", "Grupp", "ContentsCode"], cube.Heading);
    }

    [Fact]
    public void Query_NoPlacement_TimeAndContentsInHeading()
    {
        var cube = BySex.Query(All(BySex), 1000);
        Assert.Equal(["sex", "Grupp"], cube.Stub);
        Assert.Equal(["ContentsCode", "Tid"], cube.Heading);
    }

    [Fact]
    public void Query_PlacementNamesUnknownOrTwice_Throws()
    {
        var unknown = Assert.Throws<SelectionException>(() => BySex.Query(new TableSelection(All(BySex).Variables, Heading: ["Kon"]), 1000));
        Assert.Equal("Kon", unknown.Variable);
        Assert.Throws<SelectionException>(() => BySex.Query(new TableSelection(All(BySex).Variables, Heading: ["Tid"], Stub: ["tid"]), 1000));
    }

    [Fact]
    public void Query_PlacementNamesEliminatedVariable_IsIgnored()
    {
        var cube = BySex.Query(new TableSelection([new VariableSelection("Tid", ["*"])], Heading: ["Tid"], Stub: ["sex"]), 1000);
        Assert.Equal(["ContentsCode"], cube.Stub);
        Assert.Equal(["Tid"], cube.Heading);
    }

    [Fact]
    public void Query_UnknownVariable_NamesItAndTheTablesVariables()
    {
        var error = Assert.Throws<SelectionException>(() => BySex.Query(Of(("Kon", ["1"])), 100));
        Assert.Equal("Kon", error.Variable);
        Assert.Equal("table 'employment_rate.sex' has no variable 'Kon'; variables are sex, Grupp, ContentsCode, Tid.", error.Message);
    }

    [Fact]
    public void Query_UnknownValue_NamesVariableValueAndValues()
    {
        var error = Assert.Throws<SelectionException>(() => BySex.Query(Of(("sex", ["X"])), 100));
        Assert.Equal("sex", error.Variable);
        Assert.Equal("X", error.Value);
        Assert.Equal("variable 'sex' has no value 'X'; values are total, 1, 2.", error.Message);
    }

    [Fact]
    public void Query_VariableTwice_Throws()
    {
        Assert.Throws<SelectionException>(() => BySex.Query(Of(("sex", ["1"]), ("SEX", ["2"])), 100));
    }

    [Fact]
    public void Query_TooManyCells_ThrowsWithCounts()
    {
        var selection = All(ByKommun);
        var cells = ByKommun.Dimensions.Aggregate(1L, (n, d) => n * d.Values.Count);
        var error = Assert.Throws<TooManyCellsException>(() => ByKommun.Query(selection, (int)cells - 1));
        Assert.Equal(cells, error.Cells);
        Assert.Equal(cells - 1, error.MaxCells);
        Assert.Equal((int)cells, ByKommun.Query(selection, (int)cells).Values.Count);
    }

    [Fact]
    public void Query_TooManyCells_ThrowsBeforeComputingCells()
    {
        var selection = All(ByKommun);
        var cells = ByKommun.Dimensions.Aggregate(1L, (n, d) => n * d.Values.Count);
        Assert.Throws<TooManyCellsException>(() => ByKommun.Query(selection, 1)); // warm-up
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<TooManyCellsException>(() => ByKommun.Query(selection, 1));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Materialising would allocate at least a value and a status per cell.
        Assert.True(allocated < cells * 8, $"{allocated} bytes allocated for a refused selection of {cells} cells");
    }

    [Fact]
    public void Query_TopOnTime_GivesNewestWaves()
    {
        var cube = BySex.Query(Of((TableCodes.Time, ["top(2)"])), 100);
        Assert.Equal(["2023", "2024"], cube.Dimension(TableCodes.Time).Values.Select(v => v.Code));
    }

    [Fact]
    public void Query_Wildcard_SelectsMatchingKommuner()
    {
        var cube = ByKommun.Query(Of(("kommun", ["01*"])), 1000);
        var codes = cube.Dimension("kommun").Values.Select(v => v.Code).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.StartsWith("01", c, StringComparison.Ordinal));
        Assert.Equal(BarometerCatalogue.Classification("kommun").Codes.Count(c => c.Code.StartsWith("01", StringComparison.Ordinal)), codes.Count);
    }

    [Fact]
    public void Query_RandomSelections_OnlySelectionOrCellErrors()
    {
        var random = new Random(20241125);
        string[] fragments = ["*", "?", "top(", "bottom(", "from(", "to(", "range(", ")", ",", "x", "-1", "0", "1", "2", "99999999999", "total", "all", "2024", "2025", "2026", "01*", "estimate", "(", " ", "gap"];
        var tables = Model.Tables;
        for (var run = 0; run < 3000; run++)
        {
            var table = tables[random.Next(tables.Count)];
            var variables = new List<VariableSelection>();
            foreach (var dimension in table.Dimensions)
            {
                if (random.Next(4) == 0)
                {
                    continue;
                }

                var code = random.Next(20) == 0 ? "Nope" : random.Next(2) == 0 ? dimension.Code.ToUpperInvariant() : dimension.Code;
                var expressions = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(3) == 0
                    ? dimension.Values[random.Next(dimension.Values.Count)].Code
                    : string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => fragments[random.Next(fragments.Length)]))).ToList();
                var codelist = random.Next(10) == 0 ? (random.Next(2) == 0 ? "vs_kommun" : "agg_kommun_lan") : null;
                variables.Add(new VariableSelection(code, expressions, codelist));
            }

            var placement = random.Next(3) == 0 ? table.Dimensions.Select(d => d.Code).Where(_ => random.Next(2) == 0).ToList() : null;
            var selection = new TableSelection(variables, random.Next(2) == 0 ? placement : null, random.Next(2) == 0 ? null : placement?.AsEnumerable().Reverse().Take(1).ToList());
            var maxCells = random.Next(1, 5000);
            try
            {
                var cube = table.Query(selection, maxCells);
                Assert.True(cube.Values.Count <= maxCells);
                Assert.Equal(cube.Dimensions.Count, cube.Stub.Count + cube.Heading.Count);
            }
            catch (SelectionException e) when (string.Equals(e.Variable, TableCodes.Time, StringComparison.OrdinalIgnoreCase))
            {
                // The values listed for the time variable are the public waves only (the user's own input may be echoed).
                var at = e.Message.LastIndexOf("values are", StringComparison.Ordinal);
                var listed = at < 0 ? string.Empty : e.Message[at..];
                Assert.DoesNotContain("2025", listed, StringComparison.Ordinal);
                Assert.DoesNotContain("2026", listed, StringComparison.Ordinal);
            }
            catch (SelectionException)
            {
                // Any other selection fault is a 400 for the API.
            }
            catch (TooManyCellsException e)
            {
                Assert.True(e.Cells > maxCells);
            }
        }
    }
}

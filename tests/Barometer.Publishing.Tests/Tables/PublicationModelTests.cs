using System.Diagnostics;
using Barometer.Catalogue.Indicators;
using Barometer.Publishing.Cubes;
using Barometer.Publishing.Results;
using Barometer.Publishing.Selection;
using Barometer.Publishing.Tables;
using Barometer.Storage.Results;
using Barometer.Testing;
using static Barometer.Publishing.Tests.Tables.PublishedModelFixture;

namespace Barometer.Publishing.Tests.Tables;

public class PublicationModelTests
{
    /// <summary>The result a cube cell shows, found from the cell's codes by the rules of docs/api.md.</summary>
    private static PublishedResult? ResultOf(ILookup<(string, string, string, string, string, int), PublishedResult> rows, PublishedTable table, IReadOnlyDictionary<string, string> codes)
    {
        var isTotal = table.Breakdown is null || codes[table.Breakdown] == "total";
        var breakdown = isTotal ? "total" : table.Breakdown!;
        var cell = isTotal ? string.Empty : codes[table.Breakdown!];
        var group = codes[TableCodes.Group];
        var wave = int.Parse(codes[TableCodes.Time], System.Globalization.CultureInfo.InvariantCulture);
        var change = codes[TableCodes.Contents] is TableCodes.Change or TableCodes.ChangeMargin;
        string measure;
        string stored;
        if (group.EndsWith(":gap", StringComparison.Ordinal))
        {
            var comparison = group[..^4];
            (measure, stored) = change ? ("change", "gap:" + comparison) : ("gap", comparison);
        }
        else if (group.EndsWith(":standardised_gap", StringComparison.Ordinal))
        {
            var comparison = group[..^17];
            (measure, stored) = change ? ("change", "standardised_gap:" + comparison) : ("standardised_gap", comparison);
        }
        else if (group.EndsWith(":expected", StringComparison.Ordinal))
        {
            (measure, stored) = (change ? "none" : "expected", group[..^9]);
        }
        else if (group.EndsWith(":expected_difference", StringComparison.Ordinal))
        {
            (measure, stored) = (change ? "none" : "expected_difference", group[..^20]);
        }
        else if (group.EndsWith(":model_estimate", StringComparison.Ordinal))
        {
            (measure, stored) = (change ? "none" : "model_estimate", group[..^15]);
        }
        else
        {
            (measure, stored) = (change ? "change" : "level", group);
        }

        return rows[(table.Indicator, breakdown, cell, measure, stored, wave)].SingleOrDefault();
    }

    private static double Factor(PublishedTable table, string group, string contents)
    {
        if (contents == TableCodes.Count)
        {
            return 1;
        }

        var indicator = BarometerCatalogue.Indicator(table.Indicator);
        var level = indicator.Unit == "percent" ? 100.0 : 1.0;
        return indicator.Gap == GapKind.Ratio && group.EndsWith(":gap", StringComparison.Ordinal) ? 100.0 : level;
    }

    private static string ExpectedSymbol(string rule) =>
        rule.StartsWith("register.", StringComparison.Ordinal) ? "x"
        : rule == "change.previous_unavailable" ? "."
        : "..";

    [Fact]
    public void AreaTables_OfAnIndicatorWithExpectedVersusActual_CarryTheExpectedLevelAndTheDifference_OtherTablesNot()
    {
        string[] codes = [TableCodes.Expected("foreign_vs_native"), TableCodes.ExpectedDifference("foreign_vs_native")];
        IEnumerable<string> Groups(string id) => Model.Tables.Single(t => t.Id == id).Dimensions.Single(d => d.Code == TableCodes.Group).Values.Select(v => v.Code);

        Assert.Subset(Groups("employment_rate.kommun").ToHashSet(), codes.ToHashSet());
        Assert.Subset(Groups("employment_rate.lan").ToHashSet(), codes.ToHashSet());
        Assert.Empty(Groups("employment_rate.sex").Intersect(codes));
        Assert.Empty(Groups("employment_rate").Intersect(codes));
        Assert.Empty(Groups("social_assistance_share.kommun").Intersect(codes));
        var note = Model.Tables.Single(t => t.Id == "employment_rate.kommun").Notes.Select(n => n.En).Single(n => n.StartsWith("Expected level:", StringComparison.Ordinal));
        Assert.Contains("indirect standardisation", note, StringComparison.Ordinal);
        Assert.Contains(View.Results, r => r.Row.Measure == Measure.ExpectedDifference && r.Row.Breakdown == "lan" && r.Row.Estimate is not null);
    }

    [Fact]
    public void ModelBasedEstimates_GetATableByCounty_WithTheNationalLevelInItsTotal_AndSymbolM()
    {
        // The shared store is too small for published small-area estimates (they are held back, `..`), so published
        // ones are planted in the view: one per county for the newest wave of `belonging`.
        var wave = View.Releases.Max(r => r.Wave);
        var release = View.Releases.Single(r => r.Wave == wave);
        var counties = BarometerCatalogue.Classification("lan").Codes.Select(c => c.Code).ToList();
        var planted = counties.Select((code, i) => new PublishedResult(wave, release.Version, new ResultRow("belonging", "lan", code, "foreign_vs_native", Measure.ModelEstimate,
            ResultSources.Survey, 0.5 + (i / 100.0), 0.02, 0.46 + (i / 100.0), 0.54 + (i / 100.0), null, 20 + i, 1000 + i, 0.08, null, SuppressionRules.FlagModelBased, null))).ToList();
        var view = View with { Results = [.. View.Results.Where(r => !(r.Row.Measure == Measure.ModelEstimate && r.Row.Indicator == "belonging" && r.Wave == wave)), .. planted] };
        var model = PublicationModel.Build(BarometerCatalogue, view);

        var table = model.FindTable("belonging.lan");
        Assert.NotNull(table);
        Assert.Null(model.FindTable("belonging.kommun"));
        Assert.Equal(["foreign_vs_native:focal", "foreign_vs_native:model_estimate"], table.Dimensions.Single(d => d.Code == TableCodes.Group).Values.Select(v => v.Code));
        Assert.Contains(table.Notes, n => n.En.StartsWith("Model-based estimate (M)", StringComparison.Ordinal) && n.Sv.StartsWith("Modellbaserad skattning (M)", StringComparison.Ordinal));
        var cube = table.Query(Of(("lan", ["*"]), (TableCodes.Group, ["*"]), (TableCodes.Contents, [TableCodes.Estimate]), (TableCodes.Time, [wave.ToString(System.Globalization.CultureInfo.InvariantCulture)])), int.MaxValue);
        var national = View.Results.Single(r => r.Wave == wave && r.Row.Indicator == "belonging" && r.Row.Breakdown == "total" && r.Row.Measure == Measure.Level && r.Row.ComparisonGroup == "foreign_vs_native:focal");
        var seen = 0;
        ForEachCell(cube, (cell, codes) =>
        {
            var area = codes["lan"];
            if (codes[TableCodes.Group] == "foreign_vs_native:model_estimate")
            {
                if (area == "total")
                {
                    Assert.Null(cube.Values[cell]);
                    Assert.Equal(".", cube.Status[cell]);
                    return;
                }

                var row = planted.Single(p => p.Row.Cell == area).Row;
                Assert.Equal(row.Estimate!.Value * 100, cube.Values[cell]!.Value, 1e-9);
                Assert.Equal("M", cube.Status[cell]);
                seen++;
            }
            else if (area == "total")
            {
                Assert.Equal(national.Row.Estimate is { } e ? e * 100 : null, cube.Values[cell]);
            }
            else
            {
                // No direct county estimate is published.
                Assert.Null(cube.Values[cell]);
            }
        });
        Assert.Equal(counties.Count, seen);
        Assert.Contains(StatusSymbols.All, s => s.Symbol == "M" && !s.HidesValue);
    }

    [Fact]
    public void Query_EveryTableInFull_ValuesEqualReleasedResultsScaled()
    {
        var rows = View.Results.ToLookup(r => (r.Row.Indicator, r.Row.Breakdown, r.Row.Cell, MeasureCodes.Code(r.Row.Measure), r.Row.ComparisonGroup, r.Wave));
        var checkedValues = 0;
        var checkedSymbols = 0;
        foreach (var table in IndicatorTables)
        {
            var cube = table.Query(All(table), int.MaxValue);
            ForEachCell(cube, (cell, codes) =>
            {
                var result = ResultOf(rows, table, codes);
                var contents = codes[TableCodes.Contents];
                double? expected = result is null || result.Row.SuppressionRule is not null ? null : contents switch
                {
                    TableCodes.Estimate or TableCodes.Change => result.Row.Estimate,
                    TableCodes.Margin or TableCodes.ChangeMargin => result.Margin,
                    TableCodes.CiLower => result.Row.CiLower,
                    TableCodes.CiUpper => result.Row.CiUpper,
                    TableCodes.Count => result.Row.Respondents,
                    _ => throw new InvalidOperationException(contents),
                };
                var actual = cube.Values[cell];
                if (expected is { } e)
                {
                    var scaled = e * Factor(table, codes[TableCodes.Group], contents);
                    Assert.NotNull(actual);
                    Assert.Equal(scaled, actual!.Value, 1e-9 * Math.Max(1, Math.Abs(scaled)));
                    var flagged = contents == TableCodes.Estimate && result!.Row.QualityFlag == "survey.relative_margin";
                    var modelBased = contents == TableCodes.Estimate && result!.Row.QualityFlag == "survey.model_based";
                    Assert.Equal(flagged ? "*" : modelBased ? "M" : null, cube.Status[cell]);
                    checkedValues++;
                }
                else
                {
                    Assert.Null(actual);
                    var symbol = result?.Row.SuppressionRule is { } rule ? ExpectedSymbol(rule) : ".";
                    Assert.Equal(symbol, cube.Status[cell]);
                    checkedSymbols++;
                }
            });
        }

        Assert.True(checkedValues > 10_000, $"only {checkedValues} values checked");
        Assert.True(checkedSymbols > 100, $"only {checkedSymbols} symbols checked");
    }

    [Fact]
    public void Build_EveryPublicResult_LandsInExactlyOneTableCell()
    {
        // The converse of the test above: no released result is left out of the tables.
        var tableIds = Model.Tables.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var result in View.Results)
        {
            var id = result.Row.Breakdown == "total" ? result.Row.Indicator : result.Row.Indicator + "." + result.Row.Breakdown;
            Assert.Contains(id, tableIds);
            var table = Model.FindTable(id)!;
            Assert.Contains(result.Wave.ToString(System.Globalization.CultureInfo.InvariantCulture), table.FindDimension(TableCodes.Time)!.Values.Select(v => v.Code));
            if (table.Breakdown is { } breakdown)
            {
                Assert.True(table.FindDimension(breakdown)!.IndexOf(result.Row.Cell) >= 0, $"{id} lacks cell '{result.Row.Cell}'");
            }
        }
    }

    [Fact]
    public void Query_SuppressedResults_NullValueAndRuleSymbolNeverZero()
    {
        var suppressed = View.Results.Where(r => r.Row.SuppressionRule is not null && r.Row.Measure == Measure.Level).ToList();
        Assert.Contains(suppressed, r => r.Row.SuppressionRule!.StartsWith("register.", StringComparison.Ordinal));
        Assert.Contains(suppressed, r => r.Row.SuppressionRule!.StartsWith("survey.", StringComparison.Ordinal));
        foreach (var result in suppressed.Take(2000))
        {
            var table = Model.FindTable(result.Row.Breakdown == "total" ? result.Row.Indicator : result.Row.Indicator + "." + result.Row.Breakdown)!;
            var variables = new List<(string, string[])>
            {
                (TableCodes.Group, [result.Row.ComparisonGroup]),
                (TableCodes.Contents, [TableCodes.Estimate, TableCodes.Margin, TableCodes.Count]),
                (TableCodes.Time, [result.Wave.ToString(System.Globalization.CultureInfo.InvariantCulture)]),
            };
            if (table.Breakdown is { } breakdown)
            {
                variables.Add((breakdown, [result.Row.Cell]));
            }

            var cube = table.Query(Of([.. variables]), 100);
            Assert.All(cube.Values, v => Assert.Null(v));
            Assert.All(cube.Status, s => Assert.Equal(ExpectedSymbol(result.Row.SuppressionRule!), s));
        }
    }

    [Fact]
    public void Build_EmbargoedAndUnreleasedWaves_AppearNowhere()
    {
        string[] hidden = [ReleasedStore.EmbargoedWave.ToString(System.Globalization.CultureInfo.InvariantCulture), ReleasedStore.UnreleasedWave.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        Assert.NotEmpty(Model.Tables);
        foreach (var table in Model.Tables)
        {
            Assert.Equal(["2022", "2023", "2024"], table.FindDimension(TableCodes.Time)!.Values.Select(v => v.Code));
            Assert.Equal("2024", table.LastPeriod);
            Assert.True(table.Updated <= ReleasedStore.Now);
            foreach (var text in new[] { table.Label.Sv, table.Label.En }.Concat(table.Notes.SelectMany(n => new[] { n.Sv, n.En })))
            {
                Assert.DoesNotContain(hidden, h => text.Contains(h, StringComparison.Ordinal));
            }

            var metadata = table.MetadataCube();
            Assert.DoesNotContain(metadata.Dimension(TableCodes.Time).Values, v => hidden.Contains(v.Code));
            Assert.DoesNotContain(hidden, h => metadata.Title.Sv.Contains(h, StringComparison.Ordinal));
            var error = Assert.Throws<SelectionException>(() => table.Query(Of((TableCodes.Time, ["2025"])), 1000));
            Assert.DoesNotContain("2026", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_AfterEmbargoLifts_ShowsTheWave()
    {
        // The embargo test above is not vacuous: the same store shows 2025 once it is due, and never 2026.
        var model = PublicationModel.Build(BarometerCatalogue, Snapshot.AsOf(ReleasedStore.EmbargoedReleaseTime));
        Assert.All(model.Tables, t => Assert.Equal("2025", t.LastPeriod));
    }

    [Fact]
    public void Build_Tables_OneTotalAndOnePerBreakdownOfEachPublishedIndicator_AndTheResponseTable()
    {
        var published = View.Results.Select(r => r.Row.Indicator).ToHashSet(StringComparer.Ordinal);
        var expected = BarometerCatalogue.Indicators.Where(i => published.Contains(i.Id))
            .SelectMany(i => new[] { i.Id }.Concat(i.Breakdowns.Select(b => i.Id + "." + b)))
            // Model-based estimates by county have a table of their own where the indicator has no such breakdown.
            .Concat(View.Results.Where(r => r.Row.Measure == Measure.ModelEstimate).Select(r => r.Row.Indicator + "." + r.Row.Breakdown).Distinct(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Append(ResponseRateTable.Id)
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, Model.Tables.Select(t => t.Id).Order(StringComparer.Ordinal));
        Assert.All(Model.Tables, t => Assert.False(t.OfficialStatistics));
    }

    [Fact]
    public void FindTable_OtherCase_FindsTheTable()
    {
        Assert.Same(Model.FindTable("employment_rate.sex"), Model.FindTable("EMPLOYMENT_RATE.Sex"));
        Assert.NotNull(Model.FindTable("Employment_Rate"));
        Assert.Null(Model.FindTable("employment_rate.nope"));
    }

    [Fact]
    public void Build_EmploymentRateBySex_HasDocumentedDimensionsAndLabels()
    {
        var table = Model.FindTable("employment_rate.sex")!;
        Assert.Equal("Sysselsättningsgrad 20–64 år efter kön och jämförelsegrupp. År 2022–2024", table.Label.Sv);
        Assert.Equal("Employment rate, aged 20–64, by sex and comparison group. Years 2022–2024", table.Label.En);
        Assert.Equal(["sex", "Grupp", "ContentsCode", "Tid"], table.Dimensions.Select(d => d.Code));
        var sex = table.Dimensions[0];
        Assert.Equal(["total", "1", "2"], sex.Values.Select(v => v.Code));
        Assert.Equal("Totalt", sex.Values[0].Label.Sv);
        Assert.True(sex.Elimination);
        Assert.Equal(["all", "foreign_vs_native:focal", "foreign_vs_native:reference", "foreign_vs_native:gap"], table.Dimensions[1].Values.Select(v => v.Code));
        Assert.Contains("procentenheter", table.Dimensions[1].Values[3].Label.Sv, StringComparison.Ordinal);
        Assert.Equal(TableCodes.ContentsCodes, table.Dimensions[2].Values.Select(v => v.Code));
        Assert.Equal(DimensionRole.Contents, table.Dimensions[2].Role);
        Assert.Equal(DimensionRole.Time, table.Dimensions[3].Role);
        Assert.All(table.Dimensions[2].Values, v => Assert.NotNull(v.Unit));
        Assert.Equal("procent", table.Dimensions[2].Values[0].Unit!.Sv);
        Assert.Equal(1, table.Dimensions[2].Values[0].Decimals);
        Assert.Equal("Antal personer", table.Dimensions[2].Values[4].Label.Sv);

        var total = Model.FindTable("employment_rate")!;
        Assert.Contains("foreign_vs_native:standardised_gap", total.Dimensions[0].Values.Select(v => v.Code));
        Assert.Equal(DimensionRole.Geo, Model.FindTable("employment_rate.kommun")!.Dimensions[0].Role);
        Assert.Equal(DimensionRole.Geo, Model.FindTable("employment_rate.lan")!.Dimensions[0].Role);
    }

    [Fact]
    public void Build_Notes_ExplainEverySymbolInBothLanguages()
    {
        foreach (var table in Model.Tables)
        {
            foreach (var symbol in table.Symbols)
            {
                Assert.Contains(table.Notes, n => n.Sv.StartsWith(symbol.Symbol + " = ", StringComparison.Ordinal) && n.En.StartsWith(symbol.Symbol + " = ", StringComparison.Ordinal));
            }

            Assert.Equal(["..", ".", "x", "*", "M"], table.Symbols.Select(s => s.Symbol));
            Assert.False(table.Symbols.Single(s => s.Symbol == "*").HidesValue);
            Assert.Contains(table.Notes, n => n.Sv.StartsWith("Definition:", StringComparison.Ordinal));
            Assert.Contains(table.Notes, n => n.Sv.StartsWith("Källa:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Query_FlaggedSurveyEstimate_KeepsValueWithMarker()
    {
        var flagged = View.Results.First(r => r.Row.QualityFlag == "survey.relative_margin" && r.Row.SuppressionRule is null && r.Row.Breakdown == "total" && r.Row.Measure == Measure.Level);
        var table = Model.FindTable(flagged.Row.Indicator)!;
        var cube = table.Query(Of((TableCodes.Group, [flagged.Row.ComparisonGroup]), (TableCodes.Contents, [TableCodes.Estimate, TableCodes.Margin]), (TableCodes.Time, [flagged.Wave.ToString(System.Globalization.CultureInfo.InvariantCulture)])), 10);
        Assert.Equal("*", cube.Status[0]);
        Assert.NotNull(cube.Values[0]);
        Assert.Null(cube.Status[1]);
    }

    [Fact]
    public void DefaultSelection_EveryTable_QueriesWithinSixHundredCells()
    {
        foreach (var table in IndicatorTables)
        {
            var cube = table.Query(TableSelection.Empty, 600);
            Assert.Equal(["2024"], cube.Dimension(TableCodes.Time).Values.Select(v => v.Code));
            Assert.Contains(TableCodes.Estimate, cube.Dimension(TableCodes.Contents).Values.Select(v => v.Code));
            if (table.Breakdown is { } breakdown)
            {
                Assert.Equal(table.FindDimension(breakdown)!.Values.Count, cube.Dimension(breakdown).Values.Count);
            }

            Assert.Equal(table.DefaultSelection.Stub, cube.Stub);
            Assert.Equal(table.DefaultSelection.Heading, cube.Heading);
        }
    }

    [Fact]
    public void Codelists_EveryBreakdownClassification_HasValueset()
    {
        foreach (var table in Model.Tables.Where(t => t.BreakdownClassification is not null))
        {
            var valueset = Model.FindCodelist("vs_" + table.BreakdownClassification);
            Assert.NotNull(valueset);
            Assert.Equal(CodelistType.Valueset, valueset!.Type);
            Assert.Contains(valueset, table.Codelists(table.Breakdown!));
            Assert.Equal("total", valueset.Values[0].Code);
        }

        Assert.Same(Model.FindCodelist("vs_kommun"), Model.FindCodelist("VS_KOMMUN"));
    }

    [Fact]
    public void Codelists_KommunToLan_GroupsEveryKommunOnce()
    {
        var aggregation = Model.FindCodelist("agg_kommun_lan")!;
        Assert.Equal(CodelistType.Aggregation, aggregation.Type);
        var kommuner = BarometerCatalogue.Classification("kommun");
        var members = aggregation.Values.Skip(1).SelectMany(v => v.ValueMap).ToList();
        Assert.Equal(kommuner.Codes.Select(c => c.Code).Order(StringComparer.Ordinal), members.Order(StringComparer.Ordinal));
        var stockholm = aggregation.Values.Single(v => v.Code == "01");
        Assert.Contains("0180", stockholm.ValueMap);
    }

    [Fact]
    public void Query_AggregationCodelist_ReadsResultsByTheTargetClassification()
    {
        var byKommun = Model.FindTable("employment_rate.kommun")!;
        var byLan = Model.FindTable("employment_rate.lan")!;
        var selection = new TableSelection(
        [
            new VariableSelection("kommun", ["*"], "agg_kommun_lan"),
            new VariableSelection(TableCodes.Contents, [TableCodes.Estimate]),
            new VariableSelection(TableCodes.Time, ["*"]),
        ]);
        var aggregated = byKommun.Query(selection, 100_000);
        var direct = byLan.Query(new TableSelection([new VariableSelection("lan", ["*"]), new VariableSelection(TableCodes.Contents, [TableCodes.Estimate]), new VariableSelection(TableCodes.Time, ["*"])]), 100_000);
        Assert.Equal("kommun", aggregated.Dimensions[0].Code);
        Assert.Equal(direct.Dimensions[0].Values.Select(v => v.Code), aggregated.Dimensions[0].Values.Select(v => v.Code));
        Assert.Equal(direct.Values, aggregated.Values);
        Assert.Equal(direct.Status, aggregated.Status);
    }

    [Fact]
    public void Query_ValuesetCodelist_SelectsFromItsValues()
    {
        var table = Model.FindTable("employment_rate.kommun")!;
        var cube = table.Query(new TableSelection([new VariableSelection("kommun", ["0180", "0114"], "vs_kommun")]), 100);
        Assert.Equal(["0114", "0180"], cube.Dimension("kommun").Values.Select(v => v.Code));
    }

    [Fact]
    public void Query_AggregationWithoutTargetBreakdown_ThrowsNamingCodelist()
    {
        var table = Model.FindTable("employment_rate.lan")!;
        Assert.DoesNotContain("riksomrade", BarometerCatalogue.Indicator("employment_rate").Breakdowns);
        var error = Assert.Throws<SelectionException>(() => table.Query(new TableSelection([new VariableSelection("lan", ["*"], "agg_lan_riksomrade")]), 100));
        Assert.Equal("lan", error.Variable);
        Assert.Equal("agg_lan_riksomrade", error.Value);
    }

    [Fact]
    public void Query_CodelistIdInOtherCase_IsFound()
    {
        var table = Model.FindTable("employment_rate.kommun")!;
        var cube = table.Query(new TableSelection([new VariableSelection("kommun", ["0180"], "VS_Kommun")]), 100);
        Assert.Equal(["0180"], cube.Dimension("kommun").Values.Select(v => v.Code));
    }

    [Fact]
    public void Build_Updated_IsNewestPublicRelease()
    {
        var newest = View.Releases.Max(r => r.ReleaseTime);
        Assert.NotNull(Model.Updated);
        Assert.True(Model.Updated >= newest);
        Assert.True(Model.Updated <= ReleasedStore.Now);
        Assert.All(Model.Tables, t => Assert.Equal(newest, t.Updated));
    }

    [Fact]
    public void MetadataCube_EveryTable_HasEveryValueAndNoNumbers()
    {
        foreach (var table in Model.Tables)
        {
            var metadata = table.MetadataCube();
            Assert.Same(metadata, table.MetadataCube());
            Assert.Equal(table.Dimensions.Select(d => d.Code).Order(StringComparer.Ordinal), metadata.Dimensions.Select(d => d.Code).Order(StringComparer.Ordinal));
            Assert.Equal(table.Dimensions.Sum(d => d.Values.Count), metadata.Dimensions.Sum(d => d.Values.Count));
            Assert.All(metadata.Values, v => Assert.Null(v));
            Assert.Equal(table.Label, metadata.Title);
            Assert.Equal(table.Notes, metadata.Notes);
            Assert.Equal(table.Symbols, metadata.Symbols);
        }
    }

    [Fact]
    public void Query_CodelistOfOtherVariable_ThrowsNamingBoth()
    {
        var table = Model.FindTable("employment_rate.sex")!;
        var error = Assert.Throws<SelectionException>(() => table.Query(new TableSelection([new VariableSelection("sex", ["1"], "vs_kommun")]), 100));
        Assert.Equal("sex", error.Variable);
        Assert.Equal("vs_kommun", error.Value);
        Assert.Contains("vs_kon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_FullReleaseSet_IsQuick()
    {
        _ = Model;
        var watch = Stopwatch.StartNew();
        var model = PublicationModel.Build(BarometerCatalogue, View);
        watch.Stop();
        Assert.Equal(Model.Tables.Count, model.Tables.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"build took {watch.Elapsed}");
    }
}

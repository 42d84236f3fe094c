using System.Globalization;
using System.Text;
using Barometer.Publishing.Formats;
using Barometer.Publishing.Results;
using Barometer.Publishing.Tables;
using Barometer.Storage.Fieldwork;
using Barometer.Testing;
using static Barometer.Publishing.Tests.Tables.PublishedModelFixture;

namespace Barometer.Publishing.Tests.Tables;

/// <summary>Issue 18: the survey's response by stratum and published group as a PxWeb table of every public release, under the survey's minimum and its complementary cells.</summary>
public sealed class ResponseRateTableTests
{
    [Fact]
    public void Model_HasTheResponseTable_WithEveryPublicWavesResponse_AsItsQualitySectionHasIt()
    {
        var table = Model.FindTable(ResponseRateTable.Id);
        Assert.NotNull(table);
        Assert.Equal([TableCodes.Group, TableCodes.Contents, TableCodes.Time], table.Dimensions.Select(d => d.Code));
        Assert.Equal([ResponseRateTable.Gross, ResponseRateTable.Respondents, ResponseRateTable.Rate], table.Dimensions[1].Values.Select(v => v.Code));
        var releases = View.Releases.Where(r => r.Quality is not null).OrderBy(r => r.Wave).ToList();
        Assert.NotEmpty(releases);
        Assert.Equal(releases.Select(r => r.Wave.ToString(CultureInfo.InvariantCulture)), table.Dimensions[2].Values.Select(v => v.Code));
        Assert.DoesNotContain(table.Dimensions[2].Values, v => v.Code == ReleasedStore.EmbargoedWave.ToString(CultureInfo.InvariantCulture));
        Assert.DoesNotContain(table.Dimensions[2].Values, v => v.Code == ReleasedStore.UnreleasedWave.ToString(CultureInfo.InvariantCulture));

        var cube = table.Query(All(table), 1_000_000);
        var checkedCells = 0;
        var hidden = 0;
        foreach (var release in releases)
        {
            var quality = release.Quality!;
            var wave = release.Wave.ToString(CultureInfo.InvariantCulture);
            var rows = quality.Strata.Select(s => (Code: ResponseRateTable.StratumCode(s.Code), Cell: s))
                .Concat(quality.Groups.Select(g => (Code: ResponseRateTable.GroupCode(g.Variable!, g.Code), Cell: g)))
                .Append((Code: TableCodes.All, Cell: new PublishedResponse(null, TableCodes.All, quality.Sampled, quality.Responded, quality.Rate)));
            foreach (var (code, cell) in rows)
            {
                double? Value(string contents) => cube.Values[Cell(cube, new Dictionary<string, string> { [TableCodes.Group] = code, [TableCodes.Contents] = contents, [TableCodes.Time] = wave })];
                string? Status(string contents) => cube.Status[Cell(cube, new Dictionary<string, string> { [TableCodes.Group] = code, [TableCodes.Contents] = contents, [TableCodes.Time] = wave })];
                Assert.Equal(cell.Sampled, Value(ResponseRateTable.Gross));
                if (cell.Responded is { } responded)
                {
                    Assert.True(responded >= quality.MinRespondents, $"{code} {wave}: {responded} respondents shown");
                    Assert.Equal(responded, Value(ResponseRateTable.Respondents));
                    Assert.Equal(100.0 * responded / cell.Sampled, Value(ResponseRateTable.Rate)!.Value, 12);
                }
                else
                {
                    hidden++;
                    Assert.Null(Value(ResponseRateTable.Respondents));
                    Assert.Null(Value(ResponseRateTable.Rate));
                    Assert.Equal(StatusSymbols.TooUncertain, Status(ResponseRateTable.Respondents));
                    Assert.Equal(StatusSymbols.TooUncertain, Status(ResponseRateTable.Rate));
                }

                checkedCells++;
            }
        }

        Assert.True(checkedCells > 20, $"{checkedCells} cells");
        Assert.True(cube.Dimensions[0].Values.Count > 10);
        Assert.All(cube.Dimensions[0].Values, v => Assert.False(string.IsNullOrWhiteSpace(v.Label.Sv) || string.IsNullOrWhiteSpace(v.Label.En)));
        Assert.NotEqual(table.Label.Sv, table.Label.En);
        _ = hidden;
    }

    [Fact]
    public void Table_NoHiddenResponse_CanBeRecoveredBySubtraction()
    {
        // An attacker knows the total and every shown cell of each set that adds up to it: every set with a hidden
        // cell must have at least two, holding together at least the minimum.
        foreach (var quality in View.Releases.Select(r => r.Quality).OfType<PublishedQuality>())
        {
            var sets = new List<List<PublishedResponse>> { quality.Strata.ToList() };
            sets.AddRange(quality.Strata.GroupBy(s => s.Code.Split('-')[0], StringComparer.Ordinal).Select(g => g.ToList()));
            sets.AddRange(quality.Groups.GroupBy(g => g.Variable, StringComparer.Ordinal).Select(g => g.ToList()));
            foreach (var set in sets.Where(s => s.Any(c => c.Responded is null)))
            {
                Assert.True(set.Count(c => c.Responded is null) >= 2, string.Join(", ", set.Select(c => c.Code + "=" + c.Responded)));
            }
        }
    }

    [Fact]
    public void Suppression_OneCellUnderTheMinimum_HidesTheNextSmallest_AndSmallHiddenSumsGrow()
    {
        var cells = new List<(string?, string, long, long)>
        {
            (null, "A-1", 100, 40), (null, "A-2", 100, 3), (null, "B-1", 100, 60), (null, "B-2", 100, 50),
            ("sex", "1", 200, 70), ("sex", "2", 200, 83),
            ("age", "1", 100, 4), ("age", "2", 100, 5), ("age", "3", 200, 144),
        };
        var hidden = ResponseSuppression.Hide(cells, 10);
        // A-2 is under 10; within A (and within all strata) A-1 is hidden beside it.
        Assert.Equal(PublishedResponse.PrimarySuppression, hidden[1]);
        Assert.Equal(PublishedResponse.ComplementarySuppression, hidden[0]);
        Assert.Null(hidden[2]);
        Assert.Null(hidden[3]);
        Assert.Null(hidden[4]);
        Assert.Null(hidden[5]);
        // Two age cells under 10 add up to 9 < 10: the third is hidden as well.
        Assert.Equal(new string?[] { PublishedResponse.PrimarySuppression, PublishedResponse.PrimarySuppression, PublishedResponse.ComplementarySuppression }, hidden[6..]);
    }

    [Fact]
    public void Of_ComplementaryCells_CarryTheReason()
    {
        var fieldwork = new SurveyFieldwork(2030, [new FieldworkStratum("a", 1000, 200, 99), new FieldworkStratum("b", 1000, 200, 100), new FieldworkStratum("c", 1000, 300, 120)], []);
        var quality = PublishedQuality.Of(fieldwork, null, 100)!;
        Assert.Equal(PublishedResponse.PrimarySuppression, quality.Strata[0].Suppressed);
        Assert.Equal(PublishedResponse.ComplementarySuppression, quality.Strata[1].Suppressed);
        Assert.Null(quality.Strata[1].Responded);
        Assert.Equal(120, quality.Strata[2].Responded);
        Assert.Null(quality.Strata[2].Suppressed);
        Assert.Equal(quality.ToJson(), PublishedQuality.FromJson(quality.ToJson())!.ToJson());
    }

    [Theory]
    [InlineData("json-stat2")]
    [InlineData("csv")]
    [InlineData("xlsx")]
    [InlineData("px")]
    [InlineData("html")]
    [InlineData("json-px")]
    [InlineData("parquet")]
    public void Table_WritesInEveryFormat_InSwedishAndEnglish(string format)
    {
        var table = Model.FindTable(ResponseRateTable.Id)!;
        var cube = table.Query(All(table), 1_000_000);
        foreach (var language in new[] { Barometer.Catalogue.Text.Language.Sv, Barometer.Catalogue.Text.Language.En })
        {
            var (writer, options) = CubeWriters.Parse(format, [], language);
            using var stream = new MemoryStream();
            writer.Write(cube, stream, options);
            Assert.True(stream.Length > 200, $"{format} {language}: {stream.Length} bytes");
            if (format is "csv" or "json-stat2" or "px")
            {
                var text = Encoding.UTF8.GetString(stream.ToArray()) + Encoding.Latin1.GetString(stream.ToArray());
                Assert.Contains(language == Barometer.Catalogue.Text.Language.Sv ? "Svarsandel" : "Response rate", text, StringComparison.Ordinal);
            }
        }
    }
}

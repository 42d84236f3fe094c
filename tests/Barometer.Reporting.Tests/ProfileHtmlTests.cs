using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Results;
using Barometer.Reporting.Findings;
using Barometer.Storage.Results;
using Barometer.Testing;

namespace Barometer.Reporting.Tests;

/// <summary>
/// The printed profile of a municipality and a county (<c>barometer profile</c>), written from the shared released
/// store's public view, read as a reader would: every number is a referenced span whose value is read again from the
/// release, no digit stands outside one, and an unknown area or a store with nothing public is refused.
/// </summary>
public class ProfileHtmlTests
{
    private static readonly Lazy<ReportInputs> Inputs = new(() =>
        new DuckDbReportSource(ReleasedStore.Shared.StorePath, ReleasedStore.Shared.Catalogue).LoadLatestPublic(ReleasedStore.Now));

    private static string Write(ProfileArea area, Language language) =>
        new ProfileWriter(ReleasedStore.Shared.Catalogue).WriteHtml(Inputs.Value, area, new ReportOptions(language, ReleasedStore.Now));

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    public static TheoryData<string, string, Language> Areas => new()
    {
        { "kommun", "0180", Language.Sv },
        { "kommun", "0180", Language.En },
        { "lan", "01", Language.Sv },
        { "lan", "01", Language.En },
    };

    private static ProfileArea Area(string level, string code) => new(level == "lan" ? ProfileLevel.County : ProfileLevel.Municipality, code);

    [Fact]
    public void LoadLatestPublic_TakesTheLatestPublicWave_NotTheEmbargoedOne()
    {
        Assert.True(Inputs.Value.Release.Wave < ReleasedStore.EmbargoedWave);
        Assert.True(Inputs.Value.Release.ReleaseTime <= ReleasedStore.Now);
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void WriteHtml_EveryNumber_MatchesTheRelease(string level, string code, Language language)
    {
        var document = Parse(Write(Area(level, code), language));
        var wave = Inputs.Value.Release.Wave;
        var release = new DuckDbPublishedResults(ReleasedStore.Shared.StorePath).Load();
        var view = release.AsOf(Inputs.Value.Release.ReleaseTime);
        var results = view.Results.Where(r => r.Wave <= wave)
            .ToDictionary(r => (r.Wave, r.Row.Indicator, MeasureCodes.Code(r.Row.Measure), r.Row.Breakdown, r.Row.Cell, r.Row.ComparisonGroup));
        var provenance = ReportHtmlTests.Provenance(wave, Inputs.Value.Release.Version);

        var numbers = document.QuerySelectorAll("span.num");
        Assert.True(numbers.Length > 30, $"only {numbers.Length} numbers in the profile");
        var failures = new List<string>();
        var tables = new HashSet<string>(StringComparer.Ordinal);
        foreach (var span in numbers)
        {
            var source = span.GetAttribute("data-source");
            var table = span.GetAttribute("data-table") ?? "";
            var cell = span.GetAttribute("data-cell") ?? "";
            var shown = ReportNumbers.Parse(span.TextContent, language);
            double expected;
            int decimals;
            switch (source)
            {
                case "result":
                    (expected, decimals) = ReportHtmlTests.ExpectedResult(results, table, cell, failures);
                    tables.Add(table);
                    break;
                case "provenance" when table == "release":
                    (expected, decimals) = ReportHtmlTests.ExpectedProvenance(provenance, cell);
                    break;
                default:
                    failures.Add($"unexpected source '{source}' of {span.OuterHtml}");
                    continue;
            }

            var rounded = Math.Round(expected, decimals, MidpointRounding.AwayFromZero);
            if (double.IsNaN(expected) || Math.Abs(shown - rounded) > 1e-9 * Math.Max(1, Math.Abs(rounded)))
            {
                failures.Add($"{table} [{cell}] shows '{span.TextContent}', the release has {expected.ToString("R", CultureInfo.InvariantCulture)}");
            }

            if (source == "result" && !cell.Contains("Tid=" + wave.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                failures.Add($"{table} [{cell}] is not of the latest public wave {wave}");
            }
        }

        Assert.Empty(failures);

        // The area's own tables, and for a municipality its county's, and Sweden's (the total tables).
        Assert.Contains(tables, t => t.EndsWith("." + level, StringComparison.Ordinal));
        Assert.Contains(tables, t => !t.Contains('.', StringComparison.Ordinal));
        if (level == "kommun")
        {
            Assert.Contains(tables, t => t.EndsWith(".lan", StringComparison.Ordinal));
        }

        // Every cell of an area table is the area's own or its county's.
        foreach (var span in numbers.Where(s => s.GetAttribute("data-source") == "result"))
        {
            var table = span.GetAttribute("data-table")!;
            var cell = span.GetAttribute("data-cell")!;
            if (table.EndsWith(".kommun", StringComparison.Ordinal))
            {
                Assert.StartsWith("kommun=" + code + ";", cell, StringComparison.Ordinal);
            }
            else if (table.EndsWith(".lan", StringComparison.Ordinal))
            {
                Assert.StartsWith("lan=" + code[..2] + ";", cell, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void WriteHtml_NoDigitOutsideAReferencedNumber(string level, string code, Language language)
    {
        var document = Parse(Write(Area(level, code), language));
        foreach (var skipped in document.QuerySelectorAll("span.num, span.label, span.wave, time, code, style, title, .no, sup"))
        {
            skipped.Remove();
        }

        var text = document.Body!.TextContent;
        var stray = text.Where(char.IsAsciiDigit).ToList();
        Assert.True(stray.Count == 0, "digits outside referenced numbers: " + string.Concat(text.Where(c => char.IsAsciiDigit(c) || c == ' ')).Trim());
    }

    [Fact]
    public void WriteHtml_County_ShowsModelBasedEstimatesWhenPublished()
    {
        var html = Write(new ProfileArea(ProfileLevel.County, "01"), Language.Sv);
        var published = Inputs.Value.Results.Any(r => r.Row.Measure == Measure.ModelEstimate && r.Row.Breakdown == "lan" && r.Row.Cell == "01" && r.Row.SuppressionRule is null);
        Assert.Equal(published, html.Contains("Grupp=", StringComparison.Ordinal) && html.Contains(":model_estimate;", StringComparison.Ordinal));
        Assert.Contains("Källa och teckenförklaring", Parse(html).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteHtml_Municipality_HasNoModelBasedSection_AndTheLegend()
    {
        var html = Write(new ProfileArea(ProfileLevel.Municipality, "0180"), Language.En);
        Assert.DoesNotContain(":model_estimate;", html, StringComparison.Ordinal);
        Assert.Contains("Source and symbols", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProfileLevel.Municipality, "9999")]
    [InlineData(ProfileLevel.County, "0180")]
    [InlineData(ProfileLevel.County, "99")]
    public void Validate_UnknownCode_IsRefusedWithWhatWasExpected(ProfileLevel level, string code)
    {
        var ex = Assert.Throws<ReportException>(() => new ProfileWriter(ReleasedStore.Shared.Catalogue).Validate(new ProfileArea(level, code)));
        Assert.Contains("'" + code + "'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadLatestPublic_BeforeAnyRelease_IsRefused()
    {
        var source = new DuckDbReportSource(ReleasedStore.Shared.StorePath, ReleasedStore.Shared.Catalogue);
        var ex = Assert.Throws<ReportException>(() => source.LoadLatestPublic(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Contains("no release is public", ex.Message, StringComparison.Ordinal);
    }
}

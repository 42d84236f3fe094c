using System.Globalization;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Results;
using Barometer.Reporting.Findings;
using Barometer.Reporting.Rendering;
using Barometer.Storage.Fieldwork;
using Barometer.Storage.Results;
using Barometer.Testing;
using DuckDB.NET.Data;

namespace Barometer.Reporting.Tests;

/// <summary>
/// Generates reports from the shared released store and checks them as a reader would: every number in the running
/// text and the tables is a referenced span whose value is read again, independently, from the release (or the
/// gross sample, or the provenance); no digit appears anywhere else outside labels, waves, numbering and dates.
/// </summary>
public class ReportHtmlTests
{
    private const int PublicWave = 2024;

    /// <summary>What the report of each wave is written from (the wave's latest release).</summary>
    private static readonly Lazy<Dictionary<int, ReportInputs>> Inputs = new(() =>
    {
        var store = ReleasedStore.Shared;
        var source = new DuckDbReportSource(store.StorePath, store.Catalogue);
        return new[] { PublicWave, ReleasedStore.EmbargoedWave }.ToDictionary(w => w, w => source.Load(w, null));
    });

    private static readonly Lazy<Dictionary<(int Wave, Language Language), string>> Reports = new(() =>
    {
        var writer = new ReportWriter(ReleasedStore.Shared.Catalogue, new PlaceholderCharts());
        var reports = new Dictionary<(int, Language), string>();
        foreach (var (wave, language) in new[] { (PublicWave, Language.Sv), (PublicWave, Language.En), (ReleasedStore.EmbargoedWave, Language.Sv) })
        {
            reports[(wave, language)] = writer.WriteHtml(Inputs.Value[wave], new ReportOptions(language, ReleasedStore.Now));
        }

        return reports;
    });

    private static int CountOf(string text, string phrase)
    {
        var count = 0;
        for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + phrase.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, Dictionary<(string Variable, string Code), (long Sampled, long Responded)>> GroupCountCache = new();

    private static IndicatorCatalogue Catalogue => ReleasedStore.Shared.Catalogue;

    [Fact]
    public void WriteHtml_English_KeepsProperWordsCapitalisedInsideSentences()
    {
        var text = Parse(Reports.Value[(PublicWave, Language.En)]).Body!.TextContent;
        Assert.Contains("Swedish background", text, StringComparison.Ordinal);
        Assert.DoesNotContain("swedish background", text, StringComparison.Ordinal);
        Assert.DoesNotContain("outside europe", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PublicWave, Language.Sv)]
    [InlineData(PublicWave, Language.En)]
    [InlineData(ReleasedStore.EmbargoedWave, Language.Sv)]
    public void WriteHtml_EveryNumber_MatchesTheRelease(int wave, Language language)
    {
        var document = Parse(Reports.Value[(wave, language)]);
        var release = new DuckDbPublishedResults(ReleasedStore.Shared.StorePath).Load();
        var record = release.AllReleases.Where(r => r.Wave == wave).MaxBy(r => r.Version)!;
        var view = release.AsOf(record.ReleaseTime);
        var results = view.Results.Where(r => r.Wave <= wave)
            .ToDictionary(r => (r.Wave, r.Row.Indicator, MeasureCodes.Code(r.Row.Measure), r.Row.Breakdown, r.Row.Cell, r.Row.ComparisonGroup));
        var provenance = Provenance(wave, record.Version);
        var (strata, totals) = Fieldwork(wave);

        var numbers = document.QuerySelectorAll("span.num");
        Assert.True(numbers.Length > 500, $"only {numbers.Length} numbers in the report");
        var failures = new List<string>();
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var span in numbers)
        {
            var source = span.GetAttribute("data-source");
            var table = span.GetAttribute("data-table") ?? "";
            var cell = span.GetAttribute("data-cell") ?? "";
            kinds.Add(source ?? "");
            var shown = ReportNumbers.Parse(span.TextContent, language);
            double expected;
            int decimals;
            switch (source)
            {
                case "result":
                    (expected, decimals) = ExpectedResult(results, table, cell, failures);
                    break;
                case "provenance" when table == "release":
                    (expected, decimals) = ExpectedProvenance(provenance, cell);
                    break;
                case "provenance" when table == "releases":
                    var parts = Keys(cell);
                    expected = double.Parse(parts["version"], CultureInfo.InvariantCulture);
                    decimals = 0;
                    Assert.Contains(release.AllReleases, r => r.Wave == int.Parse(parts["wave"], CultureInfo.InvariantCulture) && r.Version == (int)expected);
                    break;
                case "fieldwork":
                    (expected, decimals) = ExpectedFieldwork(wave, strata, totals, cell);
                    break;
                case "nonresponse" when table == "run":
                    (expected, decimals) = ExpectedNonresponse(record.RunId, cell);
                    break;
                default:
                    failures.Add($"unknown source '{source}' of {span.OuterHtml}");
                    continue;
            }

            if (span.GetAttribute("data-abs") == "1")
            {
                expected = Math.Abs(expected);
            }

            var rounded = Math.Round(expected, decimals, MidpointRounding.AwayFromZero);
            if (double.IsNaN(expected) || Math.Abs(shown - rounded) > 1e-9 * Math.Max(1, Math.Abs(rounded)))
            {
                failures.Add($"{table} [{cell}] shows '{span.TextContent}', the release has {expected.ToString("R", CultureInfo.InvariantCulture)}");
            }
        }

        Assert.Empty(failures.Take(20));
        Assert.Equal(["fieldwork", "nonresponse", "provenance", "result"], kinds.Order(StringComparer.Ordinal));
        Assert.Contains(numbers, n => n.GetAttribute("data-table")!.EndsWith(".lan", StringComparison.Ordinal)); // the county tables are read back too
    }

    [Theory]
    [InlineData(PublicWave, Language.Sv)]
    [InlineData(PublicWave, Language.En)]
    [InlineData(ReleasedStore.EmbargoedWave, Language.Sv)]
    public void WriteHtml_RunningTextAndTables_HaveNoUnreferencedNumber(int wave, Language language)
    {
        var document = Parse(Reports.Value[(wave, language)]);
        var stray = new List<string>();
        Walk(document.Body!, stray);

        Assert.Empty(stray.Take(20));
        var waves = document.QuerySelectorAll("span.wave").Select(s => int.Parse(s.TextContent, CultureInfo.InvariantCulture)).Distinct().ToList();
        Assert.All(waves, w => Assert.InRange(w, ReleasedStore.Waves[0], wave));
    }

    [Theory]
    [InlineData(PublicWave, Language.Sv, "Skillnaden har minskat", "Skillnaden har ökat")]
    [InlineData(PublicWave, Language.En, "The difference has narrowed", "The difference has widened")]
    public void WriteHtml_IncreaseDecreaseAndDifferenceWords_OnlyForSignificantCells(int wave, Language language, string narrowed, string widened)
    {
        var document = Parse(Reports.Value[(wave, language)]);
        var release = new DuckDbPublishedResults(ReleasedStore.Shared.StorePath).Load();
        var record = release.AllReleases.Where(r => r.Wave == wave).MaxBy(r => r.Version)!;
        var results = release.AsOf(record.ReleaseTime).Results.Where(r => r.Wave <= wave)
            .ToDictionary(r => (r.Wave, r.Row.Indicator, MeasureCodes.Code(r.Row.Measure), r.Row.Breakdown, r.Row.Cell, r.Row.ComparisonGroup));

        // A number shown as a size ("increased by 3", "5 points lower than") is only ever the size of a significant
        // change or difference, or of a register total without sampling error.
        var sizes = document.QuerySelectorAll("span.num[data-abs='1']");
        Assert.NotEmpty(sizes);
        foreach (var span in sizes)
        {
            var (result, _, _) = Resolve(results, span.GetAttribute("data-table")!, span.GetAttribute("data-cell")!);
            Assert.NotNull(result);
            Assert.Contains(FindingRules.Classify(result), new[] { Verdict.SignificantlyPositive, Verdict.SignificantlyNegative, Verdict.WithoutSamplingError });
        }

        // A sentence saying a difference narrowed or widened cites a significant change of that difference.
        var movements = document.QuerySelectorAll("p, li").Where(e => e.TextContent.Contains(narrowed, StringComparison.Ordinal)
            || e.TextContent.Contains(widened, StringComparison.Ordinal)).ToList();
        foreach (var element in movements)
        {
            var changes = element.QuerySelectorAll("span.num").Where(n => n.GetAttribute("data-cell")!.Contains("ContentsCode=change;", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(changes);
            Assert.All(changes, c => Assert.Contains(FindingRules.Classify(Resolve(results, c.GetAttribute("data-table")!, c.GetAttribute("data-cell")!).Result!),
                new[] { Verdict.SignificantlyPositive, Verdict.SignificantlyNegative }));
        }

        // And a non-significant change in the release is described as such somewhere in the report.
        Assert.Contains(language == Language.En ? "no statistically significant change" : "ingen statistiskt säkerställd förändring",
            document.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(PublicWave, Language.Sv)]
    [InlineData(PublicWave, Language.En)]
    [InlineData(ReleasedStore.EmbargoedWave, Language.Sv)]
    public void WriteHtml_Summary_LeadsEachSubGoalWithItsHeadlineIndicatorsAndTheirLatestLevels(int wave, Language language)
    {
        var document = Parse(Reports.Value[(wave, language)]);
        var summary = document.QuerySelector("section.summary")!;
        var lists = summary.QuerySelectorAll("ul.headline");
        Assert.Equal(Catalogue.SubGoals.Count, lists.Length);
        var subGoals = Catalogue.SubGoals.OrderBy(s => s.Order).ToList();
        for (var i = 0; i < subGoals.Count; i++)
        {
            // In the sub-goal's part of the summary, right under its heading and before its findings.
            var list = lists[i];
            Assert.Equal(subGoals[i].Name[language], list.PreviousElementSibling!.PreviousElementSibling!.TextContent);
            Assert.True(list.NextElementSibling!.ClassList.Contains("findings"));

            var headline = Catalogue.HeadlineIndicatorsOf(subGoals[i].Id);
            var items = list.QuerySelectorAll("li");
            Assert.Equal(headline.Select(h => "#ind-" + h.Id), items.Select(li => li.QuerySelector("a")!.GetAttribute("href")));
            Assert.Equal(headline.Select(h => h.Name[language]), items.Select(li => li.QuerySelector("a")!.TextContent));
            for (var j = 0; j < headline.Count; j++)
            {
                // The first numbers are the latest levels of the compared groups (or of everyone), from the indicator's
                // total table; the every-number test checks their values against the release.
                // A level the disclosure rules suppressed in the release is said to be not published, never a number.
                var numbers = items[j].QuerySelectorAll("span.num").Select(n => (Table: n.GetAttribute("data-table")!, Cell: Keys(n.GetAttribute("data-cell")!))).ToList();
                var groups = headline[j].Comparisons.Count == 0 ? ["all"] : new[] { headline[j].Comparisons[0] + ":focal", headline[j].Comparisons[0] + ":reference" };
                var released = Inputs.Value[wave].Results;
                var published = groups.Where(g => released.Any(r => r.Row.Indicator == headline[j].Id && r.Row.Measure == Measure.Level && r.Row.Breakdown == "total"
                    && r.Row.ComparisonGroup == g && r.Row.Estimate is not null)).ToList();
                var levels = numbers.Where(n => n.Cell["ContentsCode"] == "estimate" && !n.Cell["Grupp"].EndsWith("gap", StringComparison.Ordinal)).ToList();
                Assert.Equal(published, levels.Select(n => n.Cell["Grupp"]));
                var notPublished = language == Language.Sv ? ": redovisas inte" : ": not published";
                Assert.Equal(groups.Length - published.Count, CountOf(items[j].TextContent, notPublished));
                Assert.All(numbers, n => Assert.Equal(headline[j].Id, n.Table));
                Assert.All(numbers, n => Assert.Equal(wave.ToString(CultureInfo.InvariantCulture), n.Cell["Tid"]));
            }
        }
    }

    [Theory]
    [InlineData(PublicWave, Language.Sv, "Tabell ", " efter län", "Stockholms län", "Norrbottens län")]
    [InlineData(PublicWave, Language.En, "Table ", " by county", "Stockholm County", "Norrbotten County")]
    [InlineData(ReleasedStore.EmbargoedWave, Language.Sv, "Tabell ", " efter län", "Stockholms län", "Norrbottens län")]
    public void WriteHtml_RegisterIndicatorsByLan_HaveCountyTableOfAllCountiesInAppendixLinkedFromChapter(
        int wave, Language language, string tableWord, string byCounty, string firstCounty, string lastCounty)
    {
        var document = Parse(Reports.Value[(wave, language)]);
        var lan = Catalogue.FindClassification("lan")!;
        var names = lan.Codes.Select(c => c.Label[language]).ToList();
        Assert.Equal(21, names.Count);
        Assert.Equal(firstCounty, names[0]);
        Assert.Equal(lastCounty, names[^1]);
        var expected = Catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Register && i.Breakdowns.Contains("lan")).ToList();
        Assert.True(expected.Count >= 10, $"only {expected.Count} register indicators by län");

        // One appendix after the chapters and appendix A, in the contents, with exactly these tables, in the
        // catalogue's order of sub-goals and indicators.
        var appendix = document.QuerySelector("section.counties")!;
        // Appendix C, the model-based estimates by county, comes after it when the release has any.
        var sections = document.QuerySelectorAll("section.chapter, section.appendix:not(.model-estimates)");
        Assert.Same(sections[^1], appendix);
        Assert.NotNull(document.QuerySelector("nav.toc a[href='#counties']"));
        var order = Catalogue.SubGoals.OrderBy(s => s.Order).SelectMany(s => Catalogue.IndicatorsOf(s.Id)).Where(expected.Contains).Select(i => "lan-" + i.Id);
        Assert.Equal(order, appendix.QuerySelectorAll("div.county").Select(d => d.Id));
        Assert.Equal(expected.Count, appendix.QuerySelectorAll("table").Length);

        foreach (var indicator in expected)
        {
            var table = Assert.Single(document.GetElementById("lan-" + indicator.Id)!.QuerySelectorAll("table"));
            var caption = table.QuerySelector("caption")!.TextContent;
            Assert.Contains(indicator.Name[language] + byCounty + ", " + wave.ToString(CultureInfo.InvariantCulture), caption, StringComparison.Ordinal);

            // 21 rows, one per län in code order, named in the report's language.
            var rows = table.QuerySelectorAll("tbody tr");
            Assert.Equal(21, rows.Length);
            Assert.Equal(names, rows.Select(r => r.QuerySelector("th")!.TextContent));

            // Columns: the compared groups' levels and the gap, or the level of all; every cell a number of the
            // indicator's lan table in its row's county and this wave, or a symbol.
            var groups = indicator.Comparisons.Count > 0
                ? new[] { indicator.Comparisons[0] + ":focal", indicator.Comparisons[0] + ":reference", indicator.Comparisons[0] + ":gap" }
                : ["all"];
            Assert.Equal(groups.Length + 1, table.QuerySelectorAll("thead th").Length);
            for (var r = 0; r < rows.Length; r++)
            {
                var cells = rows[r].QuerySelectorAll("td");
                Assert.Equal(groups.Length, cells.Length);
                for (var c = 0; c < cells.Length; c++)
                {
                    if (cells[c].ClassList.Contains("sym"))
                    {
                        continue;
                    }

                    var number = cells[c].QuerySelector("span.num")!;
                    Assert.Equal(indicator.Id + ".lan", number.GetAttribute("data-table"));
                    var keys = Keys(number.GetAttribute("data-cell")!);
                    Assert.Equal(lan.Codes[r].Code, keys["lan"]);
                    Assert.Equal(groups[c], keys["Grupp"]);
                    Assert.Equal(wave.ToString(CultureInfo.InvariantCulture), keys["Tid"]);
                }
            }

            var source = table.NextElementSibling!;
            Assert.True(source.ClassList.Contains("source"));
            Assert.Equal([indicator.Id + ".lan"], source.QuerySelectorAll("code.table-id").Select(c => c.TextContent));

            // The chapter's indicator section links to it by its number.
            var section = document.GetElementById("ind-" + indicator.Id)!.ParentElement!;
            var link = section.QuerySelector("a.xref")!;
            Assert.Equal("#lan-" + indicator.Id, link.GetAttribute("href"));
            Assert.Equal(caption[..caption.IndexOf('.', StringComparison.Ordinal)].ToLowerInvariant(), link.TextContent.ToLowerInvariant());
            Assert.StartsWith(tableWord, caption, StringComparison.Ordinal);
        }

        // The tables do hold numbers, which the every-number test reads back from the release.
        Assert.True(appendix.QuerySelectorAll("span.num").Length > 100, $"only {appendix.QuerySelectorAll("span.num").Length} numbers by county");
    }

    [Fact]
    public void WriteHtml_CountyTables_ShowTheSymbolOfSuppressedCellsWithTheirLegend()
    {
        var document = Parse(Reports.Value[(PublicWave, Language.Sv)]);
        var release = new DuckDbPublishedResults(ReleasedStore.Shared.StorePath).Load();
        var record = release.AllReleases.Where(r => r.Wave == PublicWave).MaxBy(r => r.Version)!;
        var codes = Catalogue.FindClassification("lan")!.Codes.Select(c => c.Code).ToList();
        var suppressed = release.AsOf(record.ReleaseTime).Results
            .Where(r => r.Wave == PublicWave && r.Row.Breakdown == "lan" && r.Row.Measure == Measure.Level && r.Row.SuppressionRule is not null
                        && Catalogue.Indicator(r.Row.Indicator).Source.Kind == SourceKind.Register
                        && r.Row.ComparisonGroup == (Catalogue.Indicator(r.Row.Indicator).Comparisons.Count > 0 ? Catalogue.Indicator(r.Row.Indicator).Comparisons[0] + ":focal" : "all"))
            .ToList();
        Assert.NotEmpty(suppressed);

        foreach (var cell in suppressed)
        {
            var row = document.GetElementById("lan-" + cell.Row.Indicator)!.QuerySelectorAll("tbody tr")[codes.IndexOf(cell.Row.Cell)];
            var td = row.QuerySelectorAll("td")[0];
            Assert.True(td.ClassList.Contains("sym"), $"{cell.Row.Indicator} lan={cell.Row.Cell}: {td.OuterHtml}");
            Assert.Equal("x", td.TextContent);
            Assert.Null(td.QuerySelector("span.num"));
            Assert.Contains("x röjandekontroll", document.GetElementById("lan-" + cell.Row.Indicator)!.QuerySelector("p.source")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WriteHtml_Tables_ShowSymbolsNeverZeroForHiddenCells()
    {
        var document = Parse(Reports.Value[(PublicWave, Language.Sv)]);
        var symbols = document.QuerySelectorAll("td.sym").Select(td => td.TextContent).ToList();

        Assert.NotEmpty(symbols);
        Assert.All(symbols, s => Assert.Contains(s, new[] { "..", ".", "x" }));
        Assert.Contains("x", symbols);
        Assert.DoesNotContain(document.QuerySelectorAll("td"), td => td.ClassList.Contains("sym") && td.QuerySelector("span.num") is not null);
    }

    [Fact]
    public void WriteHtml_Document_IsSelfContainedWithNumberedFiguresTablesAndSources()
    {
        var html = Reports.Value[(PublicWave, Language.Sv)];
        var document = Parse(html);

        Assert.Empty(document.QuerySelectorAll("link, script, img, iframe, object"));
        Assert.DoesNotContain(document.QuerySelectorAll("[src]"), _ => true);
        Assert.All(document.QuerySelectorAll("a[href]"), a => Assert.StartsWith("#", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.All(document.QuerySelectorAll("a[href]"), a => Assert.NotNull(document.GetElementById(a.GetAttribute("href")![1..])));
        var figures = document.QuerySelectorAll("figure").Select(f => f.Id).ToList();
        Assert.Equal(Enumerable.Range(1, figures.Count).Select(i => "fig-" + i.ToString(CultureInfo.InvariantCulture)), figures);
        var tables = document.QuerySelectorAll("table").Select(f => f.Id).ToList();
        Assert.Equal(Enumerable.Range(1, tables.Count).Select(i => "tab-" + i.ToString(CultureInfo.InvariantCulture)), tables);
        Assert.All(document.QuerySelectorAll("figcaption"), c => Assert.Contains("Källa: Integrationsbarometern 2024, tabell", c.TextContent, StringComparison.Ordinal));
        Assert.Contains(document.QuerySelectorAll("p.source"), p => p.TextContent.Contains("tabell employment_rate, employment_rate.sex", StringComparison.Ordinal));
        Assert.Equal("Integrationsbarometern 2024", document.QuerySelector("h1")!.TextContent);
        Assert.Equal("Sammanfattning", document.GetElementById("summary")!.TextContent[2..]);
        Assert.Equal(Catalogue.SubGoals.Count, document.QuerySelectorAll("section.chapter").Length);
        Assert.Equal(Catalogue.Indicators.Count, document.QuerySelectorAll("section.indicator").Length);
        Assert.Contains("Metod och kvalitet", document.GetElementById("appendix")!.TextContent, StringComparison.Ordinal);
        Assert.Null(document.QuerySelector(".embargo"));
    }

    [Fact]
    public void WriteHtml_Swedish_UsesDecimalCommaAndEnglishDecimalPoint()
    {
        var sv = Parse(Reports.Value[(PublicWave, Language.Sv)]).QuerySelectorAll("span.num").Select(s => s.TextContent).ToList();
        var en = Parse(Reports.Value[(PublicWave, Language.En)]).QuerySelectorAll("span.num").Select(s => s.TextContent).ToList();

        Assert.Contains(sv, t => t.Contains(',', StringComparison.Ordinal));
        Assert.DoesNotContain(sv, t => t.Contains('.', StringComparison.Ordinal));
        Assert.Contains(en, t => t.Contains('.', StringComparison.Ordinal));
        Assert.Equal("The Integration Barometer 2024", Parse(Reports.Value[(PublicWave, Language.En)]).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public void WriteHtml_EmbargoedRelease_SaysWhenItBecomesPublic()
    {
        var document = Parse(Reports.Value[(ReleasedStore.EmbargoedWave, Language.Sv)]);

        var notice = document.QuerySelector(".embargo");
        Assert.NotNull(notice);
        Assert.Equal(ReleasedStore.EmbargoedReleaseTime.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            notice.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains("Publiceras", document.QuerySelector("dl.release")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnreleasedWave_ThrowsNamingReleasedWaves()
    {
        var source = new DuckDbReportSource(ReleasedStore.Shared.StorePath, Catalogue);

        var ex = Assert.Throws<ReportException>(() => source.Load(ReleasedStore.UnreleasedWave, null));
        Assert.Contains("2022, 2023, 2024, 2025", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ReportException>(() => source.Load(PublicWave, 7));
    }

    [Fact]
    public void Load_PublicWave_ShowsEarlierWavesOnlyAndTheWavesFieldwork()
    {
        var inputs = new DuckDbReportSource(ReleasedStore.Shared.StorePath, Catalogue).Load(PublicWave, null);

        Assert.All(inputs.Results, r => Assert.Equal(PublicWave, r.Wave));
        Assert.Equal([2022, 2023], inputs.EarlierReleases.Select(r => r.Wave));
        Assert.Equal(2023, inputs.PreviousRelease!.Wave);
        var fieldwork = Assert.IsType<SurveyFieldwork>(inputs.Fieldwork);
        var (_, totals) = Fieldwork(PublicWave);
        Assert.Equal(totals.Sampled, fieldwork.Sampled);
        Assert.Equal(totals.Responded, fieldwork.Responded);
        Assert.All(fieldwork.Groups.GroupBy(g => g.Variable), g => Assert.Equal(totals.Sampled, g.Sum(x => x.Sampled)));
        Assert.All(fieldwork.Groups.GroupBy(g => g.Variable), g => Assert.Equal(totals.Responded, g.Sum(x => x.Responded)));
    }

    // ------------------------------------------------------------------ expectations, read independently

    internal static (double Value, int Decimals) ExpectedResult(
        Dictionary<(int, string, string, string, string, string), PublishedResult> results, string table, string cell, List<string> failures)
    {
        var (r, measure, contents) = Resolve(results, table, cell);
        if (r is null)
        {
            failures.Add($"{table} [{cell}]: no such released cell");
            return (double.NaN, 0);
        }

        if (r.Row.SuppressionRule is not null)
        {
            failures.Add($"{table} [{cell}]: a suppressed cell shown as a number");
        }

        var indicator = Catalogue.Indicator(r.Row.Indicator);
        double? value = contents switch
        {
            "estimate" or "change" => r.Row.Estimate,
            "margin" or "change_margin" => r.Row.CiUpper - r.Row.CiLower is { } width ? width / 2 : null,
            "ci_lower" => r.Row.CiLower,
            "ci_upper" => r.Row.CiUpper,
            "count" => r.Row.Respondents,
            _ => null,
        };
        if (contents == "count")
        {
            return (value ?? double.NaN, 0);
        }

        var ratio = indicator.Gap == GapKind.Ratio && measure is "gap" or "standardised_gap";
        var scale = ratio || indicator.Unit == "percent" ? 100 : 1;
        return ((value ?? double.NaN) * scale, ratio ? 1 : indicator.Decimals);
    }

    /// <summary>The released result a table id and cell (docs/api.md codes) name, with its measure and contents.</summary>
    private static (PublishedResult? Result, string Measure, string Contents) Resolve(
        Dictionary<(int, string, string, string, string, string), PublishedResult> results, string table, string cell)
    {
        var dot = table.IndexOf('.', StringComparison.Ordinal);
        var indicatorId = dot < 0 ? table : table[..dot];
        var breakdown = dot < 0 ? "total" : table[(dot + 1)..];
        var keys = Keys(cell);
        var code = breakdown == "total" ? "" : keys[breakdown];
        var group = keys["Grupp"];
        var contents = keys["ContentsCode"];
        var wave = int.Parse(keys["Tid"], CultureInfo.InvariantCulture);
        string measure;
        if (contents is "change" or "change_margin")
        {
            measure = "change";
            group = group.EndsWith(":gap", StringComparison.Ordinal) ? "gap:" + group[..^4]
                : group.EndsWith(":standardised_gap", StringComparison.Ordinal) ? "standardised_gap:" + group[..^17] : group;
        }
        else if (group.EndsWith(":gap", StringComparison.Ordinal))
        {
            measure = "gap";
            group = group[..^4];
        }
        else if (group.EndsWith(":standardised_gap", StringComparison.Ordinal))
        {
            measure = "standardised_gap";
            group = group[..^17];
        }
        else if (group.EndsWith(":expected_difference", StringComparison.Ordinal))
        {
            measure = "expected_difference";
            group = group[..^20];
        }
        else if (group.EndsWith(":expected", StringComparison.Ordinal))
        {
            measure = "expected";
            group = group[..^9];
        }
        else if (group.EndsWith(":model_estimate", StringComparison.Ordinal))
        {
            measure = "model_estimate";
            group = group[..^15];
        }
        else
        {
            measure = "level";
        }

        return (results.GetValueOrDefault((wave, indicatorId, measure, breakdown, code, group)), measure, contents);
    }

    internal static (double Value, int Decimals) ExpectedProvenance(JsonObject provenance, string cell)
    {
        var parts = cell.Split(';');
        var scale = parts.Length > 1 ? double.Parse(parts[1]["scale=".Length..], CultureInfo.InvariantCulture) : 1;
        JsonNode? node = provenance;
        foreach (var step in parts[0].Split('.'))
        {
            node = node is JsonArray array ? array[int.Parse(step, CultureInfo.InvariantCulture)] : node![step];
        }

        var value = node!.GetValue<double>() * scale;
        return (value, Math.Abs(value - Math.Round(value)) < 1e-9 ? 0 : 2);
    }

    private static (double Value, int Decimals) ExpectedFieldwork(int wave, Dictionary<string, (long Frame, long Sampled, long Responded)> strata, (long Frame, long Sampled, long Responded, long Strata) totals, string cell)
    {
        var keys = Keys(cell);
        var stat = keys["stat"];
        if (keys.ContainsKey("total"))
        {
            return stat switch
            {
                "frame" => (totals.Frame, 0),
                "sampled" => (totals.Sampled, 0),
                "responded" => (totals.Responded, 0),
                "strata" => (totals.Strata, 0),
                _ => (100.0 * totals.Responded / totals.Sampled, 1),
            };
        }

        if (keys.TryGetValue("stratum", out var stratum))
        {
            var s = strata[stratum];
            return stat switch
            {
                "frame" => (s.Frame, 0),
                "sampled" => (s.Sampled, 0),
                "responded" => (s.Responded, 0),
                _ => (100.0 * s.Responded / s.Sampled, 1),
            };
        }

        var (groupSampled, groupResponded) = GroupCounts(wave).GetValueOrDefault((keys["variable"], keys["code"]));
        return stat switch
        {
            "sampled" => (groupSampled, 0),
            "responded" => (groupResponded, 0),
            _ => (groupSampled == 0 ? double.NaN : 100.0 * groupResponded / groupSampled, 1),
        };
    }

    /// <summary>Persons drawn and responding per group, the groups being the catalogue's definitions evaluated on the gross sample's rows.</summary>
    private static Dictionary<(string Variable, string Code), (long Sampled, long Responded)> GroupCounts(int wave) =>
        GroupCountCache.GetOrAdd(wave, ReadGroupCounts);

    private static Dictionary<(string Variable, string Code), (long Sampled, long Responded)> ReadGroupCounts(int wave)
    {
        var variables = Catalogue.Calibration.Margins.SelectMany(m => m.Variables).Distinct().ToList();
        using var connection = new DuckDBConnection($"Data Source={ReleasedStore.Shared.StorePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * EXCLUDE (source_row) FROM survey_{wave}_gross_sample";
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => i, StringComparer.Ordinal);
        var counts = new Dictionary<(string, string), (long, long)>();
        while (reader.Read())
        {
            var row = reader;
            var get = Catalogue.Evaluator.For(name => columns.TryGetValue(name, out var i) && !row.IsDBNull(i) ? row.GetValue(i) switch
            {
                string text => Value.Of(text),
                bool flag => Value.Of(flag),
                var number => Value.Of(Convert.ToDouble(number, CultureInfo.InvariantCulture)),
            } : Value.Missing);
            var responded = reader.GetBoolean(columns["responded"]);
            foreach (var variable in variables)
            {
                var value = get(variable);
                var code = value.Kind switch
                {
                    ValueKind.Text => value.Text,
                    ValueKind.Number => value.Number.ToString(CultureInfo.InvariantCulture),
                    _ => "",
                };
                var (sampled, respondents) = counts.GetValueOrDefault((variable, code));
                counts[(variable, code)] = (sampled + 1, respondents + (responded ? 1 : 0));
            }
        }

        return counts;
    }

    /// <summary>A number of the run's nonresponse analysis, read from the store's tables (independently of NonresponseTable).</summary>
    private static (double Value, int Decimals) ExpectedNonresponse(int runId, string cell)
    {
        var keys = Keys(cell);
        var stat = keys["stat"];
        var scale = keys.TryGetValue("scale", out var s) ? double.Parse(s, CultureInfo.InvariantCulture) : 1;
        string sql;
        if (keys.ContainsKey("bias"))
        {
            var column = stat switch { "gross" => "gross_sample", "design" => "respondents_design", _ => "respondents_calibrated" };
            sql = $"SELECT {column} FROM nonresponse_bias WHERE run_id = {runId} AND variable = '{keys["variable"]}' AND code = '{keys["code"]}'";
        }
        else if (keys.TryGetValue("variable", out var variable))
        {
            var column = stat switch { "share" => "share", "mean_propensity" => "mean_propensity", _ => "partial" };
            var code = keys.TryGetValue("code", out var c) ? $"code = '{c}'" : "code IS NULL";
            sql = $"SELECT {column} FROM nonresponse_partials WHERE run_id = {runId} AND variable = '{variable}' AND {code}";
        }
        else
        {
            sql = $"SELECT {(stat == "r" ? "r_indicator" : "mean_propensity")} FROM nonresponse_indicator WHERE run_id = {runId}";
        }

        using var connection = new DuckDBConnection($"Data Source={ReleasedStore.Shared.StorePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = Convert.ToDouble(command.ExecuteScalar(), CultureInfo.InvariantCulture) * scale;
        return (value, stat is "r" or "partial" ? 3 : 1);
    }

    private static Dictionary<string, string> Keys(string cell) =>
        cell.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

    internal static JsonObject Provenance(int wave, int version)
    {
        using var connection = new DuckDBConnection($"Data Source={ReleasedStore.Shared.StorePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT provenance::VARCHAR FROM releases WHERE wave = {wave} AND version = {version}";
        return (JsonObject)JsonNode.Parse((string)command.ExecuteScalar()!)!;
    }

    private static (Dictionary<string, (long Frame, long Sampled, long Responded)> Strata, (long Frame, long Sampled, long Responded, long Strata) Totals) Fieldwork(int wave)
    {
        using var connection = new DuckDBConnection($"Data Source={ReleasedStore.Shared.StorePath};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT stratum, any_value(stratum_population), count(*), count(*) FILTER (WHERE responded) FROM survey_{wave}_gross_sample GROUP BY stratum";
        using var reader = command.ExecuteReader();
        var strata = new Dictionary<string, (long, long, long)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            strata[reader.GetString(0)] = (Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture));
        }

        return (strata, (strata.Values.Sum(s => s.Item1), strata.Values.Sum(s => s.Item2), strata.Values.Sum(s => s.Item3), strata.Count));
    }

    // ------------------------------------------------------------------ document walking

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>Collects text with a digit that is not inside a referenced number or an exempt element.</summary>
    private static void Walk(INode node, List<string> stray)
    {
        if (node is IElement element)
        {
            var tag = element.LocalName;
            if (tag is "svg" or "style" or "script" or "time" or "code" || element.ClassList.Contains("num") || element.ClassList.Contains("label")
                || element.ClassList.Contains("wave") || element.ClassList.Contains("no") || element.ClassList.Contains("page"))
            {
                if (element.ClassList.Contains("no") && !element.TextContent.All(c => char.IsAsciiDigit(c) || c is '.' or 'A' || char.IsLetter(c) || c == ' '))
                {
                    stray.Add("numbering: " + element.TextContent);
                }

                return;
            }
        }

        if (node is IText text && text.Data.Any(char.IsAsciiDigit))
        {
            stray.Add($"'{text.Data.Trim()}' in <{text.ParentElement?.LocalName} class='{text.ParentElement?.ClassName}'>");
        }

        foreach (var child in node.ChildNodes)
        {
            Walk(child, stray);
        }
    }

    private sealed class PlaceholderCharts : IChartRenderer
    {
        public IReadOnlyList<string> RenderSvg(IReadOnlyList<JsonObject> specs) =>
            [.. specs.Select(s => "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><desc>" + System.Net.WebUtility.HtmlEncode(s["title"]?["text"]?.GetValue<string>() ?? "") + "</desc></svg>")];
    }
}

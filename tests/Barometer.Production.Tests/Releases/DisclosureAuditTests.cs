using Barometer.Catalogue;
using Barometer.Catalogue.Quality;
using Barometer.Production.Disclosure;
using Barometer.Production.Register;
using Barometer.Production.Releases;
using Barometer.Storage;
using Barometer.Storage.Results;
using Xunit.Abstractions;

namespace Barometer.Production.Tests.Releases;

public sealed class DisclosureAuditTests
{
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadDefault();

    private static ResultRow Level(string breakdown, string cell, string group, long persons, long withProperty, string? rule = null)
    {
        var row = new ResultRow("turnout_riksdag", breakdown, cell, group, Measure.Level, "register", (double)withProperty / persons,
            null, null, null, null, persons, withProperty, null, null, null, null);
        return rule is null ? row : row.Suppress(rule);
    }

    private static List<ResultRow> Kommun0584(bool plantCopy) =>
    [
        Level("kommun", "0584", "all", 502, 402),
        Level("kommun", "0584", "foreign_vs_native:focal", 2, 2, SuppressionRules.RegisterGroupSize),
        Level("kommun", "0584", "foreign_vs_native:reference", 500, 400, SuppressionRules.RegisterComplementary),
        plantCopy ? Level("kommun", "0584", "outside_europe_vs_native:reference", 500, 400) : Level("kommun", "0584", "outside_europe_vs_native:reference", 500, 400, SuppressionRules.RegisterComplementary),
    ];

    [Fact]
    public void Check_PlantedPublishedCopyOfASuppressedCell_NamesTheCellAndTheCopyAndTheDifference()
    {
        var audit = DisclosureAudit.Check(Kommun0584(plantCopy: true), Catalogue, null);
        Assert.False(audit.Passed);
        Assert.Contains(audit.Findings, f => f.Cell == "turnout_riksdag.kommun 0584 foreign_vs_native:reference" && f.Attack.Contains("published as outside_europe_vs_native:reference", StringComparison.Ordinal));

        // And the foreign-born: all − native-born (published copy).
        Assert.Contains(audit.Findings, f => f.Cell == "turnout_riksdag.kommun 0584 foreign_vs_native:focal"
            && f.Attack.Contains("[turnout_riksdag.kommun 0584 all] − [turnout_riksdag.kommun 0584 foreign_vs_native:reference = outside_europe_vs_native:reference]", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_BothCopiesSuppressed_Passes()
    {
        Assert.True(DisclosureAudit.Check(Kommun0584(plantCopy: false), Catalogue, null).Passed);
    }

    [Fact]
    public void Check_SingleSuppressedPartOfABreakdown_IsDeterminedByTheTotal()
    {
        var audit = DisclosureAudit.Check(
            [Level("total", "", "all", 1000, 600), Level("sex", "1", "all", 10, 6, SuppressionRules.RegisterGroupSize), Level("sex", "2", "all", 990, 594)], Catalogue, null);
        var finding = Assert.Single(audit.Findings);
        Assert.Equal("turnout_riksdag.sex 1 all", finding.Cell);
        Assert.Contains("[turnout_riksdag.total total all] − [turnout_riksdag.sex 2 all]", finding.Attack, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SuppressionThatOnlyLooksSafeCellByCell_IsFoundByTheRank()
    {
        // Two kommuner of one län, each with its foreign- and native-born hidden, are safe (4 unknowns, 3 equations);
        // but with the native-born of 0581 published, 0580's foreign-born follow from the län and 0581's all.
        var rows = new List<ResultRow>
        {
            Level("lan", "05", "foreign_vs_native:focal", 100, 60), Level("lan", "05", "foreign_vs_native:reference", 900, 700), Level("lan", "05", "all", 1000, 760),
            Level("kommun", "0580", "all", 500, 380), Level("kommun", "0581", "all", 500, 380),
            Level("kommun", "0580", "foreign_vs_native:focal", 50, 30, SuppressionRules.RegisterComplementary), Level("kommun", "0581", "foreign_vs_native:focal", 50, 30, SuppressionRules.RegisterComplementary),
            Level("kommun", "0580", "foreign_vs_native:reference", 450, 350, SuppressionRules.RegisterComplementary), Level("kommun", "0581", "foreign_vs_native:reference", 450, 350, SuppressionRules.RegisterComplementary),
        };
        Assert.True(DisclosureAudit.Check(rows, Catalogue, null).Passed);
        rows[^1] = Level("kommun", "0581", "foreign_vs_native:reference", 450, 350);
        var audit = DisclosureAudit.Check(rows, Catalogue, null);
        Assert.Equal(3, audit.Findings.Count);
    }

    [Fact]
    public void Check_WhatRegisterDisclosureLeaves_Passes()
    {
        var levels = new List<ResultRow>
        {
            Level("total", "", "all", 1000, 600), Level("total", "", "foreign_vs_native:focal", 15, 9), Level("total", "", "foreign_vs_native:reference", 985, 591),
            Level("total", "", "outside_europe_vs_native:reference", 985, 591),
            Level("sex", "1", "all", 10, 6), Level("sex", "2", "all", 990, 594),
            Level("kommun", "0584", "all", 502, 402), Level("kommun", "0584", "foreign_vs_native:focal", 2, 2),
            Level("kommun", "0584", "foreign_vs_native:reference", 500, 400), Level("kommun", "0584", "outside_europe_vs_native:reference", 500, 400),
        };
        var rows = RegisterDisclosure.Apply(levels, [Catalogue.Indicator("turnout_riksdag")], new RegisterQualityRules(20, 5, true), NestedBreakdowns.From(Catalogue));
        var audit = DisclosureAudit.Check(rows, Catalogue, null);
        Assert.True(audit.Passed, string.Join("\n", audit.Findings));
    }

    [Fact]
    public void Check_HiddenWorldRegion_IsDeterminedByTheRegionsInFourGroups()
    {
        // What suppression breakdown by breakdown leaves (RegisterDisclosureTests.RegionsOfBirth): North America
        // hidden, the Nordic countries and Sweden hidden in both breakdowns; every breakdown keeps two or three hidden
        // cells, but EU/EFTA and the rest of the world are world regions 2–9 together.
        var hide = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["birth_region_8 6"] = SuppressionRules.RegisterGroupSize,
            ["birth_region_8 1"] = SuppressionRules.RegisterComplementary,
            ["birth_region_4 2"] = SuppressionRules.RegisterComplementary,
            ["birth_region_4 1"] = SuppressionRules.RegisterComplementary,
            ["birth_region_8 0"] = SuppressionRules.RegisterComplementary,
        };
        var rows = Register.RegisterDisclosureTests.RegionsOfBirth().Select(r => hide.TryGetValue($"{r.Breakdown} {r.Cell}", out var rule) ? r.Suppress(rule) : r).ToList();
        var audit = DisclosureAudit.Check(rows, Catalogue, null);
        var finding = Assert.Single(audit.Findings);
        Assert.Equal("turnout_riksdag.birth_region_8 6 all", finding.Cell);
        Assert.Contains("[turnout_riksdag.birth_region_4 3 all] + [turnout_riksdag.birth_region_4 4 all] − [turnout_riksdag.birth_region_8 2 all]", finding.Attack, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SurveyCellHiddenAlone_IsDeterminedByTheTotalAndTheOtherPart()
    {
        // Weighted means with weights calibrated to public totals: p_all N_all = Σ N_g p_g, so a lone hidden part
        // follows from the total and the other parts.
        static ResultRow Survey(string breakdown, string cell, long respondents, double estimate, string? rule = null)
        {
            var row = new ResultRow("trust_parliament", breakdown, cell, "all", Measure.Level, "survey", estimate, 0.02, estimate - 0.04, estimate + 0.04, 100,
                respondents, null, null, null, null, null);
            return rule is null ? row : row.Suppress(rule);
        }

        var rows = new List<ResultRow> { Survey("total", "", 500, 0.4), Survey("sex", "1", 30, 0.5, SuppressionRules.SurveyMinRespondents), Survey("sex", "2", 470, 0.39) };
        var finding = Assert.Single(DisclosureAudit.Check(rows, Catalogue, null).Findings);
        Assert.Equal("trust_parliament.sex 1 all", finding.Cell);
        Assert.Contains("[trust_parliament.total total all] − [trust_parliament.sex 2 all]", finding.Attack, StringComparison.Ordinal);
        rows[2] = Survey("sex", "2", 470, 0.39, SuppressionRules.SurveyComplementary);
        Assert.True(DisclosureAudit.Check(rows, Catalogue, null).Passed);
    }

    [Fact]
    public void Check_ChangeWithoutAReleasedPreviousWave_IsRefused()
    {
        var level = new ResultRow("trust_parliament", "total", "", "all", Measure.Level, "survey", 0.43126036791307136, 0.02, 0.39, 0.47, 100, 800, null, null, null, null, null);
        var change = level with { Measure = Measure.Change, Estimate = 0.007310475546598638 };
        var audit = DisclosureAudit.Check([level, change], Catalogue, null);
        Assert.Contains("no release", Assert.Single(audit.Findings).Attack, StringComparison.Ordinal);

        // Against a release whose level differs from level − change: taken against something else.
        var released = level with { Estimate = 0.40 };
        Assert.Contains("not the previous release's", Assert.Single(DisclosureAudit.Check([level, change], Catalogue, [released]).Findings).Attack, StringComparison.Ordinal);
        Assert.True(DisclosureAudit.Check([level, change], Catalogue, [released with { Estimate = 0.43126036791307136 - 0.007310475546598638 }]).Passed);
    }
}

[Collection(ProducedStoreGroup.Name)]
[Trait("Category", "Slow")]
public sealed class DisclosureAuditReleaseTests(ProducedStore produced, ITestOutputHelper output)
{
    [Fact]
    public void Audit_TheFixturesRelease_PassesEveryCell()
    {
        Assert.NotNull(produced.Released.Audit);
        using var store = BarometerStore.Open(produced.CopyStore(), TimeProvider.System);
        var audit = new ReleaseManager(store, produced.Catalogue).Audit(2026);
        output.WriteLine($"disclosure audit of wave 2026 (scale {ProducedStore.Scale}): {audit.CellsChecked} cells checked, {audit.SuppressedCells} suppressed, {audit.Relations} relations, {audit.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(audit.Passed, string.Join("\n", audit.Findings));
        Assert.True(audit.CellsChecked > 10_000);
        Assert.True(audit.SuppressedCells > 100);
    }

    [Fact]
    public void Release_PlantedPublishedCopyOfASuppressedCell_IsRefusedNamingTheCell()
    {
        var copy = produced.CopyStore();
        using var store = BarometerStore.Open(copy, TimeProvider.System);
        var run = produced.Second.RunId;

        // A kommun where the native-born are hidden under both labels: publish the copy of one.
        var planted = store.InTransaction(transaction =>
        {
            var session = new StoreSession(transaction);
            var target = session.Query(
                "SELECT indicator, cell FROM results WHERE run_id = $run AND breakdown = 'kommun' AND comparison_group = 'outside_europe_vs_native:reference' AND measure = 'level' " +
                "AND suppression_rule IS NOT NULL ORDER BY indicator, cell LIMIT 1", r => (Indicator: r.GetString(0), Cell: r.GetString(1)), ("run", run)).Single();
            session.Execute(
                "UPDATE results SET suppression_rule = NULL, estimate = 0.5, respondents = 100, population = 50 WHERE run_id = $run AND indicator = $indicator " +
                "AND breakdown = 'kommun' AND cell = $cell AND comparison_group = 'outside_europe_vs_native:reference' AND measure = 'level'",
                ("run", run), ("indicator", target.Indicator), ("cell", target.Cell));
            return target;
        });
        var ex = Assert.Throws<ProductionException>(() => new ReleaseManager(store, produced.Catalogue).Release(2026, ProducedStore.ReleaseTime.AddDays(1), "planted copy"));
        Assert.Contains($"{planted.Indicator}.kommun {planted.Cell} foreign_vs_native:reference: suppressed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("published as outside_europe_vs_native:reference", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was released", ex.Message, StringComparison.Ordinal);
    }
}

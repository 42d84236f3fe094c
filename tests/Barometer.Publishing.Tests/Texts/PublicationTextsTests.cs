using Barometer.Catalogue;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Results;
using Barometer.Publishing.Tables;
using Barometer.Publishing.Tests.Tables;
using Barometer.Publishing.Texts;
using Barometer.Storage.Runs;

namespace Barometer.Publishing.Tests.Texts;

/// <summary>The shared texts follow the rules they are filled from, never numbers or symbols written into them.</summary>
public class PublicationTextsTests
{
    private static readonly IndicatorCatalogue BarometerCatalogue = IndicatorCatalogue.LoadDefault();

    private static readonly RunRules RecordedRules = RunRules.FromJson("""
        {
          "survey": { "min_respondents": 40, "relative_margin_flag": 0.25, "confidence_level": 0.9 },
          "register": { "group_size_more_than": 30, "with_property_more_than": 7, "complementary_suppression": false },
          "symbols": { "suppressed": "…", "not_applicable": "-", "uncertain": "!" }
        }
        """)!;

    [Fact]
    public void FromRun_RecordedRules_AreTheRunsNotTheCatalogues()
    {
        var rules = PublicationRules.FromRun(RecordedRules, BarometerCatalogue.Quality);

        Assert.Equal(new PublicationRules(40, 0.25, 0.9, 30, 7, false, "…", "-", "!"), rules);
    }

    [Fact]
    public void FromRun_NoRules_FallsBackToTheCatalogueAndTheTableSymbols()
    {
        var rules = PublicationRules.FromRun(null, BarometerCatalogue.Quality);
        var catalogue = PublicationRules.FromCatalogue(BarometerCatalogue.Quality);

        Assert.Equal(catalogue.MinRespondents, rules.MinRespondents);
        Assert.Equal(catalogue.ConfidenceLevel, rules.ConfidenceLevel, 12);
        Assert.Equal(StatusSymbols.TooUncertain, rules.TooUncertain);
        Assert.Equal(StatusSymbols.NotApplicable, rules.NotApplicable);
        Assert.Equal(StatusSymbols.Uncertain, rules.Uncertain);
    }

    [Theory]
    [InlineData(null, "-")]
    [InlineData("change.previous_unavailable", "-")]
    [InlineData("register.group_size", "x")]
    [InlineData("survey.min_respondents", "…")]
    [InlineData("standardisation.empty_cell", "…")]
    public void SymbolFor_SuppressionRule_IsTheRulesSymbol(string? rule, string symbol) =>
        Assert.Equal(symbol, PublicationRules.FromRun(RecordedRules, BarometerCatalogue.Quality).SymbolFor(rule));

    [Fact]
    public void Texts_StateTheRulesValuesAndSymbols()
    {
        var rules = PublicationRules.FromRun(RecordedRules, BarometerCatalogue.Quality);

        Assert.Equal("90 %", PublicationTexts.IntervalLevel(rules).Sv);
        Assert.Contains("own 90 % interval", PublicationTexts.Significance(rules).En, StringComparison.Ordinal);
        Assert.Contains("färre än 40 svarande redovisas inte (…)", PublicationTexts.SurveyRule(rules).Sv, StringComparison.Ordinal);
        Assert.Contains("exceeds 25 % of the estimate is shown but marked as uncertain (!)", PublicationTexts.SurveyRule(rules).En, StringComparison.Ordinal);
        Assert.Contains("more than 30 persons and more than 7", PublicationTexts.RegisterRule(rules).En, StringComparison.Ordinal);
        Assert.DoesNotContain("Further cells", PublicationTexts.RegisterRule(rules).En, StringComparison.Ordinal);
        Assert.StartsWith("… too uncertain", PublicationTexts.SymbolLegend(rules).En, StringComparison.Ordinal);
        Assert.Equal(["…", "-", "x", "!", "M"], PublicationTexts.Symbols(rules).Select(s => s.Symbol));
    }

    [Fact]
    public void Percent_FollowsTheLanguage() =>
        Assert.Equal(("95 %", "95 %"), (PublicationTexts.Percent(0.95, Language.Sv), PublicationTexts.Percent(0.95, Language.En)));

    [Fact]
    public void IntervalTexts_RulesAtNinetyPerCent_StateNinetyPerCent()
    {
        var rules = PublicationRules.FromRun(RecordedRules, BarometerCatalogue.Quality);

        Assert.Equal(new LocalizedText("90 % intervall", "90 % interval"), PublicationTexts.Interval(rules));
        Assert.Equal(new LocalizedText("90 % konfidensintervall", "90 % confidence interval"), PublicationTexts.ConfidenceInterval(rules));
        Assert.Equal(new LocalizedText("Lägre gräns 90 % konfidensintervall", "Lower 90 % confidence limit"), PublicationTexts.LowerLimit(rules));
        Assert.Equal(new LocalizedText("Övre gräns 90 % konfidensintervall", "Upper 90 % confidence limit"), PublicationTexts.UpperLimit(rules));
        var note = PublicationTexts.MarginNote(rules);
        Assert.Contains("det 90-procentiga konfidensintervallet: med 90 procents säkerhet", note.Sv, StringComparison.Ordinal);
        Assert.Contains("the 90 % confidence interval: with 90 % confidence", note.En, StringComparison.Ordinal);
        Assert.DoesNotContain("95", note.Sv + note.En, StringComparison.Ordinal);
    }

    [Fact]
    public void TableContents_CatalogueRules_NameTheLimitsAtTheCataloguesLevel()
    {
        var model = PublishedModelFixture.Model;
        var level = PublicationTexts.IntervalLevel(PublicationRules.FromCatalogue(BarometerCatalogue.Quality));
        var contents = model.Tables[0].Dimensions.Single(d => d.Code == TableCodes.Contents);

        Assert.Equal($"Lägre gräns {level.Sv} konfidensintervall", contents.Values.Single(v => v.Code == TableCodes.CiLower).Label.Sv);
        Assert.Equal($"Upper {level.En} confidence limit", contents.Values.Single(v => v.Code == TableCodes.CiUpper).Label.En);
    }

    [Fact]
    public void OfNewestRelease_ReleaseCarriesItsRunsRules_StatesThemNotTheCatalogues()
    {
        var at = new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);
        var older = new PublishedRelease(2025, 1, 1, at.AddYears(-1), at.AddYears(-1), null);
        var newest = new PublishedRelease(2026, 1, 2, at, at, null) { RulesJson = RecordedRules.ToJson() };

        var rules = PublicationRules.OfNewestRelease(new PublicView(at, [older, newest], []), BarometerCatalogue.Quality);

        Assert.Equal(PublicationRules.FromRun(RecordedRules, BarometerCatalogue.Quality), rules);
        Assert.Equal(0.9, rules.ConfidenceLevel, 12);
    }

    [Fact]
    public void OfNewestRelease_NothingPublicOrNoRecordedRules_StatesTheCataloguesRules()
    {
        var at = new DateTimeOffset(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);
        var catalogue = PublicationRules.FromCatalogue(BarometerCatalogue.Quality);

        Assert.Equal(catalogue, PublicationRules.OfNewestRelease(new PublicView(at, [], []), BarometerCatalogue.Quality));
        Assert.Equal(catalogue, PublicationRules.OfNewestRelease(
            new PublicView(at, [new PublishedRelease(2026, 1, 2, at, at, null)], []), BarometerCatalogue.Quality));
    }
}

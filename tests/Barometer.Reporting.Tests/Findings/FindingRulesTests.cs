using Barometer.Catalogue;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Results;
using Barometer.Reporting.Findings;
using Barometer.Storage.Results;

namespace Barometer.Reporting.Tests.Findings;

/// <summary>The text rules on hand-built results: only a significant change or difference is called one.</summary>
public class FindingRulesTests
{
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadDefault();

    private const string Survey = "trust_police";

    private static PublishedResult Change(double estimate, double lower, double upper, bool? significant, string group = "foreign_vs_native:focal") =>
        new(2026, 1, new ResultRow(Survey, "total", "", group, Measure.Change, "survey", estimate, (upper - lower) / 3.92, lower, upper, null, 900, null, null, significant, null, null));

    private static PublishedResult Gap(double estimate, double lower, double upper, bool? significant) =>
        new(2026, 1, new ResultRow(Survey, "total", "", "foreign_vs_native", Measure.Gap, "survey", estimate, (upper - lower) / 3.92, lower, upper, null, 900, null, null, significant, null, null));

    private static ReportCells Cells(Language language) => new(Catalogue, [], language);

    [Theory]
    [InlineData(Language.Sv)]
    [InlineData(Language.En)]
    public void DescribeChange_PlantedNonSignificantIncrease_NeverSaysIncrease(Language language)
    {
        // A large point estimate whose interval still covers zero: the words must not call it an increase.
        var text = FindingRules.DescribeChange(Change(0.081, -0.004, 0.166, significant: false), "Nivån", 2025, Cells(language)).PlainText;

        Assert.DoesNotContain(language == Language.En ? "increased" : "ökade", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(language == Language.En ? "decreased" : "minskade", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(language == Language.En ? "no statistically significant change" : "ingen statistiskt säkerställd förändring", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.Sv, "ökade med 8 procentenheter")]
    [InlineData(Language.En, "increased by 8 percentage points")]
    public void DescribeChange_PlantedSignificantIncrease_SaysIncrease(Language language, string expected)
    {
        var text = FindingRules.DescribeChange(Change(0.081, 0.012, 0.150, significant: true), "Nivån", 2025, Cells(language)).PlainText;

        Assert.Contains(expected, text, StringComparison.Ordinal); // trust_police has 0 decimals
        Assert.DoesNotContain(language == Language.En ? "no statistically significant" : "ingen statistiskt säkerställd", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeChange_PlantedSignificantDecrease_SaysDecreaseWithSizeNotSign()
    {
        var sentence = FindingRules.DescribeChange(Change(-0.064, -0.11, -0.018, significant: true), "Nivån", 2025, Cells(Language.Sv));

        Assert.Contains("minskade med 6 procentenheter", sentence.PlainText, StringComparison.Ordinal);
        var size = Assert.Single(sentence.OfType<NumberInline>(), n => n.Absolute);
        Assert.Equal(Survey, size.Table);
        Assert.Equal("Grupp=foreign_vs_native:focal;ContentsCode=change;Tid=2026", size.Cell);
    }

    [Fact]
    public void Classify_FlagMissingIntervalExcludesZero_Significant()
    {
        Assert.Equal(Verdict.SignificantlyPositive, FindingRules.Classify(Change(0.05, 0.01, 0.09, significant: null)));
        Assert.Equal(Verdict.NotSignificant, FindingRules.Classify(Change(0.05, -0.01, 0.11, significant: null)));
        Assert.Equal(Verdict.SignificantlyNegative, FindingRules.Classify(Change(-0.05, -0.09, -0.01, significant: null)));
    }

    [Fact]
    public void Classify_FlagSaysNotSignificant_FlagWinsOverInterval()
    {
        Assert.Equal(Verdict.NotSignificant, FindingRules.Classify(Change(0.05, 0.01, 0.09, significant: false)));
    }

    [Fact]
    public void Classify_Suppressed_Unavailable()
    {
        var suppressed = new PublishedResult(2026, 1, new ResultRow(Survey, "total", "", "all", Measure.Change, "survey", null, null, null, null, null, null, null, null, null, null, "survey.min_respondents"));

        Assert.Equal(Verdict.Unavailable, FindingRules.Classify(suppressed));
        Assert.Contains("kan inte skattas", FindingRules.DescribeChange(suppressed, "Nivån", 2025, Cells(Language.Sv)).PlainText, StringComparison.Ordinal);
        Assert.Empty(FindingRules.DescribeChange(suppressed, "Nivån", 2025, Cells(Language.Sv)).OfType<NumberInline>());
    }

    [Theory]
    [InlineData(Language.Sv, "ingen statistiskt säkerställd skillnad", "lägre")]
    [InlineData(Language.En, "no statistically significant difference", "lower")]
    public void DescribeGap_NonSignificant_NoDifferenceWords(Language language, string expected, string forbidden)
    {
        var text = FindingRules.DescribeGap(Gap(-0.028, -0.060, 0.004, significant: false), "Utrikes födda", "Inrikes födda", Cells(language)).PlainText;

        Assert.Contains(expected, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(forbidden, text, StringComparison.Ordinal);
        Assert.DoesNotContain(language == Language.En ? "higher" : "högre", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeGap_Significant_SaysLowerWithInterval()
    {
        var text = FindingRules.DescribeGap(Gap(-0.13, -0.16, -0.09, significant: true), "Utrikes födda", "Inrikes födda", Cells(Language.Sv)).PlainText;

        Assert.Equal("Utrikes födda ligger 13 procentenheter lägre än inrikes födda (KI \u221216 till \u22129).", text);
    }

    [Fact]
    public void NarrowedSignificantly_SignificantChangeTowardsZero_True()
    {
        var gap = Gap(-0.10, -0.14, -0.06, significant: true);

        Assert.True(FindingRules.NarrowedSignificantly(gap, Change(0.06, 0.01, 0.11, significant: true, group: "gap:foreign_vs_native")));
        Assert.False(FindingRules.WidenedSignificantly(gap, Change(0.06, 0.01, 0.11, significant: true, group: "gap:foreign_vs_native")));
        Assert.True(FindingRules.WidenedSignificantly(gap, Change(-0.06, -0.11, -0.01, significant: true, group: "gap:foreign_vs_native")));
    }

    [Fact]
    public void NarrowedSignificantly_NonSignificantChangeTowardsZero_FalseAndTextSaysNoChange()
    {
        var gap = Gap(-0.10, -0.14, -0.06, significant: true);
        var change = Change(0.06, -0.01, 0.13, significant: false, group: "gap:foreign_vs_native");

        Assert.False(FindingRules.NarrowedSignificantly(gap, change));
        var text = FindingRules.DescribeGapChange(gap, change, 2025, Cells(Language.En)).PlainText;
        Assert.StartsWith("No statistically significant change in the difference since 2025", text, StringComparison.Ordinal);
        Assert.DoesNotContain("narrowed", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeGapChange_SignificantNarrowing_SaysNarrowed()
    {
        var gap = Gap(-0.10, -0.14, -0.06, significant: true);
        var change = Change(0.06, 0.01, 0.11, significant: true, group: "gap:foreign_vs_native");

        Assert.StartsWith("Skillnaden har minskat sedan 2025", FindingRules.DescribeGapChange(gap, change, 2025, Cells(Language.Sv)).PlainText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Inrikes födda", Language.Sv, "inrikes födda")]
    [InlineData("Svensk bakgrund", Language.Sv, "svensk bakgrund")]
    [InlineData("Födda utanför Europa", Language.Sv, "födda utanför Europa")]
    [InlineData("Born outside Europe", Language.En, "born outside Europe")]
    [InlineData("Swedish background", Language.En, "Swedish background")]
    [InlineData("Foreign-born", Language.En, "foreign-born")]
    [InlineData("Women", Language.En, "women")]
    [InlineData("EU/EFTA", Language.En, "EU/EFTA")]
    [InlineData("", Language.Sv, "")]
    public void InSentence_Label_LowersOnlyWhatASentenceLowers(string label, Language language, string expected)
    {
        Assert.Equal(expected, FindingRules.InSentence(label, language));
    }
}

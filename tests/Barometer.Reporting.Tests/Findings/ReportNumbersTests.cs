using Barometer.Catalogue.Text;
using Barometer.Reporting.Findings;

namespace Barometer.Reporting.Tests.Findings;

public class ReportNumbersTests
{
    [Theory]
    [InlineData(-18.254, 1, Language.Sv, "\u221218,3")]
    [InlineData(-18.254, 1, Language.En, "-18.3")]
    [InlineData(86095, 0, Language.Sv, "86\u00a0095")]
    [InlineData(86095, 0, Language.En, "86,095")]
    [InlineData(-0.04, 1, Language.Sv, "0,0")]
    [InlineData(2.25, 1, Language.En, "2.3")]
    public void Format_Value_FollowsTheLanguage(double value, int decimals, Language language, string expected)
    {
        Assert.Equal(expected, ReportNumbers.Format(value, decimals, language));
    }

    [Theory]
    [InlineData("\u221218,3", Language.Sv, -18.3)]
    [InlineData("+6", Language.Sv, 6)]
    [InlineData("86\u00a0095", Language.Sv, 86095)]
    [InlineData("86,095", Language.En, 86095)]
    [InlineData("-0.5", Language.En, -0.5)]
    public void Parse_FormattedText_ReadsTheNumberBack(string text, Language language, double expected)
    {
        Assert.Equal(expected, ReportNumbers.Parse(text, language), 12);
    }
}

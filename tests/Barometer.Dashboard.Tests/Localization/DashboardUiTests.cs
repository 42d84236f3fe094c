using Barometer.Web.Dashboard.Localization;
using Microsoft.AspNetCore.Http;

namespace Barometer.Dashboard.Tests.Localization;

public sealed class DashboardUiTests
{
    [Theory]
    [InlineData(61.25, 1, "61,3", "61.3")]
    [InlineData(-4.5, 1, "\u22124,5", "-4.5")]
    [InlineData(24500.0, 0, "24\u00a0500", "24,500")]
    [InlineData(-0.04, 1, "0,0", "0.0")]
    public void Number_EachLanguage_FollowsItsConventions(double value, int decimals, string sv, string en)
    {
        Assert.Equal(sv, DashboardUi.Swedish.Number(value, decimals));
        Assert.Equal(en, DashboardUi.English.Number(value, decimals));
    }

    [Fact]
    public void WithSign_Positive_HasPlus()
    {
        Assert.Equal("+2,5", DashboardUi.Swedish.WithSign(2.5, 1));
        Assert.Equal("\u22122,5", DashboardUi.Swedish.WithSign(-2.5, 1));
    }

    [Theory]
    [InlineData("/", "", "/en")]
    [InlineData("/en", "", "/")]
    [InlineData("/delmal/economic", "", "/en/subgoal/economic")]
    [InlineData("/en/subgoal/economic", "", "/delmal/economic")]
    [InlineData("/indikator/employment_rate", "?breakdown=sex&kommun=0180", "/en/indicator/employment_rate?breakdown=sex&kommun=0180")]
    [InlineData("/en/indicator/employment_rate", "?gap=standardised", "/indikator/employment_rate?gap=standardised")]
    [InlineData("/metod", "", "/en/method")]
    [InlineData("/en/method", "", "/metod")]
    [InlineData("/lan/12", "", "/en/county/12")]
    [InlineData("/en/county/12", "", "/lan/12")]
    [InlineData("/kommun/0180", "?chosen=1&area=1480", "/en/municipality/0180?chosen=1&area=1480")]
    [InlineData("/en/municipality/0180", "?chosen=1&sweden=1", "/kommun/0180?chosen=1&sweden=1")]
    [InlineData("/karta", "?level=lan&group=gap", "/en/map?level=lan&group=gap")]
    [InlineData("/en/map", "?indicator=employment_rate", "/karta?indicator=employment_rate")]
    public void Counterpart_EachView_SameViewInTheOtherLanguage(string path, string query, string expected)
    {
        Assert.Equal(expected, DashboardUi.Counterpart(new PathString(path), new QueryString(query.Length == 0 ? null : query)));
    }

    [Fact]
    public void Date_EachLanguage_MonthNamesOfThatLanguage()
    {
        var when = new DateTimeOffset(2024, 6, 18, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal("18 juni 2024", DashboardUi.Swedish.Date(when));
        Assert.Equal("18 June 2024", DashboardUi.English.Date(when));
    }
}

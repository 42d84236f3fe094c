namespace Barometer.Dashboard.Tests.Pages;

/// <summary>One URL of each page type in each language, and the indicators the tests use.</summary>
public static class DashboardPages
{
    /// <summary>A register indicator with breakdowns, counties, kommuner and a standardised gap.</summary>
    public const string RegisterIndicator = "employment_rate";

    /// <summary>A survey indicator with intervals and a standardised gap.</summary>
    public const string SurveyIndicator = "belonging";

    public static TheoryData<string, string, string> All => new()
    {
        { "start", "sv", "/" },
        { "start", "en", "/en" },
        { "subgoal", "sv", "/delmal/economic" },
        { "subgoal", "en", "/en/subgoal/social_cultural" },
        { "indicator", "sv", "/indikator/" + RegisterIndicator },
        { "indicator", "en", "/en/indicator/" + RegisterIndicator },
        { "indicator", "sv", "/indikator/" + SurveyIndicator },
        { "indicator", "en", "/en/indicator/" + SurveyIndicator },
        { "method", "sv", "/metod" },
        { "method", "en", "/en/method" },
    };
}

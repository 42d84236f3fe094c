using Barometer.Catalogue.SubGoals;

namespace Barometer.Catalogue.Tests.Loading;

/// <summary>The headline indicators each sub-goal chooses with <c>headline:</c> in subgoals.yaml, and their checks.</summary>
public class HeadlineTests
{
    private const string SubGoals = "subgoals.yaml";
    private const string EconomicHeadline = "headline: [employment_rate, self_sufficiency]";

    [Fact]
    public void Load_ShippedCatalogue_HasTheChosenHeadlinesInDisplayOrder()
    {
        var catalogue = IndicatorCatalogue.LoadDefault();
        var expected = new Dictionary<string, string[]>
        {
            ["economic"] = ["employment_rate", "self_sufficiency"],
            ["linguistic"] = ["swedish_all_skills", "sfi_passed_2y"],
            ["democratic"] = ["turnout_riksdag", "trust_parliament"],
            ["social_cultural"] = ["belonging", "experienced_discrimination"],
            ["education"] = ["eligible_upper_secondary", "upper_secondary_completion_4y"],
        };
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), catalogue.SubGoals.Select(s => s.Id).Order(StringComparer.Ordinal));
        foreach (var subGoal in catalogue.SubGoals)
        {
            Assert.True(subGoal.HeadlineChosen, subGoal.Id);
            Assert.Equal(expected[subGoal.Id], subGoal.Headline);
            var indicators = catalogue.HeadlineIndicatorsOf(subGoal.Id);
            Assert.Equal(expected[subGoal.Id], indicators.Select(i => i.Id));
            Assert.All(indicators, i => Assert.Equal(subGoal.Id, i.SubGoal));
        }
    }

    [Fact]
    public void Load_HeadlineLeftOut_LeadsWithTheFirstTwoIndicators()
    {
        using var copy = new CatalogueCopy();
        copy.Replace(SubGoals, "    headline: [swedish_all_skills, sfi_passed_2y]\n", string.Empty);
        var result = copy.Load();
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        var catalogue = result.Catalogue!;
        var linguistic = catalogue.SubGoal("linguistic");
        Assert.False(linguistic.HeadlineChosen);
        Assert.Equal(SubGoal.DefaultHeadlineCount, linguistic.Headline.Count);
        Assert.Equal(catalogue.IndicatorsOf("linguistic").Take(2).Select(i => i.Id), linguistic.Headline);
        Assert.Equal(["swedish_all_skills", "swedish_problems_daily_life"], linguistic.Headline);

        // The other sub-goals keep their choice.
        Assert.Equal(["turnout_riksdag", "trust_parliament"], catalogue.SubGoal("democratic").Headline);
        Assert.True(catalogue.SubGoal("democratic").HeadlineChosen);
    }

    [Fact]
    public void Load_SingleHeadlineWrittenAsOneValue_IsAccepted()
    {
        using var copy = new CatalogueCopy();
        copy.Replace(SubGoals, EconomicHeadline, "headline: self_sufficiency");
        var result = copy.Load();
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        Assert.Equal(["self_sufficiency"], result.Catalogue!.SubGoal("economic").Headline);
    }

    [Fact]
    public void Load_HeadlineWithUnknownIndicator_ReportsFileLineColumnAndSuggestion()
    {
        using var copy = new CatalogueCopy();
        const string Written = "headline: [employment_rate, self_sufficiancy]";
        var line = copy.Replace(SubGoals, EconomicHeadline, Written);
        var problem = copy.AssertProblem(
            SubGoals, line, "sub-goal 'economic'", "unknown indicator 'self_sufficiancy'", "did you mean 'self_sufficiency'?");
        Assert.Equal(ColumnOf(Written, "self_sufficiancy"), problem.Location.Column);
        Assert.Single(copy.Load().Problems);
    }

    [Fact]
    public void Load_HeadlineWithIndicatorOfAnotherSubGoal_ReportsWhereItBelongs()
    {
        using var copy = new CatalogueCopy();
        const string Written = "headline: [employment_rate, belonging]";
        var line = copy.Replace(SubGoals, EconomicHeadline, Written);
        var problem = copy.AssertProblem(
            SubGoals, line, "sub-goal 'economic'", "indicator 'belonging'", "belongs to sub-goal 'social_cultural'", "employment_rate, self_sufficiency,");
        Assert.Equal(ColumnOf(Written, "belonging"), problem.Location.Column);
        Assert.Single(copy.Load().Problems);
    }

    [Fact]
    public void Load_HeadlineListingAnIndicatorTwice_ReportsTheSecondWithTheFirst()
    {
        using var copy = new CatalogueCopy();
        const string Written = "headline: [employment_rate, self_sufficiency, employment_rate]";
        var line = copy.Replace(SubGoals, EconomicHeadline, Written);
        var first = $"{SubGoals}:{line}:{ColumnOf(Written, "employment_rate")}";
        var problem = copy.AssertProblem(SubGoals, line, "sub-goal 'economic'", "indicator 'employment_rate' twice", $"first at {first}");
        Assert.Equal(Written.LastIndexOf("employment_rate", StringComparison.Ordinal) + 5, problem.Location.Column);
        Assert.Single(copy.Load().Problems);
    }

    [Fact]
    public void Load_EmptyHeadline_IsReportedAtTheList()
    {
        using var copy = new CatalogueCopy();
        const string Written = "headline: []";
        var line = copy.Replace(SubGoals, EconomicHeadline, Written);
        var problem = copy.AssertProblem(SubGoals, line, "sub-goal 'economic'", "'headline' is empty", "1 to 3", "leave 'headline' out");
        Assert.Equal(ColumnOf(Written, "[]"), problem.Location.Column);
        Assert.Single(copy.Load().Problems);
    }

    [Fact]
    public void Load_HeadlineWithMoreThanThree_IsReportedAtTheFourth()
    {
        using var copy = new CatalogueCopy();
        const string Written = "headline: [employment_rate, self_sufficiency, social_assistance_share, long_term_unemployment]";
        var line = copy.Replace(SubGoals, EconomicHeadline, Written);
        var problem = copy.AssertProblem(SubGoals, line, "sub-goal 'economic'", "lists 4 indicators", "at most 3");
        Assert.Equal(ColumnOf(Written, "long_term_unemployment"), problem.Location.Column);
        Assert.Single(copy.Load().Problems);
    }

    [Fact]
    public void Load_HeadlineThatIsNotAList_IsReportedOnce()
    {
        using var copy = new CatalogueCopy();
        const string Written = "headline: {first: employment_rate}";
        var line = copy.Replace(SubGoals, EconomicHeadline, Written);
        var problem = copy.AssertProblem(SubGoals, line, "'headline' must be a list");
        Assert.Equal(ColumnOf(Written, "{"), problem.Location.Column);
        Assert.Single(copy.Load().Problems);
    }

    /// <summary>The 1-based column of <paramref name="fragment"/> on the indented line of subgoals.yaml.</summary>
    private static int ColumnOf(string written, string fragment) => "    ".Length + written.IndexOf(fragment, StringComparison.Ordinal) + 1;
}

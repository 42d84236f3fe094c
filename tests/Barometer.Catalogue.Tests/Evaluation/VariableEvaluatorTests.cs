using Barometer.Catalogue.Expressions;

namespace Barometer.Catalogue.Tests.Evaluation;

public class VariableEvaluatorTests
{
    private static readonly IndicatorCatalogue Catalogue = IndicatorCatalogue.LoadDefault();

    private static Func<string, Value> Person(params (string Name, Value Value)[] values)
    {
        var raw = values.ToDictionary(v => v.Name, v => v.Value);
        return Catalogue.Evaluator.For(name => raw.GetValueOrDefault(name));
    }

    [Fact]
    public void For_DerivesRegionsBandsAndCounty()
    {
        var get = Person(("birth_country", Value.Of("SY")), ("age", Value.Of(37)), ("years_in_sweden", Value.Of(8)), ("kommun", Value.Of("1280")));
        Assert.Equal("4", get("birth_region_4").Text);
        Assert.Equal("5", get("birth_region_8").Text);
        Assert.Equal("2", get("birth_region_europe").Text);
        Assert.Equal("35-44", get("age_labour").Text);
        Assert.Equal("30-49", get("age_voting").Text);
        Assert.Equal("4-9", get("years_in_sweden_4").Text);
        Assert.Equal("5-9", get("years_in_sweden_5").Text);
        Assert.Equal("12", get("lan").Text);
        Assert.Equal("SE22", get("riksomrade").Text);
    }

    [Fact]
    public void For_NativeBorn_GetTheBornInSwedenBandAndNoAgeBandOutsideTheScheme()
    {
        var get = Person(("birth_country", Value.Of("SE")), ("age", Value.Of(90)), ("years_in_sweden", Value.Missing));
        Assert.Equal("inr", get("years_in_sweden_4").Text);
        Assert.Equal("inr", get("age_at_arrival").Text);
        Assert.True(get("age_labour").IsMissing);
        Assert.Equal("65+", get("age_voting").Text);
    }

    [Fact]
    public void For_RecodesAnswersAndDerivesSurveyVariables()
    {
        var get = Person(
            ("q_trust_parliament", Value.Of(4)), ("q_trust_police", Value.Of(8)),
            ("q_part_contact", Value.Of(2)), ("q_part_petition", Value.Of(1)), ("q_part_demonstration", Value.Of(9)), ("q_part_party", Value.Missing),
            ("q_life_satisfaction", Value.Of(7)), ("q_know_tax", Value.Of(3)), ("q_know_election", Value.Of(8)), ("q_know_vote", Value.Of(1)), ("q_know_authority", Value.Of(1)));
        Assert.Equal(1.0, get("trust_parliament_high").Number);
        Assert.True(get("trust_police_high").IsMissing);
        Assert.True(get("political_participation").Boolean);
        Assert.Equal(7.0, get("life_satisfaction").Number);
        Assert.Equal(3.0, get("knowledge_score").Number);
        Assert.True(Catalogue.Indicator("knowledge_of_society").Numerator.Holds(get));
    }

    [Fact]
    public void For_IntegrationClimate_ScoresReversedItemsAndNeedsSixAnswers()
    {
        var answers = new (string, Value)[]
        {
            ("q_ic_work_chance", Value.Of(5)), ("q_ic_work_colleagues", Value.Of(4)), ("q_ic_neighbours", Value.Of(3)),
            ("q_ic_neighbours_help", Value.Of(8)), ("q_ic_friends", Value.Of(5)), ("q_ic_family", Value.Of(1)),
            ("q_ic_school_mixed", Value.Of(4)), ("q_ic_school_quality", Value.Of(2)),
        };
        // 100, 75, 50, missing, 100, 100 (reversed 1), 75, 75 (reversed 2) → mean of seven = 575 / 7.
        Assert.Equal(575.0 / 7, Person(answers).Invoke("integration_climate").Number, 12);
        Assert.True(Person(answers[..5]).Invoke("integration_climate").IsMissing);
    }

    [Fact]
    public void Population_EvaluatesAgeBirthAndFilterForOneIndicator()
    {
        var indicator = Catalogue.Indicator("refugee_employment_5y");
        var get = Person(("birth_country", Value.Of("AF")), ("age", Value.Of(30)), ("residence_ground", Value.Of("1")), ("years_in_sweden", Value.Of(5)));
        Assert.True(indicator.Population.Filter!.Holds(get));
        var wrongGround = Person(("birth_country", Value.Of("AF")), ("residence_ground", Value.Of("4")), ("years_in_sweden", Value.Of(5)));
        Assert.False(indicator.Population.Filter.Holds(wrongGround));
    }
}

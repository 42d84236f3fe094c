namespace Barometer.Catalogue.Tests.Loading;

/// <summary>Each kind of defect, injected into a copy of the shipped catalogue, is reported with its file and line.</summary>
public class DefectInjectionTests
{
    private const string Democratic = "indicators/democratic.yaml";
    private const string Economic = "indicators/economic.yaml";
    private const string Questionnaire = "questionnaire.yaml";

    [Fact]
    public void Load_UnknownVariableInExpression_ReportsFileLineAndSuggestion()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Democratic, "numerator: trust_parliament_high == 1", "numerator: trust_parlament_high == 1");
        var problem = copy.AssertProblem(Democratic, line, "unknown variable 'trust_parlament_high'", "did you mean 'trust_parliament_high'");
        Assert.Equal(16, problem.Location.Column);
    }

    [Fact]
    public void Load_CodeMissingFromClassificationInExpression_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Economic, "residence_ground in [\"1\", \"2\"]", "residence_ground in [\"1\", \"12\"]");
        copy.AssertProblem(Economic, line, "code \"12\"", "grund_bosattning");
    }

    [Fact]
    public void Load_CountryMappedToUnknownRegion_IsReportedAtTheCsvRow()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace("classifications/countries.csv", "SY,760,Syrien,Syria,current,4,5,2", "SY,760,Syrien,Syria,current,4,12,2");
        copy.AssertProblem("classifications/countries.csv", line, "maps to '12'", "birth_region_8");
    }

    [Fact]
    public void Load_CountryWithoutRegion_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace("classifications/countries.csv", "FI,246,Finland,Finland,current,2,1,1", "FI,246,Finland,Finland,current,2,,1");
        copy.AssertProblem("classifications/countries.csv", line, "code 'FI' has no 'birth_region_8' code");
    }

    [Fact]
    public void Load_DuplicateIndicatorId_IsReportedAtTheSecondDefinition()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Democratic, "- id: trust_police", "- id: trust_parliament");
        copy.AssertProblem(Democratic, line, "duplicate indicator id 'trust_parliament'");
    }

    [Fact]
    public void Load_DuplicateKommunCode_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace("classifications/kommuner.csv", "0115,Vallentuna", "0114,Vallentuna");
        copy.AssertProblem("classifications/kommuner.csv", line, "duplicate code in classification 'kommun' '0114'");
    }

    [Fact]
    public void Load_MissingTranslation_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace("subgoals.yaml", "name: {sv: Ekonomisk integration, en: Economic integration}", "name: {sv: Ekonomisk integration}");
        copy.AssertProblem("subgoals.yaml", line, "missing translation", "English");
    }

    [Fact]
    public void Load_EmptyEnglishLabelInCsv_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace("classifications/countries.csv", "NO,578,Norge,Norway,", "NO,578,Norge,,");
        copy.AssertProblem("classifications/countries.csv", line, "missing translation", "'NO'");
    }

    [Fact]
    public void Load_EmptyAgeRange_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Economic, "population: {age: [20, 64]}", "population: {age: [70, 20]}");
        copy.AssertProblem(Economic, line, "70–20 is empty");
    }

    [Fact]
    public void Load_ContradictoryPopulationFilter_IsReported()
    {
        using var copy = new CatalogueCopy();
        copy.Replace(Economic, "filter: employed and education_level == \"3\"", "filter: employed and education_level == \"3\" and education_level == \"1\"");
        var line = copy.LineOf(Economic, "- id: skills_match");
        copy.AssertProblem(Economic, line, "skills_match", "can never be non-empty");
    }

    [Fact]
    public void Load_PopulationOutsideVariableDomain_IsReported()
    {
        using var copy = new CatalogueCopy();
        copy.Replace(Democratic, "filter: years_in_sweden >= 10", "filter: years_in_sweden >= 200");
        var line = copy.LineOf(Democratic, "- id: citizenship_10y");
        copy.AssertProblem(Democratic, line, "can never be non-empty");
    }

    [Fact]
    public void Load_ComparisonImpossibleInPopulation_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.LineOf("indicators/linguistic.yaml", "- id: swedish_all_skills");
        copy.Replace("indicators/linguistic.yaml", "    comparisons: []\n    breakdowns: &foreign_survey", "    comparisons: [foreign_vs_native]\n    breakdowns: &foreign_survey");
        copy.AssertProblem("indicators/linguistic.yaml", line, "comparison 'foreign_vs_native' cannot be made", "Native-born");
    }

    [Fact]
    public void Load_RecodeOfUndefinedAnswerCode_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Questionnaire, "- {from: [3, 4], to: 1}", "- {from: [3, 4, 6], to: 1}");
        copy.AssertProblem(Questionnaire, line, "answer code 6", "extent4");
    }

    [Fact]
    public void Load_RecodeLeavingACodeUnmapped_IsReported()
    {
        using var copy = new CatalogueCopy();
        copy.Replace(Questionnaire, "- {from: [1, 2], to: 0}\n          - {from: [8, 9], to: missing}", "- {from: [1, 2], to: 0}\n          - {from: [9], to: missing}");
        var line = copy.LineOf(Questionnaire, "- name: belonging_high");
        copy.AssertProblem(Questionnaire, line + 0, "belonging_high", "answer code 8");
    }

    [Fact]
    public void Load_FilterComparingItemWithUndefinedAnswerCode_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Questionnaire, "filter: foreign_born and q_employed_now == 1", "filter: foreign_born and q_employed_now == 3");
        copy.AssertProblem(Questionnaire, line, "3 is not an answer code of 'q_employed_now'");
    }

    [Fact]
    public void Load_SurveySourceListingUnknownVariable_IsReported()
    {
        using var copy = new CatalogueCopy();
        copy.Replace(Democratic, "source: {survey: [trust_police_high]}", "source: {survey: [trust_polise_high]}");
        var line = copy.LineOf(Democratic, "- id: trust_police");
        copy.AssertProblem(Democratic, line, "unknown survey variable 'trust_polise_high'");
    }

    [Fact]
    public void Load_RegisterIndicatorUsingSurveyVariable_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Economic, "numerator: employed\n", "numerator: employed_now == 1\n");
        copy.AssertProblem(Economic, line, "'employed_now' is a survey variable");
    }

    [Fact]
    public void Load_ExpressionSyntaxError_IsReportedWithColumn()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Democratic, "numerator: knowledge_score >= 3", "numerator: knowledge_score => 3");
        var problem = copy.AssertProblem(Democratic, line, "unexpected character '='", "write == to compare");
        Assert.Equal(32, problem.Location.Column);
    }

    [Fact]
    public void Load_MisspeltField_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Economic, "standardised_gap: true\n    expected_vs_actual: *composition\n\n  - id: social_assistance_share",
            "standardized_gap: true\n    expected_vs_actual: *composition\n\n  - id: social_assistance_share");
        copy.AssertProblem(Economic, line, "unknown field 'standardized_gap'", "did you mean 'standardised_gap'");
    }

    [Fact]
    public void Load_ExpectedVersusActualAreaThatIsNotABreakdown_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Economic, "      areas: [lan, kommun]", "      areas: [lan, riksomrade]");
        copy.AssertProblem(Economic, line, "expected_vs_actual area 'riksomrade' of indicator 'employment_rate' is not one of its breakdowns");
    }

    [Fact]
    public void Load_ExpectedVersusActualCellThatIsNotACodeVariable_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Economic, "      cells: [age_labour, sex,", "      cells: [age, sex,");
        copy.AssertProblem(Economic, line, "'age' is not a code variable");
    }

    [Fact]
    public void Load_ExpectedVersusActualOnARatio_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Economic, "    standardised_gap: false\n\n  - id: long_term_unemployment",
            "    standardised_gap: false\n    expected_vs_actual: {cells: [sex], areas: [lan]}\n\n  - id: long_term_unemployment");
        copy.AssertProblem(Economic, line + 1, "expected_vs_actual of indicator 'social_assistance_share' needs a proportion or a mean");
    }

    [Fact]
    public void Load_YamlSyntaxError_IsReportedWithLine()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace("calibration.yaml", "method: raking", "method: raking: linear");
        copy.AssertProblem("calibration.yaml", line, "YAML syntax");
    }

    [Fact]
    public void Load_BreakdownThatIsNotACodeVariable_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace("indicators/education.yaml", "[sex, age_at_arrival, birth_region_8, parents_education_level, lan, kommun]", "[sex, age, birth_region_8, parents_education_level, lan, kommun]");
        copy.AssertProblem("indicators/education.yaml", line, "'age' is not a code variable");
    }

    [Fact]
    public void Load_EducationIndicatorNotSeparateBySex_BreaksTheSubGoalRule()
    {
        using var copy = new CatalogueCopy();
        copy.Replace("indicators/education.yaml", "separate_by_sex: true", "separate_by_sex: false");
        var line = copy.LineOf("indicators/education.yaml", "- id: eligible_upper_secondary");
        copy.AssertProblem("indicators/education.yaml", line, "requires separate_by_sex: true");
    }

    [Fact]
    public void Load_DerivationCycle_IsReported()
    {
        using var copy = new CatalogueCopy();
        copy.Replace("register-variables.yaml", "expression: background == \"1\"", "expression: background == \"1\" and foreign_background");
        var line = copy.LineOf("register-variables.yaml", "- name: foreign_background");
        copy.AssertProblem("register-variables.yaml", line, "depends on itself");
    }

    [Fact]
    public void Load_SeveralDefectsInSeveralFiles_ReportsAllAtOnce()
    {
        using var copy = new CatalogueCopy();
        var first = copy.Replace(Democratic, "numerator: trust_parliament_high == 1", "numerator: trust_parlament_high == 1");
        var second = copy.Replace(Questionnaire, "- {from: [3, 4], to: 1}", "- {from: [3, 4, 6], to: 1}");
        var third = copy.Replace("classifications/countries.csv", "SY,760,Syrien,Syria,current,4,5,2", "SY,760,Syrien,Syria,current,4,12,2");
        var problems = copy.Load().Problems;
        Assert.Contains(problems, p => p.Location.File == Democratic && p.Location.Line == first);
        Assert.Contains(problems, p => p.Location.File == Questionnaire && p.Location.Line == second);
        Assert.Contains(problems, p => p.Location.File == "classifications/countries.csv" && p.Location.Line == third);
    }

    [Fact]
    public void Load_ThrowsWithEveryProblem_WhenInvalid()
    {
        using var copy = new CatalogueCopy();
        copy.Replace(Democratic, "numerator: trust_parliament_high == 1", "numerator: trust_parlament_high == 1");
        var ex = Assert.Throws<CatalogueValidationException>(() => IndicatorCatalogue.Load(copy.Directory));
        Assert.NotEmpty(ex.Problems);
        Assert.Contains("trust_parlament_high", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFolder_IsAProblemNotAnException()
    {
        var result = IndicatorCatalogue.TryLoad(Path.Combine(Path.GetTempPath(), "no-such-catalogue-" + Guid.NewGuid().ToString("N")));
        Assert.False(result.IsValid);
        Assert.Contains("does not exist", result.Problems[0].Message, StringComparison.Ordinal);
    }
    [Fact]
    public void Load_ItemFilterUsingALaterItem_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Questionnaire, "filter: foreign_born and q_employed_now == 1", "filter: foreign_born and q_belonging == 1");
        copy.AssertProblem(Questionnaire, line, "unknown variable 'q_belonging'");
    }

    [Fact]
    public void Load_ItemNobodyIsAsked_IsReported()
    {
        using var copy = new CatalogueCopy();
        var line = copy.Replace(Questionnaire, "filter: age <= 29", "filter: age <= 29 and age >= 90");
        copy.AssertProblem(Questionnaire, line, "item 'q_decide_partner' is never asked");
    }

    [Fact]
    public void Load_SurveyIndicatorOutsideTheSurveyAges_IsReported()
    {
        using var copy = new CatalogueCopy();
        copy.Replace("indicators/social_cultural.yaml", "population: {age: [16, 29]}", "population: {age: [12, 29]}");
        var line = copy.LineOf("indicators/social_cultural.yaml", "- id: youth_self_determination");
        copy.AssertProblem("indicators/social_cultural.yaml", line, "reach outside the survey population (16–84)");
    }

    [Fact]
    public void Load_ProportionWithoutDenominator_IsReported()
    {
        using var copy = new CatalogueCopy();
        copy.Replace(Economic, "    denominator: not missing(crowded_housing)\n", string.Empty);
        var line = copy.LineOf(Economic, "- id: crowded_housing");
        copy.AssertProblem(Economic, line, "a proportion needs a denominator");
    }
}

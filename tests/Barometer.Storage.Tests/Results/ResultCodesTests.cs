using Barometer.Storage.Results;

namespace Barometer.Storage.Tests.Results;

public class ResultCodesTests
{
    [Fact]
    public void MeasureCodes_EveryMeasure_RoundTripsThroughItsStoredCode()
    {
        Assert.Equal(["level", "gap", "standardised_gap", "change", "expected", "expected_difference", "model_estimate"], MeasureCodes.All.Select(MeasureCodes.Code));
        Assert.All(MeasureCodes.All, m => Assert.Equal(m, MeasureCodes.Parse(MeasureCodes.Code(m))));
        Assert.False(MeasureCodes.TryParse("Level", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeasureCodes.Parse("levels"));
    }

    [Theory]
    [InlineData(Measure.Level, "all", "all")]
    [InlineData(Measure.Level, "foreign_vs_native:focal", "foreign_vs_native:focal")]
    [InlineData(Measure.Gap, "foreign_vs_native", "foreign_vs_native:gap")]
    [InlineData(Measure.StandardisedGap, "foreign_vs_native", "foreign_vs_native:standardised_gap")]
    [InlineData(Measure.Change, "foreign_vs_native:reference", "foreign_vs_native:reference")]
    [InlineData(Measure.Change, "gap:foreign_vs_native", "foreign_vs_native:gap")]
    [InlineData(Measure.Change, "standardised_gap:foreign_vs_native", "foreign_vs_native:standardised_gap")]
    [InlineData(Measure.Expected, "foreign_vs_native", "foreign_vs_native:expected")]
    [InlineData(Measure.ExpectedDifference, "foreign_vs_native", "foreign_vs_native:expected_difference")]
    [InlineData(Measure.ModelEstimate, "foreign_vs_native", "foreign_vs_native:model_estimate")]
    [InlineData(Measure.ModelEstimate, "all", "all:model_estimate")]
    public void GroupCode_StoredGroup_IsTheGruppCodeOfThePublication(Measure measure, string stored, string grupp) =>
        Assert.Equal(grupp, ComparisonGroups.GroupCode(measure, stored));

    [Fact]
    public void ChangeOf_GapsAndLevels_NameWhatChanged()
    {
        Assert.Equal("gap:cmp", ComparisonGroups.ChangeOf(Measure.Gap, "cmp"));
        Assert.Equal("standardised_gap:cmp", ComparisonGroups.ChangeOf(Measure.StandardisedGap, "cmp"));
        Assert.Equal("cmp:focal", ComparisonGroups.ChangeOf(Measure.Level, ComparisonGroups.Focal("cmp")));
        Assert.True(ComparisonGroups.IsReference(ComparisonGroups.Reference("cmp")));
        Assert.True(ComparisonGroups.IsGapCode(ComparisonGroups.GapCode("cmp")));
        Assert.False(ComparisonGroups.IsGapCode(ComparisonGroups.Focal("cmp")));
    }

    [Fact]
    public void SuppressionRules_RegisterRules_AllCarryThePrefix()
    {
        Assert.True(SuppressionRules.IsRegisterRule(SuppressionRules.RegisterComplementary));
        Assert.False(SuppressionRules.IsRegisterRule(SuppressionRules.SurveyComplementary));
    }
}

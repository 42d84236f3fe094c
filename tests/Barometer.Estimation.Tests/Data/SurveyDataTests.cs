using Barometer.Estimation.Data;

namespace Barometer.Estimation.Tests.Data;

public class SurveyDataTests
{
    [Fact]
    public void Constructor_ColumnsOfDifferentLength_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SurveyData(
        [
            new NumericColumn("w", [1.0, 2.0]),
            new TextColumn("stratum", ["a"]),
        ]));
        Assert.Contains("stratum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SurveyData(
        [
            new NumericColumn("w", [1.0]),
            new NumericColumn("w", [2.0]),
        ]));
    }
}

using Barometer.Estimation.Data;
using Barometer.Estimation.Domains;

namespace Barometer.Estimation.Tests.Domains;

public class DomainIndexTests
{
    [Fact]
    public void Build_TwoVariables_OrdersAsSvybyWithFirstVaryingFastest()
    {
        var data = new SurveyData(
        [
            new TextColumn("sex", ["m", "f", "m", "f", "m"]),
            new NumericColumn("region", [2, 2, 1, 1, 10]),
        ]);
        var domains = DomainIndex.Build(["sex", "region"], "estimates[0]", new ColumnResolver(data, new ProblemLog()))!;

        Assert.Equal(["sex=f;region=1", "sex=m;region=1", "sex=f;region=2", "sex=m;region=2", "sex=m;region=10"], domains.Labels);
        Assert.Equal([3, 2, 1, 0, 4], domains.DomainOfRow);
    }

    [Fact]
    public void Build_MissingByValue_LeavesRowOutOfEveryDomain()
    {
        var data = new SurveyData([new TextColumn("g", ["a", null, "b"])]);
        var domains = DomainIndex.Build(["g"], "estimates[0]", new ColumnResolver(data, new ProblemLog()))!;

        Assert.Equal(-1, domains.DomainOfRow[1]);
        Assert.Equal(2, domains.Count);
    }

    [Fact]
    public void Build_UnknownColumn_ReportsTheByKey()
    {
        var log = new ProblemLog();
        var domains = DomainIndex.Build(["nope"], "estimates[3]", new ColumnResolver(new SurveyData([new NumericColumn("x", [1])]), log));

        Assert.Null(domains);
        Assert.Equal("estimates[3].by[0]", Assert.Single(log.Problems).Key);
    }
}

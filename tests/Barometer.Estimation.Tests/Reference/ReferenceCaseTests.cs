using Xunit.Abstractions;

namespace Barometer.Estimation.Tests.Reference;

/// <summary>
/// The differential suite against R's survey package: every committed case runs through <c>barometer estimate</c>
/// (in process) and must agree with R's golden values (see tests/Reference/README.md for the cases and tolerances).
/// </summary>
public class ReferenceCaseTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases() => ReferenceCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Estimate_ReferenceCase_AgreesWithR(string caseName)
    {
        var folder = Path.Combine(ReferenceCases.CasesFolder, caseName);

        var comparison = ReferenceCases.CheckEngine(caseName, folder, folder);

        output.WriteLine(comparison?.Describe(caseName) ?? $"case {caseName}: R refuses it and so does the engine.");
    }

    [Fact]
    public void Cases_CoverAtLeastTwentyRandomDesignsAndTheApiData()
    {
        var names = ReferenceCases.Names(ReferenceCases.CasesFolder);

        Assert.True(names.Count(n => n.StartsWith("random_", StringComparison.Ordinal)) >= 20);
        Assert.Contains(names, n => n.StartsWith("api_strat", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("api_clus1", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("api_clus2", StringComparison.Ordinal));
        Assert.All(names, n => Assert.True(
            File.Exists(Path.Combine(ReferenceCases.CasesFolder, n, "expected.csv")) ^ File.Exists(Path.Combine(ReferenceCases.CasesFolder, n, "expected_error.txt")),
            $"case {n} needs exactly one of expected.csv and expected_error.txt"));
    }
}

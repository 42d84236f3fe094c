using Barometer.Benchmarks.SideBySide;
using Barometer.Estimation;
using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;
using BenchmarkDotNet.Attributes;

namespace Barometer.Benchmarks.Estimation;

/// <summary>
/// The issue-3 workload (raking on four margins, 30 indicators by a 40-level domain) at several sizes:
/// <c>dotnet run -c Release --project bench/Barometer.Benchmarks -- --filter '*EstimationBenchmarks*'</c>.
/// The side-by-side comparison with R is <c>estimation-vs-r</c>.
/// </summary>
[MemoryDiagnoser]
public class EstimationBenchmarks
{
    private SurveyData _data = null!;
    private EstimationRequest _request = null!;

    [Params(10_000, 50_000, 250_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var survey = BenchmarkSurvey.Generate(Rows, 20_240_601);
        _data = survey.ToSurveyData();
        _request = survey.Request();
    }

    [Benchmark]
    public int RakeAndEstimate() => SurveyEstimation.Run(_data, _request).Rows.Count;

    [Benchmark]
    public int EstimateWithoutCalibration() => SurveyEstimation.Run(_data, _request with { Calibration = null }).Rows.Count;
}

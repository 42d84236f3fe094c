using Barometer.Benchmarks.SideBySide;
using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Barometer.Benchmarks -- --filter '*'` runs the BenchmarkDotNet suites;
// side-by-side comparisons with reference tools are separate entry points named by their first argument.
return args.FirstOrDefault() switch
{
    "estimation-vs-r" => EstimationVersusR.Run(args),
    "estimation-scale" => EstimationVersusR.Scale(args),
    "synth-timing" or "synth-marginals" => Barometer.Benchmarks.Synthetic.SynthEntryPoint.Run(args),
    "synth-coverage" => Barometer.Benchmarks.Synthetic.CoverageSimulation.Run(args),
    "overlap-coverage" => Barometer.Benchmarks.Synthetic.OverlapCoverage.Run(args),
    "small-area-simulation" => Barometer.Benchmarks.SmallArea.SmallAreaSimulation.Run(args),
    "production-full-scale" or "production-breakdowns" => Barometer.Benchmarks.Production.ProductionFullScale.Run(args),
    "sample-design" => Barometer.Benchmarks.Sampling.SampleDesignTiming.Run(args),
    "sample-design-store" => Barometer.Benchmarks.Sampling.SampleDesignStore.Run(args),
    "expected-versus-actual" => Barometer.Benchmarks.Production.ExpectedVersusActualValidation.Run(args),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(EstimationVersusR).Assembly).Run(args);
    return 0;
}

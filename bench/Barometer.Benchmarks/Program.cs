using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Barometer.Benchmarks -- --filter '*'` runs the BenchmarkDotNet suites;
// side-by-side comparisons with reference tools are separate entry points named by their first argument.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

using System.Diagnostics;
using Barometer.Synthetic;

namespace Barometer.Benchmarks.Synthetic;

/// <summary>
/// Prints the elapsed (wall) time and the process's CPU time (user + system, all threads) of every generation
/// phase: on a loaded machine the CPU time is the steadier figure. Phases that overlap share the CPU time.
/// </summary>
internal sealed class TimingProgress(TextWriter output) : IGenerationProgress
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Dictionary<string, (double Wall, double Cpu)> _started = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Dictionary<string, double> Seconds { get; } = new(StringComparer.Ordinal);

    public void Start(string phase, long units)
    {
        lock (_lock)
        {
            _started[phase] = (_watch.Elapsed.TotalSeconds, CpuSeconds());
        }
    }

    public void Advance(string phase, long units)
    {
    }

    public void Complete(string phase)
    {
        lock (_lock)
        {
            var (wall, cpu) = _started[phase];
            var seconds = _watch.Elapsed.TotalSeconds - wall;
            Seconds[phase] = seconds;
            output.WriteLine($"  {phase,-24} {seconds,7:F1} s wall {CpuSeconds() - cpu,7:F1} s CPU (at {_watch.Elapsed.TotalSeconds,6:F1} s)");
        }
    }

    /// <summary>CPU time (user + system) of this process so far.</summary>
    public static double CpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }
}

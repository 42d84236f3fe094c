using System.Diagnostics;
using Barometer.Synthetic;

namespace Barometer.Benchmarks.Synthetic;

/// <summary>Prints the elapsed time at the start and end of every generation phase.</summary>
internal sealed class TimingProgress(TextWriter output) : IGenerationProgress
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Dictionary<string, double> _started = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Dictionary<string, double> Seconds { get; } = new(StringComparer.Ordinal);

    public void Start(string phase, long units)
    {
        lock (_lock)
        {
            _started[phase] = _watch.Elapsed.TotalSeconds;
        }
    }

    public void Advance(string phase, long units)
    {
    }

    public void Complete(string phase)
    {
        lock (_lock)
        {
            var seconds = _watch.Elapsed.TotalSeconds - _started[phase];
            Seconds[phase] = seconds;
            output.WriteLine($"  {phase,-24} {seconds,7:F1} s (at {_watch.Elapsed.TotalSeconds,6:F1} s)");
        }
    }
}

namespace Barometer.Estimation.Data;

/// <summary>
/// How the engine uses threads: at most one worker per processor (no oversubscription of a small machine). Work is
/// always split into pieces whose results are combined in a fixed order, so results never depend on it.
/// </summary>
internal static class Parallelism
{
    public static ParallelOptions Options { get; } = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };
}

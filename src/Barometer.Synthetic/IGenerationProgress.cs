namespace Barometer.Synthetic;

/// <summary>Receives progress of the generation phases (the CLI shows them as progress bars).</summary>
public interface IGenerationProgress
{
    /// <summary>A phase starts with the given number of work units (persons, rows, samples).</summary>
    void Start(string phase, long units);

    /// <summary>Some units of a phase are done; may be called from several threads.</summary>
    void Advance(string phase, long units);

    /// <summary>A phase is done.</summary>
    void Complete(string phase);
}

/// <summary>Progress that goes nowhere.</summary>
public sealed class SilentGenerationProgress : IGenerationProgress
{
    /// <summary>The shared instance.</summary>
    public static SilentGenerationProgress Instance { get; } = new();

    /// <inheritdoc />
    public void Start(string phase, long units)
    {
    }

    /// <inheritdoc />
    public void Advance(string phase, long units)
    {
    }

    /// <inheritdoc />
    public void Complete(string phase)
    {
    }
}

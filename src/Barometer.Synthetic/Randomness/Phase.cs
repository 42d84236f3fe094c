namespace Barometer.Synthetic.Randomness;

/// <summary>Stream keys of the generation phases: every phase draws from its own streams.</summary>
internal static class Phase
{
    public const ulong Shuffle = 1;
    public const ulong Population = 2;
    public const ulong Citizenship = 3;
    public const ulong Registers = 4;
    public const ulong Sample = 5;
    public const ulong Response = 6;
    public const ulong Answers = 7;
    public const ulong ItemNonresponse = 8;
    public const ulong Latent = 9;
    public const ulong Coverage = 10;
    public const ulong CountyEffect = 11;
}

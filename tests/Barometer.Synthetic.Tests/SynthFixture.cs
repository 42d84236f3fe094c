using Barometer.Catalogue;
using Barometer.Synthetic.Output;

namespace Barometer.Synthetic.Tests;

/// <summary>Temporary folders for generated output, removed after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "synth-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>Small-scale options shared by the tests: big enough for proportions, small enough to be fast.</summary>
internal static class TestOptions
{
    public const double Scale = 0.002;

    public static SynthOptions Small(ulong seed = 7, OutputFormat format = OutputFormat.Parquet, IReadOnlyList<int>? waves = null) =>
        new(Scale, seed, waves ?? [2025], format);
}

/// <summary>The repository's catalogue, loaded once.</summary>
internal static class TestCatalogue
{
    private static readonly Lazy<IndicatorCatalogue> Loaded = new(IndicatorCatalogue.LoadDefault);

    public static IndicatorCatalogue Instance => Loaded.Value;
}

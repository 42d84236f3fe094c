using System.Security.Cryptography;
using Barometer.Synthetic.Output;
using Parquet;
using YamlDotNet.RepresentationModel;

namespace Barometer.Synthetic.Tests.Output;

public class SynthOutputTests
{
    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(
                f => Path.GetRelativePath(folder, f),
                f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))),
                StringComparer.Ordinal);

    [Theory]
    [InlineData(OutputFormat.Parquet)]
    [InlineData(OutputFormat.Csv)]
    public void Generate_SameSeedTwice_ByteIdenticalFiles(OutputFormat format)
    {
        using var temp = new TempFolder();
        var options = TestOptions.Small(seed: 5, format: format) with { Scale = 0.001 };
        SyntheticSweden.Generate(options, temp.Sub("a"), SilentGenerationProgress.Instance);
        SyntheticSweden.Generate(options, temp.Sub("b"), SilentGenerationProgress.Instance);
        var a = Hashes(temp.Sub("a"));
        var b = Hashes(temp.Sub("b"));
        Assert.True(a.Count > 3);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Generate_DifferentSeed_DifferentRegisterFile()
    {
        using var temp = new TempFolder();
        SyntheticSweden.Generate(TestOptions.Small(seed: 5) with { Scale = 0.001 }, temp.Sub("a"), SilentGenerationProgress.Instance);
        SyntheticSweden.Generate(TestOptions.Small(seed: 6) with { Scale = 0.001 }, temp.Sub("b"), SilentGenerationProgress.Instance);
        Assert.NotEqual(Hashes(temp.Sub("a"))["register/register.parquet"], Hashes(temp.Sub("b"))["register/register.parquet"]);
    }

    [Fact]
    public void Generate_Finished_WritesCompletionMarkerAndNoHiddenFolders()
    {
        using var temp = new TempFolder();
        var result = SyntheticSweden.Generate(TestOptions.Small() with { Scale = 0.001 }, temp.Sub("out"), SilentGenerationProgress.Instance);
        Assert.True(File.Exists(Path.Combine(result.OutputPath, OutputFolder.CompletionMarker)));
        Assert.Equal(["out"], Directory.EnumerateDirectories(temp.Path).Select(d => Path.GetFileName(d)!).ToArray());
    }

    [Fact]
    public void Generate_CancelledWhileWriting_LeavesNothingThatLooksComplete()
    {
        using var temp = new TempFolder();
        using var cts = new CancellationTokenSource();
        var progress = new CancelOnPhase("write", cts);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            SyntheticSweden.Generate(TestOptions.Small() with { Scale = 0.001 }, temp.Sub("out"), progress, cancellationToken: cts.Token));
        Assert.False(Directory.Exists(temp.Sub("out")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Generate_StalePartialFolderFromKilledRun_IsRemovedAndOutputComplete()
    {
        using var temp = new TempFolder();
        // What a killed run leaves: a hidden staging folder with some files and no marker.
        var stale = Directory.CreateDirectory(temp.Sub(".out.partial-99999"));
        File.WriteAllText(Path.Combine(stale.FullName, "half.parquet"), "x");
        SyntheticSweden.Generate(TestOptions.Small() with { Scale = 0.001 }, temp.Sub("out"), SilentGenerationProgress.Instance);
        Assert.False(Directory.Exists(stale.FullName));
        Assert.True(File.Exists(Path.Combine(temp.Sub("out"), OutputFolder.CompletionMarker)));
    }

    [Fact]
    public void Generate_ExistingFolderThatIsNotSynthOutput_RefusedAndUntouched()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Sub("mine"));
        File.WriteAllText(Path.Combine(temp.Sub("mine"), "notes.txt"), "keep me");
        var ex = Assert.Throws<OutputFolderException>(() =>
            SyntheticSweden.Generate(TestOptions.Small() with { Scale = 0.001 }, temp.Sub("mine"), SilentGenerationProgress.Instance));
        Assert.Contains("not a finished synthetic-data folder", ex.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(temp.Sub("mine"), "notes.txt")));
        Assert.Single(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Generate_EarlierSynthFolder_Replaced()
    {
        using var temp = new TempFolder();
        SyntheticSweden.Generate(TestOptions.Small(seed: 1) with { Scale = 0.001 }, temp.Sub("out"), SilentGenerationProgress.Instance);
        var first = Hashes(temp.Sub("out"));
        SyntheticSweden.Generate(TestOptions.Small(seed: 2) with { Scale = 0.001 }, temp.Sub("out"), SilentGenerationProgress.Instance);
        Assert.NotEqual(first["register/register.parquet"], Hashes(temp.Sub("out"))["register/register.parquet"]);
        Assert.Single(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Generate_Codebook_DescribesEveryFileAndEveryColumn()
    {
        using var temp = new TempFolder();
        var result = SyntheticSweden.Generate(TestOptions.Small() with { Scale = 0.001 }, temp.Sub("out"), SilentGenerationProgress.Instance);
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(result.OutputPath, "codebook.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var files = ((YamlSequenceNode)root["files"]).Cast<YamlMappingNode>()
            .ToDictionary(f => f["path"].ToString(), f => f, StringComparer.Ordinal);
        var dataFiles = Directory.EnumerateFiles(result.OutputPath, "*.parquet", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(result.OutputPath, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(dataFiles, files.Keys.Order(StringComparer.Ordinal).ToList());
        foreach (var file in dataFiles)
        {
            await using var parquet = await ParquetReader.CreateAsync(Path.Combine(result.OutputPath, file));
            var schemaColumns = parquet.Schema.DataFields.Select(f => f.Name).ToList();
            var entry = files[file];
            var described = ((YamlSequenceNode)entry["columns"]).Cast<YamlMappingNode>().ToList();
            Assert.Equal(schemaColumns, described.Select(c => c["name"].ToString()).ToList());
            foreach (var column in described)
            {
                var description = (YamlMappingNode)column["description"];
                Assert.False(string.IsNullOrWhiteSpace(description["sv"].ToString()), $"{file}:{column["name"]} has no Swedish description");
                Assert.False(string.IsNullOrWhiteSpace(description["en"].ToString()), $"{file}:{column["name"]} has no English description");
                Assert.Contains(column["type"].ToString(), new[] { "integer", "number", "text", "boolean" });
            }

            Assert.Equal(parquet.Metadata!.NumRows.ToString(System.Globalization.CultureInfo.InvariantCulture), entry["rows"].ToString());
        }
    }

    private sealed class CancelOnPhase(string phase, CancellationTokenSource cts) : IGenerationProgress
    {
        public void Start(string name, long units)
        {
            if (name == phase)
            {
                cts.Cancel();
            }
        }

        public void Advance(string name, long units)
        {
        }

        public void Complete(string name)
        {
        }
    }
}

using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Formats;
using Xunit.Abstractions;

namespace Barometer.Publishing.Tests.Formats;

/// <summary>
/// The JSON-stat we write, read by the npm package jsonstat-toolkit (tests/jsonstat-toolkit/read.mjs). Needs node
/// and npm: without them the test passes with a note in its output, unless BAROMETER_REQUIRE_NODE=1 (CI), where it
/// fails.
/// </summary>
public class JsonStatToolkitTests(ITestOutputHelper output)
{
    private static readonly Lazy<string?> Toolkit = new(PrepareToolkit, LazyThreadSafetyMode.ExecutionAndPublication);

    private static bool NodeRequired => Environment.GetEnvironmentVariable("BAROMETER_REQUIRE_NODE") == "1";

    [Theory]
    [InlineData(Language.Sv)]
    [InlineData(Language.En)]
    public void Write_SmallCube_ToolkitReadsEveryCellValueStatusAndLabel(Language language)
    {
        var directory = Toolkit.Value;
        if (directory is null)
        {
            const string Reason = "node/npm not found on PATH, so jsonstat-toolkit could not be run";
            Assert.False(NodeRequired, $"BAROMETER_REQUIRE_NODE=1 but {Reason}.");
            output.WriteLine($"SKIPPED: {Reason} (set BAROMETER_REQUIRE_NODE=1 to make this a failure).");
            return;
        }

        var cube = TestCubes.Small();
        var file = Path.Combine(Path.GetTempPath(), $"barometer-jsonstat-{Guid.NewGuid():N}.json");
        try
        {
            using (var stream = File.Create(file))
            {
                new JsonStatCubeWriter().Write(cube, stream, new CubeWriteOptions { Language = language });
            }

            var (exitCode, stdout, stderr) = Run("node", ["read.mjs", file], directory, TimeSpan.FromMinutes(1));
            Assert.True(exitCode == 0, $"node read.mjs exited with {exitCode}: {stderr}");
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(cube.Values.Count, lines.Length);
            var seen = new HashSet<int>();
            foreach (var line in lines)
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var codes = root.GetProperty("codes");
                var positions = cube.Dimensions.Select(d => d.IndexOf(codes.GetProperty(d.Code).GetString()!)).ToArray();
                Assert.DoesNotContain(-1, positions);
                var cell = cube.IndexOf(positions);
                Assert.True(seen.Add(cell), $"cell {cell} was printed twice");
                Assert.Equal(cell, root.GetProperty("index").GetInt32());

                var value = root.GetProperty("value");
                Assert.Equal(cube.Values[cell], value.ValueKind == JsonValueKind.Null ? null : value.GetDouble());
                var status = root.GetProperty("status");
                Assert.Equal(cube.Status[cell], status.ValueKind == JsonValueKind.Null ? null : status.GetString());
                var labels = root.GetProperty("labels");
                for (var d = 0; d < cube.Dimensions.Count; d++)
                {
                    var dimension = cube.Dimensions[d];
                    Assert.Equal(dimension.Values[positions[d]].Label[language], labels.GetProperty(dimension.Code).GetString());
                }
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>tests/jsonstat-toolkit with its node_modules installed by <c>npm ci</c> (once), or null without node/npm.</summary>
    private static string? PrepareToolkit()
    {
        var directory = FindToolkitDirectory();
        try
        {
            if (Run("node", ["--version"], directory, TimeSpan.FromSeconds(30)).ExitCode != 0)
            {
                return null;
            }

            if (!File.Exists(Path.Combine(directory, "node_modules", "jsonstat-toolkit", "package.json")))
            {
                var (exitCode, stdout, stderr) = Run("npm", ["ci", "--no-audit", "--no-fund"], directory, TimeSpan.FromMinutes(5));
                if (exitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {directory} exited with {exitCode}: {stdout}\n{stderr}");
                }
            }

            return directory;
        }
        catch (Win32Exception)
        {
            // node or npm is not installed.
            return null;
        }
    }

    private static string FindToolkitDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "jsonstat-toolkit");
            if (File.Exists(Path.Combine(candidate, "read.mjs")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"tests/jsonstat-toolkit/read.mjs not found above {AppContext.BaseDirectory}.");
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string program, string[] arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}

namespace Barometer.Cli.Tests;

/// <summary>The tests that set BAROMETER_WEB_DIR (process-wide) run one at a time.</summary>
[CollectionDefinition(ServeCommandTests.WebDirVariable, DisableParallelization = true)]
public sealed class WebDirTests;

/// <summary>
/// <c>barometer serve</c> before it starts the web host: where it looks for it and what it refuses. (The web host
/// itself is tested in Barometer.Web.Tests; starting it through the CLI is what ./barometer serve does.)
/// </summary>
[Collection(WebDirVariable)]
public sealed class ServeCommandTests : IDisposable
{
    public const string WebDirVariable = "BAROMETER_WEB_DIR";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "barometer-serve-tests-" + Guid.NewGuid().ToString("N"));
    private readonly string? _previous = Environment.GetEnvironmentVariable(WebDirVariable);

    public ServeCommandTests() => Directory.CreateDirectory(_root);

    [Fact]
    public void Serve_NoWebHost_SaysWhereItLookedAndHowToBuildIt()
    {
        Environment.SetEnvironmentVariable(WebDirVariable, Path.Combine(_root, "absent"));
        var (code, _, err) = CliRunner.Run("serve", "--store", Path.Combine(_root, "store.duckdb"));
        Assert.Equal(1, code);
        Assert.Contains("the web host is not built", err, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "absent", "Barometer.Web.dll"), err, StringComparison.Ordinal);
        Assert.Contains("./barometer", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_MissingStore_SaysSoBeforeStartingAnything()
    {
        Environment.SetEnvironmentVariable(WebDirVariable, FakeWebHost());
        var store = Path.Combine(_root, "missing.duckdb");
        var (code, _, err) = CliRunner.Run("serve", "--store", store);
        Assert.Equal(1, code);
        Assert.Contains($"the store {store} does not exist", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_PostgresWithoutConnectionString_SaysWhatIsMissing()
    {
        Environment.SetEnvironmentVariable(WebDirVariable, FakeWebHost());
        var (code, _, err) = CliRunner.Run("serve", "--backend", "postgres");
        Assert.Equal(1, code);
        Assert.Contains("--postgres", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_UnknownBackend_IsRefused()
    {
        Environment.SetEnvironmentVariable(WebDirVariable, FakeWebHost());
        var (code, _, _) = CliRunner.Run("serve", "--backend", "oracle");
        Assert.NotEqual(0, code);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(WebDirVariable, _previous);
        Directory.Delete(_root, recursive: true);
    }

    private string FakeWebHost()
    {
        var dir = Path.Combine(_root, "web");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "Barometer.Web.dll"), string.Empty);
        return dir;
    }
}

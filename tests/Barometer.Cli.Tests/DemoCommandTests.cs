namespace Barometer.Cli.Tests;

public class DemoCommandTests
{
    [Fact]
    public void Demo_BeforeStagesExist_SaysWhatIsMissingAndExitsOne()
    {
        var (code, output, err) = CliRunner.Run("demo");
        Assert.Equal(1, code);
        Assert.Contains("not available yet", err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }
}

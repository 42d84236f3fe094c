namespace Barometer.Cli.Tests;

public class CliApplicationTests
{
    [Fact]
    public void Help_ListsSubcommands()
    {
        var (code, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("demo", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_PrintsVersionAndExitsZero()
    {
        var (code, output, _) = CliRunner.Run("--version");
        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    [Fact]
    public void UnknownCommand_IsUserError()
    {
        var (code, _, err) = CliRunner.Run("no-such-command");
        Assert.Equal(1, code);
        Assert.Contains("no-such-command", err, StringComparison.Ordinal);
    }
}

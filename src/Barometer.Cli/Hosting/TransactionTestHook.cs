namespace Barometer.Cli.Hosting;

/// <summary>
/// Lets a test kill a real process while its store transaction is open: when the named environment variable holds a
/// file path, the command writes that marker file just before committing and then waits forever.
/// </summary>
internal static class TransactionTestHook
{
    public static Action? HoldBeforeCommit(string variable, string what)
    {
        var marker = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(marker)
            ? null
            : () =>
            {
                File.WriteAllText(marker, $"holding the {what} transaction open");
                Thread.Sleep(Timeout.Infinite);
            };
    }
}

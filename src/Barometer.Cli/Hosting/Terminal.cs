using Spectre.Console;

namespace Barometer.Cli.Hosting;

/// <summary>
/// The Spectre console every command writes through. Progress bars, colours and cursor movement only when the output
/// is an interactive terminal; written to a file, a pipe or a test's writer, the output is plain text — no escape
/// codes — and lines are not wrapped at 80 columns, so messages stay whole for whoever reads them.
/// </summary>
internal static class Terminal
{
    public static IAnsiConsole Console(TextWriter writer)
    {
        var interactive = IsInteractive(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!interactive)
        {
            console.Profile.Width = 240;
        }

        return console;
    }

    /// <summary>Whether <paramref name="writer"/> is the process's own standard output or error, on a terminal.</summary>
    public static bool IsInteractive(TextWriter writer) =>
        (ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected)
        || (ReferenceEquals(writer, System.Console.Error) && !System.Console.IsErrorRedirected);
}

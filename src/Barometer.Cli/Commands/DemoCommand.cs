using System.CommandLine;
using Barometer.Cli.Hosting;

namespace Barometer.Cli.Commands;

/// <summary>
/// <c>barometer demo</c>: synthetic Sweden → ingest → run → release → serve. Until those stages exist the
/// command says which are missing and exits 1, rather than pretending.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command(
            "demo",
            "Build a synthetic Sweden, run the whole barometer on it into the embedded store, and serve the dashboard " +
            "and API on http://127.0.0.1:5080.");
        command.SetAction(int (_) => throw new UserErrorException(
            "the demo is not available yet: it chains the synthetic-data generator (synth), the production run " +
            "(ingest, run, release) and the publication server (serve), and those stages have not been built. " +
            "Nothing was generated or written."));
        return command;
    }
}

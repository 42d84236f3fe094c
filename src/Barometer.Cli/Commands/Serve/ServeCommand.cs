using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Barometer.Catalogue.Loading;
using Barometer.Cli.Hosting;

namespace Barometer.Cli.Commands.Serve;

/// <summary>
/// <c>barometer serve</c>: runs the web host (the PxWeb API, its reference page and the dashboard) over the released
/// results. The CLI does not reference the web host (docs/architecture.md, the dependency rule), so it starts it as a
/// child process — <c>dotnet DIR/Barometer.Web.dll</c> with the settings as command-line configuration — forwards
/// Ctrl+C and termination to it and exits with its exit code. DIR is <c>$BAROMETER_WEB_DIR</c>, or <c>../web</c>
/// beside the CLI's own folder (where <c>./barometer</c> builds it: .artifacts/cli and .artifacts/web).
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public const string WebDirVariable = "BAROMETER_WEB_DIR";

    public const string WebAssembly = "Barometer.Web.dll";

    public static Command Create()
    {
        var storeOption = StoreOptions.Store();
        storeOption.Description = "The store file (DuckDB) whose released results are served.";
        var urlsOption = new Option<string>("--urls")
        {
            Description = "Where to listen (ASP.NET Core URLs, separated by ';'). Loopback only unless you say otherwise.",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var backendOption = new Option<string>("--backend")
        {
            Description = "Where released results are read from: duckdb (the store file) or postgres (--postgres).",
            DefaultValueFactory = _ => "duckdb",
        };
        backendOption.AcceptOnlyFromAmong("duckdb", "postgres");
        var postgresOption = new Option<string?>("--postgres")
        {
            Description = "The PostgreSQL connection string for --backend postgres (e.g. Host=127.0.0.1;Port=5432;Database=barometer;Username=reader).",
        };
        var savedQueriesOption = new Option<string?>("--saved-queries")
        {
            Description = "The DuckDB file saved queries (/api/v2/savedqueries) are kept in, for --backend duckdb (default: saved-queries.duckdb beside the store; never the store itself). With --backend postgres they are kept in PostgreSQL.",
        };
        var catalogueOption = StoreOptions.Catalogue();
        var command = new Command(
            "serve",
            "Serve the released results: the PxWeb API 2.0 under /api/v2, its reference at /api and the dashboard, on " +
            DefaultUrls + " unless --urls says otherwise. Only results whose release time has passed are ever shown.")
        {
            storeOption, urlsOption, backendOption, postgresOption, savedQueriesOption, catalogueOption,
        };
        command.SetAction(parse =>
        {
            var backend = parse.GetValue(backendOption)!;
            var arguments = new List<string> { "--urls=" + parse.GetValue(urlsOption), "--Publication:Backend=" + backend };
            var dll = WebHostDll();
            arguments.Add("--contentRoot=" + Path.GetDirectoryName(dll));
            if (backend == "postgres")
            {
                var connection = parse.GetValue(postgresOption);
                if (string.IsNullOrWhiteSpace(connection))
                {
                    throw new UserErrorException("--backend postgres needs --postgres CONNECTION-STRING (Host=...;Database=...;Username=...).");
                }

                arguments.Add("--Publication:Postgres=" + connection);
            }
            else
            {
                var store = Path.GetFullPath(parse.GetValue(storeOption)!);
                if (!File.Exists(store))
                {
                    throw new UserErrorException(
                        $"the store {store} does not exist. Build one with `barometer demo --no-serve` (or synth, ingest, run and release), or name it with --store PATH.");
                }

                arguments.Add("--Publication:Store=" + store);
                if (parse.GetValue(savedQueriesOption) is { Length: > 0 } savedQueries)
                {
                    var path = Path.GetFullPath(savedQueries);
                    if (string.Equals(path, store, StringComparison.Ordinal))
                    {
                        throw new UserErrorException("--saved-queries must not be the store: saved queries are public state and never go into the producer's store.");
                    }

                    arguments.Add("--Publication:SavedQueries=" + path);
                }
            }

            if (CatalogueLocator.Find(parse.GetValue(catalogueOption)) is { } catalogue)
            {
                arguments.Add("--Publication:Catalogue=" + Path.GetFullPath(catalogue));
            }

            return Run(dll, arguments, parse.InvocationConfiguration.Output);
        });
        return command;
    }

    /// <summary>The web host's entry assembly, or a user error saying where it was looked for and how to build it.</summary>
    internal static string WebHostDll()
    {
        var configured = Environment.GetEnvironmentVariable(WebDirVariable);
        var directory = string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "web"))
            : Path.GetFullPath(configured);
        var dll = Path.Combine(directory, WebAssembly);
        if (!File.Exists(dll))
        {
            throw new UserErrorException(
                $"the web host is not built: {dll} does not exist. Run the CLI through ./barometer, which builds it into .artifacts/web, " +
                $"or set {WebDirVariable} to the folder holding {WebAssembly} (dotnet build src/Barometer.Web -o DIR).");
        }

        return dll;
    }

    /// <summary>Runs a host assembly as a child process, forwarding Ctrl+C and termination; returns its exit code (also used by <c>field</c>).</summary>
    internal static int Run(string dll, List<string> arguments, TextWriter output)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = Environment.CurrentDirectory };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        output.WriteLine($"Serving with {dll} on {arguments[0]["--urls=".Length..]} (Ctrl+C stops).");
        output.Flush();
        using var child = Process.Start(start) ?? throw new UserErrorException("could not start `dotnet` to run the web host.");

        // The terminal sends Ctrl+C to the whole foreground process group, the child included; a signal sent to this
        // process alone (kill, a supervisor) is passed on. Either way this process waits for the child to finish.
        void Forward(PosixSignalContext context)
        {
            context.Cancel = true;
            Signal(child, context.Signal);
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Forward);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Forward);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Forward);
        child.WaitForExit();
        return child.ExitCode;
    }

    private static void Signal(Process child, PosixSignal signal)
    {
        try
        {
            if (child.HasExited)
            {
                return;
            }

            if (OperatingSystem.IsWindows())
            {
                child.Kill(entireProcessTree: true);
                return;
            }

            // SIGTERM asks ASP.NET Core for the same graceful shutdown as Ctrl+C.
            var name = signal == PosixSignal.SIGINT ? "INT" : "TERM";
            using var kill = Process.Start(new ProcessStartInfo("kill") { UseShellExecute = false, ArgumentList = { "-" + name, child.Id.ToString(CultureInfo.InvariantCulture) } });
            kill?.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // The child exited meanwhile.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill command: the child still gets Ctrl+C from the terminal.
        }
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Barometer.Reporting.Rendering;

/// <summary>Turns Vega-Lite specifications into standalone SVG documents, in order.</summary>
public interface IChartRenderer
{
    IReadOnlyList<string> RenderSvg(IReadOnlyList<JsonObject> specs);
}

/// <summary>
/// Renders Vega-Lite specifications with Vega's headless view in Node (<c>tools/charts/render.mjs</c>, with the
/// vega and vega-lite versions pinned in <c>tools/charts/package.json</c>): one Node process for all charts of a
/// report. Installs the two packages with <c>npm ci</c> on first use when <c>node_modules</c> is missing.
/// </summary>
public sealed class NodeChartRenderer(string toolDirectory) : IChartRenderer
{
    private readonly string _directory = Path.GetFullPath(toolDirectory ?? throw new ArgumentNullException(nameof(toolDirectory)));

    /// <summary>tools/charts beside Barometer.slnx above <paramref name="start"/> (the repository the CLI runs from).</summary>
    public static NodeChartRenderer FromRepository(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Barometer.slnx")))
            {
                return new NodeChartRenderer(Path.Combine(dir.FullName, "tools", "charts"));
            }
        }

        throw new ReportException($"no folder containing Barometer.slnx above {start}, so tools/charts (the chart renderer) cannot be found.");
    }

    public IReadOnlyList<string> RenderSvg(IReadOnlyList<JsonObject> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        if (specs.Count == 0)
        {
            return [];
        }

        var script = Path.Combine(_directory, "render.mjs");
        if (!File.Exists(script))
        {
            throw new ReportException($"the chart renderer {script} is missing.");
        }

        if (!Directory.Exists(Path.Combine(_directory, "node_modules", "vega-lite")))
        {
            Run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], null,
                "installing the chart renderer's packages (npm ci in tools/charts) failed; check that Node.js and npm are installed and the npm registry is reachable");
        }

        var input = new JsonArray([.. specs.Select(s => (JsonNode)s.DeepClone())]).ToJsonString();
        var output = Run("node", [script], input, "rendering the report's charts with Node (tools/charts/render.mjs) failed");
        var svgs = JsonSerializer.Deserialize<List<string>>(output) ?? [];
        if (svgs.Count != specs.Count)
        {
            throw new ReportException($"the chart renderer returned {svgs.Count} charts for {specs.Count} specifications.");
        }

        return svgs;
    }

    private string Run(string program, IReadOnlyList<string> arguments, string? input, string failure)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = _directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ReportException($"{failure}: {program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ReportException($"{failure}: '{program}' is not installed or not on PATH (install Node.js 20 or later).", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using (var writer = process.StandardInput)
            {
                if (input is not null)
                {
                    writer.Write(input);
                }
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new ReportException($"{failure} (exit {process.ExitCode}): {stderr.Result.Trim()}");
            }

            return stdout.Result;
        }
    }
}

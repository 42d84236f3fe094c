using System.Globalization;
using System.Text;
using Barometer.Dashboard.Tests.Hosting;
using Microsoft.Playwright;

namespace Barometer.Dashboard.Tests.Performance;

/// <summary>A benchmark that runs only when <c>BAROMETER_DASHBOARD_BENCH=1</c> (bench/dashboard/run.sh).</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public const string Variable = "BAROMETER_DASHBOARD_BENCH";

    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"a benchmark; run bench/dashboard/run.sh (sets {Variable}=1)";
        }
    }
}

/// <summary>
/// The start page in headless Chromium against the local server: bytes transferred (compressed, headers included)
/// for a cold load, and the time from navigation start to the first chart drawn (cold and warm cache). Figures are
/// written to bench/results/dashboard.md; the targets are under 500 KB and under 1.5 s.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class StartPageBenchmark(BrowserFixture fixture)
{
    private const int Runs = 15;

    [BenchmarkFact]
    public async Task StartPage_ColdAndWarm_TransferAndFirstChart()
    {
        // Warm the server (first request builds the model) so the figures are about the page, not the start-up.
        var warmUp = await fixture.NewPageAsync();
        await warmUp.GotoAsync("/");
        await warmUp.WaitForSelectorAsync("html[data-charts-drawn='true']");

        var transfers = new List<long>();
        var cold = new List<double>();
        var warm = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var page = await context.NewPageAsync();
            var responses = new List<IResponse>();
            page.Response += (_, response) => responses.Add(response);
            await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            await page.WaitForFunctionAsync("() => window.__firstChartDrawn !== undefined");
            cold.Add(await page.EvaluateAsync<double>("() => window.__firstChartDrawn"));
            await page.WaitForSelectorAsync("html[data-charts-drawn='true']");
            long bytes = 0;
            foreach (var response in responses)
            {
                var sizes = await response.Request.SizesAsync();
                bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            }

            transfers.Add(bytes);
            await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            await page.WaitForFunctionAsync("() => window.__firstChartDrawn !== undefined");
            warm.Add(await page.EvaluateAsync<double>("() => window.__firstChartDrawn"));
            await context.CloseAsync();
        }

        var report = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        report.AppendLine("# Dashboard start page in headless Chromium");
        report.AppendLine();
        report.AppendLine(c, $"Debian Chromium (`/usr/bin/chromium`) headless, Playwright, loopback Kestrel host over the shared test store (scale {Barometer.Testing.ReleasedStore.Scale}, waves 2022–2024 public), {Environment.ProcessorCount} cores, {Runs} runs, each in a fresh browser context (cold cache) followed by a reload (warm cache). Produced by `bench/dashboard/run.sh`.");
        report.AppendLine();
        report.AppendLine("| measure | median | min | max | target |");
        report.AppendLine("|---|---|---|---|---|");
        report.AppendLine(c, $"| transfer, cold load (compressed bodies + headers) | {Median(transfers.Select(t => (double)t)) / 1024:F1} KB | {transfers.Min() / 1024.0:F1} KB | {transfers.Max() / 1024.0:F1} KB | < 500 KB |");
        report.AppendLine(c, $"| first chart drawn, cold cache (ms from navigation start) | {Median(cold):F0} | {cold.Min():F0} | {cold.Max():F0} | < 1500 |");
        report.AppendLine(c, $"| first chart drawn, warm cache (ms from navigation start) | {Median(warm):F0} | {warm.Min():F0} | {warm.Max():F0} | < 1500 |");
        var path = Path.Combine(RepositoryFiles.Root, "bench", "results", "dashboard.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, report.ToString());
        Assert.All(transfers, t => Assert.True(t > 0));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Barometer.Dashboard.Tests.Hosting;
using Microsoft.Playwright;

namespace Barometer.Dashboard.Tests.Performance;

/// <summary>
/// The local level's pages (issue 20): the server time of a municipality profile (every request builds the page
/// from the publication model; nothing is cached per page), the profile and the map pages cold in headless Chromium
/// (bytes transferred, compressed, headers included; time to every chart drawn). Written to
/// bench/results/dashboard-local.md; targets: profile under 300 ms, transfer within the dashboard's 500 KB budget.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AreaPageBenchmark(BrowserFixture fixture)
{
    private const int Runs = 15;

    private static readonly string[] Pages =
    [
        "/kommun/0180",
        "/lan/12",
        "/karta?indicator=employment_rate&level=kommun&group=focal",
        "/karta?indicator=employment_rate&level=lan&group=gap",
    ];

    [BenchmarkFact]
    public async Task ProfilesAndMaps_Cold_ServerTimeTransferAndCharts()
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        var report = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        report.AppendLine("# Dashboard profiles and maps in headless Chromium");
        report.AppendLine();
        report.AppendLine(c, $"Debian Chromium (`/usr/bin/chromium`) headless, Playwright, loopback Kestrel host over the shared test store (scale {Barometer.Testing.ReleasedStore.Scale}, waves 2022–2024 public), {Environment.ProcessorCount} cores, {Runs} runs per page after one warm-up request. Server time: the HTML response of the page (built from the publication model on every request). Cold load: a fresh browser context each run (empty cache); transfer is compressed bodies plus headers of every response; charts: ms from navigation start until every chart and map is drawn. Produced by `bench/dashboard/run.sh`.");
        report.AppendLine();
        report.AppendLine("| page | server time median (min–max) ms | transfer, cold (KB) | all charts drawn, cold, median (min–max) ms | targets |");
        report.AppendLine("|---|---|---|---|---|");
        foreach (var path in Pages)
        {
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
            var server = new List<double>();
            for (var run = 0; run < Runs; run++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(path);
                _ = await response.Content.ReadAsByteArrayAsync();
                server.Add(watch.Elapsed.TotalMilliseconds);
                response.EnsureSuccessStatusCode();
            }

            var transfers = new List<long>();
            var drawn = new List<double>();
            for (var run = 0; run < Runs; run++)
            {
                var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
                var page = await context.NewPageAsync();
                var responses = new List<IResponse>();
                page.Response += (_, response) => responses.Add(response);
                await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                await page.WaitForSelectorAsync("html[data-charts-drawn='true']", new() { Timeout = 60_000 });
                drawn.Add(await page.EvaluateAsync<double>("() => performance.now()"));
                long bytes = 0;
                foreach (var response in responses)
                {
                    var sizes = await response.Request.SizesAsync();
                    bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
                }

                transfers.Add(bytes);
                await context.CloseAsync();
            }

            var target = path.StartsWith("/karta", StringComparison.Ordinal) ? "transfer < 500 KB" : "server < 300 ms, transfer < 500 KB";
            report.AppendLine(c, $"| `{path}` | {Median(server):F0} ({server.Min():F0}–{server.Max():F0}) | {Median(transfers.Select(t => (double)t)) / 1024:F1} | {Median(drawn):F0} ({drawn.Min():F0}–{drawn.Max():F0}) | {target} |");
        }

        var file = Path.Combine(RepositoryFiles.Root, "bench", "results", "dashboard-local.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, report.ToString());
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

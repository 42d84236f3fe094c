using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Barometer.Catalogue.Indicators;
using Barometer.Catalogue.Text;
using Barometer.Reporting.Rendering;
using Barometer.Testing;
using Xunit.Abstractions;

namespace Barometer.Reporting.Tests.Rendering;

/// <summary>
/// Prints the whole report of the shared released store, with its charts, as the <c>report</c> command does, and
/// reads the PDF's text back: every contents entry is found on its page, in order, and each table by county stays
/// whole on one page.
/// </summary>
public partial class ReportPdfTests(ITestOutputHelper output)
{
    private const int PublicWave = 2024;

    [Theory]
    [InlineData(Language.Sv, "Innehåll", "Tabell ", " efter län")]
    [InlineData(Language.En, "Contents", "Table ", " by county")]
    public void Print_WholeReport_FindsEveryContentsEntryAndKeepsEachCountyTableOnOnePage(Language language, string contentsTitle, string tableWord, string byCounty)
    {
        var store = ReleasedStore.Shared;
        var catalogue = store.Catalogue;
        var inputs = new DuckDbReportSource(store.StorePath, catalogue).Load(PublicWave, null);
        var report = new ReportWriter(catalogue, NodeChartRenderer.FromRepository(AppContext.BaseDirectory)).Write(inputs, new ReportOptions(language, ReleasedStore.Now));
        var dir = Directory.CreateTempSubdirectory("barometer-report-pdf-").FullName;
        try
        {
            var html = Path.Combine(dir, "report.html");
            File.WriteAllText(html, report.Html);
            var pdf = Path.Combine(dir, "report.pdf");
            ChromiumPdfPrinter.Default().Print(html, pdf, TimeSpan.FromMinutes(3));
            var pages = PdfPages(pdf);
            output.WriteLine($"{language}: {pages.Count} pages");

            // Every contents entry, the appendix of counties and its sub-goal sections included, on its page, in order.
            var found = PdfContentsPages.Locate(pages, report.Contents, contentsTitle);
            Assert.Equal(report.Contents.Select(c => c.Id), report.Contents.Select(c => c.Id).Where(found.ContainsKey));
            Assert.Equal(report.Contents.Select(c => found[c.Id]).Order(), report.Contents.Select(c => found[c.Id]));
            Assert.True(found["counties"] > found["appendix"], $"counties on page {found["counties"]}, appendix A on page {found["appendix"]}");
            output.WriteLine($"appendix A on page {found["appendix"]}, counties from page {found["counties"]}");

            // Each county table, caption to last county, on one page.
            var counties = catalogue.FindClassification("lan")!.Codes.Select(c => Normalise(c.Label[language])).ToList();
            var normalised = pages.Select(Normalise).ToList();
            var indicators = catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Register && i.Breakdowns.Contains("lan")).ToList();
            Assert.NotEmpty(indicators);
            foreach (var indicator in indicators)
            {
                var caption = Normalise(indicator.Name[language] + byCounty + ", " + PublicWave);
                var page = normalised.FindIndex(found["counties"] - 1, p => p.Contains(caption, StringComparison.Ordinal));
                Assert.True(page >= 0, $"no page from {found["counties"]} has the caption '{caption}'");
                var text = normalised[page][normalised[page].IndexOf(caption, StringComparison.Ordinal)..];
                var next = text.IndexOf(tableWord, caption.Length, StringComparison.Ordinal);
                var table = next < 0 ? text : text[..next];
                Assert.All(counties, c => Assert.Contains(c, table, StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static List<string> PdfPages(string pdf)
    {
        var tool = PdfContentsPages.PdfToText() ?? throw new InvalidOperationException("pdftotext (poppler-utils) is needed: scripts/install-system-deps.sh installs it");
        using var process = Process.Start(new ProcessStartInfo(tool, ["-enc", "UTF-8", pdf, "-"]) { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8 })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return [.. text.Split('\f')];
    }

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

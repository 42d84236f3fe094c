using System.Diagnostics;
using Barometer.Catalogue.Text;
using Barometer.Publishing.Charts;
using Barometer.Reporting.Rendering;

namespace Barometer.Reporting.Tests.Rendering;

/// <summary>The report's two external renderers: Vega in Node for the charts, headless Chromium for the PDF.</summary>
public class RenderingTests
{
    [Fact]
    public void RenderSvg_DashboardTrendSpec_ReturnsStandaloneSvgWithSwedishNumbers()
    {
        ChartPoint[] points =
        [
            new("2023", "2023", "f", "Utrikes födda", 65.5, 64.0, 67.0, null),
            new("2024", "2024", "f", "Utrikes födda", null, null, null, ".."),
            new("2023", "2023", "r", "Inrikes födda", 84.0, 83.5, 84.5, null),
            new("2024", "2024", "r", "Inrikes födda", 84.2, 83.7, 84.7, null),
        ];
        var spec = ChartSpecs.Trend(points, [new ChartSeries("f", "Utrikes födda", SeriesRole.Focal), new ChartSeries("r", "Inrikes födda", SeriesRole.Reference)],
            new ChartText(Language.Sv, "Sysselsättningsgrad", "Utrikes och inrikes födda per omgång", "Procent", 1, 400) { IntervalLevel = "95 %" });

        var svg = Assert.Single(NodeChartRenderer.FromRepository(AppContext.BaseDirectory).RenderSvg([spec]));

        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("Sysselsättningsgrad", svg, StringComparison.Ordinal);
        // The axis in the Swedish locale: ticks with a decimal comma (65,0 … 85,0 for these values), none with a point.
        Assert.Contains(">85,0<", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(">85.0<", svg, StringComparison.Ordinal);
        Assert.Contains(">..<", svg, StringComparison.Ordinal); // the hidden value's symbol, not a zero
        Assert.DoesNotContain("href=\"http", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureAvailable_MissingChromium_SaysHowToInstall()
    {
        var printer = new ChromiumPdfPrinter("/nonexistent/chromium");

        var ex = Assert.Throws<ReportException>(printer.EnsureAvailable);
        Assert.Contains("scripts/install-system-deps.sh", ex.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install chromium", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_HtmlWithPageMarginBoxes_WritesPdfWithPageNumbers()
    {
        var dir = Directory.CreateTempSubdirectory("barometer-report-pdf-").FullName;
        try
        {
            var html = Path.Combine(dir, "r.html");
            File.WriteAllText(html, "<!DOCTYPE html><html><head><style>@page { size: A4; margin: 20mm; @bottom-right { content: \"Sida \" counter(page) \" av \" counter(pages); } }"
                + " section { break-before: page; }</style></head><body><h1>Rapport</h1><section><h2>Kapitel</h2></section></body></html>");
            var pdf = Path.Combine(dir, "r.pdf");

            ChromiumPdfPrinter.Default().Print(html, pdf, TimeSpan.FromMinutes(2));

            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 4));
            var text = PdfText(pdf);
            Assert.Contains("Sida 1 av 2", text, StringComparison.Ordinal);
            Assert.Contains("Sida 2 av 2", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string PdfText(string pdf)
    {
        var tool = PdfContentsPages.PdfToText() ?? throw new InvalidOperationException("pdftotext (poppler-utils) is needed: scripts/install-system-deps.sh installs it");
        using var process = Process.Start(new ProcessStartInfo(tool, [pdf, "-"]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }
}

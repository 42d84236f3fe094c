using System.Diagnostics;
using Barometer.Catalogue.Text;
using Barometer.Cli.Commands.Report;
using Barometer.Cli.Hosting;
using Barometer.Reporting.Rendering;
using Barometer.Testing;

namespace Barometer.Cli.Tests.Commands.Report;

public class ReportCommandTests
{
    [Fact]
    public void Run_UnreleasedWave_ExitsOneNamingTheReleasedWaves()
    {
        var dir = Directory.CreateTempSubdirectory("barometer-report-cli-").FullName;
        try
        {
            var (code, _, err) = CliRunner.Run("report", "--wave", "2026", "--out", dir, "--store", ReleasedStore.Shared.StorePath, "--no-pdf");

            Assert.Equal(ExitCodes.UserError, code);
            Assert.Contains("wave 2026 has no release", err, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Execute_ChromiumMissing_FailsBeforeWritingAndSaysHowToInstall()
    {
        var dir = Path.Combine(Path.GetTempPath(), "barometer-report-cli-" + Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();

        var ex = Assert.Throws<UserErrorException>(() => ReportCommand.Execute(ReleasedStore.Shared.Catalogue, ReleasedStore.Shared.StorePath, 2024, null, [Language.Sv],
            dir, pdf: true, new FixedClock(ReleasedStore.Now), output, printer: new ChromiumPdfPrinter("/nonexistent/chromium")));

        Assert.Contains("Chromium", ex.Message, StringComparison.Ordinal);
        Assert.Contains("install-system-deps.sh", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Execute_PublicWave_WritesHtmlAndPdfWithPageNumberedContents()
    {
        var dir = Directory.CreateTempSubdirectory("barometer-report-cli-").FullName;
        try
        {
            using var output = new StringWriter();

            var wrote = ReportCommand.Execute(ReleasedStore.Shared.Catalogue, ReleasedStore.Shared.StorePath, 2024, null, [Language.Sv], dir, pdf: true,
                new FixedClock(ReleasedStore.Now), output);

            Assert.Equal(["integrationsbarometern-2024-v1-sv.html", "integrationsbarometern-2024-v1-sv.pdf"], wrote.Select(Path.GetFileName));
            Assert.Contains("<svg", File.ReadAllText(wrote[0]), StringComparison.Ordinal);
            var pages = PdfText(wrote[1]).Split('\f');
            Assert.Contains("Innehåll", pages[0], StringComparison.Ordinal);
            Assert.Matches(@"2\s+Ekonomisk integration\s+\d+", pages[0]);
            Assert.Contains("Sida 1 av", pages[0], StringComparison.Ordinal);
            Assert.Contains("Report of wave 2024 version 1", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string PdfText(string pdf)
    {
        var tool = PdfContentsPages.PdfToText() ?? throw new InvalidOperationException("pdftotext (poppler-utils) is needed: scripts/install-system-deps.sh installs it");
        using var process = Process.Start(new ProcessStartInfo(tool, ["-layout", pdf, "-"]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

using System.Diagnostics;

namespace Barometer.Reporting.Rendering;

/// <summary>
/// Prints an HTML file to PDF with headless Chromium (<c>--print-to-pdf</c>, without Chromium's own header and
/// footer: the report's <c>@page</c> margin boxes carry the running title and the page numbers).
/// </summary>
public sealed class ChromiumPdfPrinter(string chromiumPath)
{
    /// <summary>Debian's Chromium, or the path in <c>BAROMETER_CHROMIUM</c> when set.</summary>
    public static ChromiumPdfPrinter Default() =>
        new(Environment.GetEnvironmentVariable("BAROMETER_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium");

    public string ChromiumPath { get; } = chromiumPath ?? throw new ArgumentNullException(nameof(chromiumPath));

    public bool IsAvailable => File.Exists(ChromiumPath);

    /// <summary>Throws a <see cref="ReportException"/> that says how to install Chromium when it is missing.</summary>
    public void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new ReportException($"Chromium is needed for the PDF but was not found at {ChromiumPath}. Install it with `scripts/install-system-deps.sh` " +
                "(Debian package chromium: `sudo apt-get install chromium`), or set BAROMETER_CHROMIUM to a Chromium binary; or use --no-pdf for HTML only.");
        }
    }

    /// <summary>Writes <paramref name="pdfPath"/> from <paramref name="htmlPath"/>; throws a <see cref="ReportException"/> that says how to install Chromium when it is missing.</summary>
    public void Print(string htmlPath, string pdfPath, TimeSpan timeout)
    {
        EnsureAvailable();
        var html = Path.GetFullPath(htmlPath);
        var pdf = Path.GetFullPath(pdfPath);
        if (File.Exists(pdf))
        {
            File.Delete(pdf);
        }

        var profile = Path.Combine(Path.GetTempPath(), "barometer-report-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(ChromiumPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                     "--user-data-dir=" + profile, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, new Uri(html).AbsoluteUri,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new ReportException($"Chromium ({ChromiumPath}) did not start.");
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new ReportException($"Chromium did not finish printing {html} within {timeout.TotalSeconds:0} s.");
            }

            if (process.ExitCode != 0 || !File.Exists(pdf) || new FileInfo(pdf).Length == 0)
            {
                throw new ReportException($"Chromium could not print {html} to PDF (exit {process.ExitCode}): {LastLines(stderr.Result)}");
            }
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary profile is harmless.
            }
            catch (UnauthorizedAccessException)
            {
                // Likewise.
            }
        }
    }

    private static string LastLines(string text) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
}

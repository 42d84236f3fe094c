using System.CommandLine;
using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Text;
using Barometer.Cli.Hosting;
using Barometer.Reporting;
using Barometer.Reporting.Rendering;

namespace Barometer.Cli.Commands.Report;

/// <summary>
/// <c>barometer report --wave 2026 [--lang sv|en] [--version N] --out DIR [--store PATH] [--no-pdf]</c>: the yearly
/// report of a released version, as one self-contained HTML file and a PDF per language. A producer product: it may
/// be generated before the release time, and then says so.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var waveOption = new Option<int>("--wave") { Description = "The released wave to report on, e.g. 2026.", Required = true };
        var langOption = new Option<string?>("--lang") { Description = "sv or en; both when left out." };
        langOption.AcceptOnlyFromAmong("sv", "en");
        var versionOption = new Option<int?>("--version") { Description = "The released version of the wave. [default: the latest]" };
        var outOption = new Option<string>("--out") { Description = "The folder to write the report files to (created when absent).", Required = true };
        var noPdfOption = new Option<bool>("--no-pdf") { Description = "Write the HTML only (no Chromium needed)." };
        var storeOption = StoreOptions.Store();
        var catalogueOption = StoreOptions.Catalogue();
        var command = new Command(
            "report",
            "Generate the yearly report \"Integrationsbarometern <year>\" from a released version: summary, a chapter per sub-goal with " +
            "charts, tables and rule-based text, and a method and quality appendix; one self-contained HTML file and a PDF (headless Chromium) per language.")
        {
            waveOption, langOption, versionOption, outOption, noPdfOption, storeOption, catalogueOption,
        };
        command.SetAction(parse =>
        {
            var catalogue = StoreOptions.LoadCatalogue(parse.GetValue(catalogueOption));
            var languages = parse.GetValue(langOption) switch
            {
                "sv" => [Language.Sv],
                "en" => [Language.En],
                _ => new[] { Language.Sv, Language.En },
            };
            Execute(catalogue, parse.GetValue(storeOption)!, parse.GetValue(waveOption), parse.GetValue(versionOption), languages,
                parse.GetValue(outOption)!, !parse.GetValue(noPdfOption), TimeProvider.System, parse.InvocationConfiguration.Output);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static IReadOnlyList<string> Execute(IndicatorCatalogue catalogue, string store, int wave, int? version, IReadOnlyList<Language> languages,
        string outDirectory, bool pdf, TimeProvider clock, TextWriter output, IChartRenderer? charts = null, ChromiumPdfPrinter? printer = null)
    {
        var wrote = new List<string>();
        try
        {
            printer ??= ChromiumPdfPrinter.Default();
            if (pdf)
            {
                printer.EnsureAvailable(); // before any work: the message says how to install Chromium
            }

            if (!File.Exists(store))
            {
                throw new ReportException($"the store '{Path.GetFullPath(store)}' does not exist; run `barometer demo` or ingest, run and release first.");
            }

            var inputs = new DuckDbReportSource(store, catalogue).Load(wave, version);
            charts ??= NodeChartRenderer.FromRepository(catalogue.Directory);
            var writer = new ReportWriter(catalogue, charts);
            Directory.CreateDirectory(outDirectory);
            var now = clock.GetUtcNow();
            foreach (var language in languages)
            {
                var code = language.Code();
                var stem = string.Create(CultureInfo.InvariantCulture, $"integrationsbarometern-{inputs.Release.Wave}-v{inputs.Release.Version}-{code}");
                var htmlPath = Path.Combine(outDirectory, stem + ".html");
                var report = writer.Write(inputs, new ReportOptions(language, now));
                File.WriteAllText(htmlPath, report.Html);
                wrote.Add(htmlPath);
                output.WriteLine($"Wrote {htmlPath}");
                if (pdf)
                {
                    var pdfPath = Path.Combine(outDirectory, stem + ".pdf");
                    printer.Print(htmlPath, pdfPath, TimeSpan.FromMinutes(3));

                    // A second printing with the pages of the first in the table of contents (when pdftotext is installed).
                    var pages = PdfContentsPages.Find(pdfPath, report.Contents, new LocalizedText("Innehåll", "Contents")[language], TimeSpan.FromMinutes(1));
                    if (pages is { Count: > 0 })
                    {
                        var printHtml = Path.Combine(Path.GetTempPath(), stem + "-" + Guid.NewGuid().ToString("N") + ".html");
                        try
                        {
                            File.WriteAllText(printHtml, writer.WriteHtml(inputs, new ReportOptions(language, now, pages)));
                            printer.Print(printHtml, pdfPath, TimeSpan.FromMinutes(3));
                        }
                        finally
                        {
                            File.Delete(printHtml);
                        }
                    }

                    wrote.Add(pdfPath);
                    output.WriteLine($"Wrote {pdfPath}");
                }
            }

            var embargo = inputs.Release.ReleaseTime > now
                ? string.Create(CultureInfo.InvariantCulture, $" The release is under embargo until {inputs.Release.ReleaseTime.ToUniversalTime():yyyy-MM-dd HH:mm} UTC: the report says so; do not distribute it before.")
                : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Report of wave {inputs.Release.Wave} version {inputs.Release.Version} (run {inputs.Release.RunId}).{embargo}"));
            return wrote;
        }
        catch (ReportException ex)
        {
            throw new UserErrorException($"report of wave {wave.ToString(CultureInfo.InvariantCulture)}: {ex.Message}", ex);
        }
    }
}

using System.CommandLine;
using System.Globalization;
using Barometer.Catalogue;
using Barometer.Catalogue.Text;
using Barometer.Cli.Hosting;
using Barometer.Reporting;
using Barometer.Reporting.Rendering;

namespace Barometer.Cli.Commands.Profile;

/// <summary>
/// <c>barometer profile --kommun 0180 | --lan 01 --out DIR [--language sv|en] [--store PATH] [--no-pdf]</c>: the
/// printed profile of a municipality or county for a council meeting, from the released, public results of the latest
/// public wave, as a self-contained HTML file and a PDF (headless Chromium).
/// </summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var kommunOption = new Option<string?>("--kommun") { Description = "The municipality's code, e.g. 0180." };
        var lanOption = new Option<string?>("--lan") { Description = "The county's code, e.g. 01." };
        var languageOption = new Option<string>("--language") { Description = "sv or en.", DefaultValueFactory = _ => "sv" };
        languageOption.AcceptOnlyFromAmong("sv", "en");
        var outOption = new Option<string>("--out") { Description = "The folder to write the profile to (created when absent).", Required = true };
        var noPdfOption = new Option<bool>("--no-pdf") { Description = "Write the HTML only (no Chromium needed)." };
        var storeOption = StoreOptions.Store();
        var catalogueOption = StoreOptions.Catalogue();
        var command = new Command(
            "profile",
            "Print the profile of a municipality (--kommun) or county (--lan) from the released, public results: its register indicators beside its county " +
            "and Sweden, expected versus actual, and for counties the survey indicators' model-based estimates; one HTML file and a PDF.")
        {
            kommunOption, lanOption, languageOption, outOption, noPdfOption, storeOption, catalogueOption,
        };
        command.SetAction(parse =>
        {
            var catalogue = StoreOptions.LoadCatalogue(parse.GetValue(catalogueOption));
            var language = parse.GetValue(languageOption) == "en" ? Language.En : Language.Sv;
            Execute(catalogue, parse.GetValue(storeOption)!, parse.GetValue(kommunOption), parse.GetValue(lanOption), language, parse.GetValue(outOption)!,
                !parse.GetValue(noPdfOption), TimeProvider.System, parse.InvocationConfiguration.Output);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static IReadOnlyList<string> Execute(IndicatorCatalogue catalogue, string store, string? kommun, string? lan, Language language, string outDirectory,
        bool pdf, TimeProvider clock, TextWriter output, ChromiumPdfPrinter? printer = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(output);
        var area = (kommun, lan) switch
        {
            ({ } k, null) => new ProfileArea(ProfileLevel.Municipality, k),
            (null, { } l) => new ProfileArea(ProfileLevel.County, l),
            (null, null) => throw new UserErrorException("profile: give the area with --kommun CODE (e.g. 0180) or --lan CODE (e.g. 01)."),
            _ => throw new UserErrorException("profile: give either --kommun or --lan, not both."),
        };
        var wrote = new List<string>();
        try
        {
            var writer = new ProfileWriter(catalogue);
            writer.Validate(area);
            printer ??= ChromiumPdfPrinter.Default();
            if (pdf)
            {
                printer.EnsureAvailable();
            }

            if (!File.Exists(store))
            {
                throw new ReportException($"the store '{Path.GetFullPath(store)}' does not exist; run `barometer demo` or ingest, run and release first.");
            }

            var now = clock.GetUtcNow();
            var inputs = new DuckDbReportSource(store, catalogue).LoadLatestPublic(now);
            var html = writer.WriteHtml(inputs, area, new ReportOptions(language, now));
            Directory.CreateDirectory(outDirectory);
            var stem = string.Create(CultureInfo.InvariantCulture, $"profile-{area.Breakdown}-{area.Code}-{inputs.Release.Wave}-{language.Code()}");
            var htmlPath = Path.Combine(outDirectory, stem + ".html");
            File.WriteAllText(htmlPath, html);
            wrote.Add(htmlPath);
            if (pdf)
            {
                var pdfPath = Path.Combine(outDirectory, stem + ".pdf");
                printer.Print(htmlPath, pdfPath, TimeSpan.FromMinutes(2));
                wrote.Add(pdfPath);
            }

            foreach (var path in wrote)
            {
                output.WriteLine($"Wrote {path}");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Profile of {area.Breakdown} {area.Code} from wave {inputs.Release.Wave} version {inputs.Release.Version} (the public results at {now:yyyy-MM-dd HH:mm} UTC)."));
            return wrote;
        }
        catch (ReportException ex)
        {
            foreach (var path in wrote)
            {
                File.Delete(path); // nothing half-written
            }

            throw new UserErrorException($"profile of {area.Breakdown} {area.Code}: {ex.Message}", ex);
        }
    }
}

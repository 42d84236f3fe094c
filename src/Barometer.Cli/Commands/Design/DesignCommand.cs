using System.CommandLine;
using System.Globalization;
using System.Text;
using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Cli.Hosting;
using Barometer.Estimation.DesignFiles;
using Barometer.Production;
using Barometer.Production.Calibration;
using Barometer.Production.Survey;
using Barometer.Storage;
using CsvHelper;
using CsvHelper.Configuration;

namespace Barometer.Cli.Commands.Design;

/// <summary>
/// <c>barometer design --wave 2026 --out DIR</c>: writes a wave's analysis file (<c>data.csv</c>: one row per
/// respondent with the design, the calibration cells, and each survey indicator's value, groups and breakdown codes)
/// and its design (<c>design.yaml</c>: stratified sampling with fpc, the calibration to the totals the run uses, and
/// one estimate per indicator × group set × breakdown) in the format <c>barometer estimate</c> reads, so that any
/// published survey level can be reproduced outside the production run. The files hold respondent microdata: they
/// are for the producer's side only.
/// </summary>
internal static class DesignCommand
{
    public const string DataFile = "data.csv";
    public const string DesignFile = "design.yaml";

    public static Command Create()
    {
        var waveOption = new Option<int>("--wave") { Description = "The survey wave (a year), e.g. 2026.", Required = true };
        var outOption = new Option<string>("--out") { Description = "The folder to write data.csv and design.yaml to (created).", Required = true };
        var indicatorsOption = new Option<string?>("--indicators")
        {
            Description = "Comma-separated survey indicator ids to include (default: every survey indicator of the catalogue).",
        };
        var storeOption = StoreOptions.Store();
        var catalogueOption = StoreOptions.Catalogue();
        var command = new Command(
            "design",
            "Write a wave's analysis file and design (data.csv, design.yaml) as `barometer estimate` reads them, to reproduce the " +
            "published survey levels outside the production run. Respondent microdata: for the producer's side only.")
        {
            waveOption, outOption, indicatorsOption, storeOption, catalogueOption,
        };
        command.SetAction(parse =>
        {
            var catalogue = StoreOptions.LoadCatalogue(parse.GetValue(catalogueOption));
            var indicators = Select(catalogue, parse.GetValue(indicatorsOption));
            var wave = parse.GetValue(waveOption);
            var folder = parse.GetValue(outOption)!;
            using var store = StoreOptions.OpenExisting(parse.GetValue(storeOption)!);
            (SurveyFrame Frame, IReadOnlyList<CalibrationMargins.Margin> Margins) file;
            try
            {
                file = store.InTransaction(transaction => SurveyAnalysisFile.Build(new StoreSession(transaction), catalogue, wave, indicators));
            }
            catch (ProductionException ex)
            {
                throw new UserErrorException(string.Create(CultureInfo.InvariantCulture, $"design of wave {wave}: {ex.Message}"), ex);
            }

            Directory.CreateDirectory(folder);
            var columns = WriteData(Path.Combine(folder, DataFile), file.Frame, indicators);
            var estimates = WriteDesign(Path.Combine(folder, DesignFile), file.Margins, indicators, catalogue);
            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {Path.Combine(folder, DataFile)} ({file.Frame.RowCount:N0} respondents, {columns} columns) and {Path.Combine(folder, DesignFile)} " +
                $"({estimates} estimates, {file.Margins.Count} calibration margins) for wave {wave}. Reproduce the levels with: " +
                $"barometer estimate --data {Path.Combine(folder, DataFile)} --design {Path.Combine(folder, DesignFile)}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<Indicator> Select(IndicatorCatalogue catalogue, string? list)
    {
        var survey = catalogue.Indicators.Where(i => i.Source.Kind == SourceKind.Survey).ToList();
        if (string.IsNullOrWhiteSpace(list))
        {
            return survey;
        }

        var selected = new List<Indicator>();
        foreach (var id in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            selected.Add(survey.FirstOrDefault(i => i.Id == id) ?? throw new UserErrorException(
                $"--indicators: '{id}' is not a survey indicator of the catalogue. Expected one of: {string.Join(", ", survey.Select(i => i.Id))}."));
        }

        return selected;
    }

    /// <summary>The columns the estimates of the selected indicators read, in a fixed order.</summary>
    private static List<string> Columns(SurveyFrame frame, IReadOnlyList<Indicator> indicators)
    {
        var columns = new List<string> { "stratum", "fpc", "w" };
        for (var m = 0; frame.Has(SurveyFrame.Calibration(m)); m++)
        {
            columns.Add(SurveyFrame.Calibration(m));
        }

        foreach (var indicator in indicators)
        {
            columns.Add(SurveyFrame.Y(indicator));
            if (indicator.Statistic == StatisticKind.Ratio)
            {
                columns.Add(SurveyFrame.X(indicator));
            }

            columns.AddRange(SurveyFrame.SetsOf(indicator).Select(set => SurveyFrame.Group(indicator, set)));
        }

        columns.AddRange(indicators.SelectMany(i => i.Breakdowns).Distinct(StringComparer.Ordinal).Select(SurveyFrame.Breakdown));
        return columns;
    }

    private static int WriteData(string path, SurveyFrame frame, IReadOnlyList<Indicator> indicators)
    {
        var columns = Columns(frame, indicators);
        var cells = columns.Select(c => frame.Data.TryGetColumn(c, out var column) ? column : throw new InvalidOperationException($"the analysis file has no column {c}")).ToList();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
        foreach (var name in columns)
        {
            csv.WriteField(name);
        }

        csv.NextRecord();
        for (var r = 0; r < frame.RowCount; r++)
        {
            foreach (var column in cells)
            {
                csv.WriteField(column switch
                {
                    Estimation.Data.NumericColumn n => double.IsNaN(n.Values[r]) ? "" : n.Values[r].ToString("R", CultureInfo.InvariantCulture),
                    Estimation.Data.TextColumn t => t.Values[r] ?? "",
                    _ => "",
                });
            }

            csv.NextRecord();
        }

        return columns.Count;
    }

    /// <summary>The design of the production run (see Production/Survey/WaveDesignRequest.cs) and the level estimates.</summary>
    private static int WriteDesign(string path, IReadOnlyList<CalibrationMargins.Margin> margins, IReadOnlyList<Indicator> indicators, IndicatorCatalogue catalogue)
    {
        var estimates = new List<Dictionary<string, object>>();
        foreach (var indicator in indicators)
        {
            foreach (var set in SurveyFrame.SetsOf(indicator))
            {
                foreach (var breakdown in indicator.Breakdowns.Prepend(null))
                {
                    var estimate = new Dictionary<string, object>
                    {
                        ["id"] = $"{indicator.Id}/{set}/{breakdown ?? "total"}",
                        ["type"] = indicator.Statistic == StatisticKind.Ratio ? "ratio" : "mean",
                        ["variable"] = SurveyFrame.Y(indicator),
                        ["by"] = breakdown is null
                            ? new List<string> { SurveyFrame.Group(indicator, set) }
                            : [SurveyFrame.Group(indicator, set), SurveyFrame.Breakdown(breakdown)],
                    };
                    if (indicator.Statistic == StatisticKind.Ratio)
                    {
                        estimate["denominator"] = SurveyFrame.X(indicator);
                    }

                    estimates.Add(estimate);
                }
            }
        }

        // The run's own design and calibration (WaveDesignRequest.Build), in the design file's vocabulary.
        var request = WaveDesignRequest.Build(margins, [], catalogue.Quality.Survey.ConfidenceLevel, catalogue.Calibration);
        var document = DesignFileWriter.Sections(request.Design, request.Calibration);
        document["estimates"] = estimates;
        document["level"] = request.Level;
        var header = "# The design of a barometer production run, written by `barometer design`; read by `barometer estimate`.\n" +
            "# Respondent microdata accompany it (data.csv): for the producer's side only.\n";
        DesignFileWriter.Write(path, header, document);
        return estimates.Count;
    }
}

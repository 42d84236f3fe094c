using System.CommandLine;
using System.Globalization;
using Barometer.Cli.Commands.Plan;
using Barometer.Cli.Hosting;
using Barometer.Estimation.Sampling;
using Barometer.Production;
using Barometer.Production.Sampling;
using Spectre.Console;

namespace Barometer.Cli.Commands.Draw;

/// <summary>
/// <c>barometer draw --wave 2027 --allocation allocation.csv --seed 18 --out DIR</c>: the wave's gross sample by
/// permanent random numbers (see <see cref="WaveSampler"/>), with optional coordination with earlier waves.
/// </summary>
internal static class DrawCommand
{
    public static Command Create()
    {
        var waveOption = new Option<int>("--wave") { Description = "The wave to draw (a year), e.g. 2027.", Required = true };
        var allocationOption = new Option<string>("--allocation") { Description = "The allocation file (as `barometer plan` writes it: stratum and gross columns).", Required = true };
        var seedOption = new Option<ulong>("--seed") { Description = "The seed of the wave's start point and of new persons' PRNs.", Required = true };
        var outOption = new Option<string>("--out") { Description = "The folder for sample.csv (the gross sample, as `barometer ingest` reads it) and overlap.csv.", Required = true };
        var coordinationOption = new Option<string>("--coordination")
        {
            Description = "independent; negative (nobody sampled in the last --avoid-waves waves, where feasible); panel (re-invite --panel-share of the last wave's sample).",
            DefaultValueFactory = _ => "independent",
        };
        coordinationOption.AcceptOnlyFromAmong("independent", "negative", "panel");
        var avoidOption = new Option<int>("--avoid-waves") { Description = "Negative coordination: the number of earlier waves to avoid.", DefaultValueFactory = _ => 1 };
        var shareOption = new Option<double>("--panel-share") { Description = "Panel: the share of each stratum's sample re-invited from the last wave (0–1).", DefaultValueFactory = _ => 0.5 };
        var storeOption = StoreOptions.Store();
        var catalogueOption = StoreOptions.Catalogue();
        var designOption = SampleDesignOptions.Design();
        var command = new Command("draw", "Draw a wave's gross sample from the frame by permanent random numbers (stratified srswor), once per wave.")
        {
            waveOption, allocationOption, seedOption, outOption, coordinationOption, avoidOption, shareOption, storeOption, catalogueOption, designOption,
        };
        command.SetAction(parse =>
        {
            var catalogue = StoreOptions.LoadCatalogue(parse.GetValue(catalogueOption));
            var design = SampleDesignOptions.Load(parse.GetValue(designOption), parse.GetValue(catalogueOption), catalogue);
            var wave = parse.GetValue(waveOption);
            var avoid = parse.GetValue(avoidOption);
            var share = parse.GetValue(shareOption);
            if (avoid is < 1 or > 255)
            {
                throw new UserErrorException("--avoid-waves: expected a whole number from 1 to 255. Nothing was written.");
            }

            if (share is < 0 or > 1)
            {
                throw new UserErrorException("--panel-share: expected a number from 0 to 1. Nothing was written.");
            }

            var coordination = parse.GetValue(coordinationOption) switch
            {
                "negative" => Coordination.Negative(avoid),
                "panel" => Coordination.Panel(share),
                _ => Coordination.Independent,
            };
            using var store = StoreOptions.OpenExisting(parse.GetValue(storeOption)!);
            DrawReport report;
            try
            {
                report = WaveSampler.Draw(store, catalogue, design, wave, parse.GetValue(allocationOption)!, parse.GetValue(seedOption), coordination, parse.GetValue(outOption)!);
            }
            catch (ProductionException ex)
            {
                throw new UserErrorException($"draw of wave {wave.ToString(CultureInfo.InvariantCulture)}: {ex.Message}", ex);
            }

            var console = StoreOptions.Console(parse.InvocationConfiguration.Output);
            var table = new Table().Title(string.Create(CultureInfo.InvariantCulture, $"Sample of wave {wave}"))
                .AddColumn("stratum").AddColumn(new TableColumn("N_h").RightAligned()).AddColumn(new TableColumn("n_h").RightAligned())
                .AddColumn(new TableColumn("earlier").RightAligned()).AddColumn(new TableColumn("overlap").RightAligned())
                .AddColumn(new TableColumn("if independent").RightAligned()).AddColumn("met");
            foreach (var (stratum, s) in report.Strata)
            {
                table.AddRow(stratum, s.Population.ToString(CultureInfo.InvariantCulture), s.Sample.ToString(CultureInfo.InvariantCulture),
                    s.PreviouslySampled.ToString(CultureInfo.InvariantCulture), s.Overlap.ToString(CultureInfo.InvariantCulture),
                    s.ExpectedOverlapIndependent.ToString("F1", CultureInfo.InvariantCulture), s.Feasible ? "yes" : "no");
            }

            console.Write(table);
            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Drew {report.Persons:N0} persons for wave {wave} ({report.PrnsAssigned:N0} new PRNs); overlap with earlier samples {report.Strata.Sum(s => s.Draw.Overlap):N0} (expected under independent draws {report.Strata.Sum(s => s.Draw.ExpectedOverlapIndependent):N1}). Wrote {report.SampleFile} and {report.OverlapFile}. Drawn in {report.Phases.Sum(p => p.Seconds):F2} s ({string.Join(", ", report.Phases.Select(p => $"{p.Phase} {p.Seconds:F2} s"))})."));
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using Barometer.Cli.Hosting;
using Barometer.Production;
using Barometer.Production.Sampling;
using Spectre.Console;

namespace Barometer.Cli.Commands.Plan;

/// <summary>
/// <c>barometer plan --wave 2027 --out allocation.csv</c>: the allocation of the next wave over the strata of the
/// frame in the store (see <see cref="WavePlanner"/>); writes the allocation (read by <c>barometer draw</c>) and
/// the expected margin of every target beside it (<c>*.targets.csv</c>). Reads the store, never writes it.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var waveOption = new Option<int>("--wave") { Description = "The wave to plan (a year), e.g. 2027.", Required = true };
        var outOption = new Option<string>("--out") { Description = "The allocation file to write (CSV; the targets go to the same name with .targets.csv).", Required = true };
        var methodOption = new Option<string>("--method")
        {
            Description = "optimal (least cost meeting every target; Bethel–Chromy), or proportional, neyman (for --indicator) or power (of the expected net sample, --net-size).",
            DefaultValueFactory = _ => "optimal",
        };
        methodOption.AcceptOnlyFromAmong("optimal", "proportional", "neyman", "power");
        var indicatorOption = new Option<string?>("--indicator")
        {
            Description = "Neyman allocation: the survey indicator (a share or a mean) whose stratum standard deviations, from the last run's respondents, it uses.",
        };
        var netOption = new Option<int?>("--net-size") { Description = "The expected net sample (respondents) to share out, for proportional and power allocation." };
        var powerOption = new Option<double>("--power") { Description = "The power q of power allocation, n_h ∝ N_h^q (0 ≤ q ≤ 1).", DefaultValueFactory = _ => 0.5 };
        var storeOption = StoreOptions.Store();
        var catalogueOption = StoreOptions.Catalogue();
        var designOption = SampleDesignOptions.Design();
        var command = new Command("plan", "Plan the allocation of a wave's sample: gross and expected net n per stratum and the expected margin of every precision target.")
        {
            waveOption, outOption, methodOption, indicatorOption, netOption, powerOption, storeOption, catalogueOption, designOption,
        };
        command.SetAction(parse =>
        {
            var catalogue = StoreOptions.LoadCatalogue(parse.GetValue(catalogueOption));
            var design = SampleDesignOptions.Load(parse.GetValue(designOption), parse.GetValue(catalogueOption), catalogue);
            var wave = parse.GetValue(waveOption);
            var power = parse.GetValue(powerOption);
            if (power is < 0 or > 1)
            {
                throw new UserErrorException("--power: expected a number from 0 to 1.");
            }

            var method = parse.GetValue(methodOption) switch
            {
                "proportional" => AllocationMethod.Proportional,
                "neyman" => AllocationMethod.Neyman,
                "power" => AllocationMethod.Power,
                _ => AllocationMethod.Optimal,
            };
            if (method != AllocationMethod.Neyman && parse.GetValue(indicatorOption) is not null)
            {
                throw new UserErrorException("--indicator: only Neyman allocation (--method neyman) uses an indicator. Nothing was written.");
            }

            var outPath = parse.GetValue(outOption)!;
            using var store = StoreOptions.OpenExisting(parse.GetValue(storeOption)!);
            AllocationPlan plan;
            try
            {
                plan = WavePlanner.Plan(store, catalogue, design, wave, method, parse.GetValue(netOption), power, parse.GetValue(indicatorOption));
            }
            catch (ProductionException ex)
            {
                throw new UserErrorException($"plan of wave {wave.ToString(CultureInfo.InvariantCulture)}: {ex.Message} Nothing was written.", ex);
            }

            var targetsPath = Path.ChangeExtension(outPath, null) + ".targets.csv";
            File.WriteAllText(outPath + ".partial", plan.ToCsv(), new UTF8Encoding(false));
            File.WriteAllText(targetsPath, plan.TargetsCsv(), new UTF8Encoding(false));
            File.Move(outPath + ".partial", outPath, overwrite: true);
            Write(plan, parse.InvocationConfiguration.Output);
            foreach (var note in plan.Notes)
            {
                parse.InvocationConfiguration.Output.WriteLine("Note: " + note);
            }

            parse.InvocationConfiguration.Output.WriteLine($"Wrote {outPath} and {targetsPath}. Draw with: barometer draw --wave {wave.ToString(CultureInfo.InvariantCulture)} --allocation {outPath} --seed N --out DIR");
            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Planned in {plan.Phases.Sum(p => p.Seconds):F2} s ({string.Join(", ", plan.Phases.Select(p => $"{p.Phase} {p.Seconds:F2} s"))})."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(AllocationPlan plan, TextWriter output)
    {
        var console = StoreOptions.Console(output);
        var strata = new Table().Title(string.Create(CultureInfo.InvariantCulture, $"Allocation of wave {plan.Wave} ({plan.Method})"))
            .AddColumn("stratum").AddColumn(new TableColumn("N_h").RightAligned()).AddColumn(new TableColumn("response").RightAligned())
            .AddColumn(new TableColumn("cost").RightAligned()).AddColumn(new TableColumn("gross n_h").RightAligned()).AddColumn(new TableColumn("expected net").RightAligned());
        foreach (var s in plan.Strata)
        {
            strata.AddRow(s.Stratum, s.Population.ToString("N0", CultureInfo.InvariantCulture), s.ResponseRate.ToString("P1", CultureInfo.InvariantCulture),
                s.Cost.ToString("0.##", CultureInfo.InvariantCulture), s.Gross.ToString("N0", CultureInfo.InvariantCulture), s.ExpectedNet.ToString("N0", CultureInfo.InvariantCulture));
        }

        strata.AddRow("total", plan.Strata.Sum(s => s.Population).ToString("N0", CultureInfo.InvariantCulture), "", plan.TotalCost.ToString("N0", CultureInfo.InvariantCulture),
            plan.TotalGross.ToString("N0", CultureInfo.InvariantCulture), plan.Strata.Sum(s => s.ExpectedNet).ToString("N0", CultureInfo.InvariantCulture));
        console.Write(strata);
        var targets = new Table().Title("Expected 95 % margins of error").AddColumn("target").AddColumn(new TableColumn("target").RightAligned())
            .AddColumn(new TableColumn("expected").RightAligned()).AddColumn(new TableColumn("expected net").RightAligned()).AddColumn(new TableColumn("deff").RightAligned());
        foreach (var t in plan.Targets)
        {
            targets.AddRow(Markup.Escape(t.Name), "±" + (t.Target * 100).ToString("0.0#", CultureInfo.InvariantCulture) + " pp",
                "±" + (t.Expected * 100).ToString("0.00", CultureInfo.InvariantCulture) + " pp", t.ExpectedNet.ToString("N0", CultureInfo.InvariantCulture),
                t.DesignEffect.ToString("0.000", CultureInfo.InvariantCulture));
        }

        console.Write(targets);
    }
}

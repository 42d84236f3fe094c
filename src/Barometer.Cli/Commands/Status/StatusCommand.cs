using System.CommandLine;
using System.Globalization;
using Barometer.Cli.Hosting;
using Barometer.Storage.Status;
using Spectre.Console;

namespace Barometer.Cli.Commands.Status;

/// <summary><c>barometer status</c>: what the store holds — waves, ingested files, runs and releases.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var storeOption = StoreOptions.Store();
        var command = new Command("status", "Show what the store holds: survey waves, ingested files, production runs and releases.")
        {
            storeOption,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(storeOption)!;
            if (!File.Exists(path))
            {
                throw new UserErrorException($"--store: there is no store at '{path}'; run 'barometer ingest' first.");
            }

            using var store = StoreOptions.OpenExisting(path);
            var status = StoreStatus.Read(store);
            Write(status, parse.InvocationConfiguration.Output);
            var changed = status.Releases.Where(r => r.SealMatches == false).ToList();
            if (changed.Count > 0)
            {
                // Released versions are never changed by barometer; a broken seal means someone changed the store directly.
                parse.InvocationConfiguration.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"barometer: {changed.Count} release(s) no longer match their seal ({string.Join(", ", changed.Select(r => $"wave {r.Wave} version {r.Version}"))}): their record or results were changed after release, outside barometer. The publication side refuses this store; restore it from a backup."));
                return ExitCodes.UserError;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(StoreStatus status, TextWriter output)
    {
        var console = StoreOptions.Console(output);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Store {status.Path} (schema version {status.SchemaVersion})"));

        var waves = new Table().Title("Waves").AddColumn("wave").AddColumn("status").AddColumn("ingested (UTC)");
        foreach (var wave in status.Waves)
        {
            waves.AddRow(wave.Wave.ToString(CultureInfo.InvariantCulture), wave.Status, Time(wave.IngestedAt));
        }

        var files = new Table().Title("Ingested files").AddColumn("scope").AddColumn("wave").AddColumn("kind").AddColumn("path")
            .AddColumn(new TableColumn("rows").RightAligned()).AddColumn("sha256");
        foreach (var file in status.Files)
        {
            files.AddRow(file.Scope, file.Wave?.ToString(CultureInfo.InvariantCulture) ?? "", file.Kind, Markup.Escape(file.Path),
                file.Rows.ToString("N0", CultureInfo.InvariantCulture), file.Sha256[..12]);
        }

        var runs = new Table().Title("Runs").AddColumn("run").AddColumn("wave").AddColumn("status").AddColumn("started (UTC)").AddColumn("finished (UTC)");
        foreach (var run in status.Runs)
        {
            runs.AddRow(run.RunId.ToString(CultureInfo.InvariantCulture), run.Wave.ToString(CultureInfo.InvariantCulture), run.Status,
                Time(run.StartedAt), run.FinishedAt is { } finished ? Time(finished) : "");
        }

        var releases = new Table().Title("Releases").AddColumn("wave").AddColumn("version").AddColumn("run").AddColumn("release time (UTC)").AddColumn("seal").AddColumn("note");
        foreach (var release in status.Releases)
        {
            var seal = release.SealMatches switch
            {
                true => "intact " + release.Seal![..12],
                false => "[red]CHANGED since release[/]",
                null => "none (released before seals)",
            };
            releases.AddRow(release.Wave.ToString(CultureInfo.InvariantCulture), release.Version.ToString(CultureInfo.InvariantCulture),
                release.RunId.ToString(CultureInfo.InvariantCulture), Time(release.ReleaseTime), seal, Markup.Escape(release.Note ?? ""));
        }

        var totals = new Table().Title("Calibration totals").AddColumn("set").AddColumn("wave").AddColumn(new TableColumn("cells").RightAligned())
            .AddColumn(new TableColumn("margins").RightAligned()).AddColumn("source");
        foreach (var set in status.CalibrationTotals)
        {
            totals.AddRow(Markup.Escape(set.SetId), set.Wave.ToString(CultureInfo.InvariantCulture), set.Cells.ToString("N0", CultureInfo.InvariantCulture),
                set.Margins.ToString(CultureInfo.InvariantCulture), Markup.Escape(set.Source));
        }

        foreach (var (table, empty, count) in new[]
        {
            (waves, "no waves", status.Waves.Count), (files, "no files", status.Files.Count), (totals, "no sets", status.CalibrationTotals.Count),
            (runs, "no runs", status.Runs.Count), (releases, "no releases", status.Releases.Count),
        })
        {
            if (count == 0)
            {
                console.WriteLine($"{table.Title!.Text}: {empty} yet.");
            }
            else
            {
                console.Write(table);
            }
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

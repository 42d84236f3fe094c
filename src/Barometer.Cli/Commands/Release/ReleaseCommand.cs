using System.CommandLine;
using System.Globalization;
using Barometer.Catalogue;
using Barometer.Cli.Hosting;
using Barometer.Production;
using Barometer.Production.Releases;
using Barometer.Storage;

namespace Barometer.Cli.Commands.Release;

/// <summary>
/// <c>barometer release --wave 2026 --at 2026-06-18T08:00:00+02:00 [--note TEXT]</c>: freezes the wave's latest run
/// as a new immutable version with its provenance and release time.
/// </summary>
internal static class ReleaseCommand
{
    public static Command Create()
    {
        var waveOption = new Option<int>("--wave") { Description = "The wave to release, e.g. 2026.", Required = true };
        var atOption = new Option<string>("--at")
        {
            Description = "When the release becomes public (ISO 8601 with offset, e.g. 2026-06-18T08:00:00+02:00); nothing is visible before.",
            Required = true,
        };
        var noteOption = new Option<string?>("--note") { Description = "What changed: required for every version after the first (a correction)." };
        var storeOption = StoreOptions.Store();
        var catalogueOption = StoreOptions.Catalogue();
        var command = new Command(
            "release",
            "Freeze the latest run of a wave as a new released version with provenance (input hashes, catalogue and " +
            "software versions, run time, rules). Released versions never change; corrections are new versions with a note.")
        {
            waveOption, atOption, noteOption, storeOption, catalogueOption,
        };
        command.SetAction(parse =>
        {
            var at = ParseTime(parse.GetValue(atOption)!);
            var catalogue = StoreOptions.LoadCatalogue(parse.GetValue(catalogueOption));
            using var store = StoreOptions.OpenExisting(parse.GetValue(storeOption)!);
            Execute(store, catalogue, parse.GetValue(waveOption), at, parse.GetValue(noteOption), parse.InvocationConfiguration.Output);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Releases the wave; the disclosure audit reads the comparisons' groups from <paramref name="catalogue"/>.</summary>
    public static ReleaseOutcome Execute(BarometerStore store, IndicatorCatalogue catalogue, int wave, DateTimeOffset at, string? note, TextWriter output)
    {
        try
        {
            var outcome = new ReleaseManager(store, catalogue).Release(wave, at, note);
            var noted = note is null ? "" : "; note: " + note;
            var audit = outcome.Audit is { } a
                ? string.Create(CultureInfo.InvariantCulture, $"; disclosure audit passed ({a.CellsChecked:N0} cells, {a.SuppressedCells:N0} suppressed, {a.Relations:N0} relations, {a.Elapsed.TotalSeconds:F1} s)")
                : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Released wave {wave} version {outcome.Version} (run {outcome.RunId}), public from {outcome.ReleaseTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC{noted}; seal {outcome.Seal[..12]}{audit}. Store: {store.Path}."));
            return outcome;
        }
        catch (ProductionException ex)
        {
            throw new UserErrorException($"release of wave {wave.ToString(CultureInfo.InvariantCulture)}: {ex.Message}", ex);
        }
    }

    public static DateTimeOffset ParseTime(string text)
    {
        if (!DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            || !(text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 10))
        {
            throw new UserErrorException($"--at: '{text}' is not a time with an offset such as 2026-06-18T08:00:00+02:00. Nothing was released.");
        }

        return at;
    }
}

using System.Globalization;
using Barometer.Catalogue.Calibration;
using Barometer.Storage.Ingestion;

namespace Barometer.Storage.Calibration;

/// <summary>
/// One calibration total: a cell of a margin, in the form of <see cref="CalibrationCell"/>. <paramref name="Margin"/>
/// names the variables (<c>Region;Kon</c>), <paramref name="Cell"/> the codes in the same order (<c>Region=01;Kon=2</c>).
/// </summary>
public sealed record CalibrationTotal(string Margin, string Cell, double Total)
{
    /// <summary>Builds the margin and cell texts from (variable, code) pairs in order.</summary>
    public static CalibrationTotal Of(IReadOnlyList<(string Variable, string Code)> codes, double total)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return new(CalibrationCell.Margin(codes.Select(c => c.Variable)), CalibrationCell.Of(codes), total);
    }
}

/// <summary>
/// Calibration totals in the store, as named sets per wave (e.g. <c>population_2025</c> for wave 2026), whatever
/// file they came from (register, CSV, PX, JSON-stat). A set is written in one transaction; the same file again
/// is a no-op, a changed one replaces the set; a released wave's totals cannot change.
/// </summary>
public sealed class CalibrationTotalsStore(BarometerStore store)
{
    private readonly BarometerStore _store = store;

    public IngestOutcome Import(string setId, int wave, string source, string sha256, IReadOnlyList<CalibrationTotal> totals)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setId);
        ArgumentNullException.ThrowIfNull(totals);
        var problems = new IngestProblems();
        var waveText = wave.ToString(CultureInfo.InvariantCulture);
        if (_store.Query("SELECT status FROM waves WHERE wave = $wave", r => r.GetString(0), null, ("wave", wave)).FirstOrDefault() == "released")
        {
            problems.Add(new IngestProblem(source, null, null, "a wave that is not released", $"wave {waveText} is released; its calibration totals cannot change"));
        }

        foreach (var negative in totals.Select((t, i) => (t, i)).Where(x => !(x.t.Total >= 0) || double.IsInfinity(x.t.Total)))
        {
            problems.Add(new IngestProblem(source, negative.i + 1, negative.t.Cell, "a total ≥ 0", negative.t.Total.ToString(CultureInfo.InvariantCulture)));
        }

        foreach (var duplicate in totals.GroupBy(t => t.Cell, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new IngestProblem(source, null, duplicate.Key, "one total per cell", $"{duplicate.Count()} totals"));
        }

        if (problems.Count > 0)
        {
            return new IngestOutcome(IngestStatus.Rejected, [], [], problems.Listed, problems.Count);
        }

        var stored = _store.Query(
            "SELECT DISTINCT sha256 FROM calibration_totals WHERE set_id = $set AND wave = $wave", r => r.IsDBNull(0) ? string.Empty : r.GetString(0),
            null, ("set", setId), ("wave", wave));
        if (stored.Count == 1 && stored[0] == sha256)
        {
            return new IngestOutcome(IngestStatus.Unchanged,
                [$"calibration totals '{setId}' for wave {waveText} unchanged: the same file (same SHA-256) was imported before; nothing was done."], [], [], 0);
        }

        var replaced = stored.Count > 0;
        _store.InTransaction(transaction =>
        {
            _store.Execute("DELETE FROM calibration_totals WHERE set_id = $set AND wave = $wave", transaction, ("set", setId), ("wave", wave));
            using var appender = _store.Connection.CreateAppender("calibration_totals");
            foreach (var total in totals)
            {
                appender.CreateRow()
                    .AppendValue(setId).AppendValue(wave).AppendValue(total.Margin).AppendValue(total.Cell)
                    .AppendValue(total.Total).AppendValue(source).AppendValue(sha256)
                    .EndRow();
            }

            return 0;
        });
        var margins = totals.Select(t => t.Margin).Distinct(StringComparer.Ordinal).Count();
        return new IngestOutcome(replaced ? IngestStatus.Replaced : IngestStatus.Ingested,
            [string.Create(CultureInfo.InvariantCulture,
                $"calibration totals '{setId}' for wave {waveText} {(replaced ? "replaced (the file changed)" : "imported")}: {totals.Count:N0} cells in {margins} margin(s) from {source}.")],
            [], [], 0);
    }

    /// <summary>The totals of a set for a wave, in margin and cell order.</summary>
    public IReadOnlyList<CalibrationTotal> Read(string setId, int wave) =>
        _store.Query(
            "SELECT margin, cell, total FROM calibration_totals WHERE set_id = $set AND wave = $wave ORDER BY margin, cell",
            r => new CalibrationTotal(r.GetString(0), r.GetString(1), r.GetDouble(2)), null, ("set", setId), ("wave", wave));

    /// <summary>The sets stored for a wave.</summary>
    public IReadOnlyList<string> Sets(int wave) =>
        _store.Query("SELECT DISTINCT set_id FROM calibration_totals WHERE wave = $wave ORDER BY 1", r => r.GetString(0), null, ("wave", wave));

    /// <summary>Every stored total of a wave with the set it belongs to, by set (what the production run calibrates to).</summary>
    public static IReadOnlyList<(string SetId, CalibrationTotal Total)> OfWave(StoreSession session, int wave)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Query("SELECT set_id, margin, cell, total FROM calibration_totals WHERE wave = $wave ORDER BY set_id",
            r => (r.GetString(0), new CalibrationTotal(r.GetString(1), r.GetString(2), r.GetDouble(3))), ("wave", wave));
    }
}

using Barometer.Production.Releases;
using Barometer.Publishing.Results;
using Barometer.Storage;
using Barometer.Storage.Results;
using Barometer.Testing;
using DuckDB.NET.Data;

namespace Barometer.Publishing.Tests.Disclosure;

/// <summary>
/// An attacker who differences tables: no number the public view shows — alone, or summed with or subtracted from
/// one other published number of the same table (indicator × breakdown) — may equal a value of an embargoed or
/// unreleased run. Checked on the shared released store (2025 embargoed, 2026 unreleased) and on a copy where
/// 2026 is released and public while 2025, the wave its changes were computed against, is still embargoed.
/// </summary>
public sealed class DifferencingTests
{
    [Fact]
    public void PublicView_OfTheReleasedStore_RevealsNoHiddenValueBySumOrDifference()
    {
        var (checkedSecrets, leaks) = Attack(ReleasedStore.Shared.StorePath);
        Assert.True(checkedSecrets > 1000, $"only {checkedSecrets} hidden values to look for");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public void PublicView_WaveReleasedBeforeThePreviousWavesEmbargoEnds_RevealsNothingOfThePreviousWave()
    {
        // 2026 released with a release time already past, its changes computed against 2025, embargoed until
        // tomorrow: estimate − change would give 2025's embargoed levels.
        var copy = ReleasedStore.Shared.CopyStore();
        using (var store = BarometerStore.Open(copy, TimeProvider.System))
        {
            new ReleaseManager(store).Release(ReleasedStore.UnreleasedWave, ReleasedStore.Now.AddDays(-1), null);
        }

        var view = new DuckDbPublishedResults(copy).Load().AsOf(ReleasedStore.Now);
        Assert.Contains(view.Releases, r => r.Wave == ReleasedStore.UnreleasedWave);
        Assert.All(view.Results.Where(r => r.Wave == ReleasedStore.UnreleasedWave && r.Row.Measure == Measure.Change), r => Assert.Null(r.Row.Estimate));
        var (checkedSecrets, leaks) = Attack(copy);
        Assert.True(checkedSecrets > 1000, $"only {checkedSecrets} hidden values to look for");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    /// <summary>The hidden values looked for and the published numbers, sums and differences that give one away.</summary>
    private static (int Checked, List<string> Leaks) Attack(string storePath)
    {
        var view = new DuckDbPublishedResults(storePath).Load().AsOf(ReleasedStore.Now);
        var publicRuns = view.Releases.Select(r => r.RunId).ToHashSet();

        // Every number the public may read, by table (indicator × breakdown; the total is part of every table).
        var published = view.Results
            .SelectMany(r => new[] { r.Row.Estimate, r.Row.CiLower, r.Row.CiUpper }.OfType<double>().Select(v => (r, v)))
            .ToList();
        var publicByKey = view.Results.Where(r => r.Row.Estimate is not null)
            .ToLookup(r => Key(r.Row.Indicator, MeasureCodes.Code(r.Row.Measure), r.Row.Breakdown, r.Row.Cell, r.Row.ComparisonGroup), r => r.Row.Estimate!.Value, StringComparer.Ordinal);
        var byTable = published.GroupBy(p => (p.r.Row.Indicator, p.r.Row.Breakdown))
            .ToDictionary(g => g.Key, g => g.Select(p => p.v).Order().ToArray());
        var totals = published.Where(p => p.r.Row.Breakdown == "total").GroupBy(p => p.r.Row.Indicator)
            .ToDictionary(g => g.Key, g => g.Select(p => p.v).ToArray(), StringComparer.Ordinal);

        // Every level, gap and change of a run that is not public now, except values the public view shows for the
        // same cell anyway (register figures are the same in every wave).
        var hidden = new List<(string Indicator, string Breakdown, string What, double Value)>();
        using (var connection = new DuckDBConnection($"Data Source={storePath};ACCESS_MODE=READ_ONLY"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT r.run_id, runs.wave, indicator, measure, breakdown, cell, comparison_group, estimate FROM results r JOIN runs USING (run_id) WHERE estimate IS NOT NULL";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (publicRuns.Contains(reader.GetInt32(0)))
                {
                    continue;
                }

                var (indicator, measure, breakdown, cell, group, value) = (reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetDouble(7));
                // 0 and 1 (no one, everyone) tell nothing by differencing: x − x is 0 and shares of 1 are everywhere.
                if (value is 0 or 1 || publicByKey[Key(indicator, measure, breakdown, cell, group)].Any(v => Same(v, value)))
                {
                    continue;
                }

                hidden.Add((indicator, breakdown, $"wave {reader.GetInt32(1)} {indicator} {measure} {breakdown} '{cell}' {group} = {value:R}", value));
            }
        }

        var leaks = new List<string>();
        foreach (var secret in hidden)
        {
            if (!byTable.TryGetValue((secret.Indicator, secret.Breakdown), out var table))
            {
                continue;
            }

            // Numbers of this table: its own cells and the indicator's total (every breakdown table shows it).
            IEnumerable<double> others = secret.Breakdown == "total" || !totals.TryGetValue(secret.Indicator, out var total) ? table : table.Concat(total);
            foreach (var a in others)
            {
                var s = secret.Value;
                if (Same(a, s))
                {
                    leaks.Add($"{secret.What}: published as such");
                }
                else if (Find(table, s - a, Math.Max(Math.Abs(s), Math.Abs(a))) is { } b1)
                {
                    leaks.Add($"{secret.What}: {a:R} + {b1:R}");
                }
                else if (Find(table, a - s, Math.Max(Math.Abs(s), Math.Abs(a))) is { } b2)
                {
                    leaks.Add($"{secret.What}: {a:R} − {b2:R}");
                }
                else if (Find(table, s + a, Math.Max(Math.Abs(s), Math.Abs(a))) is { } b3)
                {
                    leaks.Add($"{secret.What}: {b3:R} − {a:R}");
                }

                if (leaks.Count > 20)
                {
                    return (hidden.Count, leaks);
                }
            }
        }

        return (hidden.Count, leaks);
    }

    private static string Key(string indicator, string measure, string breakdown, string cell, string group) =>
        string.Join('\u001f', indicator, measure, breakdown, cell, group);

    /// <summary>Equal up to the rounding of a sum or difference in doubles of numbers up to <paramref name="scale"/>: a few units in the last place.</summary>
    private static bool Same(double a, double b, double scale = 0)
    {
        var m = Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), Math.Abs(scale));
        return Math.Abs(a - b) <= 16 * (Math.BitIncrement(m) - m);
    }

    /// <summary>A number of the sorted <paramref name="values"/> that is <see cref="Same"/> as <paramref name="target"/>, or null.</summary>
    private static double? Find(double[] values, double target, double scale)
    {
        var i = Array.BinarySearch(values, target);
        if (i >= 0)
        {
            return values[i];
        }

        i = ~i;
        foreach (var j in new[] { i - 1, i })
        {
            if (j >= 0 && j < values.Length && Same(values[j], target, scale))
            {
                return values[j];
            }
        }

        return null;
    }
}

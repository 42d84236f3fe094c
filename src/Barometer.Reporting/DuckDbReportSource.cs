using System.Globalization;
using System.Text.Json.Nodes;
using Barometer.Catalogue;
using Barometer.Catalogue.Expressions;
using Barometer.Publishing.Results;
using Barometer.Storage;
using Barometer.Storage.Ingestion;
using Barometer.Storage.Releases;

namespace Barometer.Reporting;

/// <summary>
/// Reads what a report of one release needs from the embedded DuckDB store (read-only): the release records with
/// their provenance, the released results through <see cref="PublishedSnapshot.AsOf"/> at the release's own
/// release time (so earlier waves appear exactly as the public sees them when the report's release is published and
/// later waves never appear), and the wave's gross sample for the response rates of the quality appendix.
/// </summary>
public sealed class DuckDbReportSource(string storePath, IndicatorCatalogue catalogue)
{
    private readonly string _path = Path.GetFullPath(storePath ?? throw new ArgumentNullException(nameof(storePath)));
    private readonly IndicatorCatalogue _catalogue = catalogue ?? throw new ArgumentNullException(nameof(catalogue));

    /// <summary>The variables whose response rates the appendix shows: the calibration margins' variables.</summary>
    public IReadOnlyList<string> ResponseGroupVariables =>
        [.. _catalogue.Calibration.Margins.SelectMany(m => m.Variables).Distinct(StringComparer.Ordinal)];

    /// <summary>Loads the inputs of the report of <paramref name="wave"/>, version <paramref name="version"/> (the latest when null).</summary>
    public ReportInputs Load(int wave, int? version)
    {
        var snapshot = new DuckDbPublishedResults(_path).Load();
        var releases = ReadReleases();
        var ofWave = releases.Where(r => r.Wave == wave).OrderBy(r => r.Version).ToList();
        if (ofWave.Count == 0)
        {
            var known = releases.Select(r => r.Wave).Distinct().Order().Select(w => w.ToString(CultureInfo.InvariantCulture)).ToList();
            throw new ReportException(string.Create(CultureInfo.InvariantCulture,
                $"wave {wave} has no release in the store; a report is generated from a released version (`barometer release --wave {wave} --at TIME`).")
                + (known.Count == 0 ? " The store holds no releases." : " Released waves: " + string.Join(", ", known) + "."));
        }

        var release = version is { } v
            ? ofWave.FirstOrDefault(r => r.Version == v) ?? throw new ReportException(string.Create(CultureInfo.InvariantCulture,
                $"wave {wave} has no version {v}; its versions are {string.Join(", ", ofWave.Select(r => r.Version))}."))
            : ofWave[^1];

        // The public view at the moment this release is published: the embargo logic of every publication path.
        var view = snapshot.AsOf(release.ReleaseTime);
        var shown = view.Releases.FirstOrDefault(r => r.Wave == wave);
        if (shown is null || shown.Version != release.Version)
        {
            throw new ReportException(string.Create(CultureInfo.InvariantCulture,
                $"wave {wave} version {release.Version} is never the public version of the wave (another version is public at its release time); report on that version instead."));
        }

        var earlier = view.Releases.Where(r => r.Wave < wave)
            .Select(r => releases.First(x => x.Wave == r.Wave && x.Version == r.Version)).ToList();
        var results = view.Results.Where(r => r.Wave == wave).ToList();
        var earlierResults = view.Results.Where(r => r.Wave < wave).ToList();
        return new ReportInputs(release, results, earlier, earlierResults, ofWave.Where(r => r.Version <= release.Version).ToList(), ReadFieldwork(wave));
    }

    private List<ReportRelease> ReadReleases()
    {
        using var store = Open();
        return ReleaseTable.All(store.Session()).Select(r => new ReportRelease(r.Wave, r.Version, r.RunId, r.ReleaseTime, r.CreatedAt, r.Note,
            JsonNode.Parse(r.ProvenanceJson) as JsonObject ?? [])).ToList();
    }

    /// <summary>Persons drawn and responding by stratum and by the groups of <see cref="ResponseGroupVariables"/>, or null when the wave has no stored gross sample.</summary>
    public SurveyFieldwork? ReadFieldwork(int wave)
    {
        using var store = Open();
        var session = store.Session();
        var table = InputTables.GrossSample(session, wave);
        if (table is null)
        {
            return null;
        }

        var quoted = SqlText.Identifier(table);
        var strata = session.Query($"SELECT stratum, max(stratum_population), count(*), count(*) FILTER (WHERE responded) FROM {quoted} GROUP BY stratum ORDER BY stratum",
            r => new StratumResponse(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)));
        var columns = session.ColumnsOf(table);
        var counts = new Dictionary<(string Variable, string Code), (long Sampled, long Responded)>();
        var variables = ResponseGroupVariables;
        var selected = columns.Where(c => c is not "source_row").ToList();
        var index = selected.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var responded = index["responded"];
        session.Query("SELECT " + string.Join(", ", selected.Select(SqlText.Identifier)) + " FROM " + quoted, reader =>
        {
            Value Raw(string name) => index.TryGetValue(name, out var i) ? StoredValues.ToValue(reader.IsDBNull(i) ? null : reader.GetValue(i)) : Value.Missing;
            var get = _catalogue.Evaluator.For(Raw);
            var answered = !reader.IsDBNull(responded) && reader.GetBoolean(responded);
            foreach (var variable in variables)
            {
                var value = get(variable);
                var code = value.Kind switch { ValueKind.Text => value.Text, ValueKind.Number => value.Number.ToString(CultureInfo.InvariantCulture), ValueKind.Boolean => value.Boolean ? "1" : "0", _ => "" };
                counts.TryGetValue((variable, code), out var c);
                counts[(variable, code)] = (c.Sampled + 1, c.Responded + (answered ? 1 : 0));
            }

            return 0;
        });

        var groups = variables.SelectMany(v => counts.Where(kv => kv.Key.Variable == v).OrderBy(kv => CodeOrder(v, kv.Key.Code)).ThenBy(kv => kv.Key.Code, StringComparer.Ordinal)
            .Select(kv => new GroupResponse(v, kv.Key.Code, kv.Value.Sampled, kv.Value.Responded))).ToList();
        return new SurveyFieldwork(wave, strata, groups);
    }

    private int CodeOrder(string variable, string code)
    {
        var classification = _catalogue.FindVariable(variable)?.Classification is { } id ? _catalogue.FindClassification(id) : null;
        if (classification is null)
        {
            return int.MaxValue;
        }

        for (var i = 0; i < classification.Codes.Count; i++)
        {
            if (classification.Codes[i].Code == code)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private ReadOnlyStore Open() =>
        ReadOnlyStore.Open(_path, (message, inner) => inner is null ? new ReportException(message) : new ReportException(message, inner));
}

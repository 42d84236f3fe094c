using System.Globalization;
using System.Text;
using Barometer.Catalogue;
using Barometer.Catalogue.Questionnaires;
using Barometer.Catalogue.Variables;
using Barometer.Storage.Ingestion;

namespace Barometer.Storage.Fieldwork;

/// <summary>
/// Closes a wave's fieldwork (<c>barometer field close</c>): the field store's gross sample, answers and paradata are
/// written as survey files with their codebook into a scratch folder and ingested by the <see cref="Ingestor"/> — the
/// same validation and the same single transaction as <c>barometer ingest --survey</c>, so a closed wave and one
/// ingested from files are stored alike. The files:
/// <list type="bullet">
/// <item><c>sample.csv</c> (gross_sample): the gross sample as opened, <c>responded</c> true for those who completed
/// the questionnaire;</item>
/// <item><c>responses.csv</c> (responses): one row per completer; an item not asked (routing) is empty, an item asked
/// and left unanswered has the scale's "inget svar" code;</item>
/// <item><c>paradata.csv</c> (paradata): one row per person who logged in — mode, languages, start and last activity,
/// completion, breakoff page, pages submitted, seconds in total and items left unanswered;</item>
/// <item><c>paradata_pages.csv</c> (paradata_pages): every page submission with its language and seconds.</item>
/// </list>
/// The field store is marked closed only after the ingest committed; a wave that already has a survey is refused.
/// </summary>
public static class FieldSurveyFiles
{
    public const string GrossSample = "sample.csv";
    public const string Responses = "responses.csv";
    public const string Paradata = "paradata.csv";
    public const string ParadataPages = "paradata_pages.csv";

    /// <summary>Ingests the wave's fieldwork into <paramref name="store"/> and marks it closed in <paramref name="field"/>.</summary>
    /// <exception cref="StoreException">The wave is not open in the field store, is closed already, or has a survey in the store.</exception>
    public static IngestOutcome Close(BarometerStore store, FieldStore field, IndicatorCatalogue catalogue, int wave)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(catalogue);
        var opened = field.Wave(wave) ?? throw new StoreException(string.Create(CultureInfo.InvariantCulture, $"wave {wave} was never opened for fieldwork in {field.Path}."));
        if (opened.ClosedAt is not null)
        {
            throw new StoreException(string.Create(CultureInfo.InvariantCulture, $"the fieldwork of wave {wave} was closed already ({opened.ClosedAt:u})."));
        }

        if (store.InputFiles(wave).Any(f => f.Scope == "survey"))
        {
            throw new StoreException(string.Create(CultureInfo.InvariantCulture,
                $"wave {wave} already has a survey in the store {store.Path}; field close never replaces one. Nothing was written."));
        }

        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "barometer-field-close-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            Write(field, catalogue, wave, folder);
            var outcome = new Ingestor(store).Ingest(new IngestRequest(null, folder, wave, Path.Combine(folder, "codebook.yaml"), catalogue.ClassificationCodes));
            if (outcome.Status != IngestStatus.Rejected)
            {
                field.MarkClosed(wave);
            }

            return outcome;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Writes the wave's survey files and codebook into <paramref name="folder"/>.</summary>
    public static void Write(FieldStore field, IndicatorCatalogue catalogue, int wave, string folder)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(catalogue);
        var routing = new QuestionnaireRouting(catalogue);
        var questionnaire = catalogue.Questionnaire;
        var sample = field.Sample(wave);
        var answers = field.AllAnswers(wave);
        var respondents = field.Respondents(wave).ToDictionary(r => r.PersonId);
        var visits = field.PageVisits(wave);
        var completed = respondents.Values.Where(r => r.CompletedAt is not null).Select(r => r.PersonId).ToHashSet();
        var w = wave.ToString(CultureInfo.InvariantCulture);
        var responded = sample.Columns.ToList().IndexOf("responded");

        // The gross sample, with responded filled.
        var grossRows = new List<IReadOnlyList<string?>>();
        var columns = sample.Columns.ToList();
        if (responded < 0)
        {
            columns.Add("responded");
        }

        foreach (var (person, fields) in sample.Rows)
        {
            var row = fields.ToList();
            if (responded < 0)
            {
                row.Add(null);
            }

            row[responded < 0 ? row.Count - 1 : responded] = completed.Contains(person) ? "true" : "false";
            grossRows.Add(row);
        }

        WriteCsv(Path.Combine(folder, GrossSample), columns, grossRows);

        // The responses of the completers, routed again over the final answers.
        var registers = sample.Rows.ToDictionary(r => r.PersonId, r => (IReadOnlyDictionary<string, string?>)columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i < r.Fields.Count ? r.Fields[x.i] : null, StringComparer.Ordinal));
        var responseRows = new List<IReadOnlyList<string?>>();
        var unanswered = new Dictionary<long, int>();
        foreach (var person in sample.Rows.Select(r => r.PersonId).Where(completed.Contains))
        {
            var given = answers.TryGetValue(person, out var a) ? a : new Dictionary<string, int>(StringComparer.Ordinal);
            var asked = routing.AskedItems(registers[person], given, out var kept).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            var row = new List<string?> { person.ToString(CultureInfo.InvariantCulture), w };
            var missing = 0;
            foreach (var item in questionnaire.Items)
            {
                if (!asked.Contains(item.Id))
                {
                    row.Add(null);
                }
                else if (kept.TryGetValue(item.Id, out var code))
                {
                    row.Add(code.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    missing++;
                    row.Add(questionnaire.FindScale(item.Scale)?.Codes.FirstOrDefault(c => c.Missing == MissingKind.NoAnswer)?.Code.ToString(CultureInfo.InvariantCulture));
                }
            }

            unanswered[person] = missing;
            responseRows.Add(row);
        }

        WriteCsv(Path.Combine(folder, Responses), ["person_id", "wave", .. questionnaire.Items.Select(i => i.Id)], responseRows);

        // Paradata per person and per page.
        var byPerson = visits.GroupBy(v => v.PersonId).ToDictionary(g => g.Key, g => g.ToList());
        var paradataRows = new List<IReadOnlyList<string?>>();
        foreach (var r in respondents.Values.OrderBy(r => r.PersonId))
        {
            var own = byPerson.TryGetValue(r.PersonId, out var v) ? v : [];
            var languages = own.Select(x => x.Language).Distinct(StringComparer.Ordinal).ToList();
            var seconds = own.Where(x => x.Seconds is not null).Sum(x => x.Seconds!.Value);
            paradataRows.Add(
            [
                r.PersonId.ToString(CultureInfo.InvariantCulture), w, r.Mode,
                languages.Count == 0 ? null : languages[0],
                languages.Count == 0 ? null : string.Join(';', languages),
                Iso(r.StartedAt), Iso(r.LastAt), r.CompletedAt is null ? "false" : "true",
                r.CompletedAt is null ? r.LastPage : null,
                own.Count.ToString(CultureInfo.InvariantCulture),
                own.Any(x => x.Seconds is not null) ? seconds.ToString("R", CultureInfo.InvariantCulture) : null,
                unanswered.TryGetValue(r.PersonId, out var m) ? m.ToString(CultureInfo.InvariantCulture) : null,
            ]);
        }

        WriteCsv(Path.Combine(folder, Paradata),
            ["person_id", "wave", "mode", "first_language", "languages", "started_at", "last_at", "completed", "breakoff_page", "pages_submitted", "seconds", "items_unanswered"],
            paradataRows);
        var pageRows = visits.Select((x, i) => (IReadOnlyList<string?>)
        [
            x.PersonId.ToString(CultureInfo.InvariantCulture), w, (i + 1).ToString(CultureInfo.InvariantCulture), x.Page, x.Language, Iso(x.SubmittedAt),
            x.Seconds?.ToString("R", CultureInfo.InvariantCulture),
        ]).ToList();
        WriteCsv(Path.Combine(folder, ParadataPages), ["person_id", "wave", "submission", "page", "language", "submitted_at", "seconds"], pageRows);
        File.WriteAllText(Path.Combine(folder, "codebook.yaml"), Codebook(catalogue, columns, grossRows.Count, responseRows.Count, paradataRows.Count, pageRows.Count), new UTF8Encoding(false));
    }

    private static string Codebook(IndicatorCatalogue catalogue, IReadOnlyList<string> sampleColumns, int gross, int responses, int paradata, int pages)
    {
        var register = catalogue.RegisterVariables.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var sb = new StringBuilder("# Written by `barometer field close` from the field store: the wave's survey as collected on the field host.\nfiles:\n");
        File(sb, GrossSample, "gross_sample", null, gross);
        foreach (var name in sampleColumns)
        {
            var (type, nullable, classification) = name switch
            {
                "person_id" or "wave" or "stratum_population" or "stratum_sample_size" => ("integer", false, null),
                "stratum" => ("text", false, null),
                "inclusion_probability" or "design_weight" => ("number", false, null),
                "responded" => ("boolean", false, null),
                _ when register.TryGetValue(name, out var v) => (v.Type switch
                {
                    VariableType.WholeNumber => "integer",
                    VariableType.Number => "number",
                    VariableType.Boolean => "boolean",
                    _ => "text",
                }, v.MissingAllowed, v.Classification),
                _ => ("text", true, (string?)null),
            };
            Column(sb, name, type, nullable, classification, null);
        }

        File(sb, Responses, "responses", null, responses);
        Column(sb, "person_id", "integer", false, null, null);
        Column(sb, "wave", "integer", false, null, null);
        foreach (var item in catalogue.Questionnaire.Items)
        {
            Column(sb, item.Id, "integer", true, null, catalogue.Questionnaire.FindScale(item.Scale)?.Codes.Select(c => c.Code.ToString(CultureInfo.InvariantCulture)).ToList());
        }

        File(sb, Paradata, "paradata", null, paradata);
        Column(sb, "person_id", "integer", false, null, null);
        Column(sb, "wave", "integer", false, null, null);
        Column(sb, "mode", "text", false, null, ["web", "paper"]);
        Column(sb, "first_language", "text", true, null, null);
        Column(sb, "languages", "text", true, null, null);
        Column(sb, "started_at", "text", false, null, null);
        Column(sb, "last_at", "text", false, null, null);
        Column(sb, "completed", "boolean", false, null, null);
        Column(sb, "breakoff_page", "text", true, null, null);
        Column(sb, "pages_submitted", "integer", false, null, null);
        Column(sb, "seconds", "number", true, null, null);
        Column(sb, "items_unanswered", "integer", true, null, null);
        File(sb, ParadataPages, "paradata_pages", ["person_id", "submission"], pages);
        Column(sb, "person_id", "integer", false, null, null);
        Column(sb, "wave", "integer", false, null, null);
        Column(sb, "submission", "integer", false, null, null);
        Column(sb, "page", "text", false, null, null);
        Column(sb, "language", "text", false, null, null);
        Column(sb, "submitted_at", "text", false, null, null);
        Column(sb, "seconds", "number", true, null, null);
        return sb.ToString();

        static void File(StringBuilder sb, string path, string kind, string[]? key, int rows)
        {
            sb.Append("  - path: \"").Append(path).Append("\"\n    kind: ").Append(kind).Append('\n')
                .Append("    rows: ").Append(rows.ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (key is not null)
            {
                sb.Append("    key: [").Append(string.Join(", ", key)).Append("]\n");
            }

            sb.Append("    columns:\n");
        }

        static void Column(StringBuilder sb, string name, string type, bool nullable, string? classification, IReadOnlyList<string>? codes)
        {
            sb.Append("      - name: ").Append(name).Append("\n        type: ").Append(type).Append("\n        nullable: ").Append(nullable ? "true" : "false").Append('\n');
            if (classification is not null)
            {
                sb.Append("        classification: \"").Append(classification).Append("\"\n");
            }

            if (codes is not null)
            {
                sb.Append("        codes: [").Append(string.Join(", ", codes.Select(c => "\"" + c + "\""))).Append("]\n");
            }
        }
    }

    private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static void WriteCsv(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write(string.Join(',', header));
        writer.Write('\n');
        foreach (var row in rows)
        {
            writer.Write(string.Join(',', row.Select(Field)));
            writer.Write('\n');
        }
    }

    private static string Field(string? value) => value switch
    {
        null => "",
        _ when value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        _ => value,
    };
}

using System.Globalization;
using System.Text;
using Barometer.Fieldwork.Tests.Hosting;
using Barometer.Storage;
using Barometer.Storage.Fieldwork;
using Barometer.Storage.Ingestion;

namespace Barometer.Fieldwork.Tests;

public class CloseTests
{
    [Fact]
    public async Task FieldClose_StoresTheSameSurveyRows_AsIngestingTheSameAnswersFromFiles()
    {
        var host = new FieldTestHost { DeleteOnDispose = false };
        try
        {
            // 101 answers everything with the first alternative; 102 leaves every second question unanswered;
            // 103 stops after the first page (a breakoff); the others never log in.
            var shown = new Dictionary<long, Dictionary<string, string?>>();
            foreach (var person in new long[] { 101, 102, 103 })
            {
                using var respondent = host.Respondent();
                await respondent.LogIn(host.Codes[person].Printed);
                var seen = shown[person] = new Dictionary<string, string?>(StringComparer.Ordinal);
                var n = 0;
                while (respondent.Block is not null)
                {
                    var answers = new Dictionary<string, string>();
                    foreach (var (item, codes) in respondent.Questions)
                    {
                        var skip = person == 102 && n++ % 2 == 1;
                        seen[item] = skip ? null : codes[0];
                        if (!skip)
                        {
                            answers[item] = codes[0];
                        }
                    }

                    await respondent.Submit(answers, person == 103 ? "stop" : "next");
                }
            }

            host.Dispose();
            var catalogue = FieldTestHost.Catalogue;
            var items = catalogue.Questionnaire.Items;
            using var closedStore = BarometerStore.Open(Path.Combine(host.Root, "closed.duckdb"), TimeProvider.System);
            using (var field = FieldStore.OpenExisting(host.FieldStorePath, TimeProvider.System))
            {
                var outcome = FieldSurveyFiles.Close(closedStore, field, catalogue, FieldTestHost.Wave);
                Assert.True(outcome.Status == IngestStatus.Ingested, string.Join("; ", outcome.Problems));
                Assert.NotNull(field.Wave(FieldTestHost.Wave)!.ClosedAt);
                Assert.Throws<StoreException>(() => FieldSurveyFiles.Close(closedStore, field, catalogue, FieldTestHost.Wave));
            }

            // The same answers as files: the gross sample with responded filled, the responses as the respondents
            // gave them on the pages they were shown (not shown: empty; shown and skipped: the "inget svar" code).
            var files = Directory.CreateDirectory(Path.Combine(host.Root, "files")).FullName;
            using (var field = FieldStore.OpenExisting(host.FieldStorePath, TimeProvider.System))
            {
                // Only the paradata files and the codebook (which describes types) are taken from the writer.
                FieldSurveyFiles.Write(field, catalogue, FieldTestHost.Wave, files);
            }

            var sample = File.ReadAllLines(host.SamplePath);
            var gross = new StringBuilder(sample[0] + "\n");
            foreach (var line in sample.Skip(1))
            {
                var fields = line.Split(',');
                fields[7] = fields[0] is "101" or "102" ? "true" : "false";
                gross.Append(string.Join(',', fields)).Append('\n');
            }

            File.WriteAllText(Path.Combine(files, FieldSurveyFiles.GrossSample), gross.ToString());
            var responses = new StringBuilder("person_id,wave," + string.Join(',', items.Select(i => i.Id)) + "\n");
            foreach (var person in new long[] { 101, 102 })
            {
                responses.Append(CultureInfo.InvariantCulture, $"{person},{FieldTestHost.Wave}");
                foreach (var item in items)
                {
                    var noAnswer = catalogue.Questionnaire.FindScale(item.Scale)!.Codes.Single(c => c.Missing == Catalogue.Questionnaires.MissingKind.NoAnswer).Code;
                    responses.Append(',').Append(shown[person].TryGetValue(item.Id, out var code) ? code ?? noAnswer.ToString(CultureInfo.InvariantCulture) : "");
                }

                responses.Append('\n');
            }

            File.WriteAllText(Path.Combine(files, FieldSurveyFiles.Responses), responses.ToString());
            using var ingestedStore = BarometerStore.Open(Path.Combine(host.Root, "ingested.duckdb"), TimeProvider.System);
            var ingested = new Ingestor(ingestedStore).Ingest(new IngestRequest(null, files, FieldTestHost.Wave, null, catalogue.ClassificationCodes));
            Assert.True(ingested.Status == IngestStatus.Ingested, string.Join("; ", ingested.Problems));

            foreach (var table in new[] { "gross_sample", "responses" })
            {
                var name = $"survey_{FieldTestHost.Wave}_{table}";
                var closedRows = Rows(closedStore, name);
                Assert.NotEmpty(closedRows);
                Assert.Equal(Rows(ingestedStore, name), closedRows);
            }

            Assert.Equal(2, Rows(closedStore, $"survey_{FieldTestHost.Wave}_responses").Count);
            var paradata = Rows(closedStore, $"survey_{FieldTestHost.Wave}_paradata");
            Assert.Equal(3, paradata.Count);
            Assert.Contains(paradata, r => r.Contains("|103|2027|web|sv|sv|", StringComparison.Ordinal) && r.Contains("|False|work|", StringComparison.Ordinal));
            Assert.NotEmpty(Rows(closedStore, $"survey_{FieldTestHost.Wave}_paradata_pages"));
        }
        finally
        {
            host.Dispose();
            Directory.Delete(host.Root, recursive: true);
        }
    }

    private static List<string> Rows(BarometerStore store, string table)
    {
        var session = store.Session();
        var columns = session.ColumnsOf(table);
        return session.Query($"SELECT * FROM {SqlText.Identifier(table)} ORDER BY source_row",
            r => string.Join('|', Enumerable.Range(0, columns.Count).Select(c => r.IsDBNull(c) ? "∅" : Convert.ToString(r.GetValue(c), CultureInfo.InvariantCulture))));
    }
}

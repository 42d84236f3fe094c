using Barometer.Storage.Ingestion;

namespace Barometer.Storage.Tests.Ingestion;

public class IngestorTests
{
    [Fact]
    public void Ingest_ValidCsv_StoresTypedTablesFilesAndWave()
    {
        using var fixture = new IngestFixture();
        using var store = fixture.Folder.OpenStore();

        var outcome = new Ingestor(store).Ingest(fixture.Request());

        Assert.Equal(IngestStatus.Ingested, outcome.Status);
        Assert.Empty(outcome.Problems);
        Assert.Equal(
            ["register_population", "survey_2026_gross_sample", "survey_2026_responses"],
            outcome.Files.Select(f => f.TableName).Order(StringComparer.Ordinal));
        Assert.Equal(6, store.Scalar("SELECT count(*) FROM register_population"));
        Assert.Equal(310000.5, store.Query("SELECT income FROM register_population WHERE person_id = 1", r => r.GetDouble(0)).Single());
        Assert.Equal("BIGINT", store.Query("SELECT data_type FROM duckdb_columns() WHERE table_name = 'survey_2026_responses' AND column_name = 'q1'", r => r.GetString(0)).Single());
        Assert.Equal(1, store.Scalar("SELECT count(*) FROM survey_2026_responses WHERE q1 IS NULL"));
        Assert.Equal("unreleased", store.Query("SELECT status FROM waves WHERE wave = 2026", r => r.GetString(0)).Single());
        Assert.Equal(3, store.Scalar("SELECT count(*) FROM ingested_files"));
        Assert.Equal(64, store.Query("SELECT sha256 FROM ingested_files LIMIT 1", r => r.GetString(0)).Single().Length);
    }

    [Fact]
    public void InputFiles_AfterIngest_NameTheTablesOfRegisterAndWave()
    {
        using var fixture = new IngestFixture();
        using var store = fixture.Folder.OpenStore();
        new Ingestor(store).Ingest(fixture.Request());

        Assert.Equal(3, store.InputFiles().Count);
        Assert.Equal(
            [("register", (int?)null, "register_population"), ("survey", 2026, "survey_2026_responses"), ("survey", 2026, "survey_2026_gross_sample")],
            store.InputFiles(2026).Select(f => (f.Scope, f.Wave, f.TableName)));
        Assert.Equal(["register_population"], store.InputFiles(2025).Select(f => f.TableName));
    }

    [Fact]
    public void Ingest_Parquet_StoresSameRowsAsCsv()
    {
        using var fixture = new IngestFixture();
        fixture.WriteParquet("register/population.csv",
            "CAST(person_id AS INTEGER) AS person_id, CAST(sex AS INTEGER) AS sex, county, CAST(birth_year AS INTEGER) AS birth_year, CAST(income AS DOUBLE) AS income");
        using var store = fixture.Folder.OpenStore();

        var outcome = new Ingestor(store).Ingest(fixture.Request(survey: false));

        Assert.Equal(IngestStatus.Ingested, outcome.Status);
        Assert.Equal("register/population.parquet", Assert.Single(outcome.Files).Path);
        Assert.Equal(6, store.Scalar("SELECT count(*) FROM register_population"));
        Assert.Equal(4, store.Scalar("SELECT source_row FROM register_population WHERE person_id = 4"));
    }

    [Fact]
    public void Ingest_IdenticalFilesAgain_IsNoOp()
    {
        using var fixture = new IngestFixture();
        using var store = fixture.Folder.OpenStore();
        new Ingestor(store).Ingest(fixture.Request());
        var before = StoreSnapshot.Take(store);

        var outcome = new Ingestor(store).Ingest(fixture.Request());

        Assert.Equal(IngestStatus.Unchanged, outcome.Status);
        Assert.Contains("unchanged", Assert.Single(outcome.Messages), StringComparison.Ordinal);
        Assert.Equal(before, StoreSnapshot.Take(store));
    }

    [Fact]
    public void Ingest_ChangedSurvey_ReplacesUnreleasedWaveAndSaysSo()
    {
        using var fixture = new IngestFixture();
        using var store = fixture.Folder.OpenStore();
        new Ingestor(store).Ingest(fixture.Request());
        fixture.Write("survey/2026/responses.csv", "person_id,q1\n1,2\n2,2\n3,1");

        var outcome = new Ingestor(store).Ingest(fixture.Request());

        Assert.Equal(IngestStatus.Replaced, outcome.Status);
        Assert.Contains(outcome.Messages, m => m.Contains("survey wave 2026 replaced", StringComparison.Ordinal) && m.Contains("survey/2026/responses.csv", StringComparison.Ordinal));
        Assert.Contains(outcome.Messages, m => m.Contains("register extract unchanged", StringComparison.Ordinal));
        Assert.Equal(2, store.Scalar("SELECT q1 FROM survey_2026_responses WHERE person_id = 2"));
        Assert.Equal(3, store.Scalar("SELECT count(*) FROM ingested_files"));
    }

    [Fact]
    public void Ingest_AbortedBeforeCommit_LeavesStoreUnchanged()
    {
        using var fixture = new IngestFixture();
        using var store = fixture.Folder.OpenStore();
        new Ingestor(store).Ingest(fixture.Request(survey: false));
        var before = StoreSnapshot.Take(store);
        fixture.Write("register/population.csv", IngestFixture.Population.Replace("1,1,01,1980", "1,2,01,1980", StringComparison.Ordinal));
        var ingestor = new Ingestor(store) { BeforeCommit = () => throw new IOException("disk full (simulated)") };

        Assert.Throws<IOException>(() => ingestor.Ingest(fixture.Request()));

        Assert.Equal(before, StoreSnapshot.Take(store));
        Assert.Equal(1, store.Scalar("SELECT sex FROM register_population WHERE person_id = 1"));
    }

    [Fact]
    public void Ingest_AbortedBeforeCommit_StoreUnchangedAfterReopen()
    {
        using var fixture = new IngestFixture();
        IReadOnlyList<string> before;
        using (var store = fixture.Folder.OpenStore())
        {
            before = StoreSnapshot.Take(store);
            var ingestor = new Ingestor(store) { BeforeCommit = () => throw new IOException("simulated") };
            Assert.Throws<IOException>(() => ingestor.Ingest(fixture.Request()));
        }

        using var reopened = fixture.Folder.OpenStore();
        Assert.Equal(before, StoreSnapshot.Take(reopened));
    }
}

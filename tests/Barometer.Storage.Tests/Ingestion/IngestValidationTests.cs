using Barometer.Storage.Ingestion;

namespace Barometer.Storage.Tests.Ingestion;

/// <summary>
/// Every kind of bad input: the ingest is rejected with a problem naming file, row, column, expected and actual,
/// and the store's content is exactly what it was before (a register and wave 2026 already ingested).
/// </summary>
public class IngestValidationTests
{
    [Fact]
    public void Ingest_UnknownColumn_Rejected()
    {
        var problem = RejectedSingle(f => f.Write("register/population.csv", AddColumn(IngestFixture.Population, "shoe_size", "42")));

        Assert.Equal("register/population.csv", problem.File);
        Assert.Equal("shoe_size", problem.Column);
        Assert.Equal("an unknown column", problem.Actual);
    }

    [Fact]
    public void Ingest_MissingColumn_Rejected()
    {
        var problem = RejectedSingle(f => f.Write("survey/2026/sample.csv", "person_id,stratum\n1,A\n2,A\n3,B\n5,B"));

        Assert.Equal("survey/2026/sample.csv", problem.File);
        Assert.Equal("design_weight", problem.Column);
        Assert.Equal("column design_weight (number)", problem.Expected);
        Assert.Equal("no such column", problem.Actual);
    }

    [Fact]
    public void Ingest_CsvValueOfWrongType_RejectedWithRow()
    {
        var problem = RejectedSingle(f => f.Write("register/population.csv",
            IngestFixture.Population.Replace("3,1,03,1990", "3,1,03,nineteen-ninety", StringComparison.Ordinal)));

        Assert.Equal(3, problem.Row);
        Assert.Equal("birth_year", problem.Column);
        Assert.Equal("a value of type integer", problem.Expected);
        Assert.Equal("'nineteen-ninety'", problem.Actual);
    }

    [Fact]
    public void Ingest_ParquetColumnOfWrongType_Rejected()
    {
        var problem = RejectedSingle(f => f.WriteParquet("register/population.csv",
            "CAST(person_id AS INTEGER) AS person_id, CAST(sex AS INTEGER) AS sex, county, birth_year, CAST(income AS DOUBLE) AS income"));

        Assert.Equal("birth_year", problem.Column);
        Assert.Equal("type integer", problem.Expected);
        Assert.Equal("type VARCHAR", problem.Actual);
    }

    [Fact]
    public void Ingest_CodeNotInCodebook_Rejected()
    {
        var problem = RejectedSingle(f => f.Write("register/population.csv",
            IngestFixture.Population.Replace("4,2,03,1960", "4,9,03,1960", StringComparison.Ordinal)));

        Assert.Equal((4L, "sex", "one of the codebook's codes", "'9'"), (problem.Row!.Value, problem.Column!, problem.Expected, problem.Actual));
    }

    [Fact]
    public void Ingest_CodeNotInCatalogueClassification_Rejected()
    {
        var problem = RejectedSingle(f => f.Write("register/population.csv",
            IngestFixture.Population.Replace("5,1,25,2001", "5,1,99,2001", StringComparison.Ordinal)));

        Assert.Equal((5L, "county", "a code of classification 'lan'", "'99'"), (problem.Row!.Value, problem.Column!, problem.Expected, problem.Actual));
    }

    [Fact]
    public void Ingest_MissingValueInNonNullableColumn_Rejected()
    {
        var problem = RejectedSingle(f => f.Write("register/population.csv",
            IngestFixture.Population.Replace("6,2,25,1999", "6,,25,1999", StringComparison.Ordinal)));

        Assert.Equal((6L, "sex", "a value (the column is not nullable)"), (problem.Row!.Value, problem.Column!, problem.Expected));
    }

    [Fact]
    public void Ingest_DuplicatePersonId_Rejected()
    {
        var problem = RejectedSingle(f => f.Write("register/population.csv",
            IngestFixture.Population.Replace("5,1,25,2001", "2,1,25,2001", StringComparison.Ordinal)));

        Assert.Equal(5, problem.Row);
        Assert.Equal("person_id", problem.Column);
        Assert.Equal("a unique person_id", problem.Expected);
        Assert.Equal("'a repeat of 2 (first on row 2)'", problem.Actual);
    }

    [Fact]
    public void Ingest_WeightNotPositive_Rejected()
    {
        var problem = RejectedSingle(f => f.Write("survey/2026/sample.csv", IngestFixture.Sample.Replace("3,B,4", "3,B,0", StringComparison.Ordinal)));

        Assert.Equal((3L, "design_weight", "a weight > 0", "'0.0'"), (problem.Row!.Value, problem.Column!, problem.Expected, problem.Actual));
    }

    [Fact]
    public void Ingest_RespondentNotInGrossSample_Rejected()
    {
        var problem = RejectedSingle(f => f.Write("survey/2026/responses.csv", IngestFixture.Responses.Replace("3,1", "4,1", StringComparison.Ordinal)));

        Assert.Equal("survey/2026/responses.csv", problem.File);
        Assert.Equal(2, problem.Row);
        Assert.Equal("a person of the gross sample (survey/2026/sample.csv)", problem.Expected);
        Assert.Equal("'4'", problem.Actual);
    }

    [Fact]
    public void Ingest_ReleasedWave_Rejected()
    {
        var problem = RejectedSingle(f => f.Write("survey/2026/responses.csv", "person_id,q1\n1,1\n2,1\n3,1"),
            store => store.Execute("UPDATE waves SET status = 'released' WHERE wave = 2026"));

        Assert.Contains("wave 2026 is released", problem.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_ReleasedWaveEvenWithSameFiles_Rejected()
    {
        var problem = RejectedSingle(_ => { }, store => store.Execute("UPDATE waves SET status = 'released' WHERE wave = 2026"));

        Assert.Contains("wave 2026 is released", problem.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_FileNotInCodebook_Rejected()
    {
        var problem = RejectedSingle(f => f.Write("register/extra.csv", "person_id\n1"));

        Assert.Equal("register/extra.csv", problem.File);
        Assert.Equal("a file the codebook does not describe", problem.Actual);
    }

    [Fact]
    public void Ingest_RowCountDiffersFromCodebook_Rejected()
    {
        var problem = RejectedSingle(f => f.Write("register/population.csv", IngestFixture.Population + "\n7,1,01,1950,1"));

        Assert.Equal("6 rows (the codebook's count)", problem.Expected);
        Assert.Equal("7", problem.Actual);
    }

    [Fact]
    public void Ingest_ManyProblems_ListsFiftyAndCountsAll()
    {
        using var fixture = new IngestFixture();
        using var store = fixture.Folder.OpenStore();
        var lines = Enumerable.Range(1, 120).Select(i => $"{i},3,01,1980,1");
        fixture.Write("register/population.csv", "person_id,sex,county,birth_year,income\n" + string.Join("\n", lines));
        var before = StoreSnapshot.Take(store);

        var outcome = new Ingestor(store).Ingest(fixture.Request(survey: false));

        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        Assert.Equal(IngestProblems.MaxListed, outcome.Problems.Count);
        Assert.Equal(121, outcome.ProblemCount); // the row count, and 120 bad sex codes
        Assert.Equal(before, StoreSnapshot.Take(store));
    }

    [Fact]
    public void Ingest_SeveralProblemsInSeveralFiles_AllCollected()
    {
        using var fixture = new IngestFixture();
        using var store = fixture.Folder.OpenStore();
        fixture.Write("register/population.csv", IngestFixture.Population.Replace("4,2,03,1960", "4,9,03,1960", StringComparison.Ordinal));
        fixture.Write("survey/2026/sample.csv", IngestFixture.Sample.Replace("3,B,4", "3,B,-1", StringComparison.Ordinal));

        var outcome = new Ingestor(store).Ingest(fixture.Request());

        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        Assert.Equal(["register/population.csv", "survey/2026/sample.csv"], outcome.Problems.Select(p => p.File));
        Assert.Equal(0, store.Scalar("SELECT count(*) FROM ingested_files"));
        Assert.Equal(0, store.Scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'register_%' OR table_name LIKE 'survey_%'"));
    }

    /// <summary>Ingests the good fixture, breaks it, ingests again: expects one problem and an unchanged store.</summary>
    private static IngestProblem RejectedSingle(Action<IngestFixture> breakIt, Action<BarometerStore>? prepare = null)
    {
        using var fixture = new IngestFixture();
        using var store = fixture.Folder.OpenStore();
        Assert.Equal(IngestStatus.Ingested, new Ingestor(store).Ingest(fixture.Request()).Status);
        prepare?.Invoke(store);
        var before = StoreSnapshot.Take(store);
        breakIt(fixture);

        var outcome = new Ingestor(store).Ingest(fixture.Request());

        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        Assert.Equal(before, StoreSnapshot.Take(store));
        Assert.Equal(1, outcome.ProblemCount);
        return Assert.Single(outcome.Problems);
    }

    private static string AddColumn(string csv, string name, string value)
    {
        var lines = csv.ReplaceLineEndings("\n").Split('\n');
        return string.Join("\n", lines.Select((l, i) => l + "," + (i == 0 ? name : value)));
    }
}

/// <summary>The consistency of a wave laid out as synth writes it: a wave column and a response flag.</summary>
public class IngestSurveyConsistencyTests
{
    [Fact]
    public void Ingest_FlagsAndResponsesAgree_Ingested()
    {
        using var fixture = new IngestFixture(responseFlags: true);
        using var store = fixture.Folder.OpenStore();

        var outcome = new Ingestor(store).Ingest(fixture.Request());

        Assert.Equal(IngestStatus.Ingested, outcome.Status);
        Assert.True(store.Query("SELECT responded FROM survey_2026_gross_sample WHERE person_id = 1", r => r.GetBoolean(0)).Single());
    }

    [Fact]
    public void Ingest_ResponsesDisagreeWithFlags_BothDirectionsReported()
    {
        using var fixture = new IngestFixture(responseFlags: true);
        using var store = fixture.Folder.OpenStore();
        var before = StoreSnapshot.Take(store);
        // Person 2 is flagged as a nonrespondent but answered; person 3 is flagged as responding but did not.
        fixture.Write("survey/2026/responses.csv", "person_id,wave,q1\n1,2026,3\n2,2026,1\n5,2026,");

        var outcome = new Ingestor(store).Ingest(fixture.Request());

        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        Assert.Equal(2, outcome.ProblemCount);
        Assert.Equal(("survey/2026/responses.csv", 2L, "a person flagged as responding in the gross sample (survey/2026/sample.csv)", "'2'"),
            (outcome.Problems[0].File, outcome.Problems[0].Row!.Value, outcome.Problems[0].Expected, outcome.Problems[0].Actual));
        Assert.Equal(("survey/2026/sample.csv", 3L, "responded", "'3'"),
            (outcome.Problems[1].File, outcome.Problems[1].Row!.Value, outcome.Problems[1].Column!, outcome.Problems[1].Actual));
        Assert.Equal(before, StoreSnapshot.Take(store));
    }

    [Fact]
    public void Ingest_WaveColumnDiffersFromWave_Rejected()
    {
        var problem = Rejected(f => f.Write("survey/2026/responses.csv", "person_id,wave,q1\n1,2026,3\n3,2025,1\n5,2026,"));

        Assert.Equal(("survey/2026/responses.csv", 2L, "wave", "the wave given with --wave (2026)", "'2025'"),
            (problem.File, problem.Row!.Value, problem.Column!, problem.Expected, problem.Actual));
    }

    private static IngestProblem Rejected(Action<IngestFixture> breakIt)
    {
        using var fixture = new IngestFixture(responseFlags: true);
        using var store = fixture.Folder.OpenStore();
        var before = StoreSnapshot.Take(store);
        breakIt(fixture);

        var outcome = new Ingestor(store).Ingest(fixture.Request());

        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        Assert.Equal(before, StoreSnapshot.Take(store));
        Assert.Equal(1, outcome.ProblemCount);
        return Assert.Single(outcome.Problems);
    }
}

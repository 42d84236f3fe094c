using Barometer.Storage.Ingestion;

namespace Barometer.Storage.Tests.Ingestion;

/// <summary>
/// Inputs an adversarial test of the ingest found wrongly accepted, misread or crashing: non-finite and fractional
/// numbers, probabilities outside (0, 1], globbing paths, special files, headers with spaces, unreadable files, and a
/// re-ingest that would silently drop a file of a wave. Each is refused with file, row and column where they apply,
/// and the store is exactly as it was.
/// </summary>
public class IngestHardeningTests
{
    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-inf")]
    [InlineData("1e400")]
    public void Ingest_NonFiniteWeight_RejectedWithRow(string weight)
    {
        var problems = Rejected(f => f.Write("survey/2026/sample.csv", IngestFixture.Sample.Replace("3,B,4", "3,B," + weight, StringComparison.Ordinal)));

        var problem = Assert.Single(problems, p => p.Column == "design_weight");
        Assert.Equal(("survey/2026/sample.csv", 3L), (problem.File, problem.Row!.Value));
        Assert.Equal($"'{weight}'", problem.Actual);
    }

    [Fact]
    public void Ingest_NonFiniteRegisterNumber_Rejected()
    {
        var problem = Assert.Single(Rejected(f => f.Write("register/population.csv",
            IngestFixture.Population.Replace("250000", "1e999", StringComparison.Ordinal))));

        Assert.Equal(("register/population.csv", 3L, "income", "a finite number", "'1e999'"),
            (problem.File, problem.Row!.Value, problem.Column!, problem.Expected, problem.Actual));
    }

    [Fact]
    public void Ingest_NonFiniteParquetNumber_Rejected()
    {
        var problem = Assert.Single(Rejected(f =>
        {
            f.Write("register/population.csv", IngestFixture.Population.Replace("250000", "nan", StringComparison.Ordinal));
            f.WriteParquet("register/population.csv",
                "CAST(person_id AS BIGINT) AS person_id, CAST(sex AS INTEGER) AS sex, county, CAST(birth_year AS INTEGER) AS birth_year, CAST(income AS DOUBLE) AS income");
        }));

        Assert.Equal(("register/population.parquet", 3L, "income", "a finite number"), (problem.File, problem.Row!.Value, problem.Column!, problem.Expected));
    }

    [Fact]
    public void Ingest_NonFiniteAllowedByCodebook_Ingested()
    {
        using var fixture = new IngestFixture();
        fixture.Write("codebook.yaml", IngestFixture.Codebook.Replace(
            "      - name: income\n        type: number\n        nullable: true\n",
            "      - name: income\n        type: number\n        nullable: true\n        allow_non_finite: true\n", StringComparison.Ordinal));
        fixture.Write("register/population.csv", IngestFixture.Population.Replace("250000", "inf", StringComparison.Ordinal));
        using var store = fixture.Folder.OpenStore();

        var outcome = new Ingestor(store).Ingest(fixture.Request(survey: false));

        Assert.Equal(IngestStatus.Ingested, outcome.Status);
        Assert.Equal(1, store.Scalar("SELECT count(*) FROM register_population WHERE isinf(income)"));
    }

    [Theory]
    [InlineData("1980.5")]
    [InlineData("1980.0")]
    [InlineData("1e3")]
    public void Ingest_FractionInIntegerColumn_RejectedNotRounded(string value)
    {
        var problem = Assert.Single(Rejected(f => f.Write("register/population.csv",
            IngestFixture.Population.Replace("1,1,01,1980,", $"1,1,01,{value},", StringComparison.Ordinal))));

        Assert.Equal(("register/population.csv", 1L, "birth_year", "a value of type integer", $"'{value}'"),
            (problem.File, problem.Row!.Value, problem.Column!, problem.Expected, problem.Actual));
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("7.5")]
    [InlineData("0")]
    [InlineData("-0.2")]
    public void Ingest_InclusionProbabilityOutsideZeroOne_Rejected(string value)
    {
        var problem = Assert.Single(Rejected(f =>
        {
            f.Write("codebook.yaml", IngestFixture.Codebook.Replace(
                "      - name: design_weight\n",
                "      - name: inclusion_probability\n        type: number\n        nullable: false\n      - name: design_weight\n", StringComparison.Ordinal));
            f.Write("survey/2026/sample.csv", $"person_id,stratum,inclusion_probability,design_weight\n1,A,0.4,2.5\n2,A,0.4,2.5\n3,B,{value},4\n5,B,1,4");
        }));

        Assert.Equal(("survey/2026/sample.csv", 3L, "inclusion_probability"), (problem.File, problem.Row!.Value, problem.Column!));
        Assert.Equal(value == "NaN" ? "a finite number" : "a probability in (0, 1]", problem.Expected);
    }

    [Fact]
    public void Ingest_HeaderWithSpaces_RejectedNamingTheHeaderAsWritten()
    {
        var problems = Rejected(f => f.Write("register/population.csv", IngestFixture.Population.Replace("person_id,sex,", "person_id, sex ,", StringComparison.Ordinal)));

        var problem = Assert.Single(problems);
        Assert.Equal(("register/population.csv", " sex "), (problem.File, problem.Column!));
        Assert.Contains("'sex'", problem.Expected, StringComparison.Ordinal);
        Assert.Contains("' sex '", problem.Actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_DuplicateHeader_Rejected()
    {
        var problems = Rejected(f => f.Write("survey/2026/responses.csv", "person_id,q1,q1\n1,3,3\n3,1,1\n5,,"));

        Assert.Contains(problems, p => p.File == "survey/2026/responses.csv" && p.Column == "q1" && p.Actual.Contains("twice", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("utf16")]
    [InlineData("invalid-utf8")]
    [InlineData("unterminated-quote")]
    [InlineData("huge-field")]
    [InlineData("csv-as-parquet")]
    [InlineData("truncated-parquet")]
    [InlineData("truncated-register")]
    public void Ingest_UnreadableFile_RejectedNamingOnlyThatFile(string kind)
    {
        var bad = kind is "truncated-register" ? "register/population.csv" : kind is "csv-as-parquet" or "truncated-parquet" ? "survey/2026/sample.parquet" : "survey/2026/sample.csv";
        var problems = Rejected(f =>
        {
            var sample = f.Folder.File("survey/2026/sample.csv");
            switch (kind)
            {
                case "utf16":
                    File.WriteAllText(sample, IngestFixture.Sample, new System.Text.UnicodeEncoding(false, true));
                    break;
                case "invalid-utf8":
                    File.WriteAllBytes(sample, [.. System.Text.Encoding.UTF8.GetBytes("person_id,stratum,design_weight\n1,A,2.5\n2,"), 0xC3, 0x28, .. System.Text.Encoding.UTF8.GetBytes(",2.5\n3,B,4\n5,B,4\n")]);
                    break;
                case "unterminated-quote":
                    File.WriteAllText(sample, "person_id,stratum,design_weight\n1,A,2.5\n2,A,2.5\n3,B,4\n5,\"B,4");
                    break;
                case "huge-field":
                    File.WriteAllText(sample, "person_id,stratum,design_weight\n1,A,2.5\n2," + new string('A', 20 << 20) + ",2.5\n3,B,4\n5,B,4\n");
                    break;
                case "csv-as-parquet":
                    File.Move(sample, f.Folder.File("survey/2026/sample.parquet"));
                    break;
                case "truncated-parquet":
                    f.WriteParquet("survey/2026/sample.csv", "CAST(person_id AS BIGINT) AS person_id, stratum, CAST(design_weight AS DOUBLE) AS design_weight");
                    var bytes = File.ReadAllBytes(f.Folder.File("survey/2026/sample.parquet"));
                    File.WriteAllBytes(f.Folder.File("survey/2026/sample.parquet"), bytes[..(bytes.Length / 2)]);
                    break;
                default:
                    var text = IngestFixture.Population.ReplaceLineEndings("\n");
                    File.WriteAllText(f.Folder.File("register/population.csv"), text[..text.IndexOf("3,1,03,19", StringComparison.Ordinal)] + "3,1,0");
                    break;
            }
        });

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Equal(bad, p.File));
        Assert.DoesNotContain(problems, p => p.Actual.Contains("transaction", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Ingest_PathWithGlobCharacters_LoadsExactlyTheFileItHashed()
    {
        using var fixture = new IngestFixture();
        fixture.Write("codebook.yaml", IngestFixture.Codebook.Replace("register/population.csv", "register/pop[0-9].csv", StringComparison.Ordinal));
        File.Move(fixture.Folder.File("register/population.csv"), fixture.Folder.File("register/pop[0-9].csv"));
        // A decoy the glob would match: the same shape, other people.
        fixture.Write("register/pop1.csv", IngestFixture.Population.Replace("1980", "1911", StringComparison.Ordinal));
        using var store = fixture.Folder.OpenStore();

        var outcome = new Ingestor(store).Ingest(new IngestRequest(fixture.Folder.File("register/pop[0-9].csv"), null, null, null, IngestFixture.Classifications));

        Assert.Equal(IngestStatus.Ingested, outcome.Status);
        Assert.Equal(InputFile.HashFile(fixture.Folder.File("register/pop[0-9].csv")), Assert.Single(outcome.Files).Sha256);
        Assert.Equal(0, store.Scalar("SELECT count(*) FROM register_pop_0_9 WHERE birth_year = 1911"));
        Assert.Equal(1, store.Scalar("SELECT count(*) FROM register_pop_0_9 WHERE birth_year = 1980"));
    }

    [Fact]
    public async Task Ingest_LinkToDevice_RefusedNamingItWithoutHanging()
    {
        using var fixture = new IngestFixture();
        File.Delete(fixture.Folder.File("survey/2026/responses.csv"));
        File.CreateSymbolicLink(fixture.Folder.File("survey/2026/responses.csv"), "/dev/zero");
        using var store = fixture.Folder.OpenStore();
        var before = StoreSnapshot.Take(store);

        var outcome = await Task.Run(() => new Ingestor(store).Ingest(fixture.Request())).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal("survey/2026/responses.csv", problem.File);
        Assert.Contains("/dev/zero", problem.Actual, StringComparison.Ordinal);
        Assert.Equal(before, StoreSnapshot.Take(store));
    }

    [Fact]
    public void Ingest_ReingestThatWouldDropAFile_RefusedAndStoreKept()
    {
        using var fixture = new IngestFixture();
        using var store = fixture.Folder.OpenStore();
        Assert.Equal(IngestStatus.Ingested, new Ingestor(store).Ingest(fixture.Request()).Status);
        var before = StoreSnapshot.Take(store);
        File.Delete(fixture.Folder.File("survey/2026/responses.csv"));

        var outcome = new Ingestor(store).Ingest(fixture.Request(register: false));

        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal("survey/2026/responses.csv", problem.File);
        Assert.Contains("--allow-dropping", problem.Expected, StringComparison.Ordinal);
        Assert.Equal(before, StoreSnapshot.Take(store));
        Assert.Equal(3, store.Scalar("SELECT count(*) FROM survey_2026_responses"));
    }

    [Fact]
    public void Ingest_ReingestDroppingAFileWithAllowDropping_Replaces()
    {
        using var fixture = new IngestFixture();
        using var store = fixture.Folder.OpenStore();
        Assert.Equal(IngestStatus.Ingested, new Ingestor(store).Ingest(fixture.Request()).Status);
        File.Delete(fixture.Folder.File("survey/2026/responses.csv"));

        var outcome = new Ingestor(store).Ingest(fixture.Request(register: false) with { AllowDropping = true });

        Assert.Equal(IngestStatus.Replaced, outcome.Status);
        Assert.Contains(outcome.Messages, m => m.Contains("survey/2026/responses.csv (gone)", StringComparison.Ordinal));
        Assert.Equal(0, store.Scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'survey_2026_responses'"));
    }

    [Theory]
    [InlineData("rows: -5", "rows")]
    [InlineData("rows: lots", "rows")]
    [InlineData("rows: 12345678901234567890123", "rows")]
    [InlineData("rows: {a: 1}", "rows")]
    [InlineData("kind: [a, b]", "kind")]
    [InlineData("key: {a: 1}", "key")]
    [InlineData("key: [[person_id]]", "key")]
    public void Ingest_BadCodebookValue_RejectedNamingCodebookAndLine(string line, string key)
    {
        using var fixture = new IngestFixture();
        fixture.Write("codebook.yaml", IngestFixture.Codebook.Replace("    rows: 4\n", $"    {line}\n", StringComparison.Ordinal));
        using var store = fixture.Folder.OpenStore();

        var outcome = new Ingestor(store).Ingest(fixture.Request());

        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        var problem = Assert.Single(outcome.Problems);
        Assert.EndsWith("codebook.yaml", problem.File, StringComparison.Ordinal);
        Assert.Contains("line ", problem.Actual, StringComparison.Ordinal);
        Assert.Contains($"'{key}'", problem.Actual, StringComparison.Ordinal);
    }

    private static IReadOnlyList<IngestProblem> Rejected(Action<IngestFixture> breakIt)
    {
        using var fixture = new IngestFixture();
        using var store = fixture.Folder.OpenStore();
        Assert.Equal(IngestStatus.Ingested, new Ingestor(store).Ingest(fixture.Request()).Status);
        var before = StoreSnapshot.Take(store);
        breakIt(fixture);

        var outcome = new Ingestor(store).Ingest(fixture.Request());

        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        Assert.Equal(before, StoreSnapshot.Take(store));
        return outcome.Problems;
    }
}

using System.Text;
using Barometer.Storage.Ingestion;

namespace Barometer.Storage.Tests.Ingestion;

/// <summary>
/// A small synthetic extract in the layout <c>barometer synth</c> writes: codebook.yaml at the root, the register
/// under register/, one wave under survey/2026/. Files are CSV; <see cref="WriteParquet"/> turns one into Parquet.
/// </summary>
internal sealed class IngestFixture : IDisposable
{
    public const string Codebook = """
        # Codebook of a test extract.
        seed: 7
        files:
          - path: "register/population.csv"
            rows: 6
            columns:
              - name: person_id
                type: integer
                nullable: false
              - name: sex
                type: integer
                nullable: false
                codes:
                  - code: "1"
                    sv: "man"
                    en: "man"
                  - code: "2"
                    sv: "kvinna"
                    en: "woman"
              - name: county
                type: text
                nullable: false
                classification: "lan"
              - name: birth_year
                type: integer
                nullable: false
              - name: income
                type: number
                nullable: true
          - path: "survey/2026/sample.csv"
            rows: 4
            columns:
              - name: person_id
                type: integer
                nullable: false
              - name: stratum
                type: text
                nullable: false
              - name: design_weight
                type: number
                nullable: false
          - path: "survey/2026/responses.csv"
            rows: 3
            columns:
              - name: person_id
                type: integer
                nullable: false
              - name: q1
                type: integer
                nullable: true
                codes:
                  - code: "1"
                  - code: "2"
                  - code: "3"
        """;

    public const string Population = """
        person_id,sex,county,birth_year,income
        1,1,01,1980,310000.5
        2,2,01,1975,
        3,1,03,1990,250000
        4,2,03,1960,198000
        5,1,25,2001,120000
        6,2,25,1999,0
        """;

    public const string Sample = """
        person_id,stratum,design_weight
        1,A,2.5
        2,A,2.5
        3,B,4
        5,B,4
        """;

    public const string Responses = """
        person_id,q1
        1,3
        3,1
        5,
        """;

    public IngestFixture(bool responseFlags = false)
    {
        if (responseFlags)
        {
            // The layout barometer synth writes: a wave column in both files and a response flag in the gross sample.
            Write("codebook.yaml", Codebook
                .Replace("      - name: stratum\n", "      - name: wave\n        type: integer\n        nullable: false\n      - name: responded\n        type: boolean\n        nullable: false\n      - name: stratum\n", StringComparison.Ordinal)
                .Replace("      - name: q1\n", "      - name: wave\n        type: integer\n        nullable: false\n      - name: q1\n", StringComparison.Ordinal));
            Write("survey/2026/sample.csv", "person_id,wave,responded,stratum,design_weight\n1,2026,true,A,2.5\n2,2026,false,A,2.5\n3,2026,true,B,4\n5,2026,true,B,4");
            Write("survey/2026/responses.csv", "person_id,wave,q1\n1,2026,3\n3,2026,1\n5,2026,");
        }
        else
        {
            Write("codebook.yaml", Codebook);
            Write("survey/2026/sample.csv", Sample);
            Write("survey/2026/responses.csv", Responses);
        }

        Write("register/population.csv", Population);
    }

    public TempFolder Folder { get; } = new();

    public string RegisterDir => Folder.File("register");

    public string SurveyDir => Folder.File("survey/2026");

    public static IReadOnlyCollection<string>? Classifications(string id) =>
        id == "lan" ? ["01", "03", "04", "05", "25"] : null;

    public IngestRequest Request(bool register = true, bool survey = true, int wave = 2026) =>
        new(register ? RegisterDir : null, survey ? SurveyDir : null, survey ? wave : null, null, Classifications);

    public void Write(string relative, string content)
    {
        var path = Folder.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n") + "\n", new UTF8Encoding(false));
    }

    /// <summary>Replaces a CSV by a Parquet file with the given column types, written by DuckDB.</summary>
    public void WriteParquet(string relativeCsv, string selectColumns)
    {
        var csv = Folder.File(relativeCsv);
        var parquet = Path.ChangeExtension(csv, ".parquet");
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            $"COPY (SELECT {selectColumns} FROM read_csv('{csv}', header = true, all_varchar = true)) TO '{parquet}' (FORMAT parquet)";
        command.ExecuteNonQuery();
        File.Delete(csv);
    }

    public void Dispose() => Folder.Dispose();
}

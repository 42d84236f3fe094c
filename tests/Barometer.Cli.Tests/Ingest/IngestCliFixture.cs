using System.Text;
using Barometer.Catalogue.Loading;
using DuckDB.NET.Data;

namespace Barometer.Cli.Tests.Ingest;

/// <summary>
/// A temporary folder with a small extract (codebook.yaml, register/, survey/2026/) in the layout synth writes,
/// the path of a store beside it, and the repository's catalogue.
/// </summary>
internal sealed class IngestCliFixture : IDisposable
{
    public const string Codebook = """
        files:
          - path: "register/register.csv"
            rows: 4
            columns:
              - name: person_id
                type: integer
                nullable: false
              - name: sex
                type: integer
                nullable: false
                codes:
                  - code: "1"
                  - code: "2"
              - name: county
                type: text
                nullable: false
                classification: "lan"
          - path: "survey/2026/sample.csv"
            rows: 3
            columns:
              - name: person_id
                type: integer
                nullable: false
              - name: design_weight
                type: number
                nullable: false
          - path: "survey/2026/responses.csv"
            rows: 2
            columns:
              - name: person_id
                type: integer
                nullable: false
              - name: q1
                type: integer
                nullable: true
        """;

    public IngestCliFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "barometer-cli-ingest", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Write("codebook.yaml", Codebook);
        Write("register/register.csv", "person_id,sex,county\n1,1,01\n2,2,03\n3,1,25\n4,2,01");
        Write("survey/2026/sample.csv", "person_id,design_weight\n1,1.5\n2,1.5\n4,3");
        Write("survey/2026/responses.csv", "person_id,q1\n1,2\n4,");
    }

    public string Root { get; }

    public string Store => Path.Combine(Root, "test.duckdb");

    public string Register => Path.Combine(Root, "register");

    public string Survey => Path.Combine(Root, "survey", "2026");

    public static string Catalogue { get; } = CatalogueLocator.Locate();

    public string[] IngestArgs(params string[] extra) =>
        ["ingest", "--register", Register, "--survey", Survey, "--wave", "2026", "--store", Store, "--catalogue", Catalogue, .. extra];

    public void Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content + "\n", new UTF8Encoding(false));
    }

    /// <summary>Every table of the store with its row count and an order-independent hash of its rows.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        using var connection = new DuckDBConnection($"Data Source={Store}");
        connection.Open();
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT table_name FROM duckdb_tables() ORDER BY table_name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var snapshot = new List<string>();
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) || ' rows, ' || coalesce(bit_xor(hash(x)), 0) FROM \"{table}\" x";
            snapshot.Add($"{table}: {command.ExecuteScalar()}");
        }

        return snapshot;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Xunit.Abstractions;

namespace Barometer.Cli.Tests.Ingest;

/// <summary>
/// Seeded fuzzing of <c>barometer ingest</c>: a valid small wave is stored, then each generated malformed input (bad
/// encodings, truncations, wrong types, NaN/Inf/huge numbers, fractional integers, wrong or duplicate headers, empty
/// and special files, Parquet that is not, bad codebooks…) must be refused with exit code 1 — never an internal
/// error — with a message naming the file (and row and column where the fault has them), and the store file must be
/// byte-identical afterwards.
/// </summary>
public sealed class IngestFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20260618;
    private const int Cases = 150;

    private static readonly string[] RegisterLines = ["person_id,sex,county", "1,1,01", "2,2,03", "3,1,25", "4,2,01"];
    private static readonly string[] SampleLines = ["person_id,design_weight", "1,1.5", "2,1.5", "4,3"];
    private static readonly string[] ResponseLines = ["person_id,q1", "1,2", "4,"];

    /// <summary>Per file and column: values that column must refuse.</summary>
    private static readonly Dictionary<(string File, string Column), string[]> Refused = new()
    {
        [("register/register.csv", "person_id")] = ["", "45.5", "abc", "NaN", "1e3", "99999999999999999999999", "1.0", "0x10"],
        [("register/register.csv", "sex")] = ["3", "", "1.5", "Infinity", "two", "-0.5"],
        [("register/register.csv", "county")] = ["99", "", "xx", "1"],
        [("survey/2026/sample.csv", "design_weight")] = ["NaN", "Infinity", "-Infinity", "1e400", "1e999", "0", "-2", "", "abc", "nan", "inf"],
        [("survey/2026/responses.csv", "q1")] = ["45.5", "abc", "NaN", "1e3", "2.0", "+-1"],
    };

    [Fact]
    public void Ingest_SeededMalformedInputs_AlwaysExitOneNamingTheFaultAndStoreByteIdentical()
    {
        using var baseline = new IngestCliFixture();
        var (code, _, err) = CliRunner.Run(baseline.IngestArgs());
        Assert.True(code == 0, err);
        var storeHash = Hash(baseline.Store);
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Cases; i++)
        {
            using var work = new IngestCliFixture();
            var fault = Mutate(work, random, i);
            kinds[fault.Kind] = kinds.GetValueOrDefault(fault.Kind) + 1;
            string[] args = ["ingest", "--register", work.Register, "--survey", work.Survey, "--wave", "2026", "--store", baseline.Store, "--catalogue", IngestCliFixture.Catalogue];

            (code, var stdout, err) = CliRunner.Run(args);

            var context = $"case {i} ({fault.Kind}: {fault.File} {fault.Column} row {fault.Row}):\n{err}\n{stdout}";
            Assert.True(code == 1, "exit code " + code + " for " + context);
            Assert.DoesNotContain("internal error", err, StringComparison.Ordinal);
            Assert.DoesNotContain("transaction is aborted", err, StringComparison.OrdinalIgnoreCase);
            Assert.True(err.Contains(fault.File, StringComparison.Ordinal), "the file is not named in " + context);
            if (fault.Column is not null)
            {
                Assert.True(err.Contains(fault.Column, StringComparison.Ordinal), "the column is not named in " + context);
            }

            if (fault.Row is not null)
            {
                Assert.True(err.Contains($" {fault.Row} ", StringComparison.Ordinal), "the row is not named in " + context);
            }

            Assert.True(storeHash == Hash(baseline.Store), "the store file changed after " + context);
        }

        output.WriteLine($"{Cases} malformed inputs in {clock.Elapsed.TotalSeconds:F1} s: " + string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}")));
        Assert.True(kinds.Count >= 15, "too few kinds of fault: " + string.Join(", ", kinds.Keys));
    }

    /// <summary>What was broken: the file (as the message names it), and the column and 1-based data row when the fault has them.</summary>
    private sealed record Fault(string Kind, string File, string? Column = null, long? Row = null);

    private static Fault Mutate(IngestCliFixture work, Random random, int index)
    {
        var files = new (string Path, string[] Lines)[] { ("register/register.csv", RegisterLines), ("survey/2026/sample.csv", SampleLines), ("survey/2026/responses.csv", ResponseLines) };
        var (path, lines) = files[random.Next(files.Length)];
        var text = string.Join("\n", lines) + "\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        var full = Path.Combine(work.Root, path);
        switch (index % 24)
        {
            case 0:
            case 1:
            case 2:
            case 3:
                {
                    var cell = Refused.Keys.ElementAt(random.Next(Refused.Count));
                    var values = Refused[cell];
                    var value = values[random.Next(values.Length)];
                    var cellLines = files.Single(f => f.Path == cell.File).Lines.ToArray();
                    var header = cellLines[0].Split(',');
                    var row = random.Next(1, cellLines.Length);
                    var cells = cellLines[row].Split(',');
                    cells[Array.IndexOf(header, cell.Column)] = value;
                    cellLines[row] = string.Join(',', cells);
                    work.Write(cell.File, string.Join("\n", cellLines));
                    return new Fault("bad value", cell.File, cell.Column, row);
                }

            case 4:
                {
                    // Cut inside the data but before the last line: at least the promised row count is broken.
                    var headerEnd = text.IndexOf('\n', StringComparison.Ordinal) + 1;
                    var lastLine = text.TrimEnd('\n').LastIndexOf('\n') + 1;
                    File.WriteAllBytes(full, bytes[..random.Next(headerEnd + 1, lastLine)]);
                    return new Fault("truncated", path);
                }

            case 5:
                File.WriteAllText(full, text, new UnicodeEncoding(bigEndian: random.Next(2) == 0, byteOrderMark: true));
                return new Fault("utf-16", path);
            case 6:
                {
                    var at = random.Next(text.IndexOf('\n', StringComparison.Ordinal) + 1, bytes.Length - 1);
                    var bad = new byte[] { 0xC0, 0xF8, 0xFF, 0x80 }[random.Next(4)];
                    File.WriteAllBytes(full, [.. bytes[..at], bad, .. bytes[at..]]);
                    return new Fault("invalid utf-8", path);
                }

            case 7:
                {
                    var at = random.Next(1, bytes.Length - 1);
                    File.WriteAllBytes(full, [.. bytes[..at], 0, .. bytes[at..]]);
                    return new Fault("nul byte", path);
                }

            case 8:
                {
                    var header = lines[0].Split(',');
                    var column = header[random.Next(header.Length)];
                    var spaced = random.Next(3) switch { 0 => " " + column, 1 => column + " ", _ => " " + column + " " };
                    work.Write(path, string.Join("\n", [lines[0].Replace(column, spaced, StringComparison.Ordinal), .. lines[1..]]));
                    return new Fault("header with spaces", path, spaced);
                }

            case 9:
                {
                    var column = lines[0].Split(',')[^1];
                    work.Write(path, string.Join("\n", lines.Select((l, i) => i == 0 ? l + "," + column : l + "," + l.Split(',')[^1])));
                    return new Fault("duplicate column", path, column);
                }

            case 10:
                {
                    var column = lines[0].Split(',')[random.Next(lines[0].Split(',').Length)];
                    var renamed = random.Next(2) == 0 ? column.ToUpperInvariant() : column + "_x";
                    work.Write(path, string.Join("\n", [lines[0].Replace(column, renamed, StringComparison.Ordinal), .. lines[1..]]));
                    return new Fault("renamed column", path, renamed);
                }

            case 11:
                work.Write(path, string.Join("\n", lines.Select((l, i) => i == 0 ? l + ",extra" : l + ",1")));
                return new Fault("unknown column", path, "extra");
            case 12:
                File.WriteAllBytes(full, random.Next(2) == 0 ? [] : Encoding.UTF8.GetBytes(lines[0] + "\n"));
                return new Fault("empty", path);
            case 13:
                {
                    var row = random.Next(1, lines.Length);
                    work.Write(path, string.Join("\n", lines.Select((l, i) => i == row ? l + "," : l)));
                    return new Fault("ragged row", path);
                }

            case 14:
                {
                    var row = random.Next(1, lines.Length);
                    var cells = lines[row].Split(',');
                    cells[^1] = "\"" + cells[^1];
                    work.Write(path, string.Join("\n", lines.Select((l, i) => i == row ? string.Join(',', cells) : l)));
                    return new Fault("unterminated quote", path);
                }

            case 15:
                {
                    var parquet = Path.ChangeExtension(full, ".parquet");
                    File.Move(full, parquet);
                    if (random.Next(2) == 0)
                    {
                        var noise = new byte[random.Next(1, 200)];
                        random.NextBytes(noise);
                        File.WriteAllBytes(parquet, noise);
                    }

                    return new Fault("csv as parquet", Path.ChangeExtension(path, ".parquet"));
                }

            case 16:
                {
                    var parquet = Path.ChangeExtension(full, ".parquet");
                    using (var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:"))
                    {
                        connection.Open();
                        using var command = connection.CreateCommand();
                        command.CommandText = $"COPY (SELECT * FROM read_csv('{full}', header = true)) TO '{parquet}' (FORMAT parquet)";
                        command.ExecuteNonQuery();
                    }

                    File.Delete(full);
                    var written = File.ReadAllBytes(parquet);
                    File.WriteAllBytes(parquet, written[..random.Next(1, written.Length - 1)]);
                    return new Fault("truncated parquet", Path.ChangeExtension(path, ".parquet"));
                }

            case 17:
                {
                    // A field longer than any line may be.
                    var row = random.Next(1, lines.Length);
                    work.Write(path, string.Join("\n", lines.Select((l, i) => i == row ? l + new string('9', (1 << 20) + random.Next(1, 1000)) : l)));
                    return new Fault("huge field", path, Row: row);
                }

            case 18:
                {
                    File.Delete(full);
                    File.CreateSymbolicLink(full, "/dev/zero");
                    return new Fault("link to a device", path);
                }

            case 19:
                {
                    var row = random.Next(2, lines.Length);
                    work.Write(path, string.Join("\n", lines.Select((l, i) => i == row ? lines[1] : l)));
                    return new Fault("duplicate key", path, "person_id", row);
                }

            case 20:
                work.Write(path, string.Join("\n", [.. lines, lines[^1].Replace(lines[^1].Split(',')[0] + ",", "7,", StringComparison.Ordinal)]));
                return new Fault("extra row", path);
            default:
                {
                    string[] breaks =
                    [
                        "rows: -5", "rows: lots", "rows: 12345678901234567890123", "rows: {a: 1}", "rows: [1, 2]", "kind: {a: b}",
                    "key: {a: 1}", "key: [[person_id]]", "rows: 4.5", "rows: \"\"", "rows: 4\n  - 17",
                    "rows: 4\n\tbad: tab", "rows: [unclosed",
                ];
                    var broken = breaks[random.Next(breaks.Length)];
                    var codebook = random.Next(4) switch
                    {
                        0 => IngestCliFixture.Codebook.Replace("type: number", "type: float", StringComparison.Ordinal),
                        1 => IngestCliFixture.Codebook.Replace("nullable: true", "nullable: maybe", StringComparison.Ordinal),
                        2 => IngestCliFixture.Codebook.Replace("  - code: \"2\"", "  - code: {x: 2}", StringComparison.Ordinal),
                        _ => IngestCliFixture.Codebook.Replace("rows: 4", broken, StringComparison.Ordinal),
                    };
                    work.Write("codebook.yaml", codebook);
                    return new Fault("bad codebook", "codebook.yaml");
                }
        }
    }

    private static string Hash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}

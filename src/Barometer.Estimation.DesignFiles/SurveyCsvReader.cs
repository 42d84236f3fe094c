using System.Globalization;
using System.Text;
using Barometer.Estimation.Data;
using CsvHelper;
using CsvHelper.Configuration;

namespace Barometer.Estimation.DesignFiles;

/// <summary>
/// A data file as the estimation engine sees it, plus what error messages need to point back into the file: the
/// path as the user wrote it and the physical line of every data row.
/// </summary>
public sealed class SurveyTable(string path, SurveyData data, int[] lineOfRow, IReadOnlyDictionary<string, string?[]>? written = null)
{
    public string Path { get; } = path;

    public SurveyData Data { get; } = data;

    /// <summary>
    /// For numeric columns with a cell written otherwise than its number reads (<c>0180</c>, <c>1.50</c>): the cells
    /// as written, so that a column used as categories keeps its codes (see <see cref="DesignDataBinder"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string?[]> Written { get; } = written ?? new Dictionary<string, string?[]>(StringComparer.Ordinal);

    /// <summary>The 1-based line of the file where a (zero-based) data row is; the header is line 1.</summary>
    public int LineOf(int row) => row >= 0 && row < lineOfRow.Length ? lineOfRow[row] : row + 2;
}

/// <summary>
/// Reads the respondent file of <c>barometer estimate</c>: comma-separated, a header row, <c>.</c> as the decimal
/// mark, empty (or blank) cells missing. A column is numeric when every non-missing cell is a finite number in the
/// invariant culture, and text otherwise.
/// </summary>
public static class SurveyCsvReader
{
    public static SurveyTable Read(string path)
    {
        string?[] header;
        var records = new List<string[]>();
        var lines = new List<int>();
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var config = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                HasHeaderRecord = true,
                Delimiter = ",",
                DetectDelimiter = false,
                IgnoreBlankLines = true,
                TrimOptions = TrimOptions.None,
            };
            using var parser = new CsvParser(reader, config);
            if (!parser.Read())
            {
                throw new DesignFileException($"data file '{path}' is empty: expected a header row naming the columns, then one row per respondent.");
            }

            header = parser.Record ?? [];
            CheckHeader(path, header);
            while (parser.Read())
            {
                var record = parser.Record ?? [];
                var line = parser.RawRow;
                if (record.Length != header.Length)
                {
                    throw new DesignFileException(
                        $"data file '{path}', line {line}: the row has {record.Length} field(s), but the header has {header.Length}. " +
                        "Expected one comma-separated value per column (quote values that contain commas).");
                }

                records.Add(record);
                lines.Add(line);
            }
        }
        catch (BadDataException ex)
        {
            throw new DesignFileException(
                $"data file '{path}', line {ex.Context?.Parser?.RawRow}: malformed CSV near {Quote(ex.Field)}. Expected comma-separated " +
                "values, with a quote inside a quoted value written twice (\"\").", ex);
        }
        catch (FileNotFoundException ex)
        {
            throw new DesignFileException($"data file '{path}' does not exist. Expected --data to name a comma-separated file with a header row.", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new DesignFileException($"data file '{path}' does not exist (its folder is missing). Expected --data to name a comma-separated file with a header row.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DesignFileException($"data file '{path}' cannot be read: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new DesignFileException($"data file '{path}' cannot be read: {ex.Message}", ex);
        }

        var columns = new List<SurveyColumn>(header.Length);
        var written = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        for (var j = 0; j < header.Length; j++)
        {
            var column = BuildColumn(header[j]!, records, j);
            columns.Add(column);
            if (column is NumericColumn numeric && !WrittenAsRead(numeric, records, j))
            {
                written[numeric.Name] = [.. records.Select(r => IsMissing(r[j]) ? null : r[j])];
            }
        }

        return new SurveyTable(path, new SurveyData(columns), [.. lines], written);
    }

    /// <summary>Whether a cell is missing: empty or only white space.</summary>
    public static bool IsMissing(string? cell) => string.IsNullOrWhiteSpace(cell);

    /// <summary>Reads a cell as a finite number in the invariant culture (<c>.</c> decimals, optional exponent).</summary>
    public static bool TryParseNumber(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static void CheckHeader(string path, string?[] header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < header.Length; j++)
        {
            var name = header[j];
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new DesignFileException($"data file '{path}', line 1: column {j + 1} of the header has no name. Expected a name for every column.");
            }

            if (!seen.Add(name))
            {
                throw new DesignFileException($"data file '{path}', line 1: the column name '{name}' appears twice in the header. Expected distinct column names.");
            }
        }
    }

    /// <summary>
    /// Whether every cell of a numeric column is written as its number reads back (so its codes are its numbers); the
    /// engine labels numeric categories the same way (round-trip, invariant culture).
    /// </summary>
    private static bool WrittenAsRead(NumericColumn column, List<string[]> records, int j)
    {
        for (var i = 0; i < records.Count; i++)
        {
            if (!double.IsNaN(column.Values[i]) && !string.Equals(records[i][j], column.Values[i].ToString("R", CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static SurveyColumn BuildColumn(string name, List<string[]> records, int j)
    {
        var numbers = new double[records.Count];
        var numeric = true;
        for (var i = 0; i < records.Count; i++)
        {
            var cell = records[i][j];
            if (IsMissing(cell))
            {
                numbers[i] = double.NaN;
            }
            else if (TryParseNumber(cell, out var value))
            {
                numbers[i] = value;
            }
            else
            {
                numeric = false;
                break;
            }
        }

        if (numeric)
        {
            return new NumericColumn(name, numbers);
        }

        var text = new string?[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var cell = records[i][j];
            text[i] = IsMissing(cell) ? null : cell;
        }

        return new TextColumn(name, text);
    }

    private static string Quote(string? field) => field is null ? "an unknown field" : $"'{field.Trim()}'";
}

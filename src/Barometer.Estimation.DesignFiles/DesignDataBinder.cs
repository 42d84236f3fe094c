using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.DesignFiles;

/// <summary>
/// Joins a design file to its data file: every column the design names must be in the data, the ones used as
/// numbers must hold numbers, and the replicate-weight patterns become column names. The engine checks the values
/// themselves (positive weights, fpc, lonely PSUs, calibration totals); this step owns what only the two files
/// together can say, with both file names in the message.
/// </summary>
public static class DesignDataBinder
{
    private const int ColumnsListed = 40;

    /// <summary>
    /// The request, and the data with every column the design uses only as categories (ids, strata, domains,
    /// calibration margins) and written with codes that are not plain numbers (<c>0180</c>) read as those codes, as text.
    /// </summary>
    public static (EstimationRequest Request, SurveyData Data) Bind(DesignFile design, SurveyTable table)
    {
        foreach (var reference in design.References)
        {
            Check(design, table, reference);
        }

        ReplicateSpec? replicates = null;
        if (design.Replicates is { } entry)
        {
            IReadOnlyList<string>? columns = null;
            if (entry.ColumnPatterns is { } patterns)
            {
                var matched = Expand(design, table, patterns);
                foreach (var column in matched)
                {
                    Check(design, table, new ColumnReference(column, "replicates.columns", ColumnUse.Number));
                }

                columns = matched;
            }

            replicates = new ReplicateSpec(entry.Type, columns, entry.Rho);
        }

        var request = new EstimationRequest(design.Design, design.Calibration, replicates, design.Estimates, design.Level);
        var numbers = design.References.Where(r => r.Use == ColumnUse.Number).Select(r => r.Column).ToHashSet(StringComparer.Ordinal);
        var codes = design.References.Where(r => r.Use == ColumnUse.Any && !numbers.Contains(r.Column) && table.Written.ContainsKey(r.Column))
            .Select(r => r.Column).ToHashSet(StringComparer.Ordinal);
        if (codes.Count == 0)
        {
            return (request, table.Data);
        }

        var bound = table.Data.ColumnNames.Select(name =>
            codes.Contains(name) ? new TextColumn(name, table.Written[name]) : table.Data.TryGetColumn(name, out var column) ? column! : throw new InvalidOperationException(name));
        return (request, new SurveyData(bound));
    }

    private static void Check(DesignFile design, SurveyTable table, ColumnReference reference)
    {
        if (!table.Data.TryGetColumn(reference.Column, out var column))
        {
            throw new DesignFileException(
                $"design file '{design.Path}', line {design.LineOf(reference.Key)}, key '{reference.Key}': column '{reference.Column}' " +
                $"is not in data file '{table.Path}'. Expected one of its columns: {ListColumns(table.Data)}.");
        }

        if (reference.Use == ColumnUse.Number && column is TextColumn text)
        {
            for (var i = 0; i < text.Values.Length; i++)
            {
                var cell = text.Values[i];
                if (cell is not null && !SurveyCsvReader.TryParseNumber(cell, out _))
                {
                    throw new DesignFileException(
                        $"data file '{table.Path}', line {table.LineOf(i)}, column '{reference.Column}': expected a number (with . as " +
                        $"the decimal mark, or an empty cell for a missing value), because the column is {reference.Key} in design file " +
                        $"'{design.Path}' (line {design.LineOf(reference.Key)}); found '{cell}'.");
                }
            }
        }
    }

    private static List<string> Expand(DesignFile design, SurveyTable table, IReadOnlyList<string> patterns)
    {
        var names = table.Data.ColumnNames.ToList();
        var matched = new List<string>();
        for (var p = 0; p < patterns.Count; p++)
        {
            var before = matched.Count;
            foreach (var name in names)
            {
                if (GlobMatches(patterns[p], name) && !matched.Contains(name, StringComparer.Ordinal))
                {
                    matched.Add(name);
                }
            }

            if (matched.Count == before)
            {
                var key = patterns.Count == 1 ? "replicates.columns" : $"replicates.columns[{p}]";
                throw new DesignFileException(
                    $"design file '{design.Path}', line {design.LineOf(key)}, key '{key}': no column of data file '{table.Path}' matches " +
                    $"'{patterns[p]}'. Expected a name or a pattern (* for any characters, ? for one) matching the replicate-weight " +
                    $"columns among: {ListColumns(table.Data)}.");
            }
        }

        return matched;
    }

    /// <summary>Whether a column name matches a pattern where <c>*</c> is any run of characters and <c>?</c> one character.</summary>
    public static bool GlobMatches(string pattern, string name)
    {
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == name[n]))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static string ListColumns(SurveyData data)
    {
        var names = data.ColumnNames.ToList();
        var shown = string.Join(", ", names.Take(ColumnsListed));
        return names.Count > ColumnsListed ? $"{shown} and {names.Count - ColumnsListed} more" : shown;
    }
}

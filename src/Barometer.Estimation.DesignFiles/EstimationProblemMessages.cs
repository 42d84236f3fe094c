using Barometer.Estimation.Requests;

namespace Barometer.Estimation.DesignFiles;

/// <summary>
/// Turns the engine's problems (a key path or column name, and a zero-based row) into messages that point into
/// the files: the data file's line for a row, the design file's line for a key.
/// </summary>
public static class EstimationProblemMessages
{
    private const int Shown = 20;

    public static string Describe(IReadOnlyList<EstimationProblem> problems, DesignFile design, SurveyTable table)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var lines = problems.Take(Shown).Select(p => Describe(p, design, table)).ToList();
        if (problems.Count > Shown)
        {
            lines.Add($"{problems.Count - Shown} further problem(s) not shown; fix the ones above and run again.");
        }

        // The host prefixes the first line with "error: "; the others get the same prefix so every line reads alike.
        return string.Join(Environment.NewLine + "error: ", lines);
    }

    public static string Describe(EstimationProblem problem, DesignFile design, SurveyTable table)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var key = problem.Key;
        var message = problem.Message;
        var isColumn = table.Data.HasColumn(key);
        if (problem.Row is int row)
        {
            var where = $"data file '{table.Path}', line {table.LineOf(row)}";
            if (isColumn)
            {
                where += $", column '{key}'";
            }
            else if (design.LineOf(key) is int keyLine)
            {
                where += $" (design file '{design.Path}', line {keyLine}, key '{key}')";
            }

            return $"{where}: {message}";
        }

        if (design.HasKey(key) || (!isColumn && key != "data" && design.LineOf(key) is not null))
        {
            return $"design file '{design.Path}', line {design.LineOf(key)}, key '{key}': {message}";
        }

        if (isColumn)
        {
            return $"data file '{table.Path}', column '{key}': {message}";
        }

        return key == "data"
            ? $"data file '{table.Path}': {message}"
            : $"design file '{design.Path}', key '{key}': {message}";
    }
}

using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Data;

/// <summary>Collects the problems of one run, so every fault in a request is reported at once.</summary>
internal sealed class ProblemLog
{
    private const int MaxRowProblemsPerKey = 5;
    private readonly List<EstimationProblem> _problems = [];
    private readonly Dictionary<string, int> _rowProblemsByKey = new(StringComparer.Ordinal);

    public bool HasProblems => _problems.Count > 0;

    public IReadOnlyList<EstimationProblem> Problems => _problems;

    /// <summary>Adds a problem; <paramref name="estimate"/> is the index of the estimate it concerns, if one.</summary>
    public void Add(string key, string message, int? estimate = null) => _problems.Add(new EstimationProblem(key, null, message, estimate));

    /// <summary>Appends the problems of another log (e.g. one filled on another thread).</summary>
    public void AddAll(ProblemLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _problems.AddRange(other._problems);
    }

    /// <summary>Adds a problem in one data row; after a few rows of the same key, further rows are counted, not listed.</summary>
    public void AddRow(string key, int row, string message)
    {
        _rowProblemsByKey.TryGetValue(key, out var count);
        _rowProblemsByKey[key] = count + 1;
        if (count < MaxRowProblemsPerKey)
        {
            _problems.Add(new EstimationProblem(key, row, message, null));
        }
        else if (count == MaxRowProblemsPerKey)
        {
            _problems.Add(new EstimationProblem(key, null, "Further rows have the same problem; only the first " + MaxRowProblemsPerKey + " are listed.", null));
        }
    }
}

using System.Runtime.CompilerServices;
using Barometer.Estimation.Data;
using Barometer.Estimation.Requests;

namespace Barometer.Estimation.Domains;

/// <summary>
/// The domains of an estimate: every combination of the <c>by</c> variables that occurs in the data, ordered as
/// R's <c>svyby</c> orders <c>interaction(by...)</c> (the first variable varies fastest, each in factor-level
/// order). Rows with a missing <c>by</c> value belong to no domain, as in R.
/// </summary>
internal sealed class DomainIndex
{
    private DomainIndex(int[] domainOfRow, string[] labels, DomainValue[][] values, CategoricalVariable[] variables, int[][] levelsOfDomain)
    {
        DomainOfRow = domainOfRow;
        Labels = labels;
        Values = values;
        Variables = variables;
        LevelsOfDomain = levelsOfDomain;
    }

    /// <summary>The domain of every row, -1 when a <c>by</c> value is missing.</summary>
    public int[] DomainOfRow { get; }

    /// <summary>Domain labels: empty for the whole population, else <c>var=value</c> joined by ';'.</summary>
    public string[] Labels { get; }

    /// <summary>The value of every <c>by</c> variable for each domain, as data (the labels' parts).</summary>
    public DomainValue[][] Values { get; }

    public CategoricalVariable[] Variables { get; }

    /// <summary>The level of every <c>by</c> variable for each domain.</summary>
    public int[][] LevelsOfDomain { get; }

    public int Count => Labels.Length;

    public static DomainIndex WholePopulation(int rows) => new(new int[rows], [string.Empty], [[]], [], [[]]);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DomainIndex? Build(IReadOnlyList<string> by, string keyPrefix, ColumnResolver columns, int? estimate = null)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (by.Count == 0)
        {
            return WholePopulation(columns.RowCount);
        }

        var variables = new CategoricalVariable[by.Count];
        for (var v = 0; v < by.Count; v++)
        {
            var variable = columns.Categorical(by[v], $"{keyPrefix}.by[{v}]", estimate);
            if (variable is null)
            {
                return null;
            }

            variables[v] = variable;
        }

        var n = columns.RowCount;
        var combined = new long[n];
        long size = 1;
        foreach (var variable in variables)
        {
            size = size > long.MaxValue / Math.Max(1, variable.LevelCount) ? long.MaxValue : size * Math.Max(1, variable.LevelCount);
        }

        for (var i = 0; i < n; i++)
        {
            long code = 0;
            long radix = 1;
            for (var v = 0; v < variables.Length && code >= 0; v++)
            {
                var c = variables[v].Codes[i];
                code = c < 0 ? -1 : code + (c * radix);
                radix *= variables[v].LevelCount;
            }

            combined[i] = code;
        }

        long[] present;
        int[]? denseIndex = null;
        Dictionary<long, int>? sparseIndex = null;
        if (size <= Math.Max(1024, 4L * n))
        {
            // Few possible combinations: mark them in an array (no hashing on the per-row path).
            denseIndex = new int[size];
            foreach (var code in combined)
            {
                if (code >= 0)
                {
                    denseIndex[code] = 1;
                }
            }

            var list = new List<long>();
            for (var code = 0; code < size; code++)
            {
                if (denseIndex[code] != 0)
                {
                    denseIndex[code] = list.Count;
                    list.Add(code);
                }
            }

            present = [.. list];
        }
        else
        {
            var distinct = new HashSet<long>();
            foreach (var code in combined)
            {
                if (code >= 0)
                {
                    distinct.Add(code);
                }
            }

            present = [.. distinct];
            Array.Sort(present);
            sparseIndex = new Dictionary<long, int>(present.Length);
            for (var d = 0; d < present.Length; d++)
            {
                sparseIndex[present[d]] = d;
            }
        }

        var labels = new string[present.Length];
        var values = new DomainValue[present.Length][];
        var levels = new int[present.Length][];
        for (var d = 0; d < present.Length; d++)
        {
            var rest = present[d];
            var parts = new string[variables.Length];
            values[d] = new DomainValue[variables.Length];
            levels[d] = new int[variables.Length];
            for (var v = 0; v < variables.Length; v++)
            {
                var level = (int)(rest % variables[v].LevelCount);
                rest /= variables[v].LevelCount;
                levels[d][v] = level;
                values[d][v] = new DomainValue(by[v], variables[v].Labels[level]);
                parts[v] = by[v] + "=" + variables[v].Labels[level];
            }

            labels[d] = string.Join(';', parts);
        }

        var domainOfRow = new int[n];
        for (var i = 0; i < n; i++)
        {
            var code = combined[i];
            domainOfRow[i] = code < 0 ? -1 : denseIndex is not null ? denseIndex[code] : sparseIndex![code];
        }

        return new DomainIndex(domainOfRow, labels, values, variables, levels);
    }
}

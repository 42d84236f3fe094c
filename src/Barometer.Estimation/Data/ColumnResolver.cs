using System.Globalization;

namespace Barometer.Estimation.Data;

/// <summary>Reads request columns out of <see cref="SurveyData"/>, reporting unknown columns and unreadable values.</summary>
internal sealed class ColumnResolver(SurveyData data, ProblemLog log)
{
    private readonly Dictionary<string, double[]?> _numeric = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CategoricalVariable?> _categorical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Domains.DomainIndex> _domains = new(StringComparer.Ordinal);

    public int RowCount => data.RowCount;

    public ProblemLog Log => log;

    /// <summary>
    /// The column as numbers (NaN for missing), or <see langword="null"/> after reporting a problem: the column is
    /// unknown (under <paramref name="key"/>, for <paramref name="estimate"/> when an estimate asked) or holds text
    /// that is not a number (under the column name, with its row).
    /// </summary>
    public double[]? Numeric(string column, string key, int? estimate = null)
    {
        if (_numeric.TryGetValue(column, out var cached))
        {
            return cached;
        }

        double[]? result = null;
        if (!data.TryGetColumn(column, out var source))
        {
            log.Add(key, $"Unknown column '{column}'.", estimate);
        }
        else if (source is NumericColumn numeric)
        {
            result = numeric.Values;
        }
        else if (source is TextColumn text)
        {
            result = ParseNumbers(text, key);
        }

        _numeric[column] = result;
        return result;
    }

    /// <summary>The column as categories, or <see langword="null"/> after reporting an unknown column under <paramref name="key"/>.</summary>
    public CategoricalVariable? Categorical(string column, string key, int? estimate = null)
    {
        if (_categorical.TryGetValue(column, out var cached))
        {
            return cached;
        }

        CategoricalVariable? result = null;
        if (!data.TryGetColumn(column, out var source))
        {
            log.Add(key, $"Unknown column '{column}'.", estimate);
        }
        else
        {
            result = CategoricalVariable.From(source);
        }

        _categorical[column] = result;
        return result;
    }

    /// <summary>The domains of a list of <c>by</c> variables, built once per distinct list.</summary>
    public Domains.DomainIndex? Domains(IReadOnlyList<string> by, string keyPrefix, int? estimate = null)
    {
        var key = string.Join('\u0001', by);
        if (_domains.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var built = global::Barometer.Estimation.Domains.DomainIndex.Build(by, keyPrefix, this, estimate);
        if (built is not null)
        {
            _domains[key] = built;
        }

        return built;
    }

    /// <summary>Reports every row where <paramref name="values"/> is missing; returns whether there was none.</summary>
    public bool RequireComplete(double[] values, string column, string what)
    {
        var ok = true;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                log.AddRow(column, i, $"{what} is missing; a value is required in every row.");
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>Reports every row where <paramref name="variable"/> is missing; returns whether there was none.</summary>
    public bool RequireComplete(CategoricalVariable variable, string what)
    {
        var ok = true;
        var codes = variable.Codes;
        for (var i = 0; i < codes.Length; i++)
        {
            if (codes[i] < 0)
            {
                log.AddRow(variable.Name, i, $"{what} is missing; a value is required in every row.");
                ok = false;
            }
        }

        return ok;
    }

    private double[]? ParseNumbers(TextColumn text, string key)
    {
        var values = new double[text.Values.Length];
        var ok = true;
        for (var i = 0; i < values.Length; i++)
        {
            var s = text.Values[i];
            if (string.IsNullOrEmpty(s))
            {
                values[i] = double.NaN;
            }
            else if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || double.IsNaN(values[i]))
            {
                log.AddRow(text.Name, i, $"Expected a number in column '{text.Name}' (used as {key}), found '{s}'.");
                ok = false;
            }
        }

        return ok ? values : null;
    }
}

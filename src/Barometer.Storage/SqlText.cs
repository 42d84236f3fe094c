namespace Barometer.Storage;

/// <summary>
/// Text spliced into SQL: identifiers (table and column names, which DuckDB cannot take as parameters) and string
/// literals (in generated SQL that has no parameters). The one quoting of the store; everything else is a parameter.
/// </summary>
public static class SqlText
{
    /// <summary>A quoted identifier: <c>"name"</c>, with every <c>"</c> doubled.</summary>
    public static string Identifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A string literal: <c>'text'</c>, with every <c>'</c> doubled.</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}

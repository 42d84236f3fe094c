namespace Barometer.Publishing.Px;

/// <summary>
/// One keyword entry of a PX file as written: <c>NAME[language]("sub", "keys")=values;</c>.
/// </summary>
/// <param name="Name">The keyword in upper case, e.g. <c>VALUES</c>.</param>
/// <param name="Language">The language in brackets, or null for the file's default language.</param>
/// <param name="SubKeys">The quoted names in parentheses (a variable, or a variable and a value).</param>
/// <param name="Values">The values: strings unquoted, continued lines joined; bare tokens (YES, 0, TLIST(A1)) as written.</param>
/// <param name="Line">The 1-based line where the entry starts.</param>
public sealed record PxKeyword(
    string Name,
    string? Language,
    IReadOnlyList<string> SubKeys,
    IReadOnlyList<string> Values,
    int Line)
{
    /// <summary>The entry as it would be named in a message, e.g. <c>VALUES[sv]("år")</c>.</summary>
    public string Display => Describe(Name, Language, SubKeys);

    /// <summary>The single value, or the values joined by commas.</summary>
    public string Text => Values.Count == 1 ? Values[0] : string.Join(",", Values);

    internal static string Describe(string name, string? language, IReadOnlyList<string> subKeys)
    {
        var text = language is null ? name : $"{name}[{language}]";
        return subKeys.Count == 0 ? text : $"{text}({string.Join(",", subKeys.Select(k => $"\"{k}\""))})";
    }
}

using System.Globalization;
using System.Text;

namespace Barometer.Publishing.Selection;

/// <summary>
/// Resolves the value codes and value expressions of one variable against its values (docs/api.md, "Selections"):
/// a code, <c>*</c>, wildcard patterns with <c>*</c> and <c>?</c>, <c>top(n[,offset])</c>,
/// <c>bottom(n[,offset])</c>, <c>from(code)</c>, <c>to(code)</c>, <c>range(a,b)</c>. Function names are
/// case-insensitive; codes match exactly, else case-insensitively when that is unambiguous. For a time variable
/// <c>top</c> counts from the newest value (the last one) and <c>bottom</c> from the oldest.
/// </summary>
public static class ValueExpressions
{
    private const int ListedValues = 30;

    /// <summary>
    /// The indexes into <paramref name="codes"/> selected by any of <paramref name="expressions"/>, ascending and
    /// each once. Throws <see cref="SelectionException"/> naming <paramref name="variable"/> and the expression at
    /// fault when an expression is malformed or names an unknown code, or when nothing is selected.
    /// </summary>
    public static IReadOnlyList<int> Resolve(string variable, IReadOnlyList<string> codes, bool isTime, IEnumerable<string> expressions) =>
        Resolve(variable, new ValueDomain(codes), isTime, expressions);

    /// <summary>As <see cref="Resolve(string, IReadOnlyList{string}, bool, IEnumerable{string})"/> over a prepared <paramref name="domain"/>.</summary>
    public static IReadOnlyList<int> Resolve(string variable, ValueDomain domain, bool isTime, IEnumerable<string> expressions)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(expressions);
        var codes = domain.Codes;
        var lookup = domain;
        var selected = new bool[codes.Count];
        var any = false;
        foreach (var raw in expressions)
        {
            any = true;
            Apply(variable, codes, lookup, isTime, raw ?? string.Empty, selected);
        }

        var result = new List<int>();
        for (var i = 0; i < selected.Length; i++)
        {
            if (selected[i])
            {
                result.Add(i);
            }
        }

        if (result.Count == 0)
        {
            var shown = any ? string.Join(",", expressions) : string.Empty;
            throw new SelectionException(variable, shown, $"the selection of variable '{variable}' ('{shown}') selects no value; values are {ListValues(codes)}.");
        }

        return result;
    }

    /// <summary>The codes for a message: the first ones and how many there are.</summary>
    public static string ListValues(IReadOnlyList<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var builder = new StringBuilder();
        for (var i = 0; i < Math.Min(codes.Count, ListedValues); i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ").Append(codes[i]);
        }

        if (codes.Count > ListedValues)
        {
            builder.Append(CultureInfo.InvariantCulture, $", … ({codes.Count} values)");
        }

        return builder.ToString();
    }

    private static void Apply(string variable, IReadOnlyList<string> codes, ValueDomain lookup, bool isTime, string raw, bool[] selected)
    {
        var text = raw.Trim();
        if (text.Length == 0)
        {
            throw new SelectionException(variable, raw, $"variable '{variable}' has an empty value code; values are {ListValues(codes)}.");
        }

        // An exact code always wins, so a code that happens to look like an expression stays selectable.
        if (lookup.Find(text) is { } exact)
        {
            selected[exact] = true;
            return;
        }

        if (TryFunction(text, out var name, out var arguments))
        {
            ApplyFunction(variable, codes, lookup, isTime, text, name, arguments, selected);
            return;
        }

        if (text.Contains('*', StringComparison.Ordinal) || text.Contains('?', StringComparison.Ordinal))
        {
            for (var i = 0; i < codes.Count; i++)
            {
                if (Wildcard.Matches(text, codes[i]))
                {
                    selected[i] = true;
                }
            }

            return;
        }

        throw new SelectionException(variable, text, $"variable '{variable}' has no value '{text}'; values are {ListValues(codes)}.");
    }

    private static void ApplyFunction(string variable, IReadOnlyList<string> codes, ValueDomain lookup, bool isTime, string text, string name, IReadOnlyList<string> arguments, bool[] selected)
    {
        switch (name)
        {
            case "top":
            case "bottom":
                {
                    if (arguments.Count is < 1 or > 2)
                    {
                        throw Malformed(variable, text, $"{name}(n) or {name}(n,offset)");
                    }

                    var count = Count(variable, text, name, arguments[0]);
                    var offset = arguments.Count == 2 ? Count(variable, text, name, arguments[1]) : 0;

                    // top: the first values in table order, for time the newest; bottom: the opposite end.
                    var fromEnd = (name == "top") == isTime;
                    for (var k = offset; k < codes.Count && k - offset < count; k++)
                    {
                        selected[fromEnd ? codes.Count - 1 - k : k] = true;
                    }

                    return;
                }

            case "from":
            case "to":
                {
                    if (arguments.Count != 1)
                    {
                        throw Malformed(variable, text, $"{name}(code)");
                    }

                    var at = Code(variable, codes, lookup, arguments[0]);
                    var (first, last) = name == "from" ? (at, codes.Count - 1) : (0, at);
                    for (var i = first; i <= last; i++)
                    {
                        selected[i] = true;
                    }

                    return;
                }

            case "range":
                {
                    if (arguments.Count != 2)
                    {
                        throw Malformed(variable, text, "range(from,to)");
                    }

                    var first = Code(variable, codes, lookup, arguments[0]);
                    var last = Code(variable, codes, lookup, arguments[1]);
                    if (first > last)
                    {
                        throw new SelectionException(variable, text,
                            $"variable '{variable}': in '{text}' the value '{arguments[0]}' comes after '{arguments[1]}'; write range(first,last) in the order of the values: {ListValues(codes)}.");
                    }

                    for (var i = first; i <= last; i++)
                    {
                        selected[i] = true;
                    }

                    return;
                }

            default:
                throw new SelectionException(variable, text,
                    $"variable '{variable}' has no value '{text}', and '{name}' is not a value expression (top, bottom, from, to, range); values are {ListValues(codes)}.");
        }
    }

    private static SelectionException Malformed(string variable, string text, string form) =>
        new(variable, text, $"variable '{variable}': '{text}' is not a valid expression; write {form}.");

    private static int Count(string variable, string text, string name, string argument)
    {
        if (!int.TryParse(argument.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            throw new SelectionException(variable, text, $"variable '{variable}': in '{text}' the argument '{argument.Trim()}' of {name} must be a whole number of at least 0.");
        }

        return n;
    }

    private static int Code(string variable, IReadOnlyList<string> codes, ValueDomain lookup, string argument)
    {
        var code = argument.Trim();
        return lookup.Find(code)
            ?? throw new SelectionException(variable, code, $"variable '{variable}' has no value '{code}'; values are {ListValues(codes)}.");
    }

    /// <summary>Splits <c>name(a,b)</c> into its lower-case name and trimmed arguments.</summary>
    private static bool TryFunction(string text, out string name, out IReadOnlyList<string> arguments)
    {
        name = string.Empty;
        arguments = [];
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || text[^1] != ')')
        {
            return false;
        }

        var head = text[..open].Trim();
        foreach (var c in head)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        name = head.ToLowerInvariant();
        var inner = text[(open + 1)..^1];
        arguments = inner.Length == 0 && name is "top" or "bottom" or "from" or "to" or "range"
            ? []
            : inner.Split(',').Select(a => a.Trim()).ToList();
        return true;
    }

}

/// <summary>
/// The values of one variable prepared for <see cref="ValueExpressions.Resolve(string, ValueDomain, bool, IEnumerable{string})"/>:
/// its codes in order and their lookup (exact, else case-insensitive when unambiguous). Immutable; build once per dimension.
/// </summary>
public sealed class ValueDomain
{
    private readonly Dictionary<string, int> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _folded = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _ambiguous = new(StringComparer.OrdinalIgnoreCase);

    public ValueDomain(IReadOnlyList<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Codes = codes;
        for (var i = 0; i < codes.Count; i++)
        {
            _exact.TryAdd(codes[i], i);
            if (!_folded.TryAdd(codes[i], i))
            {
                _ambiguous.Add(codes[i]);
            }
        }
    }

    public IReadOnlyList<string> Codes { get; }

    /// <summary>The index of <paramref name="code"/>, or null.</summary>
    public int? Find(string code) =>
        _exact.TryGetValue(code, out var i) ? i
        : !_ambiguous.Contains(code) && _folded.TryGetValue(code, out var j) ? j
        : null;
}

/// <summary>Wildcard patterns over codes: <c>*</c> any run of characters (also none), <c>?</c> exactly one; case-insensitive.</summary>
public static class Wildcard
{
    public static bool Matches(string pattern, string code)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(code);

        // Greedy matching with one backtrack point per '*': linear in practice, never exponential.
        int p = 0, c = 0, star = -1, mark = 0;
        while (c < code.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(code[c])))
            {
                p++;
                c++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = c;
            }
            else if (star >= 0)
            {
                p = star + 1;
                c = ++mark;
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
}

using System.Text.Json;

namespace Barometer.Publishing.Selection;

/// <summary>
/// Reads a PxWeb data selection from GET query parameters (<c>valuecodes[VAR]=a,b,top(3)</c>,
/// <c>codelist[VAR]=id</c>, <c>heading=A,B</c>, <c>stub=C</c>) or from a POST <c>VariablesSelection</c> body. Throws
/// <see cref="SelectionException"/> for malformed input; whether the codes exist is the table's business.
/// </summary>
public static class SelectionParser
{
    private const string ValueCodes = "valuecodes";
    private const string CodelistKey = "codelist";

    /// <summary>
    /// The selection in the query parameters <paramref name="parameters"/> (a key may repeat; other keys such as
    /// <c>lang</c> or <c>outputFormat</c> are ignored). Commas inside parentheses belong to the expression.
    /// </summary>
    public static TableSelection FromQuery(IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var order = new List<string>();
        var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var codelists = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        List<string>? heading = null;
        List<string>? stub = null;
        foreach (var (key, value) in parameters)
        {
            if (key is null)
            {
                continue;
            }

            if (TryBracketed(key, ValueCodes, out var variable))
            {
                if (!values.TryGetValue(variable, out var list))
                {
                    values[variable] = list = [];
                    if (!codelists.ContainsKey(variable))
                    {
                        order.Add(variable);
                    }
                }

                list.AddRange(SplitExpressions(value ?? string.Empty));
            }
            else if (TryBracketed(key, CodelistKey, out variable))
            {
                if (codelists.TryGetValue(variable, out var existing) && !string.Equals(existing, value, StringComparison.Ordinal))
                {
                    throw new SelectionException(variable, value, $"variable '{variable}' is given two codelists, '{existing}' and '{value}'.");
                }

                if (!values.ContainsKey(variable) && !codelists.ContainsKey(variable))
                {
                    order.Add(variable);
                }

                codelists[variable] = (value ?? string.Empty).Trim();
            }
            else if (string.Equals(key, "heading", StringComparison.OrdinalIgnoreCase))
            {
                heading ??= [];
                heading.AddRange(SplitList(value));
            }
            else if (string.Equals(key, "stub", StringComparison.OrdinalIgnoreCase))
            {
                stub ??= [];
                stub.AddRange(SplitList(value));
            }
        }

        var variables = order
            .Select(v => new VariableSelection(
                v,
                values.TryGetValue(v, out var list) ? list : [],
                codelists.TryGetValue(v, out var codelist) && codelist.Length > 0 ? codelist : null))
            .ToList();
        return new TableSelection(variables, heading, stub);
    }

    /// <summary>The selection in a POST body: <c>{"selection":[{"variableCode","valueCodes","codelist"}],"placement":{"heading","stub"}}</c>.</summary>
    public static TableSelection FromJson(string json) => FromJson(json, null);

    /// <summary>
    /// As <see cref="FromJson(string)"/>; keys the VariablesSelection does not define are ignored and, when
    /// <paramref name="ignored"/> is given, added to it by their path (<c>savedQuery</c>, <c>selection[].extra</c>,
    /// <c>placement.x</c>).
    /// </summary>
    public static TableSelection FromJson(string json, ICollection<string>? ignored)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            return Read(document.RootElement, ignored);
        }
        catch (JsonException e)
        {
            throw new SelectionException(null, null, $"the request body is not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // A property name with a lone UTF-16 surrogate (strings are read through Text, which names their member).
            throw new SelectionException(null, null, "the request body has a property name that is not valid Unicode (a lone UTF-16 surrogate such as \\ud800).");
        }
    }

    /// <summary>Splits a GET value list on commas that are not inside parentheses: <c>a,range(1,3),b</c> → a; range(1,3); b.</summary>
    public static IReadOnlyList<string> SplitExpressions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ',' when depth == 0:
                    parts.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        parts.Add(text[start..].Trim());
        return parts;
    }

    private static string[] SplitList(string? value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static bool TryBracketed(string key, string name, out string variable)
    {
        variable = string.Empty;
        if (key.Length > name.Length + 2
            && key.StartsWith(name, StringComparison.OrdinalIgnoreCase)
            && key[name.Length] == '['
            && key[^1] == ']')
        {
            variable = key[(name.Length + 1)..^1].Trim();
            return variable.Length > 0;
        }

        return false;
    }

    private static TableSelection Read(JsonElement root, ICollection<string>? ignored)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("the body must be a JSON object with a 'selection' array");
        }

        Unknown(root, string.Empty, ["selection", "placement"], ignored);

        var variables = new List<VariableSelection>();
        if (Property(root, "selection") is { } selection)
        {
            if (selection.ValueKind == JsonValueKind.Null)
            {
                // Treated as no selection: the default applies.
            }
            else if (selection.ValueKind != JsonValueKind.Array)
            {
                throw Invalid("'selection' must be an array");
            }
            else
            {
                foreach (var item in selection.EnumerateArray())
                {
                    variables.Add(ReadVariable(item));
                    Unknown(item, "selection[].", ["variableCode", "valueCodes", "values", "codelist"], ignored);
                }
            }
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var variable in variables)
        {
            if (!seen.Add(variable.Code))
            {
                throw new SelectionException(variable.Code, null, $"variable '{variable.Code}' is selected twice.");
            }
        }

        IReadOnlyList<string>? heading = null;
        IReadOnlyList<string>? stub = null;
        if (Property(root, "placement") is { ValueKind: not JsonValueKind.Null } placement)
        {
            if (placement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("'placement' must be an object with 'heading' and 'stub' arrays");
            }

            heading = Strings(placement, "heading");
            stub = Strings(placement, "stub");
            Unknown(placement, "placement.", ["heading", "stub"], ignored);
        }

        return new TableSelection(variables, heading, stub);
    }

    private static VariableSelection ReadVariable(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("each item of 'selection' must be an object with 'variableCode' and 'valueCodes'");
        }

        if (Property(item, "variableCode") is not { ValueKind: JsonValueKind.String } code || string.IsNullOrWhiteSpace(Text(code, "variableCode")))
        {
            throw Invalid("each item of 'selection' needs a 'variableCode' string");
        }

        var variable = Text(code, "variableCode").Trim();
        string? codelist = null;
        if (Property(item, "codelist") is { } list && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.String)
            {
                throw new SelectionException(variable, null, $"the codelist of variable '{variable}' must be a string.");
            }

            var text = Text(list, "codelist");
            codelist = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        }

        var values = Strings(item, "valueCodes") ?? Strings(item, "values") ?? [];
        return new VariableSelection(variable, values, codelist);
    }

    private static List<string>? Strings(JsonElement owner, string name)
    {
        if (Property(owner, name) is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"'{name}' must be an array of strings");
        }

        var result = new List<string>();
        foreach (var value in element.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.String)
            {
                throw Invalid($"'{name}' must be an array of strings");
            }

            result.Add(Text(value, name));
        }

        return result;
    }

    /// <summary>A JSON string's text; a lone UTF-16 surrogate (<c>"\ud800"</c>) cannot be read and is a selection error naming <paramref name="member"/>.</summary>
    private static string Text(JsonElement element, string member)
    {
        try
        {
            return element.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw Invalid($"'{member}' holds a string that is not valid Unicode (a lone UTF-16 surrogate such as \\ud800)");
        }
    }

    private static void Unknown(JsonElement owner, string path, string[] known, ICollection<string>? ignored)
    {
        if (ignored is null)
        {
            return;
        }

        foreach (var property in owner.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.OrdinalIgnoreCase) && !ignored.Contains(path + property.Name))
            {
                ignored.Add(path + property.Name);
            }
        }
    }

    private static JsonElement? Property(JsonElement owner, string name)
    {
        foreach (var property in owner.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static SelectionException Invalid(string what) => new(null, null, $"the request body is not a valid VariablesSelection: {what}.");
}

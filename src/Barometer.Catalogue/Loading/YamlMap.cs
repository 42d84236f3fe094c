using System.Globalization;
using Barometer.Catalogue.Expressions;
using Barometer.Catalogue.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Barometer.Catalogue.Loading;

/// <summary>
/// Reads one YAML mapping field by field, reporting every missing, mistyped or unknown field with its file and line
/// instead of throwing, so that a load collects all problems.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMap(YamlMappingNode node, string file, CatalogueProblemLog log)
    {
        _node = node;
        File = file;
        Log = log;
    }

    public string File { get; }

    public CatalogueProblemLog Log { get; }

    public SourceLocation Location => Locate(_node);

    /// <summary>Loads a YAML file whose top level is a mapping; null (with the problem logged) when it cannot be read.</summary>
    public static YamlMap? LoadFile(string root, string relative, CatalogueProblemLog log, bool required = true)
    {
        var path = Path.Combine(root, relative);
        if (!System.IO.File.Exists(path))
        {
            if (required)
            {
                log.Add(new SourceLocation(relative, 1), "the file is missing");
            }

            return null;
        }

        try
        {
            using var reader = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(reader);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                log.Add(new SourceLocation(relative, 1), "the file must hold one YAML mapping (key: value lines) at its top level");
                return null;
            }

            return new YamlMap(mapping, relative, log);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is ArgumentException ? "a key appears twice in the same mapping" : Innermost(ex).Message;
            log.Add(new SourceLocation(relative, (int)ex.Start.Line, (int)ex.Start.Column), $"YAML syntax: {message}");
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this (without a position) on some malformed input.
            log.Add(new SourceLocation(relative, 1), $"YAML syntax: the file could not be parsed ({ex.Message})");
            return null;
        }
    }

    public SourceLocation Locate(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public SourceLocation LocationOf(string key) => Peek(key) is { } node ? Locate(node) : Location;

    public bool Has(string key) => Peek(key) is not null;

    public YamlNode? Node(string key)
    {
        _read.Add(key);
        return Peek(key);
    }

    public string? String(string key, bool required = true)
    {
        var node = Node(key);
        if (node is null)
        {
            Missing(key, required);
            return null;
        }

        if (node is not YamlScalarNode { Value: { } value })
        {
            Log.Add(Locate(node), $"'{key}' must be a single value");
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            Log.Add(Locate(node), $"'{key}' is empty");
            return null;
        }

        return value.Trim();
    }

    public double? Number(string key, bool required = true)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Log.Add(LocationOf(key), $"'{key}' must be a number, not '{text}'");
            return null;
        }

        return value;
    }

    public int? Integer(string key, bool required = true)
    {
        var value = Number(key, required);
        if (value is null)
        {
            return null;
        }

        if (value != Math.Floor(value.Value) || Math.Abs(value.Value) > int.MaxValue)
        {
            Log.Add(LocationOf(key), $"'{key}' must be a whole number");
            return null;
        }

        return (int)value.Value;
    }

    public bool Boolean(string key, bool fallback)
    {
        var text = String(key, required: false);
        switch (text)
        {
            case null:
                return fallback;
            case "true" or "yes":
                return true;
            case "false" or "no":
                return false;
            default:
                Log.Add(LocationOf(key), $"'{key}' must be true or false, not '{text}'");
                return fallback;
        }
    }

    /// <summary>An enum written in snake_case, e.g. foreign_born for ForeignBorn.</summary>
    public T? Enum<T>(string key, bool required = true)
        where T : struct, Enum
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        foreach (var value in System.Enum.GetValues<T>())
        {
            if (string.Equals(SnakeCase(value.ToString()), text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        var allowed = string.Join(", ", System.Enum.GetValues<T>().Select(v => SnakeCase(v.ToString())));
        Log.Add(LocationOf(key), $"'{key}' must be one of {allowed}, not '{text}'");
        return null;
    }

    /// <summary>A {sv: ..., en: ...} mapping; a missing or empty translation is reported.</summary>
    public LocalizedText? Text(string key, bool required = true)
    {
        var node = Node(key);
        if (node is null)
        {
            Missing(key, required);
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Log.Add(Locate(node), $"'{key}' must have a Swedish and an English text: {key}: {{sv: ..., en: ...}}");
            return null;
        }

        var map = new YamlMap(mapping, File, Log);
        var text = map.Translations($"'{key}'");
        map.Finish();
        return text;
    }

    /// <summary>The sv and en fields of this mapping itself (for code lists written as {code: "1", sv: Män, en: Men}).</summary>
    public LocalizedText? Translations(string what = "the label")
    {
        var sv = Translation("sv", what, "Swedish");
        var en = Translation("en", what, "English");
        return sv is null || en is null ? null : new LocalizedText(sv, en);
    }

    public IReadOnlyList<(string Value, SourceLocation Location)> Strings(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            Missing(key, required);
            return [];
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } single })
        {
            return [(single.Trim(), Locate(node))];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Log.Add(Locate(node), $"'{key}' must be a list, e.g. [a, b]");
            return [];
        }

        var values = new List<(string, SourceLocation)>();
        foreach (var item in sequence)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } value })
            {
                values.Add((value.Trim(), Locate(item)));
            }
            else
            {
                Log.Add(Locate(item), $"every entry of '{key}' must be a single value");
            }
        }

        return values;
    }

    public IReadOnlyList<YamlMap> Maps(string key, bool required = true)
    {
        var node = Node(key);
        if (node is null)
        {
            Missing(key, required);
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            Log.Add(Locate(node), $"'{key}' must be a list of entries, each starting with '- '");
            return [];
        }

        var maps = new List<YamlMap>();
        foreach (var item in sequence)
        {
            if (item is YamlMappingNode mapping)
            {
                maps.Add(new YamlMap(mapping, File, Log));
            }
            else
            {
                Log.Add(Locate(item), $"every entry of '{key}' must be a mapping (key: value)");
            }
        }

        return maps;
    }

    public YamlMap? Map(string key, bool required = true)
    {
        var node = Node(key);
        if (node is null)
        {
            Missing(key, required);
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            Log.Add(Locate(node), $"'{key}' must be a mapping (key: value)");
            return null;
        }

        return new YamlMap(mapping, File, Log);
    }

    /// <summary>The entries of a mapping whose keys are names, e.g. <c>mappings: {lan: county_code}</c>.</summary>
    public IReadOnlyList<(string Key, string Value, SourceLocation Location)> Pairs(string key)
    {
        var node = Node(key);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlMappingNode mapping)
        {
            Log.Add(Locate(node), $"'{key}' must be a mapping (key: value)");
            return [];
        }

        var pairs = new List<(string, string, SourceLocation)>();
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && v is YamlScalarNode { Value: { Length: > 0 } value })
            {
                pairs.Add((name, value, Locate(k)));
            }
            else
            {
                Log.Add(Locate(k), $"every entry of '{key}' must be name: value");
            }
        }

        return pairs;
    }

    /// <summary>An expression; parse problems are reported at their line and column.</summary>
    public Formula? Formula(string key, bool required = true)
    {
        var node = Node(key);
        if (node is null)
        {
            Missing(key, required);
            return null;
        }

        if (node is not YamlScalarNode { Value: { } text } scalar || string.IsNullOrWhiteSpace(text))
        {
            Log.Add(Locate(node), $"'{key}' must be an expression, e.g. age >= 20 and employed");
            return null;
        }

        var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
        var (expression, problems) = ExpressionParser.Parse(text);
        var formula = new Formula(text, expression, Locate(node), quoted);
        foreach (var problem in problems)
        {
            Log.Add(formula.Locate(problem.Span), $"in {key}: {problem.Message}");
        }

        return formula;
    }

    /// <summary>Reports every key of the mapping that nothing read: a misspelt field must not pass silently.</summary>
    public void Finish()
    {
        var known = _read.ToList();
        foreach (var (key, _) in _node.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && !_read.Contains(name))
            {
                var suggestion = NameSuggestion.Nearest(name, known);
                Log.Add(Locate(key), $"unknown field '{name}'" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)"));
            }
        }
    }

    internal static string SnakeCase(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));

    private string? Translation(string language, string what, string languageName)
    {
        var node = Node(language);
        if (node is not YamlScalarNode { Value: { } value } || string.IsNullOrWhiteSpace(value))
        {
            Log.Add(node is null ? Location : Locate(node), $"missing translation: {what} has no {languageName} text ('{language}')");
            return null;
        }

        return value.Trim();
    }

    private void Missing(string key, bool required)
    {
        if (required)
        {
            Log.Add(Location, $"missing field '{key}'");
        }
    }

    private YamlNode? Peek(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner && inner is YamlException ? Innermost(inner) : ex;
}

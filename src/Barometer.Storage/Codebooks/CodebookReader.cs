using System.Globalization;
using System.Security.Cryptography;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Barometer.Storage.Codebooks;

/// <summary>Reads <c>codebook.yaml</c>; a codebook that breaks its own rules fails with the line at fault.</summary>
public static class CodebookReader
{
    public const string FileName = "codebook.yaml";

    private const long MaxBytes = 64L << 20;

    /// <summary>
    /// The codebook for an input: <paramref name="input"/> itself when it is a codebook file, else the nearest
    /// <c>codebook.yaml</c> in the input folder or one of its parents.
    /// </summary>
    public static string? Locate(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var full = Path.GetFullPath(input);
        var directory = File.Exists(full) ? Path.GetDirectoryName(full) : full;
        while (directory is not null)
        {
            var candidate = Path.Combine(directory, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            directory = Path.GetDirectoryName(directory);
        }

        return null;
    }

    public static Codebook ReadFile(string path)
    {
        // A device or a huge file is not a codebook; reading one would never end or exhaust memory.
        var length = new FileInfo(path).Length;
        if (length is 0 or > MaxBytes)
        {
            throw new CodebookException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: expected a codebook file of 1 to {MaxBytes:N0} bytes, found {(length == 0 ? "nothing to read (an empty file, or a device or pipe)" : $"{length:N0} bytes")}."));
        }

        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new CodebookException($"{path}, line {ex.Start.Line}: not valid YAML: {ex.Message}");
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new CodebookException($"{path}: expected one YAML mapping with a 'files' list.");
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("files"), out var filesNode) || filesNode is not YamlSequenceNode files)
        {
            throw new CodebookException($"{path}, line {root.Start.Line}: the codebook has no 'files' list.");
        }

        var result = new List<CodebookFile>();
        foreach (var fileNode in files)
        {
            var file = Mapping(fileNode, path, "a file entry");
            var filePath = RequiredScalar(file, "path", path);
            var columnsNode = file.Children.TryGetValue(new YamlScalarNode("columns"), out var c) ? c as YamlSequenceNode : null;
            if (columnsNode is null)
            {
                throw new CodebookException($"{path}, line {file.Start.Line}: file '{filePath}' has no 'columns' list.");
            }

            var columns = columnsNode.Select(n => ReadColumn(Mapping(n, path, "a column entry"), path)).ToList();
            var duplicate = columns.GroupBy(x => x.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new CodebookException($"{path}: file '{filePath}' describes column '{duplicate.Key}' twice.");
            }

            var rowsText = OptionalScalar(file, "rows", path);
            long? rows = null;
            if (rowsText is not null)
            {
                rows = long.TryParse(rowsText, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                    ? count
                    : throw new CodebookException(
                        $"{path}, line {file.Children[new YamlScalarNode("rows")].Start.Line}: file '{filePath}': 'rows' must be a whole number of rows (0 or more), found '{rowsText}'.");
            }

            var key = file.Children.TryGetValue(new YamlScalarNode("key"), out var keyNode)
                ? keyNode is YamlSequenceNode keys ? keys.Select(k => Scalar(k, "key", path)).ToList() : [Scalar(keyNode, "key", path)]
                : null;
            result.Add(new CodebookFile(filePath, rows, OptionalScalar(file, "kind", path), key, columns));
        }

        return new Codebook(Path.GetDirectoryName(Path.GetFullPath(path))!, result, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static CodebookColumn ReadColumn(YamlMappingNode column, string path)
    {
        var name = RequiredScalar(column, "name", path);
        var typeText = RequiredScalar(column, "type", path);
        var type = typeText switch
        {
            "integer" => CodebookType.WholeNumber,
            "number" => CodebookType.Number,
            "text" => CodebookType.Text,
            "boolean" => CodebookType.Boolean,
            _ => throw new CodebookException(
                $"{path}, line {column.Start.Line}: column '{name}' has type '{typeText}'; expected integer, number, text or boolean."),
        };
        var nullable = Flag(column, "nullable", name, path);
        var allowNonFinite = Flag(column, "allow_non_finite", name, path);
        List<string>? codes = null;
        if (column.Children.TryGetValue(new YamlScalarNode("codes"), out var codesNode) && codesNode is YamlSequenceNode codeList)
        {
            codes = codeList.Select(n => n is YamlMappingNode m ? RequiredScalar(m, "code", path) : Scalar(n, "codes", path)).ToList();
        }
        else if (codesNode is not null)
        {
            throw new CodebookException($"{path}, line {codesNode.Start.Line}: column '{name}': 'codes' must be a list.");
        }

        return new CodebookColumn(name, type, nullable, codes, OptionalScalar(column, "classification", path), OptionalScalar(column, "unit", path), allowNonFinite);
    }

    private static bool Flag(YamlMappingNode column, string key, string name, string path) => OptionalScalar(column, key, path) switch
    {
        null or "false" => false,
        "true" => true,
        var other => throw new CodebookException($"{path}, line {column.Start.Line}: column '{name}': '{key}' must be true or false, found '{other}'."),
    };

    private static string Scalar(YamlNode node, string key, string path) =>
        node is YamlScalarNode scalar
            ? scalar.Value ?? string.Empty
            : throw new CodebookException($"{path}, line {node.Start.Line}: '{key}' must hold single values, found {(node is YamlMappingNode ? "a mapping" : "a list")}.");

    private static YamlMappingNode Mapping(YamlNode node, string path, string what) =>
        node as YamlMappingNode ?? throw new CodebookException($"{path}, line {node.Start.Line}: expected {what} as a mapping.");

    private static string RequiredScalar(YamlMappingNode node, string key, string path) =>
        OptionalScalar(node, key, path) ?? throw new CodebookException($"{path}, line {node.Start.Line}: '{key}' is missing.");

    /// <summary>The single value under <paramref name="key"/>, or null when absent; a mapping or list there is an error, never ignored.</summary>
    private static string? OptionalScalar(YamlMappingNode node, string key, string path) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? value is YamlScalarNode scalar
                ? scalar.Value
                : throw new CodebookException($"{path}, line {value.Start.Line}: '{key}' must be a single value, found {(value is YamlMappingNode ? "a mapping" : "a list")}.")
            : null;
}

/// <summary>The codebook cannot be read or contradicts itself.</summary>
public sealed class CodebookException : Exception
{
    public CodebookException(string message)
        : base(message)
    {
    }

    public CodebookException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CodebookException()
    {
    }
}

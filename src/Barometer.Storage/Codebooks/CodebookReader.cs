using System.Globalization;
using System.Security.Cryptography;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Barometer.Storage.Codebooks;

/// <summary>Reads <c>codebook.yaml</c>; a codebook that breaks its own rules fails with the line at fault.</summary>
public static class CodebookReader
{
    public const string FileName = "codebook.yaml";

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

            var rowsText = OptionalScalar(file, "rows");
            long? rows = rowsText is null ? null : long.Parse(rowsText, NumberStyles.None, CultureInfo.InvariantCulture);
            var key = file.Children.TryGetValue(new YamlScalarNode("key"), out var keyNode)
                ? keyNode is YamlSequenceNode keys ? keys.Select(k => ((YamlScalarNode)k).Value ?? string.Empty).ToList() : [((YamlScalarNode)keyNode).Value ?? string.Empty]
                : null;
            result.Add(new CodebookFile(filePath, rows, OptionalScalar(file, "kind"), key, columns));
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
        var nullable = OptionalScalar(column, "nullable") switch
        {
            null or "false" => false,
            "true" => true,
            var other => throw new CodebookException($"{path}, line {column.Start.Line}: column '{name}': nullable must be true or false, found '{other}'."),
        };
        List<string>? codes = null;
        if (column.Children.TryGetValue(new YamlScalarNode("codes"), out var codesNode) && codesNode is YamlSequenceNode codeList)
        {
            codes = codeList.Select(n => n is YamlMappingNode m ? RequiredScalar(m, "code", path) : ((YamlScalarNode)n).Value ?? string.Empty).ToList();
        }

        return new CodebookColumn(name, type, nullable, codes, OptionalScalar(column, "classification"), OptionalScalar(column, "unit"));
    }

    private static YamlMappingNode Mapping(YamlNode node, string path, string what) =>
        node as YamlMappingNode ?? throw new CodebookException($"{path}, line {node.Start.Line}: expected {what} as a mapping.");

    private static string RequiredScalar(YamlMappingNode node, string key, string path) =>
        OptionalScalar(node, key) ?? throw new CodebookException($"{path}, line {node.Start.Line}: '{key}' is missing.");

    private static string? OptionalScalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
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

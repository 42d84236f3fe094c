using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace Barometer.Web.Tests.Contract;

/// <summary>
/// The schemas of the PxWeb API 2.0 contract (<c>docs/pxweb/PxAPI-2.yml</c>, <c>components/schemas</c>) as JSON
/// Schema 2020-12: the YAML is read with YamlDotNet, OpenAPI 3.0's dialect is translated (<c>nullable</c> becomes a
/// <c>null</c> type, boolean <c>exclusiveMaximum</c> a number, <c>#/components/schemas/X</c> becomes <c>#/$defs/X</c>,
/// <c>example</c> is dropped) and nothing else is changed, so a response that breaks the contract is rejected.
/// </summary>
internal static class PxApiSchemas
{
    private static readonly Lazy<JsonObject> Definitions = new(Load);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();

    /// <summary>The spec file: <c>docs/pxweb/PxAPI-2.yml</c>, copied beside the tests by the project file; the reference server's examples are in <c>examples/</c> beside it.</summary>
    public static string SpecPath { get; } = FindSpec();

    /// <summary>Problems of <paramref name="json"/> against schema <paramref name="name"/>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(string name, string json)
    {
        var schema = Schemas.GetOrAdd(name, n => new Lazy<JsonSchema>(() => Build(n))).Value;
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        var problems = new List<string>();
        Collect(result, problems);
        return problems.Count > 0 ? problems : ["invalid (no details)"];
    }

    private static JsonSchema Build(string name)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://barometer.test/pxapi/" + Guid.NewGuid().ToString("N"),
            ["$ref"] = "#/$defs/" + name,
            ["$defs"] = Definitions.Value.DeepClone(),
        };
        return JsonSchema.FromText(root.ToJsonString());
    }

    private static void Collect(EvaluationResults result, List<string> problems)
    {
        if (result.Errors is { } errors)
        {
            foreach (var (keyword, message) in errors)
            {
                problems.Add($"{result.InstanceLocation} ({result.EvaluationPath}) {keyword}: {message}");
            }
        }

        foreach (var detail in result.Details ?? [])
        {
            Collect(detail, problems);
        }
    }

    private static JsonObject Load()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(SpecPath))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var schemas = (YamlMappingNode)((YamlMappingNode)root.Children[new YamlScalarNode("components")]).Children[new YamlScalarNode("schemas")];
        var converted = new JsonObject();
        foreach (var (key, value) in schemas.Children)
        {
            converted[((YamlScalarNode)key).Value!] = Translate(ToJson(value));
        }

        return converted;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, ToJson(p.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidOperationException("unexpected YAML node " + node.NodeType),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted
            or YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" or "~" => null,
            _ when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }

    /// <summary>OpenAPI 3.0 schema object → JSON Schema 2020-12, recursively.</summary>
    private static JsonNode? Translate(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray([.. array.Select(Translate)]);
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    switch (key)
                    {
                        case "example" or "nullable" or "exclusiveMaximum" or "exclusiveMinimum":
                            continue;
                        case "$ref":
                            result[key] = value!.GetValue<string>().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
                            break;
                        case "properties" or "patternProperties" or "$defs":
                            // A map of names to schemas: its keys are property names, never keywords.
                            result[key] = new JsonObject(((JsonObject)value!).Select(p => KeyValuePair.Create(p.Key, Translate(p.Value))));
                            break;
                        default:
                            result[key] = Translate(value);
                            break;
                    }
                }

                if (obj["nullable"] is JsonValue nullable && nullable.GetValue<bool>())
                {
                    if (result["type"] is JsonValue type)
                    {
                        result["type"] = new JsonArray(type.GetValue<string>(), "null");
                        if (result["enum"] is JsonArray values)
                        {
                            values.Add(null);
                        }
                    }
                    else if (result["$ref"] is not null)
                    {
                        var reference = result["$ref"]!.GetValue<string>();
                        result.Remove("$ref");
                        result["anyOf"] = new JsonArray(new JsonObject { ["$ref"] = reference }, new JsonObject { ["type"] = "null" });
                    }
                }

                foreach (var (exclusive, bound) in new[] { ("exclusiveMaximum", "maximum"), ("exclusiveMinimum", "minimum") })
                {
                    if (obj[exclusive] is JsonValue flag && flag.GetValueKind() == JsonValueKind.True && result[bound] is JsonValue limit)
                    {
                        result.Remove(bound);
                        result[exclusive] = limit.DeepClone();
                    }
                }

                return result;
            default:
                return node?.DeepClone();
        }
    }

    private static string FindSpec()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Contract", "TestData", "PxAPI-2.yml");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException("docs/pxweb/PxAPI-2.yml (the PxWeb API 2.0 contract) was not copied to the test output: " + path);
    }
}

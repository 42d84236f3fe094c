using System.Globalization;
using System.Text.Json;

namespace Barometer.Publishing.JsonStat;

/// <summary>
/// Reads a JSON-stat 2.0 dataset strictly: <c>class</c> "dataset", <c>id</c> and <c>size</c> of equal length,
/// every dimension present with a category index that is a permutation of 0…size-1, and <c>value</c> /
/// <c>status</c> as arrays of the full cell count or as objects keyed by cell index. A document without
/// <c>value</c>, or with an empty one (PxWeb's metadata response), reads as metadata only.
/// </summary>
public static class JsonStatReader
{
    public static JsonStatDataset ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    public static JsonStatDataset Read(Stream stream)
    {
        try
        {
            using var document = JsonDocument.Parse(stream);
            return Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new JsonStatFormatException($"not valid JSON: {ex.Message}", "$");
        }
    }

    public static JsonStatDataset Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new JsonStatFormatException($"not valid JSON: {ex.Message}", "$");
        }
    }

    private static JsonStatDataset Read(JsonElement root)
    {
        Expect(root, JsonValueKind.Object, "$");
        var version = OptionalString(root, "version", "$");
        if (version is not null && version != "2.0")
        {
            throw new JsonStatFormatException($"version \"{version}\" is not supported; expected \"2.0\".", "$.version");
        }

        var @class = OptionalString(root, "class", "$");
        if (@class != "dataset")
        {
            throw new JsonStatFormatException($"expected class \"dataset\", found {(@class is null ? "none" : $"\"{@class}\"")}.", "$.class");
        }

        var ids = Required(root, "id", JsonValueKind.Array, "$").EnumerateArray()
            .Select((e, i) => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new JsonStatFormatException("expected a string.", $"$.id[{i}]"))
            .ToList();
        var sizes = Required(root, "size", JsonValueKind.Array, "$").EnumerateArray()
            .Select((e, i) => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) && n > 0
                ? n
                : throw new JsonStatFormatException("expected a positive integer.", $"$.size[{i}]"))
            .ToList();
        if (ids.Count != sizes.Count)
        {
            throw new JsonStatFormatException($"id has {ids.Count} entries but size has {sizes.Count}.", "$.size");
        }

        if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            throw new JsonStatFormatException("a dimension id appears twice.", "$.id");
        }

        var dimensionElement = Required(root, "dimension", JsonValueKind.Object, "$");
        var dimensions = new List<JsonStatDimension>();
        for (var i = 0; i < ids.Count; i++)
        {
            var path = $"$.dimension.{ids[i]}";
            if (!dimensionElement.TryGetProperty(ids[i], out var dimension))
            {
                throw new JsonStatFormatException($"dimension \"{ids[i]}\" named in id is missing.", path);
            }

            dimensions.Add(ReadDimension(ids[i], dimension, sizes[i], path));
        }

        long cells = 1;
        foreach (var size in sizes)
        {
            cells *= size;
            if (cells > int.MaxValue)
            {
                throw new JsonStatFormatException("the dataset has too many cells.", "$.size");
            }
        }

        var roles = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (root.TryGetProperty("role", out var role))
        {
            Expect(role, JsonValueKind.Object, "$.role");
            foreach (var property in role.EnumerateObject())
            {
                var list = property.Value.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList();
                var unknown = list.FirstOrDefault(id => !ids.Contains(id, StringComparer.Ordinal));
                if (unknown is not null)
                {
                    throw new JsonStatFormatException($"role names dimension \"{unknown}\", which is not in id.", $"$.role.{property.Name}");
                }

                roles[property.Name] = list;
            }
        }

        // PxWeb's metadata response carries "value": [] — read, like a missing value, as metadata only.
        var values = root.TryGetProperty("value", out var valueElement)
            && !(valueElement.ValueKind == JsonValueKind.Array && valueElement.GetArrayLength() == 0)
                ? ReadValues(valueElement, (int)cells)
                : null;
        var status = root.TryGetProperty("status", out var statusElement) ? ReadStatus(statusElement, (int)cells) : null;
        return new JsonStatDataset(
            OptionalString(root, "label", "$"),
            OptionalString(root, "source", "$"),
            OptionalString(root, "updated", "$"),
            dimensions,
            roles,
            values,
            status);
    }

    private static JsonStatDimension ReadDimension(string id, JsonElement dimension, int size, string path)
    {
        Expect(dimension, JsonValueKind.Object, path);
        var category = Required(dimension, "category", JsonValueKind.Object, path);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (category.TryGetProperty("label", out var labelElement))
        {
            Expect(labelElement, JsonValueKind.Object, $"{path}.category.label");
            foreach (var property in labelElement.EnumerateObject())
            {
                labels[property.Name] = property.Value.GetString() ?? string.Empty;
            }
        }

        var codes = new string?[size];
        if (category.TryGetProperty("index", out var index))
        {
            if (index.ValueKind == JsonValueKind.Array)
            {
                var list = index.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList();
                if (list.Count != size)
                {
                    throw new JsonStatFormatException($"{list.Count} categories but size says {size}.", $"{path}.category.index");
                }

                for (var i = 0; i < size; i++)
                {
                    codes[i] = list[i];
                }
            }
            else
            {
                Expect(index, JsonValueKind.Object, $"{path}.category.index");
                var count = 0;
                foreach (var property in index.EnumerateObject())
                {
                    count++;
                    if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt32(out var position)
                        || position < 0 || position >= size || codes[position] is not null)
                    {
                        throw new JsonStatFormatException(
                            $"category \"{property.Name}\" has position {property.Value.GetRawText()}; positions must be distinct integers 0 to {size - 1}.",
                            $"{path}.category.index");
                    }

                    codes[position] = property.Name;
                }

                if (count != size)
                {
                    throw new JsonStatFormatException($"{count} categories but size says {size}.", $"{path}.category.index");
                }
            }
        }
        else
        {
            // JSON-stat 2.0 allows omitting index only for a dimension with a single category, named by label.
            if (size != 1 || labels.Count != 1)
            {
                throw new JsonStatFormatException("category.index is required unless the dimension has exactly one category.", $"{path}.category");
            }

            codes[0] = labels.Keys.Single();
        }

        var duplicate = codes.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new JsonStatFormatException($"category \"{duplicate.Key}\" appears twice.", $"{path}.category.index");
        }

        var categories = codes.Select(c => new JsonStatCategory(c!, labels.GetValueOrDefault(c!, c!))).ToList();
        return new JsonStatDimension(id, OptionalString(dimension, "label", path) ?? id, categories);
    }

    private static double?[] ReadValues(JsonElement element, int cells)
    {
        var values = new double?[cells];
        if (element.ValueKind == JsonValueKind.Array)
        {
            var length = element.GetArrayLength();
            if (length != cells)
            {
                throw new JsonStatFormatException($"value has {length} cells but the sizes give {cells}.", "$.value");
            }

            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                values[i] = Number(item, $"$.value[{i}]");
                i++;
            }

            return values;
        }

        Expect(element, JsonValueKind.Object, "$.value");
        foreach (var property in element.EnumerateObject())
        {
            values[CellKey(property.Name, cells, "$.value")] = Number(property.Value, $"$.value.{property.Name}");
        }

        return values;
    }

    private static string?[] ReadStatus(JsonElement element, int cells)
    {
        var status = new string?[cells];
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                Array.Fill(status, element.GetString());
                return status;
            case JsonValueKind.Array:
                var length = element.GetArrayLength();
                if (length != cells)
                {
                    throw new JsonStatFormatException($"status has {length} cells but the sizes give {cells}.", "$.status");
                }

                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    status[i++] = item.ValueKind == JsonValueKind.Null ? null : item.GetString();
                }

                return status;
            default:
                Expect(element, JsonValueKind.Object, "$.status");
                foreach (var property in element.EnumerateObject())
                {
                    status[CellKey(property.Name, cells, "$.status")] = property.Value.GetString();
                }

                return status;
        }
    }

    private static int CellKey(string key, int cells, string path) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < cells
            ? index
            : throw new JsonStatFormatException($"\"{key}\" is not a cell index below {cells}.", path);

    private static double? Number(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number => element.GetDouble(),
        _ => throw new JsonStatFormatException($"expected a number or null, found {element.ValueKind}.", path),
    };

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind, string path)
    {
        if (!parent.TryGetProperty(name, out var element))
        {
            throw new JsonStatFormatException($"required member \"{name}\" is missing.", path);
        }

        Expect(element, kind, $"{path}.{name}");
        return element;
    }

    private static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        Expect(element, JsonValueKind.String, $"{path}.{name}");
        return element.GetString();
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string path)
    {
        if (element.ValueKind != kind)
        {
            throw new JsonStatFormatException($"expected {kind.ToString().ToLowerInvariant()}, found {element.ValueKind.ToString().ToLowerInvariant()}.", path);
        }
    }
}

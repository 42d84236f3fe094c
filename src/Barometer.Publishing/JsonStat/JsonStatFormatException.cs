namespace Barometer.Publishing.JsonStat;

/// <summary>A JSON-stat document breaks the JSON-stat 2.0 rules; <see cref="Path"/> names the member at fault.</summary>
public sealed class JsonStatFormatException : FormatException
{
    public JsonStatFormatException(string reason, string path)
        : base($"JSON-stat {path}: {reason}")
    {
        Path = path;
    }

    public JsonStatFormatException()
    {
        Path = "$";
    }

    public JsonStatFormatException(string message)
        : base(message)
    {
        Path = "$";
    }

    public JsonStatFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "$";
    }

    /// <summary>A JSON path such as <c>$.dimension.Region.category.index</c>.</summary>
    public string Path { get; }
}

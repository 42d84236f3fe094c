namespace Barometer.Publishing.Formats;

/// <summary>An output format or format parameter that the API does not accept; the message names the value.</summary>
public class CubeFormatException : ArgumentException
{
    public CubeFormatException()
    {
    }

    public CubeFormatException(string message)
        : base(message)
    {
    }

    public CubeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CubeFormatException(string message, string? paramName)
        : base(message, paramName)
    {
    }
}

/// <summary>
/// An <c>outputFormat</c> or <c>outputFormatParams</c> name that is not one of ours. <see cref="Value"/> is the name
/// as given and <see cref="ValidValues"/> the names accepted in its place.
/// </summary>
public sealed class UnknownFormatException : CubeFormatException
{
    public UnknownFormatException()
    {
    }

    public UnknownFormatException(string message)
        : base(message)
    {
    }

    public UnknownFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnknownFormatException(string parameter, string value, IReadOnlyList<string> validValues)
        : base($"{parameter} '{value}' is not supported; valid values are {string.Join(", ", validValues)}.", parameter)
    {
        Value = value;
        ValidValues = validValues;
    }

    public string Value { get; } = string.Empty;

    public IReadOnlyList<string> ValidValues { get; } = [];
}

using System.Globalization;

namespace Barometer.Publishing.Px;

/// <summary>
/// A PX file breaks the rules of the format. <see cref="Line"/> is the 1-based line where the problem was found
/// and <see cref="Keyword"/> the keyword being read (null when the problem is outside any keyword).
/// </summary>
public sealed class PxFormatException : FormatException
{
    public PxFormatException(string reason, int line, string? keyword)
        : base(Compose(reason, line, keyword))
    {
        Reason = reason;
        Line = line;
        Keyword = keyword;
    }

    public PxFormatException()
    {
        Reason = string.Empty;
    }

    public PxFormatException(string message)
        : base(message)
    {
        Reason = message;
    }

    public PxFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>The 1-based line number of the problem.</summary>
    public int Line { get; }

    /// <summary>The keyword being read, e.g. <c>VALUES("sector")</c>, or null.</summary>
    public string? Keyword { get; }

    private static string Compose(string reason, int line, string? keyword) =>
        keyword is null
            ? string.Create(CultureInfo.InvariantCulture, $"PX line {line}: {reason}")
            : string.Create(CultureInfo.InvariantCulture, $"PX line {line}, keyword {keyword}: {reason}");
}

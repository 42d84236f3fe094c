namespace Barometer.Publishing.Results;

/// <summary>The published results cannot be read (missing store, locked or unreadable backend).</summary>
public sealed class PublishedResultsException : Exception
{
    public PublishedResultsException()
    {
    }

    public PublishedResultsException(string message)
        : base(message)
    {
    }

    public PublishedResultsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

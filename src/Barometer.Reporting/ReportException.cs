namespace Barometer.Reporting;

/// <summary>A report cannot be generated (no such release, unreadable store, missing renderer or browser); the message says how to fix it.</summary>
public sealed class ReportException : Exception
{
    public ReportException()
    {
    }

    public ReportException(string message)
        : base(message)
    {
    }

    public ReportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

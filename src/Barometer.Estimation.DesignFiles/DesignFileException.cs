namespace Barometer.Estimation.DesignFiles;

/// <summary>
/// A design file, a data file or their combination that cannot be estimated, with a message that names the file,
/// the line or key and what was expected; the command line shows it as the user's error.
/// </summary>
public sealed class DesignFileException : Exception
{
    public DesignFileException(string message)
        : base(message)
    {
    }

    public DesignFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DesignFileException()
    {
    }
}
